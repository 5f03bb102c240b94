"""Template text kept marked: reports not indexed yet (after an import, or an upgrade) are
indexed on a thread of their own, and when some were, the Question pane and Compare mark
template text again with the fuller index. Never on a damaged library; a failure is one
line in the status bar, since the marks are a help and not the reader's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from peelviewer.ui.main_window import MainWindow


class TemplateIndexing(QObject):
    """One indexing job at a time for the window's library; asked again while one runs,
    another follows it."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self.job = None
        self._again = False

    def start(self, summary=None) -> None:
        """Index what is pending; not after an import that the library itself stopped (a
        full disk, a damaged file): the window is telling the user about that."""
        from peelviewer.ui.workers import IndexJob

        store = self._window.store
        if store is None or store.damage or getattr(summary, "stopped", None) is not None:
            return
        if self.job is not None:
            self._again = True
            return
        self.job = IndexJob(store.path, self)
        self.job.done.connect(self._indexed)
        self.job.failed.connect(self._failed)
        self.job.start()

    def stop(self) -> None:
        """Cancel the job (it ends after the batch it is writing) and wait for it."""
        if self.job is not None:
            job, self.job = self.job, None  # its queued signals are not waited for
            job.done.disconnect(self._indexed)
            job.failed.disconnect(self._failed)
            job.cancel()
            job.wait()
            job.deleteLater()
        self._again = False

    def _indexed(self, count: int) -> None:
        self._end()
        window = self._window
        if count and window.store is not None and window.dim_template_action.isChecked():
            window.detail.set_dim_template(True)
            window.compare_view.set_dim_template(True)
        window.templatesIndexed.emit(count)
        if self._again:
            self._again = False
            self.start()

    def _failed(self, reason) -> None:
        self._end()
        self._again = False
        status = self._window.statusBar()
        if not status.currentMessage():  # never over what an import or a view just said
            status.showMessage(f"Template text is not marked: {reason}", 10000)

    def _end(self) -> None:
        self.job.deleteLater()
        self.job = None
