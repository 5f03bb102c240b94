"""The grade heatmap: a pyqtgraph image of a grid's rows (forces, or any GridRow: cycles,
areas) x questions, with abbreviations, hatching for grades that are carried over or read
from prose, group (region) headers, gridlines, the chosen cell outlined, hover and click;
rows scroll under fixed column headings when they do not fit."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.grid import PILLAR_GRADE, CellCode, GradeGrid
from peelviewer.ui.heatmap_cells import CellLabels, SelectionFrame
from peelviewer.ui.palette import Palette
from peelviewer.ui.safe_text import tooltip

_HEADER = -1  # a plot row that shows a group's name (a region), not a grid row
_MAX_CELL_WIDTH = 110
# Rows grow up to the larger height to fill the space, never below the smaller: past that
# the rows scroll (43 forces do not fit a laptop's height at a readable size).
MIN_ROW_HEIGHT, MAX_ROW_HEIGHT = 20, 30
_LEFT_AXIS, _TOP_AXIS = 170, 40
_TOP_LINE = 24  # the top axis's height when every column label is one line
_LINE_CHARS = 8  # longer column labels are broken over two lines…
_ONE_LINE_COLUMNS = 6  # …when there are more columns than this


class _PlotView(pg.GraphicsLayoutWidget):
    """The plot's widget: the mouse wheel scrolls the rows instead of zooming."""

    def __init__(self, scroll_bar: QScrollBar):
        super().__init__()
        self._scroll_bar = scroll_bar

    def wheelEvent(self, event) -> None:
        if not self._scroll_bar.isVisible():
            event.ignore()
            return
        delta = event.pixelDelta().y() or event.angleDelta().y() / 120 * 3 * MIN_ROW_HEIGHT
        self._scroll_bar.setValue(int(self._scroll_bar.value() - delta))
        event.accept()


