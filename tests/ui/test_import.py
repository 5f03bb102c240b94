"""Importing through the window: drag and drop, File > Import, progress, cancel, results,
and a second instance handing its files to the first."""

import shutil
import sys

import pytest
from PySide6.QtCore import QMimeData, QPointF, QProcess, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from peelviewer.core.store import Store
from peelviewer.ui.single_instance import FileReceiver, LibraryLock, server_name
from tests.conftest import FIXTURES, SAMPLES
from tests.ui.conftest import RecordingDialogs


@pytest.fixture
def empty_store(tmp_path):
    store = Store.open(tmp_path / "library.peeldb")
    yield store
    store.close()


def mime_with_files(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_and_drop(window, mime: QMimeData) -> tuple[bool, bool]:
    """Send a real drag-enter then drop; returns whether each was accepted."""
    position = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(position.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False, False
    drop = QDropEvent(position, actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True, drop.isAccepted()


def test_dropping_the_samples_adds_them_and_refreshes_the_heatmap(make_window, empty_store,
                                                                 qtbot):
    window = make_window(empty_store)
    assert window.grid.rows == ()
    assert window.centre.currentWidget() is window.empty_hint
    with qtbot.waitSignal(window.importFinished, timeout=20000) as finished:
        assert drag_and_drop(window, mime_with_files(sorted(SAMPLES.iterdir()))) == (True,
                                                                                      True)
    assert finished.args[0].line() == "2 added, 0 updated, 0 unchanged, 0 failed"
    assert [r.key for r in window.grid.rows] == ["hampshire", "hertfordshire"]
    assert window.centre.currentWidget() is window.heatmap
    assert window.statusBar().currentMessage() == "2 added, 0 updated, 0 unchanged, 0 failed"
    assert window.dialogs.results == []  # nothing failed or updated: no dialog


@pytest.mark.parametrize(("kind", "expected"), [
    ("text", "failed: the dropped text: not a PEEL report page"),
    ("link", "failed: ftp://www.example.org/peel/hampshire: only http and https links can be "
             "fetched, not ftp"),
])
def test_text_or_links_from_a_browser_are_imported_or_refused_in_one_line(
        make_window, empty_store, qtbot, kind, expected):
    """Browser drops are imported now (tests/ui/test_paste_and_drops.py); what is not a
    report, or a link that cannot be fetched, is said in one line."""
    window = make_window(empty_store)
    mime = QMimeData()
    if kind == "text":
        mime.setText("Hampshire PEEL 2016 Legitimacy ...")
    else:
        mime.setUrls([QUrl("ftp://www.example.org/peel/hampshire")])
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        assert drag_and_drop(window, mime) == (True, True)
    [(title, text)] = window.dialogs.shown
    assert title == "Import failed"
    assert text.startswith(expected)
    assert "\n" not in text
    assert window.statusBar().currentMessage() == text
    assert empty_store.counts()["reports"] == 0


def make_mixed_folder(folder, hampshire):
    """35 files: 2 samples, 21 fixtures (3 refused, 2 copies of one report), 5 byte-identical
    copies of a sample and 7 broken files."""
    folder.mkdir()
    for path in [*SAMPLES.iterdir(), *FIXTURES.glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    for i in range(5):  # byte-identical copies: unchanged
        shutil.copy(hampshire, folder / f"copy-{i}.txt")
    for i in range(7):
        (folder / f"broken-{i}.txt").write_bytes(b"\x00\x01binary" * (i + 1) * 50)
    files = sorted(folder.iterdir())
    assert len(files) == 35
    return files


def test_a_folder_of_35_files_shows_progress_and_lists_failures(make_window, empty_store,
                                                                qtbot, tmp_path, hampshire):
    window = make_window(empty_store)
    make_mixed_folder(tmp_path / "reports", hampshire)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as finished:
        window.start_import([tmp_path / "reports"])
    summary = finished.args[0]
    assert len(window.dialogs.progress_dialogs) == 1
    progress = window.dialogs.progress_dialogs[0]
    assert progress.maximum() == 35
    assert progress.labelText().startswith("35 of 35: ")
    assert summary.line() == "19 added, 1 updated, 5 unchanged, 10 failed"
    assert window.dialogs.results == [summary]
    reasons = {r.path.name: r.reason for r in summary.failed}
    assert reasons["broken-0.txt"] == "binary file, not a report"
    assert reasons["meeting-notes.txt"].startswith("not a PEEL report page")
    assert empty_store.counts()["reports"] == 19
    assert len(window.grid.rows) > 0


def test_cancel_keeps_what_was_imported_and_nothing_half_done(make_window, empty_store, qtbot,
                                                             tmp_path, hampshire):
    window = make_window(empty_store)
    make_mixed_folder(tmp_path / "reports", hampshire)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as finished:
        window.start_import([tmp_path / "reports"])
        job = window.import_job

        def cancel_at_five(done, _total, _name):
            if done == 5:  # runs on the worker thread, so the cancel lands mid-import
                job.cancel()

        job.worker.progress.connect(cancel_at_five, Qt.ConnectionType.DirectConnection)
    summary = finished.args[0]
    assert summary.cancelled
    assert 6 <= len(summary.results) < 35
    added = {r.report_key for r in summary.results if r.outcome == "added"}
    assert {f"{row['force_id']}/{row['cycle']}/{row['pillar']}"
            for row in empty_store.report_rows()} == added
    for row in empty_store.report_rows():  # every stored report has all its questions
        report = empty_store.report(row["force_id"], row["cycle"], row["pillar"])
        assert len(report.questions) == len(row["questions"]) > 0


def test_the_progress_dialogs_cancel_button_stops_the_import(make_window, empty_store,
                                                            tmp_path, qtbot):
    window = make_window(empty_store)
    window.start_import([tmp_path])  # an empty folder: the job finishes on its own
    job = window.import_job
    window.importer._import_counted(50)
    [progress] = window.dialogs.progress_dialogs
    button = progress.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.worker._stop.is_set()
    qtbot.waitUntil(lambda: window.import_job is None)


def test_file_import_and_folder_import_from_the_menu(make_window, empty_store, qtbot,
                                                     hertfordshire):
    window = make_window(empty_store)
    window.dialogs.to_import = [hertfordshire]
    file_menu = window.menuBar().actions()[0].menu()
    import_files = next(a for a in file_menu.actions() if a.text() == "&Import files…")
    assert import_files.shortcut().toString() == "Ctrl+O"
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        import_files.trigger()
    assert [r.key for r in window.grid.rows] == ["hertfordshire"]


def test_the_open_question_stays_open_after_an_import(make_window, samples_store, qtbot,
                                                      kent_html):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(window.grid.row_of("hampshire"), 2)
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        window.start_import([kent_html])
    assert (window.cycle, window.pillar) == ("2016", "legitimacy")
    assert window.detail.report.key == "hampshire/2016/legitimacy"
    assert window.detail.question.number == 3
    assert "kent" in [row["force_id"] for row in samples_store.report_rows()]


def test_a_second_instance_hands_its_file_to_the_first(qtbot, tmp_path, hertfordshire):
    library = tmp_path / "shared.peeldb"
    lock = LibraryLock(library)
    assert lock.acquire()
    receiver = FileReceiver(server_name(library))
    assert receiver.listening
    second = QProcess()
    second.setProgram(sys.executable)
    second.setArguments(["-m", "peelviewer", "--db", str(library), str(hertfordshire)])
    with qtbot.waitSignal(receiver.filesReceived, timeout=30000) as received:
        second.start()
    assert received.args[0] == [hertfordshire.resolve()]
    assert second.waitForFinished(30000)
    assert second.exitCode() == 0
    output = bytes(second.readAllStandardOutput().data()).decode()
    assert "passed 1 file(s)" in output
    assert not library.exists()  # the second instance never opened the library itself
    lock.release()


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    import subprocess

    library = tmp_path / "lib.peeldb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path;"
         "from peelviewer.ui.single_instance import LibraryLock;"
         f"lock = LibraryLock(Path({str(library)!r})); print(lock.acquire(), flush=True);"
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "True"
    assert not LibraryLock(library).acquire()  # held by a live process
    holder.kill()
    holder.wait()
    holder.stdin.close()
    holder.stdout.close()
    assert LibraryLock(library).acquire()


def test_recording_dialogs_cover_every_dialog_method():
    from peelviewer.ui.dialogs import Dialogs

    public = {name for name in dir(Dialogs) if not name.startswith("_")}
    assert public <= set(dir(RecordingDialogs))


def test_an_import_that_breaks_tells_the_user_and_frees_the_window(make_window, empty_store,
                                                                  qtbot, hampshire,
                                                                  monkeypatch):
    from peelviewer.ui import workers

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk vanished")

    monkeypatch.setattr(workers, "import_paths", broken)
    window = make_window(empty_store)
    window.start_import([hampshire])
    qtbot.waitUntil(lambda: window.import_job is None, timeout=20000)
    assert window.dialogs.shown[-1] == ("Import failed",
                                        "the import stopped: RuntimeError('disk vanished')")


def test_files_dropped_before_the_library_opens_are_imported_once_it_does(qtbot, settings,
                                                                          empty_store,
                                                                          hertfordshire):
    from peelviewer.ui.main_window import MainWindow
    from tests.ui.conftest import RecordingDialogs

    window = MainWindow(settings=settings, dialogs=RecordingDialogs())
    qtbot.addWidget(window)
    assert drag_and_drop(window, mime_with_files([hertfordshire])) == (True, True)
    assert empty_store.counts()["reports"] == 0
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        window.attach(empty_store)
    assert [r.key for r in window.grid.rows] == ["hertfordshire"]
