"""The command line as a user runs it: real processes, real files, exit codes and messages."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONTRACT_KEYS = {"force", "cycle", "pillar", "headline", "last_updated", "published", "scale",
                 "grade", "grade_source", "summary", "questions", "warnings"}
QUESTION_KEYS = {"number", "key", "text", "graded", "grade", "grade_source", "carried_over",
                 "narrative", "areas_for_improvement", "causes_of_concern", "recommendations",
                 "practice", "previous_grade"}


def peelviewer(*args, env=None):
    return subprocess.run([sys.executable, "-m", "peelviewer", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_parse_json_follows_the_contract(hertfordshire):
    result = peelviewer("parse", hertfordshire, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == CONTRACT_KEYS
    assert data["force"] == {"id": "hertfordshire", "name": "Hertfordshire Constabulary"}
    assert (data["cycle"], data["pillar"], data["last_updated"]) == (
        "2016", "legitimacy", "2016-12-08")
    assert (data["grade"], data["grade_source"]) == ("Good", "stated")
    assert data["headline"] == ("How legitimate is the force at keeping people safe and "
                                "reducing crime?")
    assert [set(q) for q in data["questions"]] == [QUESTION_KEYS] * 3
    assert data["scale"] == 4
    assert [q["key"] for q in data["questions"]] == [
        "treatment-of-public", "ethical-behaviour", "positive-workplace"]
    assert all(q["graded"] for q in data["questions"])
    q2 = data["questions"][1]
    assert (q2["number"], q2["grade"], q2["carried_over"]) == (2, "Requires improvement", False)
    assert q2["text"] == "How well does the force ensure that its workforce behaves ethically " \
                         "and lawfully?"
    assert len(q2["recommendations"]) == 4
    assert q2["causes_of_concern"][0].startswith("The risks that HMIC identified in 2014")
    assert data["summary"].startswith("Hertfordshire Constabulary has been assessed as good")
    assert data["warnings"] == []


def test_parse_without_json_is_a_readable_summary(hampshire):
    result = peelviewer("parse", hampshire)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Hampshire Constabulary · PEEL 2016 · Legitimacy"
    assert "Last updated: 8 December 2016 · Grade: Good" in result.stdout
    assert "Grade: Requires improvement" in result.stdout
    assert "3 areas for improvement:" in result.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"Team meeting notes\n\nActions: book the room.\n", "no 'X PEEL YYYY' title found"),
        (b"Kent\n\nOther inspections\n\nCustody suites\n", "not a PEEL pillar page"),
        (bytes(range(256)) * 16, "binary file, not a report"),
    ],
)
def test_parse_of_a_bad_file_exits_2_with_one_line_naming_file_and_reason(tmp_path, content,
                                                                         reason):
    bad = tmp_path / "bad input.txt"
    bad.write_bytes(content)
    result = peelviewer("parse", bad, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert str(bad) in line
    assert reason in line
    assert "Traceback" not in result.stderr


def test_import_list_and_search_work_on_one_library(tmp_path, hampshire, hertfordshire):
    db = tmp_path / "lib.peeldb"
    bad = tmp_path / "agenda.txt"
    bad.write_text("Agenda\n\n1. Apologies\n")
    result = peelviewer("import", hampshire, hertfordshire, bad, "--db", db)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"added: {hampshire.name} (hampshire/2016/legitimacy)"
    assert lines[2].startswith("failed: agenda.txt: not a PEEL report page")
    assert lines[3].startswith("2 added, 0 updated, 0 unchanged, 1 failed")

    again = peelviewer("import", hampshire, "--db", db)
    assert again.returncode == 0
    assert again.stdout.startswith(f"unchanged: {hampshire.name}: already imported")

    listed = json.loads(peelviewer("list", "--db", db, "--json").stdout)
    assert [(r["force_id"], r["grade"]) for r in listed] == [("hampshire", "Good"),
                                                            ("hertfordshire", "Good")]
    assert [q["grade"] for q in listed[1]["questions"]] == ["Good", "Requires improvement",
                                                            "Good"]
    text = peelviewer("list", "--db", db).stdout
    assert "Hertfordshire Constabulary" in text
    assert "Q2:RI" in text

    found = peelviewer("search", "annual", "leave", "--db", db).stdout
    assert "Hertfordshire Constabulary · 2016 legitimacy · Q3" in found
    assert "[annual]" in found or "[leave]" in found


def test_a_library_that_cannot_be_opened_is_one_line_exit_2(tmp_path):
    db = tmp_path / "garbage.peeldb"
    db.write_bytes(b"this is not sqlite" * 100)
    result = peelviewer("list", "--db", db)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "not a PEEL Viewer library" in result.stderr


def test_first_launch_opens_the_window_on_the_bundled_samples(tmp_path):
    db = tmp_path / "first.peeldb"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = peelviewer("--db", db, "--quit-when-ready", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(peelviewer("list", "--db", db, "--json").stdout)
    assert [r["force_id"] for r in listed] == ["hampshire", "hertfordshire"]


def test_version():
    result = peelviewer("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("PEEL Viewer ")


def test_html_and_pdf_copies_import_from_the_command_line(qapp, tmp_path, kent_html,
                                                          hertfordshire):
    from tests.conftest import print_to_pdf

    pdf = print_to_pdf(hertfordshire.read_text(encoding="utf-8"), tmp_path / "herts.pdf")
    db = tmp_path / "lib.peeldb"
    result = peelviewer("import", kent_html, pdf, "--db", db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"added: {kent_html.name} (kent/2017/legitimacy)",
        "added: herts.pdf (hertfordshire/2016/legitimacy)",
    ]
    assert result.stderr == ""
    parsed = json.loads(peelviewer("parse", pdf, "--json").stdout)
    assert [len(q["recommendations"]) for q in parsed["questions"]] == [0, 4, 0]


@pytest.mark.gui  # the window opens (in a child process)
def test_files_given_at_launch_are_imported_as_a_double_click_would(tmp_path, kent_html):
    db = tmp_path / "lib.peeldb"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = peelviewer("--db", db, "--quit-after-paint", kent_html, env=env)
    assert result.returncode == 0, result.stderr
    listed = json.loads(peelviewer("list", "--db", db, "--json").stdout)
    assert [r["force_id"] for r in listed] == ["hampshire", "hertfordshire", "kent"]


def test_kill_9_in_the_middle_of_an_import_leaves_a_sound_library(tmp_path):
    from peelviewer.core.importer import parse_file
    from peelviewer.core.store import Store
    from tests.bench.corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 500, seed=7)
    db = tmp_path / "lib.peeldb"
    process = subprocess.Popen(
        [sys.executable, "-m", "peelviewer", "import", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE, text=True)
    for _ in range(150):  # one line per file imported
        assert process.stdout.readline()
    process.kill()
    process.wait()
    process.stdout.close()
    assert process.returncode == -9

    store = Store.open(db)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    files: dict[str, list] = {}
    for path in corpus.rglob("*.txt"):
        files.setdefault(path.name, []).append(path)
    rows = store.report_rows()
    assert len(rows) >= 50
    for row in rows:
        stored = store.report(row["force_id"], row["cycle"], row["pillar"])
        # Complete: the stored report is exactly one of its source files, all questions in.
        names = store.source_names(row["force_id"], row["cycle"], row["pillar"])
        candidates = [parse_file(path) for name in names for path in files[name]]
        assert stored in candidates
    store.close()


def test_compare_prints_aligned_rows_and_json(tmp_path, hampshire, hertfordshire):
    db = tmp_path / "lib.peeldb"
    peelviewer("import", hertfordshire, "--db", db)
    text = peelviewer("compare", hampshire, "hertfordshire/2016/legitimacy", "--db", db,
                      "--question", "2")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[:2] == ["A: Hampshire Constabulary · PEEL 2016 legitimacy",
                         "B: Hertfordshire Constabulary · PEEL 2016 legitimacy"]
    assert "   A: Good · B: Requires improvement · similarity" in text.stdout
    assert any(line.startswith("= A: In our 2016 national overview") for line in lines)
    data = json.loads(peelviewer("compare", hampshire, hertfordshire, "--json").stdout)
    assert [s["key"] for s in data["sections"]] == ["summary", "q1", "q2", "q3"]
    q3 = data["sections"][3]
    assert (q3["left_grade"], q3["right_grade"]) == ("Requires improvement", "Good")
    assert {row["kind"] for row in q3["rows"]} <= {"equal", "replace", "delete", "insert",
                                                  "moved", "topic"}
    missing = peelviewer("compare", hampshire, "kent/2016/legitimacy", "--db", db)
    assert missing.returncode == 2
    assert missing.stderr.strip() == ("peelviewer: kent/2016/legitimacy: no such report in "
                                      "the library")


def test_a_double_clicked_library_file_opens_as_the_library(tmp_path, hertfordshire):
    library = tmp_path / "my reports.peeldb"
    assert peelviewer("import", hertfordshire, "--db", library).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PEELVIEWER_DB": str(tmp_path / "default.peeldb")}
    result = peelviewer(library, "--quit-when-ready", env=env)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "default.peeldb").exists()  # the double-clicked one was opened
    two = peelviewer(library, tmp_path / "other.peeldb", "--quit-when-ready", env=env)
    assert two.returncode == 2
    assert two.stderr.strip() == "peelviewer: open one library at a time"


def test_reading_commands_never_create_a_library(tmp_path):
    missing = tmp_path / "typo" / "lib.peeldb"
    for command in (["list"], ["search", "vetting"], ["export-csv"]):
        result = peelviewer(*command, "--db", missing)
        assert result.returncode == 2
        assert result.stderr.strip() == (f"peelviewer: no library at {missing} (import "
                                         "reports first, or check --db)")
    assert not missing.parent.exists()


def test_db_may_come_before_the_command(tmp_path, hampshire):
    db = tmp_path / "lib.peeldb"
    peelviewer("import", hampshire, "--db", db)
    result = peelviewer("--db", db, "list", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["force_id"] == "hampshire"


def test_an_unknown_force_in_a_reference_is_named(tmp_path, hampshire):
    result = peelviewer("compare", hampshire, "gotham/2016/legitimacy")
    assert result.returncode == 2
    assert result.stderr.strip() == ("peelviewer: gotham/2016/legitimacy: unknown force "
                                     "'gotham' (and no such file)")


def test_a_full_output_device_is_one_line_not_a_traceback(tmp_path, hampshire):
    db = tmp_path / "lib.peeldb"
    peelviewer("import", hampshire, "--db", db)
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "peelviewer", "list", "--db", str(db)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == ("peelviewer: cannot write the output: No space left on "
                                     "device")


def test_file_names_print_escaped_one_line_each(tmp_path, hampshire, hertfordshire):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(hampshire, folder / os.fsdecode(b"hampshire-\xff.txt"))  # not UTF-8
    odd = tmp_path / "herts\n\x1b[2J\u202e.txt"  # a line break, a terminal escape, an override
    shutil.copy(hertfordshire, odd)
    result = peelviewer("import", folder, odd, "--db", tmp_path / "lib.peeldb")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["added: hampshire-\\xff.txt (hampshire/2016/legitimacy)",
                         "added: herts\\n\\x1b[2J\\u202e.txt (hertfordshire/2016/legitimacy)"]
    assert lines[2].startswith("2 added, 0 updated, 0 unchanged, 0 failed")
    assert len(lines) == 3


def test_a_folder_the_user_may_not_read_is_a_failed_line_of_its_own(hampshire, hertfordshire):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        root.chmod(0o777)  # the library is written here, perhaps by another user
        reports = root / "reports"
        (reports / "private").mkdir(parents=True)
        shutil.copy(hampshire, reports / "hampshire.txt")
        shutil.copy(hertfordshire, reports / "private" / "hertfordshire.txt")
        command = [sys.executable, "-m", "peelviewer", "import", str(reports),
                   "--db", str(root / "lib.peeldb")]
        if os.geteuid() == 0:  # root reads every folder: run as nobody, who may not
            drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            if not shutil.which("setpriv") or subprocess.run(
                    [*drop, sys.executable, "-c", "import peelviewer.cli"], cwd=ROOT,
                    capture_output=True, check=False).returncode != 0:
                pytest.skip("cannot run as another user here")
            command = [*drop, *command]
            (reports / "private").chmod(0o700)
        else:
            (reports / "private").chmod(0)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                    cwd=ROOT, env=dict(os.environ, HOME=scratch,
                                                       PYTHONDONTWRITEBYTECODE="1"))
        finally:
            (reports / "private").chmod(0o700)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["failed: private: permission denied: cannot read this folder",
                         "added: hampshire.txt (hampshire/2016/legitimacy)"]
    assert lines[2].startswith("1 added, 0 updated, 0 unchanged, 1 failed")
