"""The app's own dialog windows: import results, and the comparison PDF export options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.names import display_path, escape_name
from peelviewer.ui.safe_text import tooltip


class ImportResultsDialog(QDialog):
    """Each file with its outcome and reason, and a button to copy the list."""

    def __init__(self, parent: QWidget, summary):
        super().__init__(parent)
        self.setWindowTitle("Import results")
        self.resize(980, 460)
        self.summary = summary
        self.files = QTreeWidget()
        self.files.setHeaderLabels(["File", "Outcome", "Report", "Reason"])
        self.files.setRootIsDecorated(False)
        # What needs attention first: failures, then reports a richer copy replaced.
        order = {"failed": 0, "updated": 1}
        for result in sorted(summary.results, key=lambda r: order.get(r.outcome, 2)):
            item = QTreeWidgetItem([result.name, result.outcome,
                                    result.report_key, escape_name(result.reason)])
            item.setToolTip(0, tooltip(escape_name(result.source) if result.source
                                       else display_path(result.path)))
            item.setToolTip(3, tooltip(result.reason))
            self.files.addTopLevelItem(item)
        for column in range(4):
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


class ExportDialog(QDialog):
    """Where to save the comparison PDF, its orientation, and whether to open it. Browse…
    asks `save_file` (the app's file dialog: Dialogs.save_file) for the file."""

    def __init__(self, parent: QWidget, suggested: Path, *,
                 save_file: Callable[[QWidget, str, Path, str], Path | None]):
        super().__init__(parent)
        self._save_file = save_file
        self.setWindowTitle("Export comparison PDF")
        self.setMinimumWidth(560)
        self.path = QLineEdit(str(suggested))
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self._browse)
        self.orientation = QComboBox()
        self.orientation.addItems(["Portrait", "Landscape"])
        self.open_when_done = QCheckBox("Open when done")
        self.open_when_done.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
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
        path = self._save_file(self, "Save comparison PDF", Path(self.path.text()), "pdf")
        if path is not None:  # save_file gives it the .pdf ending
            self.path.setText(str(path))

    def chosen_path(self) -> Path:
        return Path(self.path.text()).expanduser()

    def landscape(self) -> bool:
        return self.orientation.currentIndex() == 1
