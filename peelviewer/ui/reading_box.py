"""The reading box of the Question pane: a read-only text with a line of plain text above
it, filled a piece at a time so that a long text never keeps the pane waiting, with search
matches highlighted and template sentences (wording many forces' reports share) dimmed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from peelviewer.core.search import Marks
from peelviewer.core.sentences import split_sentences
from peelviewer.core.template_text import TEMPLATE_FORCES, template_spans
from peelviewer.ui.highlight import Dims, dim_ink, marked_html
from peelviewer.ui.safe_text import plain_label


class ReadingBox(QPlainTextEdit):
    """A read-only text with an optional line of plain text above it, in the box's top
    margin (so the box itself stays the tab's widget)."""

    def __init__(self, name: str):
        super().__init__()
        self.setReadOnly(True)
        self.setAccessibleName(name)
        self.document().setUndoRedoEnabled(False)  # pieces appended are no edits to undo
        self.note = plain_label()
        self.note.setParent(self)
        self.note.setContentsMargins(4, 2, 4, 4)
        self.note.setAccessibleName(f"{name}: template text")
        font = QFont(self.note.font())
        font.setItalic(True)
        self.note.setFont(font)
        self.note.hide()
        # The scroll bar comes and goes with the text's length; the note stays beside it.
        self.verticalScrollBar().rangeChanged.connect(self._scroll_range_changed)

    def set_note(self, text: str) -> None:
        if text != self.note.text() or self.note.isHidden() == bool(text):
            self.note.setText(text)
            self.note.setVisible(bool(text))
            self._place_note()

    def _place_note(self) -> None:
        area = self.contentsRect()
        width = area.width()
        bar = self.verticalScrollBar()
        if bar.maximum() > bar.minimum():  # shown beside the text, from the very top
            width -= bar.sizeHint().width()
        height = max(0, self.note.heightForWidth(width)) if self.note.text() else 0
        if self.viewportMargins().top() != height:  # else no new layout, no range change
            self.setViewportMargins(0, height, 0, 0)
        self.note.setGeometry(area.left(), area.top(), width, height)

    def _scroll_range_changed(self) -> None:
        if self.note.text():
            self._place_note()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.note.text():
            self._place_note()

    def viewportEvent(self, event) -> bool:
        """The tooltip of the text under the mouse (a template sentence's note): a plain
        text box shows none of its own."""
        if event.type() == QEvent.Type.ToolTip:
            tip = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


# A long text is shown a piece at a time, so the pane never waits seconds for Qt: the first
# piece (more than a screenful) at once, the rest at each turn of the event loop.
PIECE_CHARS = 20_000


def piece_bounds(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int, bool]]:
    """`text` in pieces of at most `size` characters, as (start, end, broken): each piece is
    text[start:end], ending at a line end where there is one. Qt lays a paragraph out whole,
    and again each time it grows, so one longer than a piece (real ones are under 3,000
    characters) is shown as lines of a piece each, broken at a space (which becomes the line
    break): `broken` says a line break follows the piece."""
    pieces, start = [], 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size) + 1
        if end > start:
            pieces.append((start, end, False))
            start = end
            continue
        space = text.rfind(" ", start, start + size)
        end = space if space > start else start + size
        pieces.append((start, end, True))
        start = end + (end == space)  # the space became the line break
    pieces.append((start, len(text), False))
    return pieces


# A piece of text -> its template sentences as (start, end, note) within the whole text,
# and how many sentences the piece holds.
TemplateFinder = Callable[[int, int], tuple[Dims, int]]


def template_note(template: int, sentences: int) -> str:
    """The line above a text with template sentences ("" for none)."""
    if not template:
        return ""
    verb = "is" if template == 1 else "are"
    noun = "sentence" if sentences == 1 else "sentences"
    return (f"{template} of {sentences} {noun} {verb} template text (dimmed): wording "
            f"found in at least {TEMPLATE_FORCES} forces' reports of this cycle")


