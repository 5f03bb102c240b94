"""Imports off the UI thread: a worker with its own library connection, one file at a time."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from peelviewer.core.comparison_document import ExportError, build_document
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
        except Exception as error:  # the window must always hear back, or it waits forever
            self.failed.emit(f"the import stopped: {error!r}")
            return
        finally:
            store.close()
        self.finished.emit(summary)


def worker_thread(worker: QObject, name: str) -> QThread:
    """A thread that runs `worker.run` once started; the worker's signals reach the caller's
    thread as queued calls."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    return thread


class ImportJob(QObject):
    """One import running on its own thread. Signals: done(ImportSummary), failed(reason)."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Path, paths: list[Path], parent: QObject | None = None):
        super().__init__(parent)
        self.worker = ImportWorker(library, paths)
        self.thread = worker_thread(self.worker, "import")
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def _finished(self, summary: ImportSummary) -> None:
        self.wait()
        self.done.emit(summary)

    def _failed(self, reason: str) -> None:
        self.wait()
        self.failed.emit(reason)


class DocumentWorker(QObject):
    """Builds a comparison document (the diffs) off the UI thread, on its own connection.
    Signals: built(ComparisonDocument), failed(reason)."""

    built = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Path, force_ids: list[str], cycle: str | None,
                 pillar: str | None):
        super().__init__()
        self._request = (library, force_ids, cycle, pillar)

    @Slot()
    def run(self) -> None:
        library, force_ids, cycle, pillar = self._request
        try:
            store = Store.open(library)
        except StoreError as error:
            self.failed.emit(str(error))
            return
        try:
            self.built.emit(build_document(store, force_ids, cycle=cycle, pillar=pillar))
        except ExportError as error:
            self.failed.emit(str(error))
        except Exception as error:  # the window must always hear back
            self.failed.emit(f"the export stopped: {error!r}")
        finally:
            store.close()


class ExportJob(QObject):
    """Build on a thread, then paint the PDF here page by page with progress. Signals:
    done(path, pages), failed(reason)."""

    done = Signal(object, int)
    failed = Signal(str)

    def __init__(self, library: Path, force_ids: list[str], cycle: str | None,
                 pillar: str | None, choice, progress, parent: QObject | None = None):
        super().__init__(parent)
        self._choice = choice
        self._progress = progress
        self.worker = DocumentWorker(library, force_ids, cycle, pillar)
        self.thread = worker_thread(self.worker, "export")
        self.worker.built.connect(self._write)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def _stop_thread(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def _write(self, document) -> None:
        self._stop_thread()
        from peelviewer.ui.pdf import write_pdf

        def step(done: int, total: int) -> None:
            self._progress.setMaximum(total)
            self._progress.setLabelText(f"Writing page {done} of {total}")
            self._progress.setValue(done)

        try:
            pages = write_pdf(document, self._choice.path, landscape=self._choice.landscape,
                              progress=step)
        except OSError as error:
            self.failed.emit(f"{self._choice.path}: {error.strerror or error}")
            return
        self.done.emit(self._choice.path, pages)

    def _failed(self, reason: str) -> None:
        self._stop_thread()
        self.failed.emit(reason)
