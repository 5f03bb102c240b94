"""The desktop app around the main window: one window per library, a damaged library moved
aside, first-run samples, files from the command line or from later instances."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from peelviewer import __version__
from peelviewer.locations import APP_NAME, resource_dir
from peelviewer.ui import last_picture
from peelviewer.ui.dialogs import Dialogs
from peelviewer.ui.library_guard import library_error_title

if TYPE_CHECKING:
    from peelviewer.core.store import Store
from peelviewer.ui.main_window import MainWindow
from peelviewer.ui.single_instance import LibraryLock, send_files, server_name


def app_icon() -> QIcon:
    """The app's icon at every size we ship, from the package's resources."""
    icon = QIcon()
    for path in resource_dir("icons").glob("peelviewer-*.png"):
        size = int(path.stem.rsplit("-", 1)[1])
        icon.addFile(str(path), QSize(size, size))
    return icon


class FileOpenEvents(QObject):
    """macOS hands double-clicked files to a running app as FileOpen events, not in argv.
    They are kept until a window can take them. Signals: filesOpened(list of Path)."""

    filesOpened = Signal(list)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.pending: list[Path] = []
        self.ready = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = Path(event.file())
            if self.ready:
                self.filesOpened.emit([path])
            else:
                self.pending.append(path)
            return True
        return False


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("peelviewer")
    app.setWindowIcon(app_icon())
    return app


def move_aside(path: Path) -> Path:
    """Rename a damaged library (and its WAL files) out of the way; never overwrite one."""
    target = path.with_name(path.name + ".damaged")
    if target.exists():
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.{stamp}.damaged")
    path.rename(target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_library(path: Path, dialogs: Dialogs) -> tuple[Store | None, str]:
    """The library at `path`, or None after telling the user why not.

    Only a library that SQLite proves damaged is moved aside (as *.damaged, never over an
    earlier one) and a new one started; the user is told where it went and how to open it
    again. A damaged file the user opened by name (not a *.peeldb) opens read-only instead.
    A full disk, a missing permission, a lock, a newer or a foreign file are said as they
    are and leave everything untouched. Returns the store and a status message."""
    from peelviewer.core.store import Store, StoreError

    try:
        store = Store.open(path)
        return store, "; ".join(store.notices)
    except StoreError as error:
        if error.kind != StoreError.DAMAGED:
            dialogs.error(None, library_error_title(error.kind), f"{path}: {error}")
            return None, ""
        damage = error
    if path.suffix != ".peeldb":
        try:
            store = Store.open(path, damaged_ok=True)
        except StoreError as error:
            dialogs.error(None, library_error_title(error.kind), f"{path}: {error}")
            return None, ""
        return store, f"{damage}: opened read-only; what SQLite can still read is shown"
    try:
        moved = move_aside(path)
    except OSError as error:
        dialogs.error(None, "The library is damaged",
                      f"{path}: {damage}. It could not be moved aside ({error.strerror or error})"
                      "; PEEL Viewer has not changed it.")
        return None, ""
    dialogs.error(None, "The library was damaged",
                  f"{path} is damaged ({damage}).\n\nIt has been moved aside as {moved.name} "
                  "and a new, empty library started in its place. To read what it still "
                  f"holds, open it with:\n\n  peelviewer --db \"{moved}\"")
    try:
        store = Store.open(path)
    except StoreError as error:
        dialogs.error(None, library_error_title(error.kind), f"{path}: {error}")
        return None, ""
    return store, f"Started a new library; the damaged one is {moved.name}"


def open_window(store, *, settings: QSettings | None = None,
                dialogs: Dialogs | None = None) -> MainWindow:
    """The main window on `store`, with the bundled samples loaded into an empty library."""
    window = MainWindow(settings=settings or QSettings(), dialogs=dialogs)
    attach_library(window, store)
    return window


def attach_library(window: MainWindow, store) -> None:
    loaded = 0
    if store.is_empty():  # the importer (and its parsers) load only then
        from peelviewer.core.importer import load_samples_if_empty

        loaded = load_samples_if_empty(store)
    window.attach(store)
    if loaded:
        window.statusBar().showMessage(
            f"The library was empty: loaded {loaded} bundled sample reports "
            "(Hampshire and Hertfordshire, PEEL 2016 Legitimacy).")


class _FirstPaint(QObject):
    """Calls back once, after the watched window's first paint."""

    def __init__(self, window: MainWindow, callback):
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)
        return False


def run_window(library: Path, *, files: list[Path] = (), quit_after_paint: bool = False,
               quit_when_ready: bool = False, quit_when_shown: bool = False,
               dialogs: Dialogs | None = None) -> int:
    """Run the app on a library; a second instance hands its files to the first and exits.

    The window's shell paints before the library opens, and then, if the library is as it
    was at the last close, the picture of the grades saved then (ui/last_picture.py): the
    live views load numpy and pyqtgraph, most of a second that the user now spends looking
    at the grades. `quit_when_shown` quits once the grades are on screen, picture or live;
    `quit_when_ready` once the live heatmap has painted.
    """
    files = list(files)  # files macOS hands over while the library opens join it
    app = make_application()
    # Only macOS delivers files this way; elsewhere the filter would see every event for nothing.
    opened_by_finder = FileOpenEvents(app) if sys.platform == "darwin" else None
    dialogs = dialogs or Dialogs()
    library = library.expanduser().absolute()
    lock, exit_code = _claim_library(library, files, dialogs)
    if lock is None:
        return exit_code
    window = MainWindow(settings=QSettings(), dialogs=dialogs)
    window.library_menu.hold(lock)  # File > Open library… moves it to the library opened
    startup = _Startup(app, window, library, files, dialogs, opened_by_finder,
                       quit_after_paint=quit_after_paint, quit_when_ready=quit_when_ready,
                       quit_when_shown=quit_when_shown)
    if quit_after_paint and not files:
        _FirstPaint(window, QApplication.quit)
    else:
        _FirstPaint(window, startup.open_library)
    window.show()
    try:
        return app.exec()
    finally:
        _close_down(window, startup.opened, save_picture=not files)


