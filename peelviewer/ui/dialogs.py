"""Every modal dialog of the app goes through here, so tests can replace them in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from peelviewer import __version__

HELP_TEXT = """PEEL Viewer reads the inspection reports HMICFRS publishes for the 43 police forces
of England and Wales (PEEL 2014 to 2018/19) and keeps them in a local library.

Choose a cycle and a pillar in the toolbar. The heatmap shows every force's grade for each
question: click a cell to read the question in full. Hatched cells and a * mark grades that
were carried over or read from the report's text rather than a grade line.

Ctrl+F filters the force list by name or alias. Search finds words in every summary,
narrative and finding. View > Accessible table shows the grades as a table.

On the command line: peelviewer parse, import, list and search (peelviewer --help)."""


class Dialogs:
    """The app's modal dialogs. Tests swap in an object with the same methods."""

    def information(self, parent: QWidget, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                          parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def about(self, parent: QWidget, library_path: str) -> None:
        self.information(parent, "About PEEL Viewer",
                         f"PEEL Viewer {__version__}\n\nRead, compare and export police "
                         f"inspection (PEEL) reports.\n\nLibrary: {library_path}")

    def help(self, parent: QWidget) -> None:
        self.information(parent, "PEEL Viewer help", HELP_TEXT)

    def open_library(self, parent: QWidget, start: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, "Open library", start,
                                              "PEEL Viewer libraries (*.peeldb);;All files (*)")
        return path
