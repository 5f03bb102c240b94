"""The window when its library fails under it: said once in one line, kept in view, never a
traceback, and a damaged library never written."""

from __future__ import annotations

import sqlite3

import pytest

from peelviewer.core.store import Store
from tests.conftest import FIXTURES
from tests.library_faults import damage_pages, fill_disk, sample_library, small_disk


def real_damage_error(tmp_path) -> sqlite3.DatabaseError:
    """The error SQLite raises when it reads a damaged page (taken from a damaged copy)."""
    copy = sample_library(tmp_path / "copy.peeldb")
    damage_pages(copy)
    conn = sqlite3.connect(copy)
    try:
        conn.execute("select count(*) from findings").fetchone()
    except sqlite3.DatabaseError as error:
        return error
    finally:
        conn.close()
    raise AssertionError("the damaged copy read without error")


@pytest.fixture
def failing_window(make_window, tmp_path, monkeypatch):
    """A window on a sound library, and `fail(*methods)`, after which those methods of its
    store raise what SQLite raises on a damaged page."""
    store = Store.open(sample_library(tmp_path / "lib.peeldb"))
    window = make_window(store)
    error = real_damage_error(tmp_path)

    def damaged(*_args, **_kwargs):
        raise error

    def fail(*methods):
        for method in methods:
            monkeypatch.setattr(store, method, damaged)

    yield window, fail
    store.close()


def test_damage_found_while_the_window_is_open_is_said_once_and_stops_every_write(
        failing_window):
    window, fail = failing_window
    store = window.store
    fail("question_cells", "pillar_cells")
    window.reload()
    window.reload()
    [(title, text)] = window.dialogs.shown
    assert title == "The library is damaged"
    assert "lib.peeldb is damaged (SQLite: database disk image is malformed)" in text
    assert "will not write to it again" in text
    assert window.problem.isVisible()
    assert window.problem.text() == "The library is damaged"
    assert "damaged" in window.statusBar().currentMessage()
    menu = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert not menu["&Import files…"].isEnabled()
    assert not menu["Import &folder…"].isEnabled()
    before = store.path.read_bytes()
    window.start_import([FIXTURES / "welsh-banner.txt"])
    assert window.import_job is None
    assert window.dialogs.shown[-1][0] == "Import refused"
    assert store.path.read_bytes() == before


def test_a_library_damaged_on_disk_refuses_the_windows_import(make_window, tmp_path, qtbot):
    library = sample_library(tmp_path / "lib.peeldb")
    store = Store.open(library)
    window = make_window(store)
    damage_pages(library, every=5)  # under the open window
    before = library.read_bytes()
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=60000,
                          check_params_cb=lambda message: message.startswith("Import failed")):
        window.start_import([FIXTURES / "welsh-banner.txt"])
    [(title, text)] = window.dialogs.shown
    assert title == "The library is damaged"
    assert "lib.peeldb is damaged" in text
    assert window.problem.text() == "The library is damaged"
    assert library.read_bytes() == before
    window.start_import([FIXTURES / "welsh-banner.txt"])  # now refused without trying
    assert window.dialogs.shown[-1][0] == "Import refused"


def test_a_full_disk_stops_the_import_says_so_once_and_the_window_goes_on(
        make_window, qtbot):
    with small_disk(1024) as disk:
        if disk is None:
            pytest.skip("cannot mount a small disk here")
        store = Store.open(sample_library(disk / "lib.peeldb"))
        window = make_window(store)
        fill_disk(disk)
        with qtbot.waitSignal(window.importFinished, timeout=60000) as finished:
            window.start_import(sorted(FIXTURES.glob("201[4-8]-*.txt")))
        summary = finished.args[0]
        [failed] = summary.failed  # the first file that met the full disk, then no more
        assert "no space left" in failed.reason
        assert summary.not_tried > 0
        [(title, text)] = window.dialogs.shown
        assert title == "The disk is full"
        assert "Free some space" in text
        assert "not tried" in window.statusBar().currentMessage()
        assert window.grid is not None
        assert len(window.grid.rows) == 2  # the views still show the library
        assert not list(disk.glob("*.damaged"))
        window.close()
        store.close()


def test_the_window_and_the_command_line_import_into_one_library_at_once(
        make_window, tmp_path, qtbot):
    import subprocess
    import sys

    from tests.bench.corpus import write_corpus
    from tests.library_faults import ROOT

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 80, seed=12)
    files = sorted(corpus.rglob("*.txt"))
    store = Store.open(tmp_path / "lib.peeldb")
    window = make_window(store)
    command = subprocess.Popen(
        [sys.executable, "-m", "peelviewer", "import", "--db", str(store.path),
         *map(str, files[1::2])], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT)
    with qtbot.waitSignal(window.importFinished, timeout=120000) as finished:
        window.start_import(files[0::2])
    out, err = command.communicate(timeout=300)
    reasons = [r.reason for r in finished.args[0].failed] + [
        line for line in out.splitlines() if line.startswith("failed:")]
    assert not [r for r in reasons if "in use" in r or "locked" in r or "busy" in r]
    assert "Traceback" not in err
    assert command.returncode in (0, 1)  # 1: some corpus files fail for their content


def test_a_library_on_a_read_only_disk_is_said_before_the_window_opens(tmp_path):
    import subprocess

    from peelviewer.ui.application import run_window
    from tests.ui.conftest import RecordingDialogs

    with small_disk(512) as disk:
        if disk is None:
            pytest.skip("cannot mount a disk here")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        dialogs = RecordingDialogs()
        assert run_window(disk / "lib.peeldb", dialogs=dialogs) == 2
        [(title, text)] = dialogs.shown
        assert title == "No permission to use the library"
        assert "is read-only" in text
        assert "not answering" not in text


def test_every_view_that_reads_the_library_reports_a_failure_instead_of_stopping(
        failing_window):
    window, fail = failing_window
    fail("report", "force_reports")
    window.open_cell(0, 0)  # the question pane
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016", "legitimacy"))
    window.force_list.forcesSelected.emit(["hampshire"])
    assert window.tabs.currentWidget() is not window.compare_view
    [(title, _text)] = window.dialogs.shown  # said once, however many views met it
    assert title == "The library is damaged"
    assert window.problem.isVisible()
