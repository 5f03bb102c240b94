"""Opening a library from the app: damaged files moved aside, newer or foreign ones left alone."""

import sqlite3
import subprocess

import pytest

from peelviewer.core.store import SCHEMA_VERSION, Store
from peelviewer.ui.application import open_library
from tests.library_faults import damage_pages, sample_library, small_disk
from tests.ui.conftest import RecordingDialogs


def test_a_damaged_library_is_moved_aside_and_a_new_one_created(tmp_path):
    path = sample_library(tmp_path / "library.peeldb")
    damage_pages(path, every=5)
    damaged = path.read_bytes()
    dialogs = RecordingDialogs()
    store, status = open_library(path, dialogs)
    assert store is not None
    assert store.counts()["reports"] == 0
    store.close()
    moved = tmp_path / "library.peeldb.damaged"
    assert moved.read_bytes() == damaged
    [(title, text)] = dialogs.shown
    assert title == "The library was damaged"
    assert "library.peeldb.damaged" in text
    assert f'peelviewer --db "{moved}"' in text  # how to open it again
    assert "damaged" in status


def test_a_library_moved_aside_opens_again_read_only(tmp_path):
    path = sample_library(tmp_path / "library.peeldb")
    damage_pages(path, every=9)
    store, _ = open_library(path, RecordingDialogs())
    store.close()
    moved = tmp_path / "library.peeldb.damaged"
    before = moved.read_bytes()
    dialogs = RecordingDialogs()
    store, status = open_library(moved, dialogs)
    assert dialogs.shown == []
    assert store.counts()["reports"] == 2  # what SQLite can still read
    assert "opened read-only" in status
    store.close()
    assert moved.read_bytes() == before


def test_a_second_damaged_library_never_overwrites_the_first_one_moved_aside(tmp_path):
    path = sample_library(tmp_path / "library.peeldb")
    damage_pages(path, every=5)
    (tmp_path / "library.peeldb.damaged").write_bytes(b"first")
    store, _ = open_library(path, RecordingDialogs())
    store.close()
    assert (tmp_path / "library.peeldb.damaged").read_bytes() == b"first"
    assert len(list(tmp_path.glob("library.peeldb.*.damaged"))) == 1


def test_a_file_that_is_not_sqlite_is_never_moved_aside(tmp_path):
    path = tmp_path / "library.peeldb"
    path.write_bytes(b"this was never a library" * 200)
    dialogs = RecordingDialogs()
    store, _ = open_library(path, dialogs)
    assert store is None
    assert path.read_bytes() == b"this was never a library" * 200
    assert dialogs.shown[0][0] == "This is not a PEEL Viewer library"
    assert not list(tmp_path.glob("*.damaged"))


def test_a_library_on_a_read_only_disk_is_never_moved_aside(tmp_path):
    with small_disk(2048) as disk:
        if disk is None:
            pytest.skip("cannot mount a disk here")
        path = sample_library(disk / "library.peeldb")
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        dialogs = RecordingDialogs()
        store, _ = open_library(path, dialogs)
        assert store is None
        [(title, text)] = dialogs.shown
        assert title == "No permission to use the library"
        assert "the disk holding library.peeldb is read-only" in text
        assert path.read_bytes() == before
        assert not list(disk.glob("*.damaged"))


def test_an_empty_library_file_is_started_afresh_and_the_user_told(tmp_path):
    path = tmp_path / "library.peeldb"
    path.touch()
    dialogs = RecordingDialogs()
    store, status = open_library(path, dialogs)
    assert store.counts()["reports"] == 0
    store.close()
    assert "was an empty file (0 bytes)" in status
    assert dialogs.shown == []


def test_a_library_folder_that_cannot_be_made_is_said_before_the_window_opens(tmp_path):
    from peelviewer.ui.application import run_window

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the library's folder should be")
    dialogs = RecordingDialogs()
    assert run_window(blocker / "library.peeldb", dialogs=dialogs) == 2
    [(title, text)] = dialogs.shown
    assert title == "No permission to use the library"
    assert f"cannot create the folder {blocker}" in text


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
    assert dialogs.shown[0][0] == "This is not a PEEL Viewer library"


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
