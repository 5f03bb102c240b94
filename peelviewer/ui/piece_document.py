"""A QTextDocument made of pieces of HTML, each in a frame of its own, so that any piece can
be shown, replaced or found on its own, in any order, without rebuilding the rest.

Qt lays out the whole document again after every edit (about 10 ms at 20,000 words, however
small the edit), so `update` only works out what to do; the edits wait in `work()`, done a
few at a time, nearest the reader first, each batch one edit for Qt."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextTable,
)
from rapidfuzz.distance import Indel

from peelviewer.ui.compare_pieces import Piece

HEADING_SPACE = 14  # pixels above a section's heading (margins do not reach out of a frame)
_FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value


@dataclass(frozen=True)
class Work:
    """An edit waiting: show piece `index`, or remove the frame numbered `frame_id`."""

    position: int  # in the document, to do the nearest first
    index: int = -1
    frame_id: int = -1
    rows: int = 1  # how much it shows, for sharing work between turns of the event loop


class PieceDocument:
    """`pieces` in order, each in a frame (made when first shown)."""

    def __init__(self, document: QTextDocument):
        self._document = document
        self.pieces: list[Piece] = []
        self._frames: list[QTextFrame | None] = []  # None: not in the document yet
        self._shown: list[str | None] = []  # the HTML each frame shows; None: to show
        # Each frame's own number, kept while the frame lives (indexes shift as pieces come
        # and go), so a place in the text can be found again after an update.
        self._ids: list[int] = []
        self._next_id = 0
        self._unwanted: dict[int, QTextFrame] = {}  # frames of pieces gone, to remove
        self._tables: dict[int, QTextTable | None] = {}
        self._row_tops: dict[int, tuple[float, ...]] = {}  # rows piece: row tops, then bottom
        self.changing = False  # inside reset: frames and pieces disagree
        self.filled = 0  # pieces shown since the last reset (what a toggle redrew)

    def reset(self, pieces: list[Piece]) -> None:
        """Empty frames for `pieces`, to be filled in any order."""
        # Every wrapper goes before its frame: a new frame at a freed address would come
        # back as the old, dead wrapper.
        self.changing = True
        self._tables.clear()
        self._row_tops.clear()
        self._frames = []
        self._unwanted = {}
        self._document.clear()
        self.pieces = list(pieces)
        cursor = QTextCursor(self._document)
        for _ in pieces:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self._frames.append(cursor.insertFrame(_frame_format(heading=False)))
        self._shown = [None] * len(pieces)
        self.filled = 0
        self._ids = [self._new_id() for _ in pieces]
        _collapse_spacers(self._document.rootFrame())
        for frame in self._frames:  # an empty frame takes no room until it is filled
            _collapse_spacers(frame)
        self.changing = False

    def update(self, pieces: list[Piece]) -> None:
        """Become `pieces`: frames showing the same HTML stay as they are; frames of pieces
        changed show their old text until their new one is shown; frames no longer needed
        stay until removed. Nothing is edited here: see `work()`."""
        old = [piece.html for piece in self.pieces]
        new = [piece.html for piece in pieces]
        frames: list[QTextFrame | None] = []
        shown: list[str | None] = []
        ids: list[int] = []
        for tag, a1, a2, b1, b2 in Indel.opcodes(old, new).as_list():
            if tag == "equal":
                frames += self._frames[a1:a2]
                shown += self._shown[a1:a2]
                ids += self._ids[a1:a2]
                continue
            kept = min(a2 - a1, b2 - b1)
            frames += self._frames[a1:a1 + kept]
            ids += self._ids[a1:a1 + kept]
            shown += [None] * kept
            for index in range(a1 + kept, a2):
                if self._frames[index] is not None:
                    self._unwanted[self._ids[index]] = self._frames[index]
            for _ in range(b2 - b1 - kept):
                frames.append(None)
                ids.append(self._new_id())
                shown.append(None)
        self.pieces, self._frames, self._shown, self._ids = list(pieces), frames, shown, ids
        self._tables.clear()
        self._row_tops.clear()

    def work(self) -> list[Work]:
        """The edits still to do, in document order."""
        found = [Work(self.position(index), index=index, rows=max(1, piece.rows))
                 for index, piece in enumerate(self.pieces) if self._shown[index] is None]
        found += [Work(frame.firstPosition(), frame_id=frame_id)
                  for frame_id, frame in self._unwanted.items()]
        return sorted(found, key=lambda work: (work.position, work.index))

    def do(self, works: list[Work]) -> None:
        """Do these edits as one for Qt (laid out once, after)."""
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        try:
            for work in works:
                if work.index >= 0:
                    self._fill(work.index)
                else:
                    self._remove(work.frame_id)
        finally:
            cursor.endEditBlock()

    def is_shown(self, index: int) -> bool:
        return self._shown[index] is not None

    def _fill(self, index: int) -> None:
        piece = self.pieces[index]
        self._tables.pop(index, None)  # its table goes with the old text
        self._row_tops.pop(index, None)
        cursor = QTextCursor(self._document)
        frame = self._frames[index]
        if frame is None:
            cursor.setPosition(self.position(index))
            frame = self._frames[index] = cursor.insertFrame(_frame_format(heading=False))
            _collapse_spacers(self._document.rootFrame())  # the blocks either side of it
        frame.setFrameFormat(_frame_format(heading=piece.heading))
        cursor.setPosition(frame.firstPosition())
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())  # not the collapsed spacer's
        cursor.setBlockCharFormat(QTextCharFormat())
        cursor.insertHtml(piece.html)
        _collapse_spacers(frame)
        self._shown[index] = piece.html
        self.filled += 1

    def _remove(self, frame_id: int) -> None:
        frame = self._unwanted.pop(frame_id)
        first, last = frame.firstPosition(), frame.lastPosition()
        del frame  # before the frame itself goes (see reset)
        cursor = QTextCursor(self._document)
        cursor.setPosition(first - 1)
        cursor.setPosition(last + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def is_placed(self, index: int) -> bool:
        """Whether piece `index` has a frame in the document (its text may be old)."""
        return self._frames[index] is not None

    def position(self, index: int) -> int:
        """Where piece `index` is, or would be put: just after the piece before it."""
        if self._frames[index] is not None:
            return self._frames[index].firstPosition()
        for before in range(index - 1, -1, -1):
            if self._frames[before] is not None:
                return self._frames[before].lastPosition() + 1
        return 0

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def frame_id(self, index: int) -> int:
        return self._ids[index]

    def index_of(self, frame_id: int) -> int | None:
        """Where the piece numbered `frame_id` is now; None once it is gone."""
        try:
            return self._ids.index(frame_id)
        except ValueError:
            return None

    def top(self, index: int) -> float:
        """Where piece `index` starts, in document pixels."""
        return self.rect(index).top()

    def rect(self, index: int) -> QRectF:
        """Piece `index` in document pixels (no height before it is in the document)."""
        layout = self._document.documentLayout()
        if self._frames[index] is not None:
            return layout.frameBoundingRect(self._frames[index])
        for before in range(index - 1, -1, -1):
            if self._frames[before] is not None:
                rect = layout.frameBoundingRect(self._frames[before])
                return QRectF(rect.left(), rect.bottom(), rect.width(), 0)
        return QRectF()

    def index_at(self, position: int) -> int:
        """The piece holding a document position; between two pieces, the one after."""
        placed = [(frame.firstPosition(), frame.lastPosition(), index)
                  for index, frame in enumerate(self._frames) if frame is not None]
        at = bisect.bisect_right([first for first, _, _ in placed], position) - 1
        if at < 0:
            return placed[0][2] if placed else 0
        if position > placed[at][1] and at + 1 < len(placed):
            return placed[at + 1][2]
        return placed[at][2]

    def table(self, index: int) -> QTextTable | None:
        """The table of a rows piece, once shown."""
        if index not in self._tables:
            frame = self._frames[index]
            tables = [child for child in frame.childFrames() if isinstance(child, QTextTable)] \
                if frame is not None and self.is_shown(index) else []
            self._tables[index] = tables[0] if tables else None
        return self._tables[index]

    def row_at(self, index: int, position: int) -> int | None:
        """The row of rows piece `index` holding a document position."""
        table = self.table(index)
        if table is None:
            return None
        cell = table.cellAt(position)
        return cell.row() if cell.isValid() else None

    def row_rect(self, index: int, row: int) -> QRectF | None:
        """Row `row` of rows piece `index` (counted within the piece), in document pixels."""
        tops = self._row_tops.get(index)
        if tops is None:
            table = self.table(index)
            if table is None:
                return None
            tops = self._row_tops[index] = _row_tops(self._document, table, self.top(index))
        if not 0 <= row < len(tops) - 1:
            return None
        frame = self.rect(index)
        return QRectF(frame.left(), frame.top() + tops[row], frame.width(),
                      tops[row + 1] - tops[row])

    def forget_layout(self) -> None:
        """The text was laid out again (a new width): rows have moved within their pieces."""
        self._row_tops.clear()


def _row_tops(document: QTextDocument, table: QTextTable, origin: float) -> tuple[float, ...]:
    """Where each row of `table` starts, then where the table ends, below `origin`."""
    layout = document.documentLayout()
    padding = table.format().cellPadding()
    tops = []
    for row in range(table.rows()):
        cell = table.cellAt(row, 0)
        cell_format = cell.format().toTableCellFormat()
        above = (cell_format.topPadding()
                 if cell_format.hasProperty(QTextFormat.Property.TableCellTopPadding) else padding)
        text = layout.blockBoundingRect(document.findBlock(cell.firstPosition()))
        tops.append(text.top() - above - origin)
    return (*tops, layout.frameBoundingRect(table).bottom() - origin)


def _frame_format(*, heading: bool) -> QTextFrameFormat:
    frame_format = QTextFrameFormat()
    frame_format.setBorder(0)
    frame_format.setPadding(0)
    frame_format.setMargin(0)
    if heading:
        frame_format.setTopMargin(HEADING_SPACE)
    return frame_format


def _collapse_spacers(frame: QTextFrame) -> None:
    """Empty blocks directly in `frame` (Qt keeps one between two frames or tables) take no
    height, so the groups of rows read as one table."""
    block_iterator = frame.begin()
    while not block_iterator.atEnd():
        if block_iterator.currentFrame() is None:
            _collapse(block_iterator.currentBlock())
        block_iterator += 1


def _collapse(block) -> None:
    if not block.isValid() or block.text() or block.blockFormat().lineHeightType() == _FIXED:
        return
    cursor = QTextCursor(block)
    block_format = QTextBlockFormat()
    block_format.setLineHeight(0, _FIXED)
    block_format.setTopMargin(0)
    block_format.setBottomMargin(0)
    cursor.setBlockFormat(block_format)
    char_format = QTextCharFormat()
    char_format.setFontPointSize(1)
    cursor.setBlockCharFormat(char_format)
