"""The Compare view: two whole reports side by side in one scroll, sentence-aligned with word
highlights; a go-to box of sections, change navigation across them (F7 / Shift+F7) with the
current change framed, an overview strip of where the changes are, and toggles for what
counts as the same."""

from __future__ import annotations

import bisect
import dataclasses
from typing import NamedTuple

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.comparison.compare import ReportComparison
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.html import TemplateMarks, template_marks
from peelviewer.core.comparison.section_rows import BOTH, change_side
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import Report, section_words
from peelviewer.core.store import Store
from peelviewer.ui.compare_overview import ChangeOverview, Mark
from peelviewer.ui.comparison_cache import ComparisonCache, Prepared, toggles
from peelviewer.ui.library_guard import guarded
from peelviewer.ui.piece_browser import PieceBrowser

ReportKey = tuple[str, str, str]  # force id, cycle, pillar


class Change(NamedTuple):
    """A change as the reader meets it: its section, its row as shown (-1: the section is
    shown whole), the side it is on (section_rows.LEFT, RIGHT or BOTH) and its row in the
    section's comparison."""

    section: int
    shown: int
    side: int
    row: int

CHANGE_AT = 0.25  # of the view's height above the current change, for what leads up to it


def side_title(key: ReportKey) -> str:
    force_id, cycle, pillar = key
    return f"{force_by_id(force_id).name} · PEEL {cycle}{section_words(pillar)}"


