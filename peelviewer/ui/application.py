"""The QApplication around the main window: settings, first-run samples, files to import."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from peelviewer import __version__
from peelviewer.bundle import APP_NAME
from peelviewer.cli import load_samples_if_empty
from peelviewer.core.importer import import_paths
from peelviewer.core.store import Store
from peelviewer.ui.main_window import MainWindow


class _QuitAfterPaint(QObject):
    """Quits the application once the watched window has painted: start-up timing."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("peelviewer")
    return app


def open_window(store: Store, *, settings: QSettings | None = None,
                files: list[Path] = ()) -> MainWindow:
    """The main window on `store`, with the bundled samples loaded into an empty library."""
    loaded = load_samples_if_empty(store)
    window = MainWindow(store, settings=settings or QSettings())
    if loaded:
        window.statusBar().showMessage(
            f"The library was empty: loaded {loaded} bundled sample reports "
            "(Hampshire and Hertfordshire, PEEL 2016 Legitimacy).")
    if files:
        summary = import_paths(store, files)
        window.reload()
        window.statusBar().showMessage(f"Imported: {summary.line()}")
        if summary.failed:
            window.dialogs.information(window, "Some files were not imported",
                                       "\n".join(r.line() for r in summary.failed))
    return window


def run_window(store: Store, *, files: list[Path] = (), quit_after_paint: bool = False) -> int:
    app = make_application()
    window = open_window(store, files=list(files))
    if quit_after_paint:
        watcher = _QuitAfterPaint(window)
        window.installEventFilter(watcher)
    window.show()
    return app.exec()