def _claim_library(library: Path, files: list[Path],
                   dialogs: Dialogs) -> tuple[LibraryLock | None, int]:
    """The library's lock; or None and the exit code, once `files` are handed to the
    instance that has the library open or the user is told why it cannot be used."""
    problem = _cannot_use(library)
    if problem:
        dialogs.error(None, "No permission to use the library", problem)
        return None, 2
    lock = LibraryLock(library)
    if lock.acquire():
        return lock, 0
    if not lock.held_by_another:
        dialogs.error(None, "No permission to use the library",
                      _cannot_use(library, lock_file=True))
        return None, 2
    if send_files(server_name(library), list(files)):
        print(f"PEEL Viewer already has {library.name} open: "
              f"passed {len(files)} file(s) to it.")
        return None, 0
    dialogs.error(None, "PEEL Viewer is busy",
                  f"Another PEEL Viewer has {library} open and is not answering.")
    return None, 2


class _Startup:
    """Opens the library once the window's shell has painted, shows the last picture of the
    grades if it is still true, then the live views, and imports the files given."""

    def __init__(self, app: QApplication, window: MainWindow, library: Path,
                 files: list[Path], dialogs: Dialogs, opened_by_finder: FileOpenEvents | None,
                 *, quit_after_paint: bool, quit_when_ready: bool,
                 quit_when_shown: bool) -> None:
        self._app, self._window, self._library = app, window, library
        self._files, self._dialogs, self._opened_by_finder = files, dialogs, opened_by_finder
        self._quit_after_paint = quit_after_paint
        self._quit_when_ready, self._quit_when_shown = quit_when_ready, quit_when_shown
        self.opened: list[Store] = []

    def open_library(self) -> None:
        window = self._window
        store, status = open_library(self._library, self._dialogs)
        if store is None:
            self._app.exit(2)
            return
        self.opened.append(store)
        picture = None if self._files else last_picture.fresh_picture(window.settings, store,
                                                                      window.centre)
        if picture is None:
            self._attach_views(store, status)
            return
        window.centre.addWidget(picture)
        window.centre.setCurrentWidget(picture)
        if self._quit_when_shown:
            _FirstPaint(picture, QApplication.quit)
        else:  # the live views build once the picture is on screen, then replace it
            _FirstPaint(picture, lambda: self._attach_views(store, status, picture))

    def _attach_views(self, store: Store, status: str, picture=None) -> None:
        window, files = self._window, self._files
        attach_library(window, store)
        if picture is not None:
            window.centre.removeWidget(picture)
            picture.deleteLater()
        if status:
            window.statusBar().showMessage(status)
        window.library_menu.listen(lambda paths: _bring_files(window, paths))
        if self._opened_by_finder is not None:
            self._opened_by_finder.filesOpened.connect(
                lambda paths: _bring_files(window, paths))
            self._opened_by_finder.ready = True
            files.extend(self._opened_by_finder.pending)
        if files:
            if self._quit_after_paint or self._quit_when_ready:
                window.importFinished.connect(lambda _summary: QApplication.quit())
            window.start_import(list(files))
        elif self._quit_when_ready or self._quit_when_shown:
            _FirstPaint(window.heatmap.view.viewport(), QApplication.quit)
            window.heatmap.view.viewport().update()


def _close_down(window: MainWindow, opened: list[Store], *, save_picture: bool) -> None:
    """After the event loop: the window's settings and the picture of its grades saved, every
    library it opened closed and the lock released."""
    library_menu = window.library_menu
    window.close()  # writes the view's settings, which the picture's key includes
    if window.store is not None and save_picture:
        last_picture.save(window.settings, window.store, window.centre)
    dispose(window)
    for store in (*opened, *library_menu.opened):
        store.close()
    library_menu.release()


def _cannot_use(library: Path, *, lock_file: bool = False) -> str:
    """Why this user cannot open the library's folder or files, or ""."""
    from peelviewer.core.library_errors import permission_problem

    try:
        library.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot create the folder {library.parent}: {error.strerror or error}"
    problem = permission_problem(library)
    if problem:
        return problem
    if lock_file:
        return (f"cannot create {library.name}.lock in {library.parent}: no permission to "
                "write there, or the disk is read-only")
    return ""


def dispose(window: MainWindow) -> None:
    """Delete the window now. Left to the garbage collector, a window kept alive by its
    signal connections could be destroyed after QApplication, crashing on exit."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _bring_files(window: MainWindow, paths: list[Path]) -> None:
    """Import files handed over by another instance, bringing the window forward as it was:
    a minimised window is restored (to maximised, if it was), any other keeps its state."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    window.start_import(paths)
