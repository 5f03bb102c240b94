"""File > Open library…, New library… and Remove report: the window switches to another library
(its lock and the hand-over of files from later launches follow it), or loses one report
after the user confirms."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from peelviewer.core.forces import force_by_id
from peelviewer.core.library_errors import StoreError
from peelviewer.core.model import section_words
from peelviewer.ui.library_guard import library_error_title, report_library_error

if TYPE_CHECKING:
    from peelviewer.core.model import Report
    from peelviewer.core.store import Store
    from peelviewer.ui.main_window import MainWindow
    from peelviewer.ui.single_instance import LibraryLock

LIBRARY_SUFFIX = ".peeldb"


def report_title(report: Report) -> str:
    """"Hampshire Constabulary, PEEL 2016 Legitimacy": a report as the user knows it."""
    force = force_by_id(report.force_id).name
    return f"{force}, PEEL {report.cycle}{section_words(report.section)}"


class LibraryMenu:
    """The library actions of a MainWindow, which creates this and puts the actions in its
    File menu. The stores it opens are in `opened`, for whoever runs the app to close."""

    def __init__(self, window: MainWindow):
        self._window = window
        self._lock: LibraryLock | None = None  # of the library in use, once one is held
        self._on_files: Callable[[list[Path]], None] | None = None
        self._receiver = None  # FileReceiver for the library in use
        self.opened: list[Store] = []
        self.open_action = QAction("&Open library…", window)
        self.open_action.setToolTip("Switch to another library file (.peeldb)")
        self.open_action.triggered.connect(self.choose_library)
        self.new_action = QAction("&New library…", window)
        self.new_action.setToolTip("Start an empty library file and switch to it")
        self.new_action.triggered.connect(self.create_library)
        self.remove_action = QAction("&Remove report…", window)
        self.remove_action.setToolTip("Remove the report shown in the Question pane from the "
                                      "library")
        self.remove_action.triggered.connect(self.remove_report)

    # The app's single-instance lock and file hand-over

    def hold(self, lock: LibraryLock) -> None:
        """The lock the app took for the library it opened; released when the window
        switches to another library (whose lock is then held instead)."""
        self._lock = lock

    def listen(self, on_files: Callable[[list[Path]], None]) -> None:
        """Take files from later launches on the library in use (now and after a switch)."""
        self._on_files = on_files
        self._listen()

    def _listen(self) -> None:
        from peelviewer.ui.single_instance import FileReceiver, server_name

        if self._receiver is not None:
            self._receiver.deleteLater()  # its server stops listening with it
            self._receiver = None
        if self._on_files is not None and self._window.store is not None:
            self._receiver = FileReceiver(server_name(self._window.store.path), self._window)
            self._receiver.filesReceived.connect(self._on_files)

    def release(self) -> None:
        """Let go of the lock of the library in use (the app is ending)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # Actions

    def choose_library(self) -> None:
        path = self._window.dialogs.open_library(self._window, self._folder())
        if path is not None:
            self.switch_to(path)

    def create_library(self) -> None:
        window = self._window
        path = window.dialogs.new_library(window, self._folder())
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(LIBRARY_SUFFIX)
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            window.dialogs.error(window, "The library already exists",
                                 f"{path} already exists. Choose another name, or open it "
                                 "with File > Open library.")
            return
        if self.switch_to(path):
            window.statusBar().showMessage(
                f"Started a new library, {path.name}: drop report files on the window or use "
                "File > Import to fill it")

    def _folder(self) -> Path:
        store = self._window.store
        return store.path.parent if store is not None else Path.home()

    def switch_to(self, path: Path) -> bool:
        """Show the library at `path` in the window instead of the one open; False (after
        saying why) if it cannot be used, the one open staying as it was."""
        from peelviewer.ui.application import open_library
        from peelviewer.ui.single_instance import LibraryLock

        window = self._window
        path = path.expanduser().absolute()
        old = window.store
        if old is not None and path.exists() and path.resolve() == old.path.resolve():
            window.statusBar().showMessage(f"{path.name} is the library open already", 5000)
            return False
        if window.import_job is not None or window.export_job is not None:
            window.dialogs.error(window, "Still working on this library",
                                 "Wait for the import or export to finish, then open the "
                                 "other library.")
            return False
        lock = LibraryLock(path)
        if not lock.acquire():
            why = (f"Another PEEL Viewer window has {path} open: use that window, or close it "
                   "first." if lock.held_by_another else
                   f"cannot create {path.name}.lock in {path.parent}: no permission to write "
                   "there, or the disk is read-only")
            window.dialogs.error(window, library_error_title(
                StoreError.BUSY if lock.held_by_another else StoreError.NO_PERMISSION), why)
            return False
        store, status = open_library(path, window.dialogs)
        if store is None:
            lock.release()
            return False
        self.opened.append(store)
        window.switch_library(store)
        if old is not None:
            old.close()
        self.release()
        self._lock = lock
        self._listen()
        window.statusBar().showMessage(status or f"Opened the library {path}")
        return True

    def remove_report(self) -> None:
        """Remove the report the Question pane shows, once the user confirms."""
        window = self._window
        report = window.detail.report if window.store is not None else None
        if report is None:
            window.statusBar().showMessage("Open a report in the Question pane first: that is "
                                           "the one Remove report removes", 5000)
            return
        title = report_title(report)
        if not window.dialogs.confirm(
                window, "Remove report",
                f"Remove {title} from the library?\n\nIts questions, findings and the record "
                "of the files it was read from go with it. This cannot be undone.",
                action="Remove"):
            return
        try:
            removed = window.store.remove_report(report.force_id, report.cycle, report.section)
        except (StoreError, sqlite3.Error) as error:
            report_library_error(window, error)
            return
        window.detail.clear(f"{title} was removed from the library." if removed else
                            f"{title} is no longer in the library.")
        window.reload()
        window.workbench.library_changed()
        window.search.choices_changed()
        if window.search.model.rowCount():  # hits of the removed report go from the list
            window.search.start_search()
        window.statusBar().showMessage(f"Removed {title}")
