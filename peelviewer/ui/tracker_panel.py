"""The Findings tab's panel of the current finding: its lead-in and words in full, and the
findings of earlier cycles it repeats, each with Unlink (and those the user unlinked with
Link again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from peelviewer.core.tracker import KIND_LABELS, TrackedFinding
from peelviewer.core.tracker_links import Link
from peelviewer.ui.safe_text import plain_label

if TYPE_CHECKING:
    from peelviewer.ui.tracker import TrackerView


class FindingPanel(QWidget):
    """The current finding in full: its lead-in and words, and what it repeats from earlier
    cycles, each link with Unlink (and the unlinked ones with Link again)."""

    def __init__(self, view: TrackerView):
        super().__init__(view)
        self._view = view
        self.heading = plain_label(bold=True)
        self.lead_in = plain_label()
        self.text = plain_label()
        self._links = QWidget()
        self._links_layout = QVBoxLayout(self._links)
        self._links_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        for widget in (self.heading, self.lead_in, self.text, self._links):
            column.addWidget(widget)
        column.addStretch(1)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.link_labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self.show_finding(None)

    def show_finding(self, row: TrackedFinding | None) -> None:
        while self._links_layout.count():
            item = self._links_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # its button may be the one being clicked: deleted later
                item.widget().deleteLater()
        self.link_labels, self.buttons = [], []
        if row is None:
            self.heading.setText("Choose a finding to read it in full.")
            self.lead_in.hide()
            self.text.setText("")
            return
        self.heading.setText(f"{row.force_name} · {row.cycle} · {row.question} · "
                             f"{row.kind_label}")
        self.lead_in.setText(row.lead_in)
        self.lead_in.setVisible(bool(row.lead_in))
        self.text.setText(row.text)
        links = self._view.links_of(row)
        unlinked = self._view.unlinked_of(row)
        title = "Raised before:" if links else "Not raised in an earlier cycle of the library."
        self._links_layout.addWidget(plain_label(title))
        for link in links:
            self._add_link(row, link, linked=True)
        if unlinked:
            self._links_layout.addWidget(plain_label("Unlinked by you:"))
            for link in unlinked:
                self._add_link(row, link, linked=False)

    def _add_link(self, row: TrackedFinding, link: Link, *, linked: bool) -> None:
        line = QHBoxLayout()
        label = plain_label(f"{link.cycle} ({link.score}%), {KIND_LABELS.get(link.kind, '')}"
                            f": {link.text}")
        button = QPushButton("Unlink" if linked else "Link again")
        button.clicked.connect(
            lambda _checked=False, found=link: self._view.set_link(row, found, linked=not linked))
        line.addWidget(label, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        holder = QWidget()
        holder.setLayout(line)
        line.setContentsMargins(12, 0, 0, 0)
        self._links_layout.addWidget(holder)
        self.link_labels.append(label)
        self.buttons.append(button)
