"""The accessible table: the heatmap's grid as a QTableView a screen reader can walk, sorted
by any column when its header is clicked."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from peelviewer.core.grid import CellCode, GradeGrid
from peelviewer.ui.palette import Palette
from peelviewer.ui.safe_text import tooltip

_Index = QModelIndex | QPersistentModelIndex
SORT_KEY = Qt.ItemDataRole.UserRole + 1


class GradeTableModel(QAbstractTableModel):
    """Rows are the grid's rows (forces, or cycles or areas), columns are a group column (the
    region) then the grid's columns."""

    def __init__(self, palette: Palette, parent=None):
        super().__init__(parent)
        self._palette = palette
        self._grid: GradeGrid | None = None

    def set_grid(self, grid: GradeGrid) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self._grid is None else len(self._grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else len(self._grid.columns) + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._grid is None:
            return None
        row, column = index.row(), index.column()
        grid_row = self._grid.rows[row]
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return grid_row.group
            if role == SORT_KEY:
                return f"{self._grid.group_rank(grid_row.group):02d} {grid_row.label}"
            return None
        cell = self._grid.cell(row, column - 1)
        if role == SORT_KEY:
            # Best grade first when ascending; then not graded, then no report; the force's
            # name breaks ties, so equal grades stay in alphabetical order.
            rank = {CellCode.UNGRADED: 6, CellCode.NO_REPORT: 7}.get(cell.code, 5 - cell.code)
            return f"{rank} {grid_row.label}"
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.describe() if cell.has_report else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell.describe()
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._palette.fill(cell.code)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._palette.ink(cell.code)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(cell.text or self._grid.columns[column - 1].text)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self._grid is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if not horizontal:
                return self._grid.rows[section].label
            return (self._grid.group_title if section == 0
                    else self._grid.columns[section - 1].heading)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and section > 0:
            return tooltip(self._grid.columns[section - 1].text)
        return None


class GradeTableView(QTableView):
    """Signals: cellActivated(row, column) with grid indexes (Enter or double-click)."""

    cellActivated = Signal(int, int)

    def __init__(self, palette: Palette, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid: GradeGrid | None = None  # what the table shows
        self.grade_model = GradeTableModel(palette, self)
        self.sorted_model = QSortFilterProxyModel(self)
        self.sorted_model.setSourceModel(self.grade_model)
        self.sorted_model.setSortRole(SORT_KEY)
        self.setModel(self.sorted_model)
        self.setAccessibleName("Grades table")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSortIndicatorClearable(True)
        self.horizontalHeader().setToolTip("Click a heading to sort by it")
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the grid's own order at first
        self.activated.connect(self._activated)

    def set_grid(self, grid: GradeGrid) -> None:
        self.grid = grid
        self.grade_model.set_grid(grid)

    def _activated(self, index: QModelIndex) -> None:
        source = self.sorted_model.mapToSource(index)
        if source.column() > 0:
            self.cellActivated.emit(source.row(), source.column() - 1)
