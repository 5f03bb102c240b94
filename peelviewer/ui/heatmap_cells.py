"""The heatmap's painted items: every cell's letters, hatching and gridlines with the region
headers in one item, and the frame around the chosen cell."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

_GRIDLINE = QColor("#FFFFFF")


class CellLabels(QGraphicsItem):
    """Every cell's abbreviation, the hatching of marked cells, the gridlines and the region
    headers, in one item painted in device pixels: hundreds of separate text items made
    switching slow."""

    def __init__(self, *, fills: bool = False):
        super().__init__()
        self._fills = fills  # paint the cell colours too: vector output for PDFs
        self._size = QRectF()
        self._labels: list[tuple[int, int, str, QColor, QColor, bool]] = []
        self._headers: list[tuple[int, str]] = []
        self._separators: tuple[int, ...] = ()  # columns with a wider gap before them

    def set_cells(self, columns: int, rows: int, labels, headers, separators=()) -> None:
        self.prepareGeometryChange()
        self._size = QRectF(0, 0, columns, rows)
        self._labels, self._headers, self._separators = labels, headers, tuple(separators)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._size

    def paint(self, painter: QPainter, option, widget=None) -> None:
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        for row, column, text, fill, ink, marked in self._labels:
            rect = to_device.mapRect(QRectF(column, row, 1, 1))
            if self._fills:
                painter.fillRect(rect, fill)
            if marked:  # hatched in the ink's colour, so it shows on pale and dark fills
                hatch = QColor(ink)
                hatch.setAlpha(110)
                painter.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            if text:
                painter.setPen(ink)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        self._paint_gridlines(painter, to_device)
        painter.setPen(QColor("#505A5F"))
        for row, region in self._headers:
            rect = to_device.mapRect(QRectF(0, row, self._size.width(), 1))
            painter.fillRect(rect, QColor("#FFFFFF"))
            painter.drawText(rect.adjusted(6, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, region)
        painter.restore()

    def _paint_gridlines(self, painter: QPainter, to_device) -> None:
        """Thin lines between cells, so neighbours of one grade never merge into a block."""
        whole = to_device.mapRect(self._size)
        columns, rows = int(self._size.width()), int(self._size.height())
        for column in range(1, columns):
            x = to_device.map(QPointF(column, 0)).x()
            width = 3.0 if column in self._separators else 1.0
            painter.fillRect(QRectF(x - width / 2, whole.top(), width, whole.height()),
                             _GRIDLINE)
        for row in range(1, rows):
            y = to_device.map(QPointF(0, row)).y()
            painter.fillRect(QRectF(whole.left(), y - 0.5, whole.width(), 1.0), _GRIDLINE)


class SelectionFrame(QGraphicsItem):
    """The outline of the chosen cell: dark outside, a white line inside, so it shows on
    every fill."""

    def __init__(self):
        super().__init__()
        self.setZValue(10)
        self._cell = QRectF()

    def place(self, plot_row: int, column: int) -> None:
        self.prepareGeometryChange()
        self._cell = QRectF(column, plot_row, 1, 1)
        self.show()

    @property
    def cell_rect(self) -> QRectF:
        """The framed cell in plot coordinates (column, plot row, 1, 1)."""
        return QRectF(self._cell)

    def boundingRect(self) -> QRectF:
        return self._cell

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = painter.transform().mapRect(self._cell)
        painter.save()
        painter.resetTransform()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#0B0C0C"), 3, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin))
        painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
        painter.setPen(QPen(QColor("#FFFFFF"), 1))
        painter.drawRect(rect.adjusted(3.5, 3.5, -3.5, -3.5))
        painter.restore()