class TemplateLookup:
    """The template sentences of one report's texts, looked up a piece at a time (a 20 MB
    text waits for no more than its first piece) and each piece once."""

    def __init__(self, conn: sqlite3.Connection, force_id: str, cycle: str):
        self._conn, self._force_id, self._cycle = conn, force_id, cycle
        self._found: dict[tuple[str, int, int], tuple[Dims, int]] = {}

    def finder(self, text: str) -> TemplateFinder:
        return lambda start, end: self.find(text, start, end)

    def find(self, text: str, start: int, end: int) -> tuple[Dims, int]:
        key = (text, start, end)
        if key not in self._found:
            piece = text[start:end]
            try:
                spans = template_spans(self._conn, self._force_id, self._cycle, piece)
            except sqlite3.Error:  # dimming is a help to reading: the text shows regardless
                spans = []
            self._found[key] = (
                [(start + span.start, start + span.end,
                  f"Template text: in {span.forces} forces' reports of PEEL {self._cycle}")
                 for span in spans],
                len(split_sentences(piece)))
        return self._found[key]


class ProgressiveText(QObject):
    """Shows texts in a read-only ReadingBox piece by piece; a new text replaces one still
    arriving. Signals: rendered() once a text is shown in full."""

    rendered = Signal()

    def __init__(self, box: ReadingBox):
        super().__init__(box)
        self._box = box
        self._text = ""
        self._pieces: list[tuple[int, int, bool]] = []  # still to append, in order
        self._marks: Marks = ()
        self._templates: TemplateFinder | None = None
        self._counts = [0, 0]  # template sentences, sentences in the pieces shown
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._show_next)

    def show(self, text: str, marks: Marks = (), templates: TemplateFinder | None = None
             ) -> None:
        """Show `text`, with the (start, end) spans in `marks` highlighted and its template
        sentences (as `templates` finds them, piece by piece) dimmed."""
        self._text, self._marks, self._templates = text, tuple(sorted(marks)), templates
        self._counts = [0, 0]
        self._box.set_note("")
        first, *self._pieces = piece_bounds(text)
        self._box.setPlainText("")
        self._append(first)
        if marks:
            self._reveal(self._marks[0][0])
        if self._pieces:
            self._timer.start()
        else:
            self._timer.stop()
            self.rendered.emit()

    def _reveal(self, position: int) -> None:
        """Scroll the first highlighted word into view (if it has arrived)."""
        if position < self._box.document().characterCount():
            cursor = QTextCursor(self._box.document())
            cursor.setPosition(position)
            self._box.setTextCursor(cursor)
            self._box.ensureCursorVisible()

    def _append(self, bounds: tuple[int, int, bool]) -> None:
        start, end, broken = bounds
        piece = self._text[start:end] + ("\n" if broken else "")
        marks = [(a - start, b - start) for a, b in self._marks if a < end and b > start]
        dims: Dims = ()
        if self._templates is not None and end > start:
            found, sentences = self._templates(start, end)
            dims = [(a - start, b - start, note) for a, b, note in found]
            self._counts[0] += len(found)
            self._counts[1] += sentences
            self._box.set_note(template_note(*self._counts))
        cursor = QTextCursor(self._box.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if marks or dims:
            cursor.insertHtml(marked_html(piece, marks, dims, ink=self._ink()))
        else:  # in the default format, not that of a highlighted word before it
            cursor.insertText(piece, QTextCharFormat())

    def _ink(self) -> str:
        palette = self._box.palette()
        return dim_ink(palette.color(QPalette.ColorRole.Text).name(),
                       palette.color(QPalette.ColorRole.Base).name())

    def _show_next(self) -> None:
        self._append(self._pieces.pop(0))
        if not self._pieces:
            self._timer.stop()
            self.rendered.emit()

    def finish(self) -> None:
        """Show the rest now (for tests and whoever cannot wait)."""
        while self._pieces:
            self._show_next()