class GradeHeatmap(QWidget):
    """Signals: cellClicked(row, column) with grid indexes, when a row's cell is clicked."""

    cellClicked = Signal(int, int)

    def __init__(self, palette: Palette, parent: QWidget | None = None, *,
                 vector: bool = False):
        super().__init__(parent)
        self._palette = palette
        self._vector = vector
        self._grid: GradeGrid | None = None
        self._plot_rows: list[int] = []  # grid row per plot row, _HEADER for region names
        self._chosen: tuple[str, str | int] | None = None  # (row key, column key)
        self.row_height = float(MAX_ROW_HEIGHT)  # pixels per row as last laid out
        self.scroll_bar = QScrollBar(Qt.Orientation.Vertical)
        self.scroll_bar.setAccessibleName("Scroll the forces")
        self.scroll_bar.hide()
        self.scroll_bar.valueChanged.connect(self._show_rows)
        self.view = _PlotView(self.scroll_bar)
        self.view.setBackground("w")
        self.view.setAccessibleName("Grades heatmap")
        self._build_plot(vector=vector)

        plot_and_bar = QHBoxLayout()
        plot_and_bar.setContentsMargins(0, 0, 0, 0)
        plot_and_bar.setSpacing(0)
        plot_and_bar.addWidget(self.view, 1)
        plot_and_bar.addWidget(self.scroll_bar)
        plot_and_bar.addStretch(0)  # the bar stays beside a plot narrower than the pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(plot_and_bar, 1)
        layout.addStretch(0)
        layout.addWidget(self._key())

    def _build_plot(self, *, vector: bool) -> None:
        """The plot: framed axes with force and area names, the cell colours and letters,
        the selection frame."""
        self._plot = self.view.addPlot()
        self._plot.invertY(True)
        self._plot.setMenuEnabled(False)
        self._plot.setMouseEnabled(x=False, y=False)
        self._plot.hideButtons()
        self._plot.setDefaultPadding(0.0)
        self._plot.showAxes(True, showValues=(True, True, False, False))
        for side in ("left", "top", "right", "bottom"):
            axis = self._plot.getAxis(side)
            axis.setTextPen(pg.mkPen("#0B0C0C"))
            axis.setPen(pg.mkPen("#B1B4B6"))
            axis.setStyle(tickLength=0)  # inward ticks would cut into the edge cells' letters
        for side in ("right", "bottom"):  # frame lines only
            self._plot.getAxis(side).setTicks([[], []])
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
        self._labels = CellLabels(fills=vector)
        self._plot.addItem(self._labels)
        self.selection = SelectionFrame()
        self.selection.hide()
        self._plot.addItem(self.selection)
        self._plot.vb.sigResized.connect(self._fit_rows)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self.view.scene().sigMouseClicked.connect(self._click)

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
        for row in range(len(grid.rows)):
            if row in starts:
                self._plot_rows.append(_HEADER)
            self._plot_rows.append(row)
        rows, columns = len(self._plot_rows), max(1, len(grid.columns))
        rgb = np.full((max(rows, 1), columns, 3), 255, dtype=np.ubyte)
        labels: list[tuple[int, int, str, QColor, QColor, bool]] = []
        headers: list[tuple[int, str]] = []
        for plot_row, row in enumerate(self._plot_rows):
            if row == _HEADER:
                headers.append((plot_row, grid.rows[self._plot_rows[plot_row + 1]].group))
                continue
            for column, cell in enumerate(grid.cells[row]):
                rgb[plot_row, column] = self._palette.fill(cell.code).getRgb()[:3]
                labels.append((plot_row, column, cell.label, self._palette.fill(cell.code),
                               self._palette.ink(cell.code), cell.marked))
        separators = [i for i, c in enumerate(grid.columns) if c.key == PILLAR_GRADE]
        self._image.setImage(rgb, levels=(0, 255))
        self._image.setRect(QRectF(0, 0, columns, max(rows, 1)))
        self._labels.set_cells(columns, max(rows, 1), labels, headers, separators)
        self._set_ticks()
        # A few forces should not become giant cells: cap the size, keep it at the top left.
        self.view.setMaximumSize(self._plot.getAxis("left").width() + columns * _MAX_CELL_WIDTH,
                                 _TOP_AXIS + 4 + max(rows, 1) * MAX_ROW_HEIGHT)
        self._place_selection()
        self._fit_rows()

    def _set_ticks(self) -> None:
        grid = self._grid
        left = [(plot_row + 0.5, grid.rows[row].short_label)
                for plot_row, row in enumerate(self._plot_rows) if row != _HEADER]
        # Only many columns (a whole-force cycle's areas) need their labels on two lines;
        # a pillar's questions print their number above their short name.
        label = _axis_label if len(grid.columns) > _ONE_LINE_COLUMNS else str
        top = [(column + 0.5, f"{c.ref}\n{c.label}" if c.ref and c.ref != c.label
                else label(c.label)) for column, c in enumerate(grid.columns)]
        axis = self._plot.getAxis("left")
        # A fixed width: scrolling must not make the plot jump as longer names come into view.
        metrics = QFontMetrics(axis.style["tickFont"] or self.font())
        widest = max((metrics.horizontalAdvance(name) for _, name in left), default=0)
        axis.setWidth(min(_LEFT_AXIS, widest + 16))
        axis.setTicks([left, []])
        heading = self._plot.getAxis("top")
        heading.setTicks([top, []])
        heading.setHeight(_TOP_AXIS if any("\n" in text for _, text in top) else _TOP_LINE)

    # Rows and scrolling

    def _fit_rows(self) -> None:
        """Rows as tall as the space allows up to MAX_ROW_HEIGHT; below MIN_ROW_HEIGHT they
        keep that height and the scroll bar moves through them."""
        rows = max(1, len(self._plot_rows))
        height = self._plot.vb.height()
        if self._vector or height <= 0 or height / rows >= MIN_ROW_HEIGHT:
            self.row_height = height / rows if height > 0 else float(MAX_ROW_HEIGHT)
            self.scroll_bar.blockSignals(True)
            self.scroll_bar.setRange(0, 0)
            self.scroll_bar.blockSignals(False)
            self.scroll_bar.hide()
            self._plot.setRange(xRange=(0, self._columns()), yRange=(0, rows), padding=0)
            return
        self.row_height = float(MIN_ROW_HEIGHT)
        self.scroll_bar.blockSignals(True)
        self.scroll_bar.setRange(0, int(np.ceil(rows * MIN_ROW_HEIGHT - height)))
        self.scroll_bar.setPageStep(int(height))
        self.scroll_bar.setSingleStep(MIN_ROW_HEIGHT)
        self.scroll_bar.blockSignals(False)
        self.scroll_bar.show()
        self._show_rows()

    def _show_rows(self) -> None:
        if not self.scroll_bar.isVisible():
            return
        top = self.scroll_bar.value() / MIN_ROW_HEIGHT
        visible = self._plot.vb.height() / MIN_ROW_HEIGHT
        self._plot.setRange(xRange=(0, self._columns()), yRange=(top, top + visible),
                            padding=0)

    def _columns(self) -> int:
        return max(1, len(self._grid.columns)) if self._grid is not None else 1

    def scroll_to_row(self, row: int) -> None:
        """Scroll so a force's row (grid index) is in view."""
        if not self.scroll_bar.isVisible():
            return
        plot_row = self._plot_rows.index(row)
        top = plot_row * MIN_ROW_HEIGHT
        bottom = top + MIN_ROW_HEIGHT
        value = self.scroll_bar.value()
        if top < value:
            self.scroll_bar.setValue(top)
        elif bottom > value + self._plot.vb.height():
            self.scroll_bar.setValue(int(np.ceil(bottom - self._plot.vb.height())))

    # The chosen cell

    def select_cell(self, row: int, column: int) -> None:
        """Outline a cell (grid indexes); it stays with its force and column across sorts."""
        grid = self._grid
        self._chosen = (grid.rows[row].key, grid.columns[column].key)
        self._place_selection()

    @property
    def selected_cell(self) -> tuple[int, int] | None:
        """The outlined cell as (grid row, column), or None."""
        if self._grid is None or self._chosen is None or not self.selection.isVisible():
            return None
        rect = self.selection.cell_rect
        return self._plot_rows[int(rect.y())], int(rect.x())

    def _place_selection(self) -> None:
        grid = self._grid
        found = None
        if grid is not None and self._chosen is not None:
            row_key, key = self._chosen
            row = grid.row_of(row_key)
            keys = [c.key for c in grid.columns]
            if row is not None and key in keys:
                found = (self._plot_rows.index(row), keys.index(key))
        if found is None:
            self.selection.hide()
        else:
            self.selection.place(*found)

    def _key(self) -> QWidget:
        """Two short rows, so the key never forces the window wider than a laptop screen."""
        key = QWidget()
        key.setAccessibleName("Key")
        rows = QVBoxLayout(key)
        rows.setContentsMargins(4, 2, 4, 2)
        rows.setSpacing(3)
        grades = [(code, f"{code.grade.abbreviation}  {code.grade.label}")
                  for code in CellCode.grades()]
        others = [(CellCode.UNGRADED, "–  not graded"), (CellCode.NO_REPORT, "no report")]
        for entries, note in ((grades, ""), (others, "*  hatched: carried over, or read from "
                                                     "the text (no grade line)")):
            row = QHBoxLayout()
            for code, text in entries:
                chip = QLabel(text)
                chip.setTextFormat(Qt.TextFormat.PlainText)
                fill, ink = self._palette.fill(code).name(), self._palette.ink(code).name()
                chip.setStyleSheet(f"background:{fill}; color:{ink}; padding:2px 6px;"
                                   "border-radius:3px; border:1px solid #B1B4B6;")
                row.addWidget(chip)
                if code == CellCode.ADEQUATE:
                    self._adequate_chip = chip

            if note:
                label = QLabel(note)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                row.addWidget(label, 1)
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
        """The centre of a cell in the view's viewport coordinates (for tests and keyboard),
        scrolled into view first."""
        self.scroll_to_row(row)
        plot_row = self._plot_rows.index(row)
        scene = self._plot.vb.mapViewToScene(QPointF(column + 0.5, plot_row + 0.5))
        return self.view.mapFromScene(scene)

    def tooltip_for(self, row: int, column: int) -> str:
        grid = self._grid
        cell, name, col = grid.cell(row, column), grid.rows[row].label, grid.columns[column]
        lines = [f"{name} · {grid.cycle}" if grid.cycle else name,
                 f"{col.ref or col.label}: {cell.text or col.text}",
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
                heading = self._grid.columns[column]
                text = f"{heading.heading}: {heading.text}"
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
            self.select_cell(*found)
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
