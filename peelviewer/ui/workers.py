"""Work off the UI thread: imports (of files, and of links and pasted text), and building
comparison documents, each on a connection of its own."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from peelviewer.core.comparison.document import ExportError
from peelviewer.core.importer import collect_paths, import_paths, import_sources
from peelviewer.core.library_errors import explain
from peelviewer.core.store import Store, StoreError


class LibraryWorker(QObject):
    """Runs `work(store)` on its thread with a library connection of its own (SQLite
    connections belong to one thread). Signals: failed(reason), the reason a str, or the
    StoreError itself when the library failed (so the window can show the library's state).
    Whatever goes wrong, the window hears back; it would otherwise wait for ever."""

    failed = Signal(object)
    task = "work"  # named in "the … stopped" for errors nobody foresaw
    reported: tuple[type[Exception], ...] = ()  # errors whose message is for the user as it is

    def __init__(self, library: Path):
        super().__init__()
        self._library = library

    @Slot()
    def run(self) -> None:
        try:
            store = Store.open(self._library)
        except StoreError as error:
            self.failed.emit(error)
            return
        try:
            self.work(store)
        except self.reported as error:
            self.failed.emit(str(error))
        except (StoreError, sqlite3.Error) as error:  # the library failed under the job
            self.failed.emit(explain(error, self._library))
        except Exception as error:
            self.failed.emit(f"the {self.task} stopped: {error!r}")
        finally:
            store.close()

    def work(self, store: Store) -> None:
        raise NotImplementedError


class ImportWorker(LibraryWorker):
    """Signals: counted(total) once the paths are expanded; progress(done, total, name) before
    each file; finished(ImportSummary) at the end, also after a cancel."""

    counted = Signal(int)
    progress = Signal(int, int, str)
    finished = Signal(object)
    task = "import"

    def __init__(self, library: Path, paths: list[Path]):
        super().__init__(library)
        self._paths = paths
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop now: a PDF being read is abandoned and fails as "cancelled", another file
        is finished first; everything finished so far stays."""
        self._stop.set()

    def work(self, store: Store) -> None:
        files = collect_paths(self._paths)
        self.counted.emit(len(files))
        self.finished.emit(import_paths(
            store, files,
            progress=lambda done, total, path: self.progress.emit(done, total, path.name),
            should_stop=self._stop.is_set,
        ))


class SourceImportWorker(LibraryWorker):
    """Imports links (fetched first) and pasted or dropped text. Signals: starting(done,
    total, name) before each; received(bytes, total) as a link's bytes arrive (total 0 when
    the server does not say); finished(ImportSummary) at the end, also after a cancel."""

    starting = Signal(int, int, str)
    received = Signal(int, int)
    finished = Signal(object)
    task = "import"

    def __init__(self, library: Path, sources: list):
        super().__init__(library)
        from peelviewer.core.fetch import StopSwitch

        self._sources = sources  # links (str) and ReportBytes
        self._stop = StopSwitch()

    def cancel(self) -> None:
        """Stop now, even a fetch waiting on a silent server; nothing of the report under
        way is kept."""
        self._stop.set()

    def work(self, store: Store) -> None:
        self.finished.emit(import_sources(
            store, self._sources, should_stop=self._stop,
            starting=self.starting.emit, received=self.received.emit))


class DocumentWorker(LibraryWorker):
    """Builds a comparison document (the diffs). Signals: built(ComparisonDocument)."""

    built = Signal(object)
    task = "export"
    reported = (ExportError,)

    def __init__(self, library: Path, build: Callable[[Store], object]):
        super().__init__(library)
        self._build = build  # build_document or build_pair_document with its arguments

    def work(self, store: Store) -> None:
        self.built.emit(self._build(store))


class IndexWorker(LibraryWorker):
    """Indexes the sentences of reports not indexed yet (template text). Signals:
    indexed(count) when none is left."""

    indexed = Signal(int)
    task = "indexing of template text"

    def __init__(self, library: Path):
        super().__init__(library)
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop after the batch being written (a fraction of a second)."""
        self._stop.set()

    def work(self, store: Store) -> None:
        from peelviewer.core.template_text import index_all

        self.indexed.emit(index_all(store, self._stop.is_set))


class _Job(QObject):
    """A worker on a thread of its own; its signals reach this (the UI) thread queued."""

    def __init__(self, worker: LibraryWorker, name: str, parent: QObject | None):
        super().__init__(parent)
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)

    def start(self) -> None:
        self.thread.start()

    def wait(self) -> None:
        """Let the worker finish what it is doing, then end the thread."""
        self.thread.quit()
        self.thread.wait()


class _ResultJob(_Job):
    """A job whose worker ends with one result (its `finish` signal) or failed(reason): the
    thread is ended first, then done(result) or failed(reason: str or StoreError) here."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, worker: LibraryWorker, finish: str, name: str,
                 parent: QObject | None):
        super().__init__(worker, name, parent)
        getattr(worker, finish).connect(self._finished)
        worker.failed.connect(self._failed)

    def cancel(self) -> None:
        self.worker.cancel()

    def _finished(self, result) -> None:
        self.wait()
        self.done.emit(result)

    def _failed(self, reason) -> None:
        self.wait()
        self.failed.emit(reason)


class ImportJob(_ResultJob):
    """One import of files and folders: done(ImportSummary)."""

    def __init__(self, library: Path, paths: list[Path], parent: QObject | None = None):
        super().__init__(ImportWorker(library, paths), "finished", "import", parent)


class SourceImportJob(_ResultJob):
    """One import of links and pasted text, shaped like ImportJob (the window keeps either
    as its import job): done(ImportSummary)."""

    def __init__(self, library: Path, sources: list, parent: QObject | None = None):
        super().__init__(SourceImportWorker(library, sources), "finished", "fetch", parent)


class IndexJob(_ResultJob):
    """One pass of template-text indexing: done(count of reports indexed)."""

    def __init__(self, library: Path, parent: QObject | None = None):
        super().__init__(IndexWorker(library), "indexed", "template index", parent)


class ExportJob(_Job):
    """Build on a thread, then paint the PDF here page by page. Signals: progress(done, total)
    after each page; done(path, pages); failed(reason: str or StoreError)."""

    progress = Signal(int, int)
    done = Signal(object, int)
    failed = Signal(object)

    def __init__(self, library: Path, build: Callable[[Store], object], path: Path, *,
                 landscape: bool = False, parent: QObject | None = None):
        super().__init__(DocumentWorker(library, build), "export", parent)
        self._path = path
        self._landscape = landscape
        self.worker.built.connect(self._write)
        self.worker.failed.connect(self._failed)

    def _write(self, document) -> None:
        self.wait()
        from peelviewer.ui.pdf import write_pdf

        try:
            pages = write_pdf(document, self._path, landscape=self._landscape,
                              progress=self.progress.emit)
        except OSError as error:
            self.failed.emit(f"{self._path}: {error.strerror or error}")
            return
        self.done.emit(self._path, pages)

    def _failed(self, reason) -> None:
        self.wait()
        self.failed.emit(reason)
