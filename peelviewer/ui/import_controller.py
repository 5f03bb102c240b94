"""Reports into the library from the window: drag and drop (files, a browser's text or links),
paste, File > Import on a worker thread with progress and results, and links fetched with
progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from peelviewer.core.library_errors import StoreError
from peelviewer.core.names import escape_name
from peelviewer.ui.drop import (
    NOTHING_TO_DROP,
    NOTHING_TO_PASTE,
    Link,
    carried,
    local_paths,
    may_carry_report,
    web_links,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QProgressDialog

    from peelviewer.core.store import Store
    from peelviewer.ui.dialogs import DialogsLike

PROGRESS_FROM_FILES = 20  # smaller imports report in the status bar only


class ImportController(QObject):
    """Imports for a window. Its inputs: `store()` the open library (None until it opens),
    `dialogs`, `status(text[, milliseconds])` for the status bar, `show_imported()` to
    refresh the views after an import, `library_failed(StoreError)`. Signals:
    finished(ImportSummary) once the views show what an import changed."""

    finished = Signal(object)

    def __init__(self, window: QWidget, *, store: Callable[[], Store | None],
                 dialogs: DialogsLike, status: Callable[..., None],
                 show_imported: Callable[[], None],
                 library_failed: Callable[[StoreError], None]):
        super().__init__(window)
        self._window = window  # the dialogs' parent
        self._store = store
        self._dialogs = dialogs
        self._status = status
        self._show_imported = show_imported
        self._library_failed = library_failed
        self.job = None  # the ImportJob or SourceImportJob under way
        self._pending: list = []
        self._progress: QProgressDialog | None = None
        self._fetching = ""

    # What arrives

    def drag_enter(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if not may_carry_report(mime):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if local_paths(mime):
            self._status("Drop to import these files", 3000)
        elif web_links(mime):
            self._status("Drop to fetch and import this page", 3000)
        else:
            self._status("Drop to import this text as a report", 3000)

    def drag_move(self, event: QDragMoveEvent) -> None:
        if may_carry_report(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        found = carried(event.mimeData(), how="dropped")
        if not found:
            event.ignore()
            self._status(NOTHING_TO_DROP, 10000)
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.start(found.items())

    def paste(self) -> None:
        """Edit > Paste report: import the report text, HTML or link on the clipboard."""
        found = carried(QApplication.clipboard().mimeData(), how="pasted")
        if not found:
            self._status(NOTHING_TO_PASTE, 10000)
            return
        self.start(found.items())

    def start(self, items: list) -> None:
        """Import on a worker thread: files and folders (Path), links to fetch (Link) and
        pasted or dropped text (ReportBytes); what arrives meanwhile waits for the next
        round."""
        if not items:
            return
        store = self._store()
        if store is None:  # dropped before the library opened: import it right after
            self._pending.extend(items)
            self._status("The files will be imported once the library is open")
            return
        if self.job is not None:
            self._pending.extend(items)
            return
        if store.damage:
            self._dialogs.error(self._window, "Import refused",
                                f"{store.path}: {store.damage}: PEEL Viewer never writes to "
                                "a damaged library.")
            return
        paths = [item for item in items if isinstance(item, str | Path)]
        if paths:  # files first; links and text in the round after
            self._pending.extend(item for item in items if not isinstance(item, str | Path))
            self._start_file_import(store.path, paths)
        else:
            self._start_source_import(store.path, items)

    def start_pending(self) -> None:
        """Import what arrived before the library opened."""
        if self._pending:
            pending, self._pending = self._pending, []
            self.start(pending)

    def stop(self) -> None:
        """Finish the current file, never half a report (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    # Files

    def _start_file_import(self, library: Path, paths: list) -> None:
        from peelviewer.ui.workers import ImportJob

        self.job = ImportJob(library, list(paths), self)
        worker = self.job.worker
        worker.counted.connect(self._import_counted)
        worker.progress.connect(self._import_progress)
        self.job.done.connect(self._import_done)
        self.job.failed.connect(self._import_failed)
        self._status("Importing…")
        self.job.start()

    def _import_counted(self, total: int) -> None:
        if total > PROGRESS_FROM_FILES:
            self._progress = self._dialogs.progress(self._window, total)
            self._progress.canceled.connect(self._cancel)

    def _import_progress(self, done: int, total: int, name: str) -> None:
        text = f"{done + 1} of {total}: {escape_name(name)}"
        progress = self._progress
        if progress is not None:
            progress.setLabelText(text)
            # A window-modal progress dialog processes events here; the import may end.
            progress.setValue(done)
        else:
            self._status(f"Importing {text}")

    # Links and text

    def _start_source_import(self, library: Path, items: list) -> None:
        """Links are fetched with a progress dialog and Cancel; text is imported at once."""
        from peelviewer.ui.workers import SourceImportJob

        sources = [item.url if isinstance(item, Link) else item for item in items]
        self.job = SourceImportJob(library, sources, self)
        worker = self.job.worker
        worker.starting.connect(self._source_starting)
        worker.received.connect(self._source_received)
        self.job.done.connect(self._sources_done)
        self.job.failed.connect(self._import_failed)
        if any(isinstance(item, Link) for item in items):
            self._progress = self._dialogs.progress(self._window, 0)
            self._progress.setWindowTitle("Fetching reports")
            self._progress.setLabelText("Connecting…")
            self._progress.canceled.connect(self._cancel)
        self._status("Importing…")
        self.job.start()

    def _source_starting(self, done: int, total: int, name: str) -> None:
        self._fetching = _shortened(escape_name(name))
        text = f"{'Fetching' if self._progress is not None else 'Importing'} {self._fetching}"
        if total > 1:
            text += f" ({done + 1} of {total})"
        if self._progress is not None:
            self._progress.setLabelText(text)
        self._status(text + "…")

    def _source_received(self, received: int, total: int) -> None:
        progress = self._progress
        if progress is None:
            return
        size = f"{_size(received)} of {_size(total)}" if total else _size(received)
        progress.setLabelText(f"Fetching {self._fetching}: {size}")
        if total and progress.maximum() != total:
            progress.setMaximum(total)
        if total:
            progress.setValue(min(received, total))

    def _sources_done(self, summary) -> None:
        """As a file import ends, but a single link or text is told in one line: a failure
        in a one-line error, a cancel in the status bar."""
        if len(summary.results) == 1 and summary.stopped is None:
            result = summary.results[0]
            self._import_done(summary, message=result.line(), results_dialog=False)
            if result.outcome == "failed":
                self._dialogs.error(self._window, "Import failed", result.line())
            return
        if summary.cancelled and not summary.results:
            self._import_done(summary, message="Cancelled: nothing was imported",
                              results_dialog=False)
            return
        self._import_done(summary)

    # The end

    def _cancel(self) -> None:
        from peelviewer.ui.workers import SourceImportJob

        if self.job is not None:
            self.job.cancel()
            self._status("Cancelling…" if isinstance(self.job, SourceImportJob)
                         else "Cancelling after the current file…")

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self._cancel)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _end_job(self) -> None:
        self._close_progress()
        self.job.deleteLater()
        self.job = None

    def _import_done(self, summary, *, message: str | None = None,
                     results_dialog: bool = True) -> None:
        self._end_job()
        self._show_imported()
        self._status(message or summary.line())
        # Announce first: the results dialog is modal, and nothing waiting on the import
        # (a scripted launch, queued files) should wait on the user closing it.
        self.finished.emit(summary)
        if summary.stopped is not None:  # the library failed: say that, not file by file
            self._pending.clear()
            self._library_failed(summary.stopped)
            self._status(summary.line())
            if len(summary.failed) == 1 and not summary.counts["updated"]:
                return
        self.start_pending()
        if results_dialog and (summary.failed or summary.counts["updated"]):
            self._dialogs.import_results(self._window, summary)

    def _import_failed(self, reason) -> None:
        self._end_job()
        if isinstance(reason, StoreError):  # the library, not the files: its state shows
            self._library_failed(reason)
        else:
            self._dialogs.error(self._window, "Import failed", reason)
        self._status(f"Import failed: {reason}")


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} KB" if count else "0 KB"
    return f"{count / (1024 * 1024):.1f} MB"


def _shortened(name: str, length: int = 90) -> str:
    """A long link in the progress dialog: its start and end, so the dialog stays narrow."""
    if len(name) <= length:
        return name
    keep = (length - 1) // 2
    return f"{name[:keep]}…{name[-keep:]}"
