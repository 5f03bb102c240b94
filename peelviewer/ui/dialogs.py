"""Every modal dialog of the app goes through here, so tests can replace them in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peelviewer import __version__

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    landscape: bool = False
    open_when_done: bool = True


class ExportDialog(QDialog):
    """Where to save the comparison PDF, its orientation, and whether to open it."""

    def __init__(self, parent: QWidget, suggested: Path):
        super().__init__(parent)
        self.setWindowTitle("Export comparison PDF")
        self.path = QLineEdit(str(suggested))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.orientation = QComboBox()
        self.orientation.addItems(["Portrait", "Landscape"])
        self.open_when_done = QCheckBox("Open when done")
        self.open_when_done.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", row)
        form.addRow("Pages", self.orientation)
        form.addRow("", self.open_when_done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save comparison PDF", self.path.text(),
                                              "PDF documents (*.pdf)")
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def choice(self) -> ExportChoice:
        return ExportChoice(Path(self.path.text()).expanduser(),
                            self.orientation.currentIndex() == 1,
                            self.open_when_done.isChecked())


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

    def export_pdf(self, parent: QWidget, suggested: Path) -> ExportChoice | None:
        dialog = ExportDialog(parent, suggested)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def export_csv(self, parent: QWidget, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "Export grades as CSV", str(suggested),
                                              "CSV files (*.csv)")
        return Path(path) if path else None

    def open_file(self, path: Path) -> None:
        """Open a file we wrote with the system's viewer."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
