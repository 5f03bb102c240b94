"""The grade heatmap: a pyqtgraph image of forces x questions, with abbreviations, hatching for
grades that are carried over or read from prose, region headers, hover and click."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.grid import NO_REPORT, UNGRADED, GradeGrid
from peelviewer.core.model import Grade
from peelviewer.ui.palette import Palette
from peelviewer.ui.safe_text import tooltip

_HEADER = -1  # a plot row that shows a region name, not a force
_MAX_CELL_WIDTH, _MAX_CELL_HEIGHT = 110, 30
_LEFT_AXIS, _TOP_AXIS = 170, 40
_LINE_CHARS = 8  # longer column labels are broken over two lines…
_ONE_LINE_COLUMNS = 6  # …when there are more columns than this


class _CellLabels(QGraphicsItem):
    """Every cell's abbreviation, the hatching of marked cells and the region headers, in one
    item painted in device pixels: hundreds of separate text items made switching slow."""

    def __init__(self, *, fills: bool = False):
        super().__init__()
        self._fills = fills  # paint the cell colours too: vector output for PDFs
        self._size = QRectF()
        self._labels: list[tuple[int, int, str, QColor, QColor, bool]] = []
        self._headers: list[tuple[int, str]] = []

    def set_cells(self, columns: int, rows: int, labels, headers) -> None:
        self.prepareGeometryChange()
        self._size = QRectF(0, 0, columns, rows)
        self._labels, self._headers = labels, headers
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
        hatch = QBrush(QColor(255, 255, 255, 150), Qt.BrushStyle.BDiagPattern)
        for row, column, text, fill, ink, marked in self._labels:
            rect = to_device.mapRect(QRectF(column, row, 1, 1))
            if self._fills:
                painter.fillRect(rect, fill)
                painter.setPen(QColor("#FFFFFF"))
                painter.drawRect(rect)
            if marked:
                painter.fillRect(rect, hatch)
            if text:
                painter.setPen(ink)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setPen(QColor("#505A5F"))
        for row, region in self._headers:
            rect = to_device.mapRect(QRectF(0, row, self._size.width(), 1))
            painter.drawText(rect.adjusted(6, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, region)
        painter.restore()


class GradeHeatmap(QWidget):
    """Signals: cellClicked(row, column) with grid indexes, when a force's cell is clicked."""

    cellClicked = Signal(int, int)

    def __init__(self, palette: Palette, parent: QWidget | None = None, *,
                 vector: bool = False):
        super().__init__(parent)
        self._palette = palette
        self._grid: GradeGrid | None = None
        self._plot_rows: list[int] = []  # grid row per plot row, _HEADER for region names
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.setAccessibleName("Grades heatmap")
        self._plot = self.view.addPlot()
        self._plot.invertY(True)
        self._plot.setMenuEnabled(False)
        self._plot.setMouseEnabled(x=False, y=False)
        self._plot.hideButtons()
        self._plot.setDefaultPadding(0.0)
        self._plot.showAxes(True, showValues=(True, True, False, False))
        for side in ("left", "top"):
            axis = self._plot.getAxis(side)
            axis.setTextPen(pg.mkPen("#0B0C0C"))
            axis.setPen(pg.mkPen("#B1B4B6"))
        # Area names take two lines; the first column's may reach past the plot's edge,
        # which must not hide it.
        self._plot.getAxis("top").setStyle(hideOverlappingLabels=False)
        # A whole-force cycle has up to a dozen areas: a smaller face keeps them apart.
        top_font = QFont(self.font())
        top_font.setPointSizeF(max(7.0, top_font.pointSizeF() * 0.9))
        self._plot.getAxis("top").setTickFont(top_font)
        self._plot.getAxis("top").setHeight(_TOP_AXIS)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._plot.addItem(self._image)
        # On screen the cell colours are an image (fast); in a PDF they are drawn as shapes.
        self._image.setVisible(not vector)
        self._labels = _CellLabels(fills=vector)
        self._plot.addItem(self._labels)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self.view.scene().sigMouseClicked.connect(self._click)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addStretch(0)
        layout.addWidget(self._key())

    # Building

    def set_grid(self, grid: GradeGrid) -> None:
        self._grid = grid
        # Adequate exists only on the five-grade scale; the note says the scales differ.
        self._adequate_chip.setVisible(grid.scale == 5)
        self.scale_note.setText(
            "Five grades (Adequate added in 2021/22): not comparable with 2014 to 2018/19"
            if grid.scale == 5 else "Four grades (2014 to 2018/19)")
        starts = set(grid.group_starts)
        self._plot_rows = []
        for row in range(len(grid.forces)):
            if row in starts:
                self._plot_rows.append(_HEADER)
            self._plot_rows.append(row)
        rows, columns = len(self._plot_rows), max(1, len(grid.columns))
        rgb = np.full((max(rows, 1), columns, 3), 255, dtype=np.ubyte)
        labels: list[tuple[int, int, str, QColor, QColor, bool]] = []
        headers: list[tuple[int, str]] = []
        for plot_row, row in enumerate(self._plot_rows):
            if row == _HEADER:
                headers.append((plot_row, grid.forces[self._plot_rows[plot_row + 1]].region))
                continue
            for column, cell in enumerate(grid.cells[row]):
                rgb[plot_row, column] = self._palette.fill(cell.code).getRgb()[:3]
                labels.append((plot_row, column, cell.label, self._palette.fill(cell.code),
                               self._palette.ink(cell.code), cell.marked))
        self._image.setImage(rgb, levels=(0, 255))
        self._image.setRect(QRectF(0, 0, columns, max(rows, 1)))
        self._labels.set_cells(columns, max(rows, 1), labels, headers)
        self._set_ticks()
        self._plot.setRange(xRange=(0, columns), yRange=(0, max(rows, 1)), padding=0)
        # A few forces should not become giant cells: cap the size, keep it at the top left.
        self.view.setMaximumSize(_LEFT_AXIS + columns * _MAX_CELL_WIDTH,
                                 _TOP_AXIS + max(rows, 1) * _MAX_CELL_HEIGHT)

    def _set_ticks(self) -> None:
        grid = self._grid
        left = [(plot_row + 0.5, grid.forces[row].short_name)
                for plot_row, row in enumerate(self._plot_rows) if row != _HEADER]
        # Only many columns (a whole-force cycle's areas) need their labels on two lines.
        label = _axis_label if len(grid.columns) > _ONE_LINE_COLUMNS else str
        top = [(column + 0.5, label(c.label)) for column, c in enumerate(grid.columns)]
        self._plot.getAxis("left").setTicks([left, []])
        self._plot.getAxis("top").setTicks([top, []])

    def _key(self) -> QWidget:
        """Two short rows, so the key never forces the window wider than a laptop screen."""
        key = QWidget()
        key.setAccessibleName("Key")
        rows = QVBoxLayout(key)
        rows.setContentsMargins(4, 2, 4, 2)
        rows.setSpacing(3)
        grades = [(int(g), f"{g.abbreviation}  {g.label}") for g in reversed(Grade)]
        others = [(UNGRADED, "–  not graded"), (NO_REPORT, "no report")]
        for entries, note in ((grades, ""), (others, "*  hatched: carried over, or read from "
                                                     "the text (no grade line)")):
            row = QHBoxLayout()
            for code, text in entries:
                chip = QLabel(text)
                chip.setTextFormat(Qt.TextFormat.PlainText)
                fill, ink = self._palette.fill(code).name(), self._palette.ink(code).name()
                chip.setStyleSheet(f"background:{fill}; color:{ink}; padding:2px 6px;"
                                   "border-radius:3px;")
                row.addWidget(chip)
                if code == int(Grade.ADEQUATE):
                    self._adequate_chip = chip

            if note:
                label = QLabel(note)
                label.setTextFormat(Qt.TextFormat.PlainText)
                row.addWidget(label)
            row.addStretch(1)
            rows.addLayout(row)
        # Its own wrapping line, so the note never widens the window.
        self.scale_note = QLabel()
        self.scale_note.setTextFormat(Qt.TextFormat.PlainText)
        self.scale_note.setWordWrap(True)
        rows.addWidget(self.scale_note)
        return key

    def render_into(self, painter: QPainter, target: QRectF) -> None:
        """Paint the plot into another device (a PDF page) as vectors, axes redrawn for the
        current layout rather than from their cached pictures."""
        for side in ("left", "top"):
            axis = self._plot.getAxis(side)
            axis.picture = None
        self.view.scene().render(painter, target, self.view.sceneRect())

    # Mouse

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(grid row, column) under a scene position, or None outside the force cells."""
        if self._grid is None or not self._plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = self._plot.vb.mapSceneToView(scene_pos)
        plot_row, column = int(np.floor(point.y())), int(np.floor(point.x()))
        if not (0 <= plot_row < len(self._plot_rows) and 0 <= column < len(self._grid.columns)):
            return None
        row = self._plot_rows[plot_row]
        return None if row == _HEADER else (row, column)

    def cell_center(self, row: int, column: int) -> QPoint:
        """The centre of a cell in the view's viewport coordinates (for tests and keyboard)."""
        plot_row = self._plot_rows.index(row)
        scene = self._plot.vb.mapViewToScene(QPointF(column + 0.5, plot_row + 0.5))
        return self.view.mapFromScene(scene)

    def tooltip_for(self, row: int, column: int) -> str:
        grid = self._grid
        cell, force, col = grid.cell(row, column), grid.forces[row], grid.columns[column]
        lines = [f"{force.name} · {grid.cycle}", f"{col.label}: {cell.text or col.text}",
                 f"Grade: {cell.describe()}"]
        if cell.has_report:
            lines.append(f"{cell.areas} areas for improvement, {cell.causes} causes of concern, "
                         f"{cell.recommendations} recommendations"
                         + (f", {cell.practice} innovative or promising practice"
                            if cell.practice else ""))
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        found = self.cell_at(scene_pos)
        text = ""
        if found is not None:
            text = self.tooltip_for(*found)
        elif self._grid is not None and self._plot.getAxis("top").sceneBoundingRect().contains(
            scene_pos
        ):
            column = int(np.floor(self._plot.vb.mapSceneToView(scene_pos).x()))
            if 0 <= column < len(self._grid.columns):
                text = self._grid.columns[column].text
        global_pos = self.view.mapToGlobal(self.view.mapFromScene(scene_pos))
        if text:
            QToolTip.showText(global_pos, tooltip(text), self.view)
        else:
            QToolTip.hideText()

    def _click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.cell_at(event.scenePos())
        if found is not None:
            self.cellClicked.emit(*found)


# Where the long one-word column labels break, by syllable.
_BREAKS = {"Leadership": 6, "Investigation": 7, "Vulnerability": 7, "Prevention": 6,
           "Corruption": 6, "Specialist": 7, "Workplace": 4, "Treatment": 5,
           "Offenders": 5, "Resources": 6}


def _axis_label(label: str) -> str:
    """A column label that fits a narrow cell: two lines at a space, or a long word broken
    with a hyphen ("Investigation" -> "Investi-/gation")."""
    if len(label) <= _LINE_CHARS:
        return label
    if " " in label:
        return label.replace(" ", "\n", 1)
    at = _BREAKS.get(label, (len(label) + 1) // 2)
    return f"{label[:at]}-\n{label[at:]}"
