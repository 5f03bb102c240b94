"""Moving reports in and out of the window: drag and drop (files, a browser's text or links),
paste, File > Import on a worker thread with progress and results, links fetched with
progress and Cancel, and the comparison PDF and grades CSV exports."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from peelviewer.core.grid import ALL_PILLARS
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
from peelviewer.ui.library_guard import report_library_error

PROGRESS_FROM_FILES = 20  # smaller imports report in the status bar only


class TransferMixin:
    """Import and export for MainWindow; expects its widgets, store, dialogs and signals."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if not may_carry_report(mime):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if local_paths(mime):
            self.statusBar().showMessage("Drop to import these files", 3000)
        elif web_links(mime):
            self.statusBar().showMessage("Drop to fetch and import this page", 3000)
        else:
            self.statusBar().showMessage("Drop to import this text as a report", 3000)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if may_carry_report(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        found = carried(event.mimeData(), how="dropped")
        if not found:
            event.ignore()
            self.statusBar().showMessage(NOTHING_TO_DROP, 10000)
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.start_import(found.items())

    def paste_report(self) -> None:
        """Edit > Paste report: import the report text, HTML or link on the clipboard."""
        found = carried(QApplication.clipboard().mimeData(), how="pasted")
        if not found:
            self.statusBar().showMessage(NOTHING_TO_PASTE, 10000)
            return
        self.start_import(found.items())

    def start_import(self, items: list) -> None:
        """Import on a worker thread: files and folders (Path), links to fetch (Link) and
        pasted or dropped text (ReportBytes); what arrives meanwhile waits for the next
        round."""
        if not items:
            return
        if self.store is None:  # dropped before the library opened: import it right after
            self._pending.extend(items)
            self.statusBar().showMessage("The files will be imported once the library is open")
            return
        if self.import_job is not None:
            self._pending.extend(items)
            return
        if self.store.damage:
            self.dialogs.error(self, "Import refused", f"{self.store.path}: {self.store.damage}"
                               ": PEEL Viewer never writes to a damaged library.")
            return
        paths = [item for item in items if isinstance(item, str | Path)]
        if paths:  # files first; links and text in the round after
            self._pending.extend(item for item in items if not isinstance(item, str | Path))
            self._start_file_import(paths)
        else:
            self._start_source_import(items)

    def _start_file_import(self, paths: list) -> None:
        from peelviewer.ui.workers import ImportJob

        self.import_job = ImportJob(self.store.path, list(paths), self)
        worker = self.import_job.worker
        worker.counted.connect(self._import_counted)
        worker.progress.connect(self._import_progress)
        self.import_job.done.connect(self._import_done)
        self.import_job.failed.connect(self._import_failed)
        self.statusBar().showMessage("Importing…")
        self.import_job.start()

    def _start_source_import(self, items: list) -> None:
        """Links are fetched with a progress dialog and Cancel; text is imported at once."""
        from peelviewer.ui.workers import SourceImportJob

        sources = [item.url if isinstance(item, Link) else item for item in items]
        self.import_job = SourceImportJob(self.store.path, sources, self)
        worker = self.import_job.worker
        worker.starting.connect(self._source_starting)
        worker.received.connect(self._source_received)
        self.import_job.done.connect(self._sources_done)
        self.import_job.failed.connect(self._import_failed)
        if any(isinstance(item, Link) for item in items):
            self._progress = self.dialogs.progress(self, 0)
            self._progress.setWindowTitle("Fetching reports")
            self._progress.setLabelText("Connecting…")
            self._progress.canceled.connect(self._cancel_import)
        self.statusBar().showMessage("Importing…")
        self.import_job.start()

    def _source_starting(self, done: int, total: int, name: str) -> None:
        self._fetching = _shortened(escape_name(name))
        text = f"{'Fetching' if self._progress is not None else 'Importing'} {self._fetching}"
        if total > 1:
            text += f" ({done + 1} of {total})"
        if self._progress is not None:
            self._progress.setLabelText(text)
        self.statusBar().showMessage(text + "…")

    def _source_received(self, received: int, total: int) -> None:
        progress = self._progress
        if progress is None:
            return
        size = f"{_size(received)} of {_size(total)}" if total else _size(received)
        progress.setLabelText(f"Fetching {getattr(self, '_fetching', '')}: {size}")
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
                self.dialogs.error(self, "Import failed", result.line())
            return
        if summary.cancelled and not summary.results:
            self._import_done(summary, message="Cancelled: nothing was imported",
                              results_dialog=False)
            return
        self._import_done(summary)

    def _import_counted(self, total: int) -> None:
        if total > PROGRESS_FROM_FILES:
            self._progress = self.dialogs.progress(self, total)
            self._progress.canceled.connect(self._cancel_import)

    def _import_progress(self, done: int, total: int, name: str) -> None:
        text = f"{done + 1} of {total}: {escape_name(name)}"
        progress = self._progress
        if progress is not None:
            progress.setLabelText(text)
            # A window-modal progress dialog processes events here; the import may end.
            progress.setValue(done)
        else:
            self.statusBar().showMessage(f"Importing {text}")

    def _cancel_import(self) -> None:
        from peelviewer.ui.workers import SourceImportJob

        if self.import_job is not None:
            self.import_job.cancel()
            self.statusBar().showMessage(
                "Cancelling…" if isinstance(self.import_job, SourceImportJob)
                else "Cancelling after the current file…")

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self._cancel_import)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _import_done(self, summary, *, message: str | None = None,
                     results_dialog: bool = True) -> None:
        self._close_progress()
        self.import_job.deleteLater()
        self.import_job = None
        shown = self.detail.question
        report = self.detail.report
        self.reload()
        if report is not None:  # keep the user's place, with the newest text
            self.detail.report = None
            self.detail.show_question(report.force_id, report.cycle, report.pillar,
                                      shown.number if shown else None)
        self.statusBar().showMessage(message or summary.line())
        # Announce first: the results dialog is modal, and nothing waiting on the import
        # (a scripted launch, queued files) should wait on the user closing it.
        self.importFinished.emit(summary)
        if summary.stopped is not None:  # the library failed: say that, not file by file
            self._pending.clear()
            self.library_failed(summary.stopped)
            self.statusBar().showMessage(summary.line())
            if len(summary.failed) == 1 and not summary.counts["updated"]:
                return
        if self._pending:
            pending, self._pending = self._pending, []
            self.start_import(pending)
        if results_dialog and (summary.failed or summary.counts["updated"]):
            self.dialogs.import_results(self, summary)

    def _import_failed(self, reason) -> None:
        self._close_progress()
        self.import_job.deleteLater()
        self.import_job = None
        if isinstance(reason, StoreError):  # the library, not the files: its state shows
            self.library_failed(reason)
        else:
            self.dialogs.error(self, "Import failed", reason)
        self.statusBar().showMessage(f"Import failed: {reason}")


    def export_scope(self) -> tuple[Callable, str] | None:
        """What to export and a file name for it: exactly the comparison the Compare tab
        shows (two forces, or one force in two cycles), else the forces selected in the
        force list in the chosen cycle and pillar."""
        # Loaded on first export, not at start-up: the comparison code pulls in the diff.
        from peelviewer.core.comparison_document import build_document, build_pair_document

        view = self.compare_view
        if self.tabs.currentWidget() is view and view.keys is not None:
            left, right = view.keys
            options = view.options
            name = "-".join(f"{force}-{cycle}" for force, cycle, _ in (left, right))
            return (partial(build_pair_document, left_key=left, right_key=right,
                            options=options, dim_template=view.dim_template), name)
        force_ids = self.force_list.selected_force_ids()
        if len(force_ids) >= 2:
            pillar = None if self.pillar == ALL_PILLARS else self.pillar
            cycle = self.cycle or None
            return (partial(build_document, force_ids=force_ids, cycle=cycle, pillar=pillar,
                            dim_template=self.dim_template_action.isChecked()),
                    f"{cycle or ''}-{'-'.join(force_ids)}")
        return None

    def export_pdf(self) -> None:
        scope = self.export_scope()
        if scope is None:
            self.dialogs.information(
                self, "Export comparison PDF",
                "Select two or more forces in the force list (Ctrl+click), or open a "
                "comparison in the Compare tab, then export.")
            return
        build, name = scope
        suggested = Path.home() / f"peel-{name.replace('/', '-')}.pdf"
        choice = self.dialogs.export_pdf(self, suggested)
        if choice is None:
            return
        progress = self.dialogs.progress(self, 0)
        progress.setWindowTitle("Exporting PDF")
        progress.setLabelText("Comparing the texts…")
        progress.setCancelButton(None)
        from peelviewer.ui.workers import ExportJob

        self.export_job = ExportJob(self.store.path, build, choice, progress, self)
        self.export_job.done.connect(lambda path, pages: self._exported(path, pages, choice,
                                                                        progress))
        self.export_job.failed.connect(lambda reason: self._export_failed(reason, progress))
        self.export_job.start()

    def _finish_export(self, progress) -> None:
        progress.close()
        progress.deleteLater()
        self.export_job.deleteLater()
        self.export_job = None

    def _exported(self, path: Path, pages: int, choice, progress) -> None:
        self._finish_export(progress)
        self.statusBar().showMessage(f"Wrote {path} ({pages} pages)")
        if choice.open_when_done:
            self.dialogs.open_file(path)
        self.exportFinished.emit(path)

    def _export_failed(self, reason, progress) -> None:
        self._finish_export(progress)
        if isinstance(reason, StoreError):
            self.library_failed(reason)
        else:
            self.dialogs.error(self, "Export failed", reason)

    def export_csv(self) -> None:
        path = self.dialogs.save_file(self, "Export grades as CSV",
                                      Path.home() / "peel-grades.csv", "csv")
        if path is None:
            return
        try:
            from peelviewer.core.export_csv import write_grades_csv

            with path.open("w", newline="", encoding="utf-8") as handle:
                write_grades_csv(self.store.question_table(), handle)
        except OSError as error:
            self.dialogs.error(self, "Export failed", f"{path}: {error.strerror or error}")
            return
        except (StoreError, sqlite3.Error) as error:
            report_library_error(self, error)
            return
        self.statusBar().showMessage(f"Wrote {path}")


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
