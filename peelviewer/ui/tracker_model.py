"""The Findings tab's table: the model of the findings (one per row, sorted in one pass of
Python's sort), the filter of kind, cycle, status, RAG rating and words, and the editors of
the Status, RAG and Due cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from peelviewer.core.tracker import (
    RAG_COLOURS,
    RAGS,
    STATUSES,
    TRACKED_KINDS,
    TrackedFinding,
    cycle_sort_key,
)
from peelviewer.core.tracker_links import Link
from peelviewer.ui.safe_text import tooltip

COLUMNS = ("Force", "Cycle", "Question / area", "Kind", "Finding", "Raised before", "Status",
           "RAG", "Owner", "Due", "Notes")
(FORCE, CYCLE, QUESTION, KIND, FINDING, RAISED, STATUS, RAG, OWNER, DUE,
 NOTES) = range(len(COLUMNS))
EDITABLE = {STATUS: "status", RAG: "rag", OWNER: "owner", DUE: "due", NOTES: "notes"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ANY, NOT_SET = "", "\x00not set"


class TrackerModel(QAbstractTableModel):
    """The findings of the scope, one per row; `save(row, field, value)` (given by the
    view) writes an edit and answers whether it was kept."""

    def __init__(self, save, parent=None):
        super().__init__(parent)
        self.rows: list[TrackedFinding] = []
        self.links: dict[str, tuple[Link, ...]] = {}
        self._save = save
        self._rank: dict[str, int] = {}

    def reset(self, rows: list[TrackedFinding], links: dict[str, tuple[Link, ...]], *,
              column: int = CYCLE, order=Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self.links = links
        ordered = sorted({row.cycle for row in rows}, key=cycle_sort_key)
        self._rank = {cycle: index for index, cycle in enumerate(ordered)}
        self.rows = self._sorted(rows, column, order)
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in one pass of Python's sort, rather than by the proxy: comparing
        tens of thousands of rows through Qt's lessThan costs a second."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        order_of_rows = self._order(self.rows, column, order)
        self.rows = [self.rows[number] for number in order_of_rows]
        moved_to = {old: new for new, old in enumerate(order_of_rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(moved_to[index.row()], index.column()) for index in old])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[TrackedFinding], column: int, order) -> list[TrackedFinding]:
        return [rows[number] for number in self._order(rows, column, order)]

    def _order(self, rows: list[TrackedFinding], column: int, order) -> list[int]:
        """The row numbers of `rows` in order; ties keep the library's order (force, cycle,
        section, question, kind, position)."""
        rank = self._rank

        def library_order(number: int):
            r = rows[number]
            return (r.force_id, rank.get(r.cycle, 0), r.section,
                    -1 if r.question_number is None else r.question_number, r.kind, r.position)

        base = sorted(range(len(rows)), key=library_order)
        keys = [self._sort_key(row, column) for row in rows]
        return sorted(base, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def replace(self, index: int, row: TrackedFinding) -> None:
        self.rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def links_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, RAISED), self.index(len(self.rows) - 1, RAISED))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role == Qt.ItemDataRole.EditRole)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == RAG and row.rag:
            return QColor(RAG_COLOURS[row.rag])
        if role == Qt.ItemDataRole.ToolTipRole and column in (FINDING, NOTES, RAISED):
            return tooltip(self._tip(row, column))  # report and user text, never markup
        return None

    def _text(self, row: TrackedFinding, column: int, editing: bool) -> str:
        if column == FORCE:
            return row.force_name
        if column == CYCLE:
            return row.cycle
        if column == QUESTION:
            return row.question
        if column == KIND:
            return row.kind_label
        if column == FINDING:
            return row.text
        if column == RAISED:
            links = self.links.get(row.key, ())
            return ", ".join(f"{link.cycle} ({link.score}%)" for link in links)
        value = getattr(row, EDITABLE[column])
        if column in (STATUS, RAG) and not editing:
            return value.capitalize()
        if column == NOTES and not editing:
            return " ".join(value.split())
        return value

    def _sort_key(self, row: TrackedFinding, column: int):
        if column == CYCLE:
            return self._rank.get(row.cycle, 0)
        if column == QUESTION:
            return -1 if row.question_number is None else row.question_number
        if column == KIND:
            return TRACKED_KINDS.index(row.kind) if row.kind in TRACKED_KINDS else 9
        if column == RAISED:
            links = self.links.get(row.key, ())
            return max((link.score for link in links), default=0)
        if column == STATUS:
            return STATUSES.index(row.status) if row.status in STATUSES else len(STATUSES)
        if column == RAG:
            return RAGS.index(row.rag) if row.rag in RAGS else len(RAGS)
        return self._text(row, column, True).casefold()

    def _tip(self, row: TrackedFinding, column: int) -> str:
        if column == FINDING:
            return f"{row.lead_in}\n{row.text}".strip()
        if column == NOTES:
            return row.notes
        return "\n".join(link.describe() for link in self.links.get(row.key, ()))

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        return self._save(index.row(), EDITABLE[index.column()], value)


class TrackerFilter(QSortFilterProxyModel):
    """Kind, cycle, status, RAG rating and words (in the finding, question, force, owner or
    notes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = self.cycle = self.status = self.rag = ANY
        self.words = ""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # the proxy keeps the model's order

    def set_filters(self, **values) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        row = self.sourceModel().rows[source_row]
        for wanted, value in ((self.kind, row.kind), (self.cycle, row.cycle),
                              (self.status, row.status), (self.rag, row.rag)):
            if wanted == NOT_SET and value:
                return False
            if wanted not in (ANY, NOT_SET) and value != wanted:
                return False
        if self.words:
            haystack = " ".join((row.text, row.lead_in, row.question, row.force_name,
                                 row.owner, row.notes)).casefold()
            return all(word in haystack for word in self.words.casefold().split())
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of the allowed values (and blank) for Status and RAG."""

    def __init__(self, choices: tuple[str, ...], parent=None):
        super().__init__(parent)
        self._choices = ("", *choices)

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        for choice in self._choices:
            editor.addItem(choice.capitalize() or "(not set)", choice)
        editor.activated.connect(lambda _i, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DueDelegate(QStyledItemDelegate):
    """The due date as ISO text, checked when saved."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setPlaceholderText("2025-03-31")
        return editor
