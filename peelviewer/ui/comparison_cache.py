"""Comparisons of one pair of reports, diffed and cut into HTML pieces, kept by options: the
options in use are prepared at once, and those a single toggle away on a thread of their own
while the reader reads, so that ticking a box finds its comparison ready."""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from peelviewer.core.comparison.compare import ReportComparison, compare_reports
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.html import TemplateMarks
from peelviewer.core.model import Report
from peelviewer.ui.compare_pieces import Piece, report_pieces

KEPT = 8  # comparisons kept per pair (the current one, its neighbours, a few earlier)
# One thread for the whole application: diffs are Python, so two at once only share the GIL.
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="peel-compare")


def toggles() -> tuple[str, ...]:
    """The DiffOptions a reader can switch (by topic, where the core has it)."""
    names = {field.name for field in dataclasses.fields(DiffOptions)}
    return tuple(name for name in ("ignore_case", "ignore_punctuation", "force_placeholders",
                                   "by_topic") if name in names)


@dataclass(frozen=True)
class Prepared:
    comparison: ReportComparison
    pieces: list[Piece]
    shown_at: dict[int, tuple[int, ...]]  # section: the row as shown of each of its rows
    templates: TemplateMarks | None = None  # what the pieces dim


class ComparisonCache:
    """Prepared comparisons of one pair of reports, by options."""

    def __init__(self, left: Report, right: Report, titles: tuple[str, str]):
        self._left, self._right, self._titles = left, right, titles
        self._prepared: dict[DiffOptions, Future] = {}
        self._html: dict = {}  # report_pieces' cache: sections seen, with their pieces
        self._html_lock = threading.Lock()  # the thread and the window share it
        self._templates: TemplateMarks | None = None

    @property
    def templates(self) -> TemplateMarks | None:
        return self._templates

    def set_templates(self, templates: TemplateMarks | None) -> None:
        """Dim these template sentences from now on (None: none). Diffs made are kept;
        their pieces are built again when next asked for."""
        with self._html_lock:
            self._templates = templates
            self._html = {}

    def get(self, options: DiffOptions) -> Prepared:
        """The comparison with `options`: from the cache, from the thread (waiting for it if
        it is under way), or made here and now."""
        future = self._prepared.pop(options, None)
        if future is not None and not future.done() and not future.running():
            future.cancel()  # not started: quicker here than behind another one
            future = None
        if future is None:
            future = Future()
            future.set_result(self._prepare(options))
        self._prepared[options] = future  # the newest last: dropped last
        self._trim()
        prepared = future.result()
        if prepared.templates is not self._templates:  # made before the dimming changed
            prepared = self._pieces_of(prepared.comparison)
            self.keep(options, prepared)
        return prepared

    def keep(self, options: DiffOptions, prepared: Prepared) -> None:
        """Remember a comparison asked for otherwise that came out with these options."""
        future = Future()
        future.set_result(prepared)
        self._prepared[options] = future
        self._trim()

    def prefetch(self, options: DiffOptions) -> None:
        """Start preparing the comparisons one toggle away from `options`."""
        for name in toggles():
            value = getattr(options, name)
            if value is None:
                continue
            neighbour = dataclasses.replace(options, **{name: not value})
            if neighbour not in self._prepared:
                self._prepared[neighbour] = _EXECUTOR.submit(self._prepare, neighbour)
        self._trim()

    def wait(self) -> None:
        """Until every comparison started is made (for benchmarks and tests)."""
        for future in list(self._prepared.values()):
            if not future.cancelled():
                future.result()

    def close(self) -> None:
        """Drop what has not started: the reader moved on to other reports."""
        for future in self._prepared.values():
            future.cancel()
        self._prepared.clear()

    def _prepare(self, options: DiffOptions) -> Prepared:
        return self._pieces_of(compare_reports(self._left, self._right, options=options))

    def _pieces_of(self, comparison: ReportComparison) -> Prepared:
        with self._html_lock:
            templates = self._templates
            pieces = report_pieces(comparison, *self._titles, cache=self._html,
                                   templates=templates)
        return Prepared(comparison, pieces.pieces, pieces.shown_at, templates)

    def _trim(self) -> None:
        while len(self._prepared) > KEPT:
            oldest = next(iter(self._prepared))
            self._prepared.pop(oldest).cancel()
