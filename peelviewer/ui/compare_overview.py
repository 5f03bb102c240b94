"""The strip beside Compare's scroll bar that marks where the changes are, as Meld's does: a
mark per changed row at its place in the whole report, the part in view shaded, the current
change outlined; a click or drag scrolls there."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from peelviewer.core.comparison.diff import DELETE, INSERT, MOVED, REPLACE

# Stronger than the rows' tints, so a two-pixel mark shows; the same hues.
MARK_COLOURS = {REPLACE: "#C99A06", DELETE: "#C0392B", INSERT: "#2E8540", MOVED: "#2B6CB0",
                "topic": "#7F5FA8"}  # two sentences on one topic (diff.TOPIC)
OTHER_COLOUR = "#6F777B"  # a kind of row the strip does not know
CURRENT_COLOUR = "#0B0C0C"
IN_VIEW_COLOUR = "#505A5F"
WIDTH = 14
MIN_MARK = 2.0  # pixels: a one-line change still shows


@dataclass(frozen=True)
class Mark:
    top: float  # 0..1 of the whole document's height
    height: float  # 0..1
    kind: str


class ChangeOverview(QWidget):
    """Signals: picked(fraction), 0..1 of the document's height the reader clicked."""

    picked = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self.setAccessibleName("Where the changes are")
        self.setToolTip("Where the changes are: click to go there")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.marks: list[Mark] = []
        self._current: Mark | None = None
        self._in_view = (0.0, 1.0)  # top and height, 0..1

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 100)

    def set_marks(self, marks: list[Mark], current: Mark | None) -> None:
        self.marks, self._current = marks, current
        self.update()

    def set_in_view(self, top: float, height: float) -> None:
        if (top, height) != self._in_view:
            self._in_view = (top, height)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        height, width = self.height(), self.width()
        painter.fillRect(self.rect(), QColor("#F3F2F1"))
        top, shown = self._in_view
        in_view = QRectF(0.5, top * height + 0.5, width - 1, max(shown * height, MIN_MARK) - 1)
        painter.fillRect(in_view, QColor("#DDDDDD"))
        for mark in self.marks:
            colour = MARK_COLOURS.get(mark.kind, OTHER_COLOUR)
            painter.fillRect(self._rect(mark, height, width), QColor(colour))
        painter.setPen(QPen(QColor(IN_VIEW_COLOUR), 1))
        painter.drawRect(in_view)  # over the marks, so it shows where they are thick
        if self._current is not None:
            painter.setPen(QPen(QColor(CURRENT_COLOUR), 2))
            painter.drawRect(self._rect(self._current, height, width).adjusted(1, -1, -1, 1))
        painter.end()

    @staticmethod
    def _rect(mark: Mark, height: int, width: int) -> QRectF:
        return QRectF(2, mark.top * height, width - 4, max(mark.height * height, MIN_MARK))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pick(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._pick(event)

    def _pick(self, event: QMouseEvent) -> None:
        fraction = event.position().y() / max(1, self.height())
        self.picked.emit(min(1.0, max(0.0, fraction)))
