"""Library search on a thread of its own, so a slow search never holds up the window."""

from __future__ import annotations

import atexit
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from peelviewer.core.search import NO_FILTERS, SearchFilters, SearchHit
from peelviewer.core.store import Store, StoreError

PAGE = 100  # hits fetched at a time: a screenful or two


@dataclass(frozen=True)
class SearchRequest:
    """One page of one search: the typed words, the filters, and the first hit wanted."""

    query: str
    filters: SearchFilters = NO_FILTERS
    offset: int = 0


def fetch_page(store: Store, request: SearchRequest) -> tuple[int, list[SearchHit]]:
    """The hits of a page and, for the first page, how many hits there are in all (-1 for
    a later page). The count query runs only when the first page is full."""
    hits = store.search(request.query, filters=request.filters, limit=PAGE,
                        offset=request.offset)
    if request.offset:
        return -1, hits
    if len(hits) < PAGE:
        return len(hits), hits
    return store.search_count(request.query, request.filters), hits


class SearchWorker(QObject):
    """Runs searches on its thread with a library connection of its own (SQLite connections
    belong to one thread), opened at the first search and kept, so its cache stays warm.
    Signals: found(generation, SearchRequest, total, hits), total being -1 for a page after
    the first; failed(generation, reason). A search older than the newest asked for is
    skipped, or stopped if it is running, and reports nothing."""

    found = Signal(int, object, int, object)
    failed = Signal(int, str)

    def __init__(self, library: Path):
        super().__init__()
        self._library = library
        self._store: Store | None = None
        # Written on the window's thread, read on this one: a single int needs no lock.
        self._newest = 0
        self._current = 0  # the generation running here

    def supersede(self, generation: int) -> None:
        """Called on the window's thread before asking for `generation`: an older search
        that is running stops within a few thousand SQLite steps."""
        self._newest = generation

    @Slot(int, object)
    def search(self, generation: int, request: SearchRequest) -> None:
        if generation != self._newest:
            return
        self._current = generation
        try:
            if self._store is None:
                self._store = Store.open(self._library)
                # SQLite asks this every 1,000 steps; a true answer ends the statement with
                # "interrupted". Unlike sqlite3's interrupt(), it cannot miss a statement
                # that is just starting.
                self._store.db.conn.set_progress_handler(self._superseded, 1000)
            total, hits = fetch_page(self._store, request)
        except (StoreError, sqlite3.Error) as error:
            if generation != self._newest:
                return  # stopped for a newer search
            reason = str(error) if isinstance(error, StoreError) else (
                f"the library could not be searched: {error}")
            self.failed.emit(generation, reason)
            return
        if generation == self._newest:
            self.found.emit(generation, request, total, hits)

    def _superseded(self) -> bool:
        return self._current != self._newest

    @Slot()
    def close(self) -> None:
        """Close the connection; runs on the worker's thread as it finishes."""
        if self._store is not None:
            self._store.close()
            self._store = None


class SearchThread:
    """A SearchWorker and its thread, started at the first search. Nothing here refers to
    the pane, so it can stop the thread while the pane is being destroyed."""

    def __init__(self, library: Path):
        self.worker = SearchWorker(library)
        self._thread = QThread()
        self._thread.setObjectName("search")
        self.worker.moveToThread(self._thread)
        # finished is emitted on the worker's thread: the connection closes where it was made.
        self._thread.finished.connect(self.worker.close, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        if not self._thread.isRunning():
            _running.add(self)  # a running thread is never garbage, whoever lets go of it
            self._thread.start()

    def stop(self) -> None:
        """Stop the running search, drop queued ones, end the thread and wait for it."""
        _running.discard(self)
        if not shiboken6.isValid(self._thread):  # Qt already ended it, at shutdown
            return
        self.worker.supersede(-1)
        self._thread.quit()
        self._thread.wait()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()


_running: set[SearchThread] = set()


@atexit.register
def _stop_all() -> None:
    """A window never deleted (a script, a test) must not leave its thread running while
    Python and Qt shut down."""
    for search_thread in list(_running):
        search_thread.stop()