class CompareView(QWidget):
    """Signals: rendered() once the whole report is in the browser (a long one arrives in
    pieces)."""

    rendered = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.comparison: ReportComparison | None = None
        self.keys: tuple[ReportKey, ReportKey] | None = None
        self._reports: tuple[Report, Report] | None = None
        self._dim_template = True
        self.change_index = -1
        self.title = QLabel("Choose two forces in the force list and press Compare, or use "
                            "Compare with… in the question pane.")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.sections = QComboBox()
        self.sections.setAccessibleName("Go to section")
        self.sections.setToolTip("Go to a section of the comparison")
        self.ignore_case = QCheckBox("Ignore case")
        self.ignore_punctuation = QCheckBox("Ignore punctuation")
        self.placeholders = QCheckBox("Force names as placeholders")
        self.placeholders.setToolTip("Each side's own force names, “the force” and “the "
                                     "constabulary” compare as equal, so template sentences "
                                     "line up")
        self.placeholders.setChecked(True)
        self.by_topic = QCheckBox("By topic")
        self.by_topic.setToolTip("On: each sentence beside the one most about the same thing, "
                                 "wherever it stands. Off: in order, as the texts run.")
        self.by_topic.setVisible("by_topic" in toggles())
        self.previous_change = QToolButton(text="◀ Previous change")
        self.next_change = QToolButton(text="Next change ▶")
        self.previous_change.setToolTip("Previous change (Shift+F7)")
        self.next_change.setToolTip("Next change (F7)")
        self.position = QLabel()
        self.browser = PieceBrowser()
        self.browser.setAccessibleName("Side-by-side comparison")
        self.overview = ChangeOverview()
        self._pieces = self.browser.pieces
        self._diffs: ComparisonCache | None = None
        self._changes: list[Change] = []  # every change, in reading order
        self._row_pieces: dict[int, list[tuple[int, int]]] = {}  # section: (first row, piece)
        self._headings: dict[int, int] = {}  # section: its heading's piece
        self._overview_timer = QTimer(self, interval=0, singleShot=True)
        self._overview_timer.timeout.connect(self._update_overview)
        self._layout()
        self._connect_signals()
        self.browser.installEventFilter(self)
        self._set_enabled(False)

    def _connect_signals(self) -> None:
        """The toggles, the section list, change navigation (buttons and F7) and the
        browser."""
        for box in (self.ignore_case, self.ignore_punctuation, self.placeholders, self.by_topic):
            box.toggled.connect(self.rerun)
        self.sections.currentIndexChanged.connect(self._go_to_section)
        self.next_change.clicked.connect(lambda: self.step(1))
        self.previous_change.clicked.connect(lambda: self.step(-1))
        self.overview.picked.connect(self._go_to_fraction)
        self.browser.edited.connect(self._edited)
        self.browser.rendered.connect(self._rendered)
        self.browser.reader_scrolled.connect(self._follow_reader)
        bar = self.browser.verticalScrollBar()
        bar.valueChanged.connect(self._show_in_view)
        bar.rangeChanged.connect(self._overview_timer.start)
        QShortcut(QKeySequence("F7"), self, lambda: self.step(1),
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Shift+F7"), self, lambda: self.step(-1),
                  context=Qt.ShortcutContext.WindowShortcut)

    def eventFilter(self, watched, event) -> bool:
        """F7 / Shift+F7 while reading the text, even where window shortcuts do not reach."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F7:
            backwards = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step(-1 if backwards else 1)
            return True
        return super().eventFilter(watched, event)

    def _layout(self) -> None:
        self.sections.setMinimumContentsLength(28)
        self.sections.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        navigation = QHBoxLayout()
        navigation.addWidget(self.sections, 1)
        navigation.addWidget(self.previous_change)
        navigation.addWidget(self.position)
        navigation.addWidget(self.next_change)
        options = QHBoxLayout()
        for widget in (self.by_topic, self.ignore_case, self.ignore_punctuation,
                       self.placeholders):
            options.addWidget(widget)
        options.addStretch(1)
        text = QHBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.browser, 1)
        text.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(navigation)
        layout.addLayout(options)
        layout.addLayout(text, 1)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.sections, self.ignore_case, self.ignore_punctuation,
                       self.placeholders, self.by_topic, self.previous_change,
                       self.next_change):
            widget.setEnabled(enabled)

    @property
    def options(self) -> DiffOptions:
        chosen = {"ignore_case": self.ignore_case.isChecked(),
                  "ignore_punctuation": self.ignore_punctuation.isChecked(),
                  "force_placeholders": self.placeholders.isChecked()}
        if "by_topic" in toggles():
            chosen["by_topic"] = self.by_topic.isChecked()
        return DiffOptions(**chosen)

    # Building and showing ------------------------------------------------------------------

    @guarded
    def compare(self, left: ReportKey, right: ReportKey, *, section: str | None = None) -> bool:
        """Compare two reports of the library; False (with a message) if one is missing."""
        reports = [self._store.report(*left), self._store.report(*right)]
        missing = [side_title(key) for key, report in zip((left, right), reports, strict=True)
                   if report is None]
        if missing:
            self.title.setText("Not in the library: " + "; ".join(missing))
            return False
        self.keys = (left, right)
        self._reports = (reports[0], reports[1])
        if self._diffs is not None:
            self._diffs.close()
        self._diffs = ComparisonCache(*reports, titles=(side_title(left), side_title(right)))
        self._diffs.set_templates(self._templates())
        if "by_topic" in toggles():  # the core chooses for this pair; the box shows it
            prepared = self._diffs.get(dataclasses.replace(self.options, by_topic=None))
            self.by_topic.blockSignals(True)
            self.by_topic.setChecked(bool(prepared.comparison.options.by_topic))
            self.by_topic.blockSignals(False)
            self._diffs.keep(self.options, prepared)
        self._show(self._diffs.get(self.options), section=section, fresh=True)
        return True

    def _templates(self) -> TemplateMarks | None:
        """The template sentences of the two reports, while they are dimmed: a query per
        text, once per pair (the toggles change the diff, not the texts)."""
        if not self._dim_template or self._reports is None:
            return None
        return template_marks(self._store.db.conn, *self._reports)

    @property
    def dim_template(self) -> bool:
        return self._dim_template

    @guarded
    def set_dim_template(self, on: bool) -> None:
        """Dim template text (sentences that at least three forces' reports of a cycle
        share) on both sides, or show it as any other; what is in view is drawn again first
        and stays in view. Also the way to show template text found since (the index is
        built after imports)."""
        self._dim_template = on
        templates = self._templates()
        if self._diffs is None or templates == self._diffs.templates:
            return  # nothing found since: nothing to draw again
        self._diffs.set_templates(templates)
        prepared = self._diffs.get(self.options)  # the same diff, its rows dimmed or not
        current, self.change_index = self.change_index, -1  # framed once the rows are in
        self.browser.show_changed(prepared.pieces)
        self._index_pieces(prepared.shown_at)
        self.change_index = current
        if current >= 0:
            self._frame_current()

    @guarded
    def rerun(self) -> None:
        """Diff again with the current toggles; only what changed is drawn again, and the
        reader stays where they were."""
        if self._diffs is not None:
            self._show(self._diffs.get(self.options), section=None, fresh=False)

    def _show(self, prepared: Prepared, *, section: str | None, fresh: bool) -> None:
        self.comparison = comparison = prepared.comparison
        left, right = (side_title(key) for key in self.keys)
        self.title.setText(f"{left}   ⟷   {right}")
        wanted = section if fresh else self.sections.currentData()
        self.sections.blockSignals(True)
        self.sections.clear()
        for item in comparison.sections:
            similarity = item.comparison.similarity
            self.sections.addItem(f"{item.title[:70]} · {similarity:.0f}% similar", item.key)
        self.sections.setCurrentIndex(max(0, self.sections.findData(wanted)))
        self.sections.blockSignals(False)
        self._set_enabled(True)
        self.change_index = -1
        if fresh:
            headings = self._headings_of(prepared.pieces)
            self.browser.show_new(prepared.pieces,
                                  first=headings.get(self.sections.currentIndex(), 0))
        else:  # a toggle: what is in view is drawn first, and stays in view
            self.browser.show_changed(prepared.pieces)
        self._index_pieces(prepared.shown_at)
        self._update_position()

    def _index_pieces(self, shown_at: dict[int, tuple[int, ...]]) -> None:
        self._changes = sorted(
            Change(index, shown_at[index][row] if shown_at.get(index) else -1,
                   change_side(section.comparison.rows[row]), row)
            for index, section in enumerate(self.comparison.sections)
            for row in section.comparison.changes())
        self._headings = self._headings_of(self._pieces.pieces)
        self._row_pieces = {}
        for index, piece in enumerate(self._pieces.pieces):
            if piece.rows:
                self._row_pieces.setdefault(piece.section, []).append((piece.first_row, index))

    @staticmethod
    def _headings_of(pieces) -> dict[int, int]:
        headings: dict[int, int] = {}
        for index, piece in enumerate(pieces):
            if piece.heading:
                headings.setdefault(piece.section, index)
        return headings

    def _edited(self) -> None:
        """Pieces were shown: the current change's row may have moved, and the marks."""
        if self.change_index >= 0:
            self._frame_current()
        self._overview_timer.start()

    def _rendered(self) -> None:
        self.rendered.emit()
        if self._diffs is not None:
            self._diffs.prefetch(self.options)  # the reader reads; the next toggle gets ready

    def finish(self) -> None:
        """Show the rest of the report now (for tests and whoever cannot wait)."""
        self.browser.finish()

    # Where things are ---------------------------------------------------------------------

    def _reading_place(self) -> tuple[int, int]:
        """(section, row as shown) at the top of the view: -1 for a heading, past the rows
        after."""
        position = self.browser.position_at_top()
        index = self._pieces.index_at(position)
        piece = self._pieces.pieces[index]
        if piece.heading:
            return piece.section, -1
        row = self._pieces.row_at(index, position) if piece.rows else None
        return piece.section, piece.first_row + (row or 0)

    def _piece_of(self, section: int, row: int) -> tuple[int, int] | None:
        """The piece holding a section's row, and the row's place within it."""
        found = self._row_pieces.get(section, [])
        at = bisect.bisect_right(found, (row, len(self._pieces.pieces))) - 1
        if at < 0:
            return None
        first, index = found[at]
        return (index, row - first) if row - first < self._pieces.pieces[index].rows \
            else None

    def _change_rect(self, change: Change, *, show: bool = False) -> QRectF | None:
        """Where a change is: its row, or the one cell of it a sentence on one side is in."""
        place = self._piece_of(change.section, change.shown)
        if place is None:
            return None
        if show:
            self.browser.ensure_shown(place[0])
        rect = self._pieces.row_rect(*place)
        if rect is None or change.side == BOTH:
            return rect
        half = rect.width() / 2
        return QRectF(rect.left() + half * change.side, rect.top(), half, rect.height())

    def _follow_reader(self, position: int) -> None:
        """The reader scrolls: the box names the section they are reading, and once the
        current change is out of view the next step starts from where they are."""
        current = 0
        for section, index in sorted(self._headings.items()):
            if self._pieces.is_shown(index) and self._pieces.top(index) <= position + 1:
                current = section
        self._set_section(current)
        self._let_go_out_of_view(position)

    def _let_go_out_of_view(self, position: float) -> None:
        framed = self.browser.framed
        height = self.browser.viewport().height()
        if framed is not None and (framed.bottom() <= position
                                   or framed.top() >= position + height):
            self.change_index = -1
            self.browser.framed = None
            self.browser.viewport().update()
            self._update_position()
            self._overview_timer.start()

    def _set_section(self, index: int) -> None:
        self.sections.blockSignals(True)
        self.sections.setCurrentIndex(index)
        self.sections.blockSignals(False)

    @guarded
    def _go_to_section(self, index: int) -> None:
        """The box is "go to": scroll its section's heading to the top."""
        heading = self._headings.get(index)
        if heading is None:
            return
        self.browser.go_to(heading)
        self._let_go_out_of_view(self.browser.verticalScrollBar().value())

    def _go_to_fraction(self, fraction: float) -> None:
        bar = self.browser.verticalScrollBar()
        height = bar.maximum() + bar.pageStep()
        bar.setValue(round(fraction * height - bar.pageStep() / 2))
        self.browser.scroll_to(bar.value())
        self._follow_reader(bar.value())

    @property
    def section(self):
        """The section named in the box: the one gone to, or being read."""
        return self.comparison.section(self.sections.currentData())

    # Changes ------------------------------------------------------------------------------

    def change_count(self) -> int:
        return len(self._changes)

    def step(self, delta: int) -> None:
        """Go to the next or previous change in the whole report, wrapping around; the first
        step goes from where the reader is."""
        count = self.change_count()
        if not count:
            return
        if self.change_index < 0:
            at = bisect.bisect_left(self._changes, self._reading_place())
            self.change_index = (at if delta > 0 else at - 1) % count
        else:
            self.change_index = (self.change_index + delta) % count
        section = self._changes[self.change_index].section
        self._set_section(section)
        rect = self._frame_current(show=True)
        if rect is not None:
            self.browser.scroll_to(rect.top() - self.browser.viewport().height() * CHANGE_AT)
        elif section in self._headings:  # a section shown whole: its heading
            self.browser.go_to(self._headings[section])
        self._update_position()
        self._overview_timer.start()

    def _frame_current(self, *, show: bool = False) -> QRectF | None:
        change = self._changes[self.change_index] if self.change_index >= 0 else None
        rect = self._change_rect(change, show=show) if change else None
        self.browser.framed = rect
        self.browser.viewport().update()
        return rect

    def _update_position(self) -> None:
        count = self.change_count()
        if not count:
            self.position.setText("no changes")
        elif self.change_index < 0:
            self.position.setText(f"{count} changes")
        else:
            self.position.setText(f"change {self.change_index + 1} of {count}")

    def _show_in_view(self) -> int:
        """Shade the part of the report in view on the strip; the report's height."""
        bar = self.browser.verticalScrollBar()
        height = max(1, bar.maximum() + bar.pageStep())
        self.overview.set_in_view(bar.value() / height, bar.pageStep() / height)
        return height

    def _update_overview(self) -> None:
        """Marks for the changes shown so far, where they stand in the whole report."""
        if self.comparison is None:
            return
        height = self._show_in_view()
        marks, current = [], None
        for number, change in enumerate(self._changes):
            place = self._piece_of(change.section, change.shown)
            if place is None or not self._pieces.is_shown(place[0]):
                continue
            rect = self._pieces.row_rect(*place)
            if rect is None:
                continue
            kind = self.comparison.sections[change.section].comparison.rows[change.row].kind
            mark = Mark(rect.top() / height, rect.height() / height, kind)
            marks.append(mark)
            if number == self.change_index:
                current = mark
        self.overview.set_marks(marks, current)
