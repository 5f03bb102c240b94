"""The National tab: for a cycle and a pillar (or the areas of policing), how many forces had
each grade, one stacked bar per question, where the chosen force stands on each, and plain
sentences about it; a segment lists its forces, and a force there opens its question."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.forces import force_name
from peelviewer.core.grid import ALL_PILLARS, CellCode
from peelviewer.core.model import section_words
from peelviewer.core.national import NationalPicture, count_of, national_picture, statements
from peelviewer.ui.library_guard import guarded
from peelviewer.ui.national_chart import GradeBars, GradeKey, short_name
from peelviewer.ui.safe_text import plain_label

EMPTY_LIBRARY = "No reports in the library yet: import some to see how forces compare."
CHOOSE_CYCLE = "Choose a cycle to see how many forces had each grade."


class NationalView(QWidget):
    """Signals: forceChosen(force id, cycle, section, question number or None), when the user
    opens a force from the list of a segment."""

    forceChosen = Signal(str, str, str, object)

    def __init__(self, store, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._store, self._palette = store, palette
        self.picture: NationalPicture | None = None
        self._cycle: str | None = None
        self._section: str | None = None
        self._force_id: str | None = None
        self.listed: tuple[int, int] | None = None  # the segment whose forces are listed

        self.title = plain_label(bold=True, size=1.2)
        self.empty_hint = plain_label()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = GradeBars(palette)
        self.chart.segmentChosen.connect(self.list_segment)
        self.marker_note = plain_label()
        self.legend = GradeKey(palette)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.chart)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The heading names a question in its report's words: plain text, wrapped, so a long
        # 2014 question neither widens the window nor reads as markup.
        self.statements_heading = plain_label(bold=True)
        self.statements = plain_label()
        self.statements.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.statements.setAccessibleName("Where the chosen force stands")
        self.statements.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._lay_out()
        self._set_empty(self._no_cycle_hint())

    def _lay_out(self) -> None:
        """The key, bars and sentences on the left; the chosen segment's forces on the
        right; the empty hint in their place when there is nothing to show."""
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.legend)
        column.addWidget(self.marker_note)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.statements_heading)
        column.addWidget(self.statements)
        column.addStretch(0)
        self.list_heading = plain_label("Click a segment (or press Enter on one) to list "
                                        "its forces.")
        self.forces = QListWidget()
        self.forces.setAccessibleName("Forces with the chosen grade")
        self.forces.setWordWrap(True)  # long official names wrap rather than scroll
        self.forces.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.forces.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forces.setToolTip("Double-click a force to open its report at this question")
        self.forces.itemActivated.connect(self._open_force)
        right = QWidget()
        right.setMinimumWidth(210)  # most official names fit without a scroll bar
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.list_heading)
        side.addWidget(self.forces, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_hint)
        self.pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)

    # The API the workbench uses

    def show(self, cycle: str | None = None, section: str | None = None,
             force_id: str | None = None) -> None:
        """Show a cycle and section with a force marked; with no arguments, QWidget.show."""
        if cycle is None and section is None:
            super().show()
            return
        self._show_picture(cycle, section, force_id)

    @guarded
    def refresh(self) -> None:
        """Read the library again (after an import or a removal)."""
        if self._cycle:
            self._show_picture(self._cycle, self._section, self._force_id)
        else:
            self._set_empty(self._no_cycle_hint())

    def _no_cycle_hint(self) -> str:
        return CHOOSE_CYCLE if self._store.cycles() else EMPTY_LIBRARY

    @guarded
    def _show_picture(self, cycle: str, section: str, force_id: str | None) -> None:
        same = (cycle, section) == (self._cycle, self._section)
        listed = self._listed_key() if same else None
        self._cycle, self._section, self._force_id = cycle, section, force_id
        self.picture = picture = national_picture(self._store, cycle, section)
        self.listed = None
        self.title.setText(picture.title)
        report = f"PEEL {cycle}{'' if section == ALL_PILLARS else section_words(section)}"
        if not picture.forces:
            self._set_empty(f"No {report} reports in the library. Import this cycle's reports "
                            "to see how many forces had each grade.")
            return
        if not picture.bars:
            self._set_empty(f"The {report} reports in the library hold no grades to count.")
            return
        self.pages.setCurrentIndex(1)
        self._fill_legend(picture)
        self.chart.set_picture(picture, force_id)
        self.scroll.setMaximumHeight(self.chart.sizeHint().height() + 2)  # no empty stretch
        if listed is not None:
            index = next((i for i, b in enumerate(picture.bars) if b.key == listed[0]), None)
            if index is not None and self.chart.forces_of(index, listed[1]):
                self.list_segment(index, listed[1])
                return
        self._clear_list()
        self._show_statements(None)

    def _listed_key(self):
        if self.listed is None or self.picture is None:
            return None
        return self.picture.bars[self.listed[0]].key, self.listed[1]

    def _set_empty(self, hint: str) -> None:
        self.empty_hint.setText(hint)
        self.pages.setCurrentIndex(0)
        if not self._cycle:
            self.title.setText("National picture")

    # The parts

    def _fill_legend(self, picture: NationalPicture) -> None:
        codes = [CellCode.of(g) for g in picture.grades]
        if any(bar.ungraded for bar in picture.bars):
            codes.append(CellCode.UNGRADED)
        if any(bar.missing for bar in picture.bars):
            codes.append(CellCode.NO_REPORT)
        self.legend.set_codes(codes, picture.section,
                              marked=any(bar.notes for bar in picture.bars))
        self.marker_note.setText(
            f"{short_name(self._force_id)}'s grade is outlined on each bar and marked with "
            "its name." if self._force_id in picture.forces else "")
        self.marker_note.setVisible(bool(self.marker_note.text()))
        self.chart.setAccessibleName("Grades across forces; key: "
                                     + ", ".join(self.legend.words()))

    def list_segment(self, index: int, code: int) -> None:
        """List the forces of one segment, the chosen force first; the sentences follow the
        segment's question."""
        self.listed = (index, code)
        self.chart.choose(index, code)
        bar = self.picture.bars[index]
        forces = list(self.chart.forces_of(index, code))
        if self._force_id in forces:
            forces.remove(self._force_id)
            forces.insert(0, self._force_id)
        self.list_heading.setText(f"{self.chart.word(code)} for {bar.label}: "
                                  f"{count_of(len(forces), 'force')}")
        self.forces.clear()
        for force_id in forces:
            name = force_name(force_id)
            notes = [note for note in (bar.notes.get(force_id),
                                       "chosen" if force_id == self._force_id else None) if note]
            item = QListWidgetItem(name + (f" ({', '.join(notes)})" if notes else ""))
            item.setData(Qt.ItemDataRole.UserRole, force_id)
            item.setToolTip(f"Double-click to open {name}'s report")
            if force_id == self._force_id:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.forces.addItem(item)
        if forces:
            self.forces.setCurrentRow(0)
        self._show_statements(bar.key)

    def _clear_list(self) -> None:
        self.chart.showing_list = False
        self.forces.clear()
        self.list_heading.setText("Click a segment (or press Enter on one) to list its forces.")

    def _show_statements(self, column) -> None:
        if self._force_id is None:
            self.statements_heading.setText("Where a force stands")
            self.statements.setText("Choose one force in the Forces list to see where it "
                                    "stands.")
            return
        bar = self.picture.bar(column) if column is not None else None
        picture = self.picture
        among = count_of(len(picture.forces), "force")
        scope = f"all {among}" if picture.complete else f"the {among} in the library"
        self.statements_heading.setText(
            f"Where {force_name(self._force_id)} stands among {scope}"
            + (f": {bar.label}" if bar else ""))
        self.statements.setText("\n".join(statements(self.picture, self._force_id, column)))

    def _open_force(self, item: QListWidgetItem) -> None:
        if self.listed is None or self.picture is None:
            return
        bar = self.picture.bars[self.listed[0]]
        force_id = item.data(Qt.ItemDataRole.UserRole)
        if self.picture.section == ALL_PILLARS:
            section, number = str(bar.key), None
        else:
            section = self.picture.section
            number = None if bar.overall else bar.numbers.get(force_id)
        self.forceChosen.emit(force_id, self.picture.cycle, section, number)
