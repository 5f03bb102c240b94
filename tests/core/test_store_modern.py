"""The library with whole-force reports: the migration from a version 1 library, one report
per (force, cycle, section), later copies that regrade, and several reports in one file."""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlite_utils

from peelviewer.core import store as store_module
from peelviewer.core.importer import import_paths, parse_file
from peelviewer.core.model import Grade
from peelviewer.core.store import ADDED, SCHEMA_VERSION, UNCHANGED, UPDATED, Store
from tests.conftest import FIXTURES

MODERN = FIXTURES / "modern"


def add(store, report, sha):
    return store.add_report(report, sha256=sha * 64, file_name=f"{sha}.txt", kind="txt",
                            size=1)


def make_version_1_library(path, hampshire):
    """A library as the previous release wrote it: only the first migration, rows inserted
    with its columns, format number 1."""
    db = sqlite_utils.Database(path)
    db.enable_wal()
    store_module.migrations.apply(db, stop_before="m002_sections_and_catalogue")
    report = parse_file(hampshire)
    report_id = db.execute(
        "insert into reports (force_id, cycle, pillar, headline, grade, grade_source, "
        "last_updated, summary, warnings, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [report.force_id, report.cycle, report.pillar, report.headline, "Good", "stated",
         report.last_updated.isoformat(), report.summary, "[]", "2026-01-01T00:00:00"],
    ).lastrowid
    for q in report.questions:
        question_id = db.execute(
            "insert into questions (report_id, number, text, grade, grade_source, "
            "carried_over, narrative) values (?, ?, ?, ?, ?, ?, ?)",
            [report_id, q.number, q.text, q.grade.label, q.grade_source, 0, q.narrative],
        ).lastrowid
        for position, f in enumerate(q.findings, start=1):
            db.execute("insert into findings (report_id, question_id, kind, position, text, "
                       "lead_in) values (?, ?, ?, ?, ?, ?)",
                       [report_id, question_id, f.kind, position, f.text, f.lead_in])
    db.execute("insert into sources (sha256, report_id, file_name, kind, size, imported_at) "
               "values (?, ?, ?, ?, ?, ?)", ["f" * 64, report_id, hampshire.name, "txt", 1,
                                             "2026-01-01T00:00:00"])
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()
    return report


def test_a_version_1_library_is_upgraded_without_losing_anything(tmp_path, hampshire):
    path = tmp_path / "old.peeldb"
    original = make_version_1_library(path, hampshire)
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        upgraded = store.report("hampshire", "2016", "legitimacy")
        assert upgraded == original  # every question, grade, narrative and finding
        assert [q.key for q in upgraded.questions] == [
            "treatment-of-public", "ethical-behaviour", "positive-workplace"]
        assert store.source_names("hampshire", "2016", "legitimacy") == [hampshire.name]
        # and the upgraded library takes whole-force reports beside its pillar pages
        summary = import_paths(store, [MODERN / "2023-25-table-columns.txt"])
        assert summary.line() == "1 added, 0 updated, 0 unchanged, 0 failed"
        assert store.sections("2023-25") == ["force"]


def test_a_whole_force_report_reads_back_equal_to_the_parsed_one(store):
    report = parse_file(MODERN / "2021-22-original-template.txt")
    assert add(store, report, "a") == ADDED
    assert store.report("suffolk", "2021/22", "force") == report


def test_a_second_copy_of_a_whole_force_report_is_one_report_not_two(store):
    text = MODERN / "2023-25-table-columns.txt"
    html = MODERN / "html" / "2023-25-hertfordshire.html"
    summary = import_paths(store, [text, html])
    assert [r.outcome for r in summary.results] == ["added", UNCHANGED]
    assert store.counts()["reports"] == 1
    assert store.source_names("hertfordshire", "2023-25", "force") == [text.name, html.name]


def test_a_later_copy_that_regrades_wins_and_the_change_is_remembered(store):
    first = parse_file(MODERN / "2023-25-disagreement.txt")
    key = "investigating-crime"
    regraded = dataclasses.replace(
        first, last_updated=first.last_updated + dt.timedelta(days=40),
        questions=tuple(dataclasses.replace(q, grade=Grade.REQUIRES_IMPROVEMENT, findings=())
                        if q.key == key else q for q in first.questions))
    assert regraded.richness < first.richness  # poorer, but later: it still wins
    assert add(store, first, "a") == ADDED
    assert add(store, regraded, "b") == UPDATED
    stored = next(q for q in store.report("essex", "2023-25", "force").questions
                  if q.key == key)
    assert (stored.grade, stored.previous_grade) == (Grade.REQUIRES_IMPROVEMENT, Grade.ADEQUATE)
    # an earlier copy never replaces a later one, however rich
    assert add(store, first, "c") == UNCHANGED


def test_a_later_copy_with_the_same_grades_and_less_text_changes_nothing(store):
    full = parse_file(MODERN / "2023-25-table-columns.txt")
    later_partial = dataclasses.replace(
        full, published=full.published + dt.timedelta(days=1),
        questions=tuple(dataclasses.replace(q, narrative="", findings=())
                        for q in full.questions))
    assert add(store, full, "a") == ADDED
    assert add(store, later_partial, "b") == UNCHANGED


def test_every_report_of_one_file_is_stored_in_one_transaction(store, hampshire,
                                                               hertfordshire):
    reports = [parse_file(hampshire), parse_file(hertfordshire)]
    outcomes = store.add_reports(reports, sha256="9" * 64, file_name="both.pdf", kind="pdf",
                                 size=1)
    assert outcomes == [ADDED, ADDED]
    assert store.source_names("hertfordshire", "2016", "legitimacy") == ["both.pdf"]
    assert store.source_names("hampshire", "2016", "legitimacy") == ["both.pdf"]
    assert store.add_reports(reports, sha256="9" * 64, file_name="both.pdf", kind="pdf",
                             size=1) == [UNCHANGED, UNCHANGED]


def test_the_2018_19_report_of_three_pillars_imports_as_three_reports(store):
    path = FIXTURES / "official" / "2018-19-integrated-official.txt"
    [result] = import_paths(store, [path]).results
    assert (result.outcome, result.report_key) == ("added", (
        "avon-and-somerset/2018/19/effectiveness, avon-and-somerset/2018/19/efficiency, "
        "avon-and-somerset/2018/19/legitimacy"))
    assert store.sections("2018/19") == ["effectiveness", "efficiency", "legitimacy"]
    for pillar in ("effectiveness", "efficiency", "legitimacy"):
        assert store.source_names("avon-and-somerset", "2018/19", pillar) == [path.name]
    again = import_paths(store, [path]).results[0]
    assert again.outcome == UNCHANGED


def test_a_report_removed_from_a_file_of_three_comes_back_when_the_file_is_imported_again(
        tmp_path):
    from peelviewer.core.importer import import_paths

    path = FIXTURES / "official" / "2018-19-integrated-official.txt"
    store = Store.open(tmp_path / "lib.peeldb")
    import_paths(store, [path])
    keys = sorted((r["force_id"], r["cycle"], r["section"]) for r in store.report_rows())
    assert len(keys) == 3
    assert store.remove_report(*keys[0])
    assert len(store.report_rows()) == 2
    [again] = import_paths(store, [path]).results
    assert again.outcome == "added"
    assert sorted((r["force_id"], r["cycle"], r["section"]) for r in store.report_rows()) == keys
    assert [list(store.source_names(*key)) for key in keys] == [[path.name]] * 3
    store.close()
