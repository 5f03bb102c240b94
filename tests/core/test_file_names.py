"""File names as they come: bytes that are not UTF-8, control characters and bidi overrides
import, are kept exactly in the library and are shown escaped, one line per name."""

import os
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from peelviewer.core import store as store_module
from peelviewer.core.importer import FileResult, import_paths, parse_file
from peelviewer.core.names import display_name, display_path
from peelviewer.core.store import SCHEMA_VERSION, Store

NOT_UTF8 = os.fsdecode(b"hampshire-\xff.txt")  # how Python names a file holding byte 0xff


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("hampshire.txt", "hampshire.txt"),
        ("café – ‘2016’.txt", "café – ‘2016’.txt"),
        ("two\nlines.txt", "two\\nlines.txt"),
        ("back\rspace\ttab.txt", "back\\rspace\\ttab.txt"),
        ("\x1b[31mred.txt", "\\x1b[31mred.txt"),
        ("bell\x07.txt", "bell\\x07.txt"),
        ("next\x85line.txt", "next\\u0085line.txt"),  # a C1 control, valid UTF-8
        ("report\u202etxt.exe", "report\\u202etxt.exe"),  # would show as "reportexe.txt"
        ("isolate\u2066x\u2069.txt", "isolate\\u2066x\\u2069.txt"),
        ("line\u2028separator.txt", "line\\u2028separator.txt"),
        (NOT_UTF8, "hampshire-\\xff.txt"),  # a byte, not U+00FF: never looks like "\u00ff"
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),  # Latin-1 bytes from an old disk
        ("C:\\reports\\a.txt", "C:\\reports\\a.txt"),  # backslashes are left alone
    ],
)
def test_a_name_is_shown_on_one_line_with_its_controls_escaped(name, shown):
    assert display_name(name) == shown
    assert display_name(Path("/somewhere") / name) == shown
    assert shown.isprintable()  # no line break, no control


def test_a_whole_path_is_shown_escaped_too():
    assert display_path(Path("/in\nbox") / NOT_UTF8) == "/in\\nbox/hampshire-\\xff.txt"


def test_a_file_name_that_is_not_utf8_imports_and_the_library_keeps_its_bytes(
        store, hampshire, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(hampshire, folder / NOT_UTF8)
    summary = import_paths(store, [folder])
    [result] = summary.results
    assert result.line() == "added: hampshire-\\xff.txt (hampshire/2016/legitimacy)"
    row = store.db.execute("select file_name, file_name_bytes from sources").fetchone()
    assert row == ("hampshire-\\xff.txt", b"hampshire-\xff.txt")
    assert os.fsdecode(row[1]) == NOT_UTF8  # the exact name: the file can be found again
    assert store.source_names("hampshire", "2016", "legitimacy") == ["hampshire-\\xff.txt"]


def test_a_name_with_a_newline_is_stored_as_it_is_and_shown_on_one_line(
        store, hampshire, tmp_path):
    named = tmp_path / "hampshire\n2016\u202e.txt"
    shutil.copy(hampshire, named)
    [result] = import_paths(store, [named]).results
    assert result.line() == ("added: hampshire\\n2016\\u202e.txt "
                             "(hampshire/2016/legitimacy)")
    # Valid UTF-8 is stored as text, exactly; only the display escapes it.
    row = store.db.execute("select file_name, file_name_bytes from sources").fetchone()
    assert row == ("hampshire\n2016\u202e.txt", None)
    assert store.source_names("hampshire", "2016", "legitimacy") == [
        "hampshire\\n2016\\u202e.txt"]


def test_a_failure_reason_is_one_line_too():
    result = FileResult(Path(NOT_UTF8), "failed", "not a PEEL report page: 'A\nB\x1b'")
    assert result.line() == "failed: hampshire-\\xff.txt: not a PEEL report page: 'A\\nB\\x1b'"


def make_version_2_library(path: Path, report_path: Path):
    """A library as release 2 wrote it: the first two migrations, rows with their columns,
    format number 2."""
    db = sqlite_utils.Database(path)
    db.enable_wal()
    store_module.migrations.apply(db, stop_before="m003_file_name_bytes")
    report = parse_file(report_path)
    report_id = db.execute(
        "insert into reports (force_id, cycle, pillar, section, scale, headline, grade, "
        "grade_source, last_updated, published, summary, warnings, imported_at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [report.force_id, report.cycle, report.pillar, report.section, 4, report.headline,
         report.grade.label, report.grade_source, report.last_updated.isoformat(), None,
         report.summary, "[]", "2026-01-01T00:00:00"],
    ).lastrowid
    for q in report.questions:
        question_id = db.execute(
            "insert into questions (report_id, number, key, text, grade, grade_source, "
            "carried_over, graded, previous_grade, narrative) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, q.number, q.key, q.text, q.grade.label, q.grade_source, 0, 1, None,
             q.narrative],
        ).lastrowid
        for position, f in enumerate(q.findings, start=1):
            db.execute("insert into findings (report_id, question_id, kind, position, text, "
                       "lead_in, detail) values (?, ?, ?, ?, ?, ?, ?)",
                       [report_id, question_id, f.kind, position, f.text, f.lead_in,
                        f.detail])
    db.execute("insert into sources (sha256, report_id, file_name, kind, size, imported_at) "
               "values (?, ?, ?, ?, ?, ?)", ["f" * 64, report_id, report_path.name, "txt", 1,
                                             "2026-01-01T00:00:00"])
    db.execute("PRAGMA user_version = 2")
    db.conn.commit()
    db.close()
    return report


def table_rows(db: sqlite_utils.Database, columns: dict[str, list[str]]) -> dict:
    return {table: db.execute(f"select {', '.join(names)} from [{table}] order by rowid")
            .fetchall() for table, names in columns.items()}


def test_a_version_2_library_is_upgraded_keeping_everything(tmp_path, hampshire,
                                                                  hertfordshire):
    path = tmp_path / "release-2.peeldb"
    original = make_version_2_library(path, hampshire)
    db = sqlite_utils.Database(path)
    columns = {t: db[t].columns_dict.keys() for t in db.table_names()
               if not t.startswith("_") and "_fts" not in t}
    before = table_rows(db, {t: list(names) for t, names in columns.items()})
    db.close()
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert table_rows(store.db, {t: list(names) for t, names in columns.items()}) == before
        assert store.report("hampshire", "2016", "legitimacy") == original
        assert store.search("feedback")  # the search index came through too
        assert store.db.execute("select file_name_bytes from sources").fetchall() == [(None,)]
        assert store.source_names("hampshire", "2016", "legitimacy") == [hampshire.name]
        # and the upgraded library takes a name that is not UTF-8
        folder = tmp_path / "new"
        folder.mkdir()
        shutil.copy(hertfordshire, folder / os.fsdecode(b"herts-\xfe.txt"))
        assert import_paths(store, [folder]).line() == "1 added, 0 updated, 0 unchanged, 0 failed"
        assert store.source_names("hertfordshire", "2016", "legitimacy") == ["herts-\\xfe.txt"]
    with Store.open(path) as store:  # opening again has nothing left to do
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
