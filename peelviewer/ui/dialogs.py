"""Every modal dialog of the app goes through here, so tests can replace them in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peelviewer import __version__
from peelviewer.core.importer import ImportSummary

HELP_TEXT = """PEEL Viewer reads the inspection reports HMICFRS publishes for the 43 police forces
of England and Wales (PEEL 2014 to 2018/19) and keeps them in a local library.

Import report pages by dropping files or folders onto the window, or with File > Import:
text copied from the inspectorate's site, pages saved from a browser (HTML), or PDFs.

Choose a cycle and a pillar in the toolbar. The heatmap shows every force's grade for each
question: click a cell to read the question in full. Hatched cells and a * mark grades that
were carried over or read from the report's text rather than a grade line.

Ctrl+F filters the force list by name or alias. Search finds words in every summary,
narrative and finding. View > Accessible table shows the grades as a table.

On the command line: peelviewer parse, import, list and search (peelviewer --help)."""

REPORT_FILTER = "Report pages (*.txt *.text *.html *.htm *.pdf);;All files (*)"


class ImportResultsDialog(QDialog):
    """Each file with its outcome and reason, and a button to copy the list."""

    def __init__(self, parent: QWidget, summary: ImportSummary):
        super().__init__(parent)
        self.setWindowTitle("Import results")
        self.resize(760, 420)
        self.summary = summary
        self.files = QTreeWidget()
        self.files.setHeaderLabels(["File", "Outcome", "Report", "Reason"])
        self.files.setRootIsDecorated(False)
        for result in summary.results:
            item = QTreeWidgetItem([result.path.name, result.outcome, result.report_key,
                                    result.reason])
            item.setToolTip(0, str(result.path))
            self.files.addTopLevelItem(item)
        for column in range(3):
            self.files.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Copy to clipboard",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        heading = QLabel(summary.line())
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        lines = [r.line() for r in self.summary.results]
        return "\n".join([*lines, self.summary.line()])

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


class Dialogs:
    """The app's modal dialogs. Tests swap in an object with the same methods."""

    def information(self, parent: QWidget, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Information, parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Warning, parent, title, text)

    def _message(self, icon, parent, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def about(self, parent: QWidget, library_path: str) -> None:
        self.information(parent, "About PEEL Viewer",
                         f"PEEL Viewer {__version__}\n\nRead, compare and export police "
                         f"inspection (PEEL) reports.\n\nLibrary: {library_path}")

    def help(self, parent: QWidget) -> None:
        self.information(parent, "PEEL Viewer help", HELP_TEXT)

    def import_files(self, parent: QWidget) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Import report files", "",
                                                REPORT_FILTER)
        return [Path(p) for p in paths]

    def import_folder(self, parent: QWidget) -> list[Path]:
        path = QFileDialog.getExistingDirectory(parent, "Import a folder of reports")
        return [Path(path)] if path else []

    def progress(self, parent: QWidget, total: int) -> QProgressDialog:
        dialog = QProgressDialog("Importing…", "Cancel", 0, total, parent)
        dialog.setWindowTitle("Importing reports")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    def import_results(self, parent: QWidget, summary: ImportSummary) -> None:
        ImportResultsDialog(parent, summary).exec()
