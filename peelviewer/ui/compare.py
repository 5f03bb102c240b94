"""The Compare view: two reports side by side, sentence-aligned with word highlights, change
navigation (F7 / Shift+F7) and toggles for what counts as the same."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextTable
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.compare import ReportComparison, compare_reports
from peelviewer.core.diff import DiffOptions
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import section_words
from peelviewer.core.report_html import legend_html, section_html
from peelviewer.core.store import Store
from peelviewer.ui.library_guard import guarded

ReportKey = tuple[str, str, str]  # force id, cycle, pillar
# A long section is shown a piece at a time, so the window never waits seconds for Qt to
# build and lay out thousands of rows: the first rows (more than a screenful) at once, then
# more at each turn of the event loop.
FIRST_ROWS = 40
ROWS_PER_STEP = 40
# Between two sentence rows of report_html's table; report text is escaped, so never in one.
_ROW_BREAK = "</tr>\n<tr>"


def html_pieces(html: str) -> list[str]:
    """A section's HTML as pieces shown one after another: the heading and the first rows,
    further rows as tables of their own (they line up, every cell being half the width),
    then what follows the table (findings, the key)."""
    start = html.find("<table")
    end = html.find("</table>", start)
    if start < 0 or end < 0:
        return [html]
    rows = html[start:end].split(_ROW_BREAK)
    if len(rows) <= FIRST_ROWS:
        return [html]
    table_open = html[start:html.index(">", start) + 1]
    groups = [rows[:FIRST_ROWS]] + [rows[first:first + ROWS_PER_STEP]
                                    for first in range(FIRST_ROWS, len(rows), ROWS_PER_STEP)]
    pieces = []
    for index, group in enumerate(groups):
        piece = _ROW_BREAK.join(group)
        if index:
            piece = f"{table_open}<tr>{piece}"
        if index < len(groups) - 1:
            piece += "</tr>"
        pieces.append(piece + "</table>")
    pieces[0] = html[:start] + pieces[0]
    pieces.append(html[end + len("</table>"):])
    return pieces


class _SafeBrowser(QTextBrowser):
    """Shows our own HTML only: follows no links, loads no files or remote resources."""

    def __init__(self):
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setUndoRedoEnabled(False)  # pieces appended are no edits to undo

    def loadResource(self, kind: int, name: QUrl):
        return None


def side_title(key: ReportKey) -> str:
    force_id, cycle, pillar = key
    return f"{force_by_id(force_id).name} · PEEL {cycle}{section_words(pillar)}"


class CompareView(QWidget):
    """Signals: compared(ReportComparison) whenever a comparison is (re)built; rendered()
    once the section shown is in the browser in full (a long one arrives in pieces)."""

    compared = Signal(object)
    rendered = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.comparison: ReportComparison | None = None
        self.keys: tuple[ReportKey, ReportKey] | None = None
        self.change_index = -1
        self.title = QLabel("Choose two forces in the force list and press Compare, or use "
                            "Compare with… in the question pane.")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.sections = QComboBox()
        self.sections.setAccessibleName("Section to compare")
        self.ignore_case = QCheckBox("Ignore case")
        self.ignore_punctuation = QCheckBox("Ignore punctuation")
        self.placeholders = QCheckBox("Force names as placeholders")
        self.placeholders.setToolTip("Each side's own force names, “the force” and “the "
                                     "constabulary” compare as equal, so template sentences "
                                     "line up")
        self.placeholders.setChecked(True)
        self.previous_change = QToolButton(text="◀ Previous change")
        self.next_change = QToolButton(text="Next change ▶")
        self.previous_change.setToolTip("Previous change (Shift+F7)")
        self.next_change.setToolTip("Next change (F7)")
        self.position = QLabel()
        self.browser = _SafeBrowser()
        self.browser.setAccessibleName("Side-by-side comparison")
        self._pieces: list[str] = []  # still to append, in order
        self._rows_shown = 0  # sentence rows in the browser so far (or more)
        self._scroll_waiting = False  # to change_index, once its row is shown
        self._render_timer = QTimer(self, interval=0)
        self._render_timer.timeout.connect(self._show_next_piece)
        self._layout()
        for box in (self.ignore_case, self.ignore_punctuation, self.placeholders):
            box.toggled.connect(self.rerun)
        self.sections.currentIndexChanged.connect(self._show_section)
        self.next_change.clicked.connect(lambda: self.step(1))
        self.previous_change.clicked.connect(lambda: self.step(-1))
        QShortcut(QKeySequence("F7"), self, lambda: self.step(1),
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Shift+F7"), self, lambda: self.step(-1),
                  context=Qt.ShortcutContext.WindowShortcut)
        self.browser.installEventFilter(self)
        self._set_enabled(False)

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
        for widget in (self.ignore_case, self.ignore_punctuation, self.placeholders):
            options.addWidget(widget)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(navigation)
        layout.addLayout(options)
        layout.addWidget(self.browser, 1)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.sections, self.ignore_case, self.ignore_punctuation,
                       self.placeholders, self.previous_change, self.next_change):
            widget.setEnabled(enabled)

    @property
    def options(self) -> DiffOptions:
        return DiffOptions(ignore_case=self.ignore_case.isChecked(),
                           ignore_punctuation=self.ignore_punctuation.isChecked(),
                           force_placeholders=self.placeholders.isChecked())

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
        self._build(*reports, section=section)
        return True

    @guarded
    def rerun(self) -> None:
        """Diff again with the current toggles, staying on the same section."""
        if self.comparison is not None:
            key = self.sections.currentData()
            self._build(self.comparison.left, self.comparison.right, section=key)

    def _build(self, left, right, *, section: str | None) -> None:
        self.comparison = compare_reports(left, right, options=self.options)
        self.title.setText(f"{side_title(self.keys[0])}   ⟷   {side_title(self.keys[1])}")
        self.sections.blockSignals(True)
        self.sections.clear()
        for item in self.comparison.sections:
            similarity = item.comparison.similarity
            self.sections.addItem(f"{item.title[:70]} · {similarity:.0f}% similar", item.key)
        wanted = self.sections.findData(section) if section else -1
        if wanted < 0:  # open on the first question: the summary is one click away
            wanted = 1 if self.sections.count() > 1 else 0
        self.sections.setCurrentIndex(wanted)
        self.sections.blockSignals(False)
        self._set_enabled(True)
        self._show_section()
        self.compared.emit(self.comparison)

    @property
    def section(self):
        return self.comparison.section(self.sections.currentData())

    @guarded
    def _show_section(self) -> None:
        if self.comparison is None or self.sections.currentIndex() < 0:
            return
        # No anchors: Qt takes time in proportion to the document for each one it adds (so
        # the square of the changes in all); changes are found by their rows instead.
        html = section_html(self.section, side_title(self.keys[0]), side_title(self.keys[1]),
                            scales_differ=self.comparison.scales_differ, anchors=False)
        self.change_index = -1
        self._scroll_waiting = False
        first, *self._pieces = html_pieces(html + legend_html())
        self.browser.setHtml(first)
        self._rows_shown = first.count("<tr>") - 1  # not the column titles
        self._update_position()
        if self._pieces:
            self._render_timer.start()  # a newer section's pieces replace these
        else:
            self._render_timer.stop()
            self.rendered.emit()

    def _show_next_piece(self) -> None:
        piece = self._pieces.pop(0)
        cursor = QTextCursor(self.browser.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(piece)
        self._rows_shown += piece.count("<tr>")
        if self._scroll_waiting:
            self._scroll_to_change()
        if not self._pieces:
            self._render_timer.stop()
            self.rendered.emit()

    def finish(self) -> None:
        """Show the rest of the section now (for tests and whoever cannot wait)."""
        while self._pieces:
            self._show_next_piece()

    def change_count(self) -> int:
        return len(self.section.comparison.changes()) if self.comparison else 0

    def step(self, delta: int) -> None:
        """Go to the next or previous change, wrapping around."""
        count = self.change_count()
        if not count:
            return
        # Before the first step, "previous" is the last change.
        start = self.change_index if self.change_index >= 0 or delta > 0 else 0
        self.change_index = (start + delta) % count
        self._scroll_to_change()
        self._update_position()

    def _scroll_to_change(self) -> None:
        """Put the current change's row at the top, or wait until it is shown."""
        row = self.section.comparison.changes()[self.change_index]
        self._scroll_waiting = row >= self._rows_shown
        if self._scroll_waiting:
            return
        index = row + 1  # the first table starts with the column titles
        for frame in self.browser.document().rootFrame().childFrames():
            if not isinstance(frame, QTextTable):
                continue
            if index < frame.rows():
                cursor = frame.cellAt(index, 0).firstCursorPosition()
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.value() + self.browser.cursorRect(cursor).top())
                return
            index -= frame.rows()

    def _update_position(self) -> None:
        count = self.change_count()
        if not count:
            self.position.setText("no changes")
        elif self.change_index < 0:
            self.position.setText(f"{count} changes")
        else:
            self.position.setText(f"change {self.change_index + 1} of {count}")
