"""Imports off the UI thread: a worker with its own library connection, one file at a time."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from peelviewer.core.importer import ImportSummary, collect_paths, import_paths
from peelviewer.core.store import Store, StoreError


class ImportWorker(QObject):
    """Signals: counted(total) once the paths are expanded; progress(done, total, name) before
    each file; finished(ImportSummary) at the end, also after a cancel; failed(reason) when
    the library cannot be opened at all."""

    counted = Signal(int)
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Path, paths: list[Path]):
        super().__init__()
        self._library = library
        self._paths = paths
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop after the file being imported now; everything finished so far stays."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            # SQLite connections belong to one thread: this one opens its own.
            store = Store.open(self._library)
        except StoreError as error:
            self.failed.emit(str(error))
            return
        try:
            files = collect_paths(self._paths)
            self.counted.emit(len(files))
            summary = import_paths(
                store, files,
                progress=lambda done, total, path: self.progress.emit(done, total, path.name),
                should_stop=self._stop.is_set,
            )
        finally:
            store.close()
        self.finished.emit(summary)


class ImportJob(QObject):
    """One import running on its own thread. Signals: done(ImportSummary), failed(reason)."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Path, paths: list[Path], parent: QObject | None = None):
        super().__init__(parent)
        self.summary: ImportSummary | None = None
        self.worker = ImportWorker(library, paths)
        self.thread = QThread()
        self.thread.setObjectName("import")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def wait(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def _finished(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.wait()
        self.done.emit(summary)

    def _failed(self, reason: str) -> None:
        self.wait()
        self.failed.emit(reason)
