"""Opening a library from the app: damaged files moved aside, newer or foreign ones left alone."""

import sqlite3

from peelviewer.core.store import SCHEMA_VERSION, Store
from peelviewer.ui.application import open_library
from tests.ui.conftest import RecordingDialogs


def test_a_damaged_library_is_moved_aside_and_a_new_one_created(tmp_path):
    path = tmp_path / "library.peeldb"
    path.write_bytes(b"this was a library once" * 200)
    dialogs = RecordingDialogs()
    store, status = open_library(path, dialogs)
    assert store is not None
    assert store.counts()["reports"] == 0
    store.close()
    moved = tmp_path / "library.peeldb.damaged"
    assert moved.read_bytes() == b"this was a library once" * 200
    [(title, text)] = dialogs.shown
    assert title == "The library was damaged"
    assert "library.peeldb.damaged" in text
    assert "damaged" in status


def test_a_second_damaged_library_never_overwrites_the_first_one_moved_aside(tmp_path):
    path = tmp_path / "library.peeldb"
    (tmp_path / "library.peeldb.damaged").write_bytes(b"first")
    path.write_bytes(b"second damaged file" * 100)
    store, _ = open_library(path, RecordingDialogs())
    store.close()
    assert (tmp_path / "library.peeldb.damaged").read_bytes() == b"first"
    assert len(list(tmp_path.glob("library.peeldb.*.damaged"))) == 1


def test_a_library_from_a_newer_version_is_refused_with_a_message(tmp_path):
    path = tmp_path / "library.peeldb"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    before = path.read_bytes()
    dialogs = RecordingDialogs()
    store, _ = open_library(path, dialogs)
    assert store is None
    assert "newer PEEL Viewer" in dialogs.shown[0][1]
    assert path.read_bytes() == before
    assert not (tmp_path / "library.peeldb.damaged").exists()


def test_a_file_that_is_not_a_library_file_is_never_moved(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n" * 100)
    dialogs = RecordingDialogs()
    store, _ = open_library(path, dialogs)
    assert store is None
    assert path.read_text() == "my notes\n" * 100
    assert dialogs.shown[0][0] == "Cannot open the library"


def test_the_app_has_its_icon_at_every_size(qapp):
    from peelviewer.ui.application import make_application

    sizes = {size.width() for size in make_application().windowIcon().availableSizes()}
    assert sizes >= {16, 32, 48, 64, 128, 256, 512}


def test_finder_file_open_events_wait_for_the_window_then_go_to_it(qapp, tmp_path):
    from pathlib import Path

    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from peelviewer.ui.application import FileOpenEvents

    events = FileOpenEvents(qapp)
    QApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "early.pdf")))
    assert events.pending == [tmp_path / "early.pdf"]
    received = []
    events.filesOpened.connect(received.append)
    events.ready = True
    QApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "late.html")))
    assert received == [[Path(tmp_path / "late.html")]]
    qapp.removeEventFilter(events)
