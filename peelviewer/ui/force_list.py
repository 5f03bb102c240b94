"""The Forces dock: 43 forces grouped by region, a filter over names and aliases, and the
chosen cycle's pillar grades as chips beside each force."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.forces import FORCES, REGIONS
from peelviewer.core.framework import short_label
from peelviewer.core.grid import CellCode
from peelviewer.core.model import PILLARS, Grade
from peelviewer.ui.palette import Palette

FORCE_ID = Qt.ItemDataRole.UserRole + 1
SEARCH_KEYS = Qt.ItemDataRole.UserRole + 2
CHIPS = Qt.ItemDataRole.UserRole + 3  # [(text, code, tooltip)] for the chosen cycle
_DIM = QColor("#8A8F93")


class _ForceFilter(QSortFilterProxyModel):
    """Keeps forces whose name, short name, alias, id or region contains the filter text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = " ".join(text.casefold().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(row, 0, parent)
        keys = index.data(SEARCH_KEYS)
        return bool(keys) and self._needle in keys


class _ChipDelegate(QStyledItemDelegate):
    """Paints the pillar-grade chips at the right of each force row."""

    CHIP_WIDTH, CHIP_GAP = 22, 2

    def __init__(self, palette: Palette, parent=None):
        super().__init__(parent)
        self._palette = palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        chips = index.data(CHIPS) or []
        widest = max((len(text) for text, _code, _tip in chips), default=0)
        width = self.CHIP_WIDTH + 6 * max(0, widest - 2)  # "3RI" needs more than "G"
        reserved = len(chips) * (width + self.CHIP_GAP)
        text_option = QStyleOptionViewItem(option)
        text_option.rect = option.rect.adjusted(0, 0, -reserved, 0)
        super().paint(painter, text_option, index)
        if not chips:
            return
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.setFont(font)
        x = option.rect.right() - reserved + self.CHIP_GAP
        height = min(16, option.rect.height() - 4)
        outline = QColor("#B1B4B6")  # pale chips (Adequate, no report) need an edge on white
        for text, code, _tip in chips:
            rect = QRect(x, option.rect.center().y() - height // 2, width, height)
            painter.setPen(outline)
            painter.setBrush(self._palette.fill(code))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(self._palette.ink(code))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x += width + self.CHIP_GAP
        painter.restore()


class ForceList(QWidget):
    """Signals: forcesSelected(list) with the ids of the selected forces, in list order."""

    forcesSelected = Signal(list)

    def __init__(self, palette: Palette, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter forces (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter forces")
        self.model = QStandardItemModel(self)
        self._items: dict[str, QStandardItem] = {}
        self._build()
        self.proxy = _ForceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Forces")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setItemDelegate(_ChipDelegate(palette, self.tree))
        self.tree.expandAll()
        self.filter_box.textChanged.connect(self._filter)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.tree, 1)

    def _build(self) -> None:
        regions = {}
        for region in REGIONS:
            item = QStandardItem(region)
            item.setSelectable(False)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            regions[region] = item
            self.model.appendRow(item)
        for force in FORCES:
            item = QStandardItem(force.name)
            item.setData(force.id, FORCE_ID)
            names = (force.id, force.name, force.short_name, force.region, *force.aliases)
            item.setData(" | ".join(n.casefold() for n in names), SEARCH_KEYS)
            regions[force.region].appendRow(item)
            self._items[force.id] = item

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self.tree.expandAll()

    def visible_force_ids(self) -> list[str]:
        found = []
        for region_row in range(self.proxy.rowCount()):
            region = self.proxy.index(region_row, 0)
            for row in range(self.proxy.rowCount(region)):
                found.append(self.proxy.index(row, 0, region).data(FORCE_ID))
        return found

    def set_cycle_grades(self, cycle: str, grades: dict[str, dict[str, str | None]]) -> None:
        """Chips for the cycle's pillars, or for a whole-force cycle its graded areas of
        policing; forces with no report in the cycle are dimmed."""
        found = {key for by_pillar in grades.values() for key in by_pillar}
        if found and not found & set(PILLARS):
            self._set_area_counts(cycle, grades)
            return
        pillars = [p for p in PILLARS if p in found]
        for force_id, item in self._items.items():
            by_pillar = grades.get(force_id, {})
            chips = []
            for pillar in pillars if by_pillar else ():
                name = short_label(pillar, pillar.capitalize())
                if pillar not in by_pillar:
                    chips.append(("", CellCode.NO_REPORT, f"{name}: no report"))
                    continue
                grade = Grade.from_label(by_pillar[pillar]) if by_pillar[pillar] else None
                code = CellCode.of(grade)
                text = grade.abbreviation if grade else "–"
                label = grade.label if grade else "not graded"
                chips.append((text, code, f"{name}: {label}"))
            item.setData(chips, CHIPS)
            tip = "\n".join(t for _, _, t in chips) or "no reports in this cycle"
            item.setToolTip(f"{item.text()} · PEEL {cycle}\n{tip}")
            item.setForeground(QColor("#0B0C0C") if by_pillar else _DIM)

    def _set_area_counts(self, cycle: str, grades: dict[str, dict[str, str | None]]) -> None:
        """A whole-force cycle grades nine or so areas: one chip per grade the force holds,
        with how many areas hold it ("3G"), best first; the tooltip names every area."""
        for force_id, item in self._items.items():
            by_area = grades.get(force_id, {})
            held = [Grade.from_label(label) for label in by_area.values() if label]
            chips = [(f"{held.count(grade)}{grade.abbreviation}", CellCode.of(grade),
                      f"{held.count(grade)} {grade.label.lower()}")
                     for grade in reversed(Grade) if grade in held]
            item.setData(chips, CHIPS)
            areas = "\n".join(f"{short_label(key, key)}: {label or 'not graded'}"
                               for key, label in by_area.items())
            item.setToolTip(f"{item.text()} · PEEL {cycle}\n"
                            + (areas or "no report in this cycle"))
            item.setForeground(QColor("#0B0C0C") if by_area else _DIM)

    def selected_force_ids(self) -> list[str]:
        indexes = self.tree.selectionModel().selectedIndexes()
        ids = [index.data(FORCE_ID) for index in indexes if index.data(FORCE_ID)]
        order = {f.id: i for i, f in enumerate(FORCES)}
        return sorted(ids, key=order.get)

    def _selection_changed(self, *_args) -> None:
        self.forcesSelected.emit(self.selected_force_ids())
