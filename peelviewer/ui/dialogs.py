"""Every modal dialog of the app goes through here, so tests can replace them in one place.
Qt's dialog classes load only when a dialog is first shown, keeping start-up light."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from peelviewer import __version__

HELP_TEXT = """PEEL Viewer reads the inspection reports HMICFRS publishes for the 43 police forces
of England and Wales, every PEEL cycle from 2014 to 2025-27, and keeps them in a local
library.

Import report pages by dropping files or folders onto the window, or with File > Import:
text copied from the inspectorate's site, pages saved from a browser (HTML), or PDFs.
Edit > Paste report (Ctrl+V) imports report text, a web page's HTML or a link copied from
the browser; dropping a browser selection or a link works the same way.

Choose a cycle and a pillar in the toolbar. The heatmap shows every force's grade for each
question: click a cell to read the question in full. Hatched cells and a * mark grades that
were carried over or read from the report's text rather than a grade line.

Timeline (Ctrl+3) shows the force chosen in the force list across every cycle. Findings
(Ctrl+4) tracks its areas for improvement, causes of concern and recommendations: what was
raised before, and your own status, RAG rating, owner, due date and notes, which
re-imports keep. National (Ctrl+5) counts how many forces had each grade and says where
the chosen force stands. Grey sentences are template text that many forces' reports share
(View > Dim template text).

Ctrl+F filters the force list by name or alias. Search finds words in every summary,
narrative and finding; filter the hits by cycle, pillar or area and kind, and click one to
read it with the words highlighted. View > Accessible table shows the grades as a table.

File > Open library… and New library… switch to another library file; File > Remove
report… removes the report shown in the Question pane.

On the command line: peelviewer parse, import (files, folders or links), list and search
(peelviewer --help)."""

REPORT_FILTER = "Report pages (*.txt *.text *.html *.htm *.pdf);;All files (*)"
LIBRARY_FILTER = "PEEL Viewer libraries (*.peeldb);;All files (*)"


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    landscape: bool = False
    open_when_done: bool = True


class DialogsLike(Protocol):
    """Every dialog the app shows; `Dialogs` shows them, tests record them instead."""

    def information(self, parent, title: str, text: str) -> None: ...

    def error(self, parent, title: str, text: str) -> None: ...

    def confirm(self, parent, title: str, text: str, *, action: str) -> bool: ...

    def about(self, parent, library_path: str) -> None: ...

    def help(self, parent) -> None: ...

    def import_files(self, parent) -> list[Path]: ...

    def import_folder(self, parent) -> list[Path]: ...

    def open_library(self, parent, folder: Path) -> Path | None: ...

    def new_library(self, parent, folder: Path) -> Path | None: ...

    def progress(self, parent, total: int): ...

    def import_results(self, parent, summary) -> None: ...

    def export_pdf(self, parent, suggested: Path) -> ExportChoice | None: ...

    def save_file(self, parent, title: str, suggested: Path, kind: str) -> Path | None: ...

    def open_file(self, path: Path) -> None: ...


class Dialogs:
    """The app's modal dialogs. Tests swap in an object with the same methods (DialogsLike)."""

    def information(self, parent, title: str, text: str) -> None:
        self._message("Information", parent, title, text)

    def error(self, parent, title: str, text: str) -> None:
        self._message("Warning", parent, title, text)

    def _message(self, icon: str, parent, title: str, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(getattr(QMessageBox.Icon, icon), title, text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def confirm(self, parent, title: str, text: str, *, action: str) -> bool:
        """Whether the user chose `action` (the default is Cancel)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        chosen = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is chosen

    def about(self, parent, library_path: str) -> None:
        self.information(parent, "About PEEL Viewer",
                         f"PEEL Viewer {__version__}\n\nRead, compare and export police "
                         f"inspection (PEEL) reports.\n\nLibrary: {library_path}")

    def help(self, parent) -> None:
        self.information(parent, "PEEL Viewer help", HELP_TEXT)

    def import_files(self, parent) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(parent, "Import report files", "",
                                                REPORT_FILTER)
        return [Path(p) for p in paths]

    def import_folder(self, parent) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(parent, "Import a folder of reports")
        return [Path(path)] if path else []

    def open_library(self, parent, folder: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, "Open library", str(folder),
                                              LIBRARY_FILTER)
        return Path(path) if path else None

    def new_library(self, parent, folder: Path) -> Path | None:
        """A name for a new library file; one that exists is refused by the caller."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            parent, "New library", str(folder / "library.peeldb"), LIBRARY_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        return Path(path) if path else None

    def progress(self, parent, total: int):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QProgressDialog

        dialog = QProgressDialog("Importing…", "Cancel", 0, total, parent)
        dialog.setWindowTitle("Importing reports")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        label = QLabel()  # file names shown as they are, never as markup
        label.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setLabel(label)
        dialog.setLabelText("Importing…")
        return dialog

    def import_results(self, parent, summary) -> None:
        from peelviewer.ui.dialog_windows import ImportResultsDialog

        ImportResultsDialog(parent, summary).exec()

    def export_pdf(self, parent, suggested: Path) -> ExportChoice | None:
        from PySide6.QtWidgets import QDialog

        from peelviewer.ui.dialog_windows import ExportDialog

        dialog = ExportDialog(parent, suggested, save_file=self.save_file)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return ExportChoice(dialog.chosen_path(), dialog.landscape(),
                            dialog.open_when_done.isChecked())

    def save_file(self, parent, title: str, suggested: Path, kind: str) -> Path | None:
        """A file name to write, for an export of `kind` ("csv" or "pdf")."""
        from PySide6.QtWidgets import QFileDialog

        filters = {"csv": "CSV files (*.csv)", "pdf": "PDF files (*.pdf)"}
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters[kind])
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == f".{kind}" else chosen.with_name(
            chosen.name + f".{kind}")

    def open_file(self, path: Path) -> None:
        """Open a file we wrote with the system's viewer."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
