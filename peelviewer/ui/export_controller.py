"""The window's exports (File menu, from ui.dialogs.EXPORTS): the comparison PDF, built on a
worker thread with progress, and the grades CSV."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from peelviewer.core.grid import ALL_PILLARS
from peelviewer.core.library_errors import StoreError, explain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from peelviewer.core.store import Store
    from peelviewer.ui.compare import CompareView
    from peelviewer.ui.dialogs import DialogsLike, ExportChoice

Scope = tuple[Callable, str]  # build(store) -> ComparisonDocument, and a name for its file


def comparison_scope(*, compare_view: CompareView, compare_shown: bool, force_ids: list[str],
                     cycle: str, pillar: str, dim_template: bool) -> Scope | None:
    """What to export and a file name for it: exactly the comparison the Compare tab shows
    (two forces, or one force in two cycles), else the forces selected in the force list in
    the chosen cycle and pillar."""
    # Loaded on first export, not at start-up: the comparison code pulls in the diff.
    from peelviewer.core.comparison.document import build_document, build_pair_document

    if compare_shown and compare_view.keys is not None:
        left, right = compare_view.keys
        name = "-".join(f"{force}-{cycle}" for force, cycle, _ in (left, right))
        return (partial(build_pair_document, left_key=left, right_key=right,
                        options=compare_view.options, dim_template=compare_view.dim_template),
                name)
    if len(force_ids) >= 2:
        return (partial(build_document, force_ids=force_ids, cycle=cycle or None,
                        pillar=None if pillar == ALL_PILLARS else pillar,
                        dim_template=dim_template),
                f"{cycle}-{'-'.join(force_ids)}")
    return None


class ExportController(QObject):
    """Exports for a window. Its inputs: `store()` the open library, `dialogs`,
    `status(text)` for the status bar, `scope()` what the PDF should hold (see
    comparison_scope), `library_failed(StoreError)`. Signals: finished(path) after the PDF
    was written."""

    finished = Signal(object)

    def __init__(self, window: QWidget, *, store: Callable[[], Store | None],
                 dialogs: DialogsLike, status: Callable[..., None],
                 scope: Callable[[], Scope | None],
                 library_failed: Callable[[StoreError], None]):
        super().__init__(window)
        self._window = window  # the dialogs' parent
        self._store = store
        self._dialogs = dialogs
        self._status = status
        self._scope = scope
        self._library_failed = library_failed
        self.job = None  # the ExportJob under way
        self._progress: QProgressDialog | None = None
        # What each of EXPORTS does in the window.
        self.runs = {"export-pdf": self.export_pdf, "export-csv": self.export_csv}

    def export_pdf(self) -> None:
        scope = self._scope()
        if scope is None:
            self._dialogs.information(
                self._window, "Export comparison PDF",
                "Select two or more forces in the force list (Ctrl+click), or open a "
                "comparison in the Compare tab, then export.")
            return
        build, name = scope
        suggested = Path.home() / f"peel-{name.replace('/', '-')}.pdf"
        choice = self._dialogs.export_pdf(self._window, suggested)
        if choice is None:
            return
        self._progress = progress = self._dialogs.progress(self._window, 0)
        progress.setWindowTitle("Exporting PDF")
        progress.setLabelText("Comparing the texts…")
        progress.setCancelButton(None)
        from peelviewer.ui.workers import ExportJob

        self.job = ExportJob(self._store().path, build, choice.path,
                             landscape=choice.landscape, parent=self)
        self.job.progress.connect(self._writing)
        self.job.done.connect(lambda path, pages: self._exported(path, pages, choice))
        self.job.failed.connect(self._export_failed)
        self.job.start()

    def wait(self) -> None:
        """Let the document being built finish (the window is closing)."""
        if self.job is not None:
            self.job.wait()

    def _writing(self, done: int, total: int) -> None:
        progress = self._progress
        progress.setMaximum(total)
        progress.setLabelText(f"Writing page {done} of {total}")
        # A window-modal progress dialog processes events here.
        progress.setValue(done)

    def _finish(self) -> None:
        self._progress.close()
        self._progress.deleteLater()
        self._progress = None
        self.job.deleteLater()
        self.job = None

    def _exported(self, path: Path, pages: int, choice: ExportChoice) -> None:
        self._finish()
        self._status(f"Wrote {path} ({pages} pages)")
        if choice.open_when_done:
            self._dialogs.open_file(path)
        self.finished.emit(path)

    def _export_failed(self, reason) -> None:
        self._finish()
        if isinstance(reason, StoreError):
            self._library_failed(reason)
        else:
            self._dialogs.error(self._window, "Export failed", reason)

    def export_csv(self) -> None:
        store = self._store()
        path = self._dialogs.save_file(self._window, "Export grades as CSV",
                                       Path.home() / "peel-grades.csv", "csv")
        if path is None:
            return
        try:
            from peelviewer.core.export_csv import write_grades_csv

            with path.open("w", newline="", encoding="utf-8") as handle:
                write_grades_csv(store.question_table(), handle)
        except OSError as error:
            self._dialogs.error(self._window, "Export failed",
                                f"{path}: {error.strerror or error}")
            return
        except (StoreError, sqlite3.Error) as error:
            self._library_failed(explain(error, store.path))
            return
        self._status(f"Wrote {path}")
