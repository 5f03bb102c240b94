"""The text browser of the Compare view: a document of pieces shown nearest the reader first,
a screenful at once and the rest a little at each turn of the event loop, so that a long
report never holds the window up; the reader's place kept through pieces arriving above it,
toggles redrawing pieces and new widths; the current change framed."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QPoint, QRectF, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QTextBrowser

from peelviewer.ui.compare_pieces import Piece
from peelviewer.ui.piece_document import PieceDocument, Work

# A screenful (and more) of sentence rows at once, then this many at each turn.
FIRST_ROWS = 40
ROWS_PER_STEP = 40
FRAME_COLOUR = "#1D70B8"


class PieceBrowser(QTextBrowser):
    """Shows our own HTML only: follows no links, loads no files or remote resources.
    Signals: edited() after each batch of pieces shown (rows may have moved); rendered()
    once every piece is shown; reader_scrolled(position) when the reader scrolls."""

    edited = Signal()
    rendered = Signal()
    reader_scrolled = Signal(int)

    def __init__(self):
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setUndoRedoEnabled(False)  # pieces shown are no edits to undo
        self.pieces = PieceDocument(self.document())
        self.framed: QRectF | None = None  # the current change, in document pixels
        self._focus = 0  # the piece shown first; the others follow from there
        # Where we last scrolled to, kept in view as pieces arrive: (frame number, fraction
        # of the piece's height). The reader's own scrolling lets go of it.
        self._pinned: tuple[int, float] | None = None
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._show_next)
        bar = self.verticalScrollBar()
        bar.actionTriggered.connect(self._reader_scrolls)

    def loadResource(self, kind: int, name: QUrl):
        return None

    # Showing --------------------------------------------------------------------------------

    def show_new(self, pieces: list[Piece], *, first: int = 0) -> None:
        """Show `pieces` from piece `first` (at the top of the view), the rest to follow."""
        self.framed = None
        self._pinned = None
        self.pieces.reset(pieces)
        self._focus = first
        self._do(self._first_screen())
        self.scroll_to_piece(first)
        self._continue()

    def show_changed(self, pieces: list[Piece]) -> None:
        """Become `pieces`, redrawing only pieces that changed, those in view first; what
        the reader sees stays in view."""
        self.framed = None
        with self._keeping_place():
            top = self.pieces.frame_id(self.top_piece())
            self.pieces.update(pieces)
            self._focus = self.pieces.index_of(top) or 0
            self._do(self._first_screen())
        self._continue()

    def go_to(self, index: int) -> None:
        """Put piece `index` at the top of the view, shown first if it is still to come."""
        self.ensure_shown(index)
        self.scroll_to_piece(index)
        self._continue()

    def ensure_shown(self, index: int) -> None:
        """Piece `index` and a screenful after it shown now."""
        if not self.pieces.is_shown(index):
            self._focus = index
            self._do(self._first_screen())
            self._continue()

    def finish(self) -> None:
        """Show the rest now (for tests and whoever cannot wait)."""
        if self.pieces.work():
            self._do(self._order())
            self._continue()

    def _order(self) -> list[Work]:
        """Edits still to do: from the focus down, then upwards from it."""
        focus = self.pieces.position(min(self._focus, len(self.pieces.pieces) - 1))
        return sorted(self.pieces.work(), key=lambda work: (
            (0, work.position - focus) if work.position >= focus else
            (1, focus - work.position)))

    def _first_screen(self) -> list[Work]:
        chosen, rows = [], 0
        for work in self._order():
            if rows >= FIRST_ROWS:
                break
            chosen.append(work)
            rows += work.rows
        return chosen

    def _show_next(self) -> None:
        chosen, rows = [], 0
        for work in self._order():
            chosen.append(work)
            rows += work.rows
            if rows >= ROWS_PER_STEP:
                break
        self._do(chosen)
        self._continue()

    def _do(self, works: list[Work]) -> None:
        if works:
            with self._keeping_place():
                self.pieces.do(works)
            self.edited.emit()

    def _continue(self) -> None:
        if self.pieces.work():
            self._timer.start()  # a newer comparison's pieces replace these
        else:
            self._timer.stop()
            self.rendered.emit()

    # Keeping the reader's place -------------------------------------------------------------

    @contextmanager
    def _keeping_place(self):
        """What the reader sees stays in view through pieces shown above it, pieces redrawn
        and text reflowed to a new width: the piece at the top of the view (or the place we
        last scrolled to, which a short text may not have let us reach) keeps the same part
        of it there."""
        if self.pieces.changing:  # Qt resizing the view while frames are rebuilt
            yield
            return
        anchor = self._pinned or self._anchor_at(self.verticalScrollBar().value())
        yield
        index = self.pieces.index_of(anchor[0]) if anchor is not None else None
        if index is not None:
            rect = self.pieces.rect(index)
            self.scroll_to(rect.top() + anchor[1] * rect.height(), pin=False)

    def _anchor_at(self, y: float) -> tuple[int, float] | None:
        """The piece in the document at height `y` (or the next one below), by its frame's
        number, and where `y` falls in it (a fraction of its height)."""
        for index in range(len(self.pieces.pieces)):
            if not self.pieces.is_placed(index):
                continue
            rect = self.pieces.rect(index)
            if rect.bottom() > y:
                return self.pieces.frame_id(index), (y - rect.top()) / max(1.0, rect.height())
        return None

    def scroll_to_piece(self, index: int) -> None:
        """Put a piece at the top of the view, now and as the pieces above it arrive (the
        view may not be laid out yet, or the text not long enough to scroll there)."""
        if not index:  # the very top, margin and all: nothing comes above it
            self.scroll_to(0, pin=False)
            self._pinned = None
            return
        self.scroll_to(self.pieces.top(index), pin=False)
        self._pinned = (self.pieces.frame_id(index), 0.0)

    def scroll_to(self, y: float, *, pin: bool = True) -> None:
        if pin:
            self._pinned = self._anchor_at(y)
        self.verticalScrollBar().setValue(round(y))

    def _reader_scrolls(self) -> None:
        self._pinned = None
        self.reader_scrolled.emit(self.verticalScrollBar().sliderPosition())

    def top_piece(self) -> int:
        """The piece at the top of the view."""
        return self.pieces.index_at(self.position_at_top()) if self.pieces.pieces else 0

    def position_at_top(self) -> int:
        return self.cursorForPosition(QPoint(0, 0)).position()

    # Qt -------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        with self._keeping_place():
            super().resizeEvent(event)
            self.pieces.forget_layout()  # rows moved within their pieces
        self.edited.emit()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.framed is None:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(QColor(FRAME_COLOUR), 3))
        shown = self.framed.translated(-self.horizontalScrollBar().value(),
                                       -self.verticalScrollBar().value())
        painter.drawRect(shown.adjusted(1.5, 1.5, -1.5, -1.5))
        painter.end()
