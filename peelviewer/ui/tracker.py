"""The Findings tab: a force's areas for improvement, causes of concern and recommendations
across cycles in one table, each with the user's status, RAG rating, owner, due date and
notes (saved as they are edited), what it repeats from earlier cycles, filters, and CSV and
PDF exports of what the filters show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core import tracker, tracker_export, tracker_links
from peelviewer.core.forces import force_by_id
from peelviewer.core.library_errors import StoreError
from peelviewer.core.tracker import (
    KIND_LABELS,
    RAG_COLOURS,
    RAGS,
    STATUSES,
    TRACKED_KINDS,
    TrackedFinding,
    cycle_order,
)
from peelviewer.core.tracker_links import Link
from peelviewer.ui.library_guard import guarded, report_library_error

COLUMNS = ("Force", "Cycle", "Question / area", "Kind", "Finding", "Raised before", "Status",
           "RAG", "Owner", "Due", "Notes")
(FORCE, CYCLE, QUESTION, KIND, FINDING, RAISED, STATUS, RAG, OWNER, DUE,
 NOTES) = range(len(COLUMNS))
EDITABLE = {STATUS: "status", RAG: "rag", OWNER: "owner", DUE: "due", NOTES: "notes"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ANY, NOT_SET = "", "\x00not set"
CHOSEN, ALL = "chosen", "all"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


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
        ordered = sorted({row.cycle for row in rows}, key=cycle_order)
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
            return self._tip(row, column)
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


class _ChoiceDelegate(QStyledItemDelegate):
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


class _DueDelegate(QStyledItemDelegate):
    """The due date as ISO text, checked when saved."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setPlaceholderText("2025-03-31")
        return editor


class TrackerView(QWidget):
    """Signals: findingChosen(force_id, cycle, section, question number or None) on a
    double-click (outside the editable columns) or Enter."""

    findingChosen = Signal(str, str, str, object)

    def __init__(self, store, palette, dialogs, parent=None):
        super().__init__(parent)
        self.store = store
        self.palette = palette  # grades' colours; RAG ratings have colours of their own
        self.dialogs = dialogs
        self.force_id: str | None = None
        self._all_chosen = False  # by the user, in the scope box
        self.orphans: list[TrackedFinding] = []
        self._pending: list[list[TrackedFinding]] = []  # forces whose links are not made
        self._link_timer = QTimer(self)
        self._link_timer.setSingleShot(True)
        self._link_timer.setInterval(0)
        self._link_timer.timeout.connect(self._link_next_force)

        self.model = TrackerModel(self._save, self)
        self.proxy = TrackerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)  # an edited row stays where it is

        self.scope = QComboBox()
        self.scope.addItem("The chosen force", CHOSEN)
        self.scope.addItem("All forces", ALL)
        self.scope.setToolTip("Which forces' findings the table holds")
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_box = self._filter_box("Kind", [("All kinds", ANY)] + [
            (label, kind) for kind, label in KIND_LABELS.items()])
        self.cycle_box = self._filter_box("Cycle", [("All cycles", ANY)])
        self.status_box = self._filter_box("Status", [("Any status", ANY),
                                                      ("Status not set", NOT_SET)]
                                           + [(s.capitalize(), s) for s in STATUSES])
        self.rag_box = self._filter_box("RAG", [("Any RAG", ANY), ("RAG not set", NOT_SET)]
                                        + [(r.capitalize(), r) for r in RAGS])
        self.words = QLineEdit()
        self.words.setPlaceholderText("Filter by words…")
        self.words.setClearButtonEnabled(True)
        self.count = _plain(QLabel())
        self.count.setWordWrap(False)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CYCLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((FORCE, 120), (CYCLE, 62), (QUESTION, 140), (KIND, 128),
                              (FINDING, 320), (RAISED, 108), (STATUS, 86), (RAG, 76),
                              (OWNER, 86), (DUE, 86)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self._delegates = (_ChoiceDelegate(STATUSES, self), _ChoiceDelegate(RAGS, self),
                           _DueDelegate(self))
        self.table.setItemDelegateForColumn(STATUS, self._delegates[0])
        self.table.setItemDelegateForColumn(RAG, self._delegates[1])
        self.table.setItemDelegateForColumn(DUE, self._delegates[2])
        self.table.installEventFilter(self)

        self.panel = _FindingPanel(self)
        self.message = _plain(QLabel())
        self.message.setStyleSheet("color: #B83A34")
        self.orphan_note = _plain(QLabel())
        self.orphan_note.setWordWrap(False)
        self.show_orphans = QPushButton("Show them…")
        self.export_csv = QPushButton("Export CSV…")
        self.export_pdf = QPushButton("Export PDF…")

        filters = QHBoxLayout()
        for widget in (self.scope, self.kind_box, self.cycle_box, self.status_box,
                       self.rag_box):
            filters.addWidget(widget)
        filters.addWidget(self.words, 1)
        filters.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 200])
        self.panel.setMinimumHeight(140)
        bottom = QHBoxLayout()
        bottom.addWidget(self.orphan_note)
        bottom.addWidget(self.show_orphans)
        bottom.addStretch(1)
        bottom.addWidget(self.export_csv)
        bottom.addWidget(self.export_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.scope.currentIndexChanged.connect(self._scope_changed)
        for box in (self.kind_box, self.cycle_box, self.status_box, self.rag_box):
            box.currentIndexChanged.connect(self._filter)
        self.words.textChanged.connect(self._filter)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.show_orphans.clicked.connect(self._show_orphans)
        self.export_csv.clicked.connect(self._export_csv)
        self.export_pdf.clicked.connect(self._export_pdf)
        self._update_counts()
        self._say("")

    def _filter_box(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"{name} filter")
        for label, value in items:
            box.addItem(label, value)
        return box

    # What the view shows

    @property
    def rows(self) -> list[TrackedFinding]:
        """Every finding of the scope (filtered or not)."""
        return self.model.rows

    @property
    def links(self) -> dict[str, tuple[Link, ...]]:
        return self.model.links

    def shown_rows(self) -> list[TrackedFinding]:
        """The findings the filters let through, in the table's order."""
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                for i in range(self.proxy.rowCount())]

    def show_force(self, force_id: str | None) -> None:
        """Show one force's findings (None: every force's). All forces chosen in the scope
        box stay chosen when another force is; all forces shown for want of one force give
        way to the next force chosen."""
        self.force_id = force_id
        self.scope.blockSignals(True)
        if force_id is None:
            self.scope.setItemText(0, "The chosen force")
            self.scope.setCurrentIndex(1)
        else:
            self.scope.setItemText(0, force_by_id(force_id).name)
            if not self._all_chosen:
                self.scope.setCurrentIndex(0)
        self.scope.blockSignals(False)
        self.refresh()

    def _scope_force(self) -> str | None:
        if self.scope.currentData() == ALL or self.force_id is None:
            return None
        return self.force_id

    @guarded
    def refresh(self) -> None:
        """Read the library again (after an import or a removal)."""
        force_id = self._scope_force()
        data = tracker.tracker_data(self.store.db.conn, force_id)
        if data.orphans and tracker.reattach(self.store, force_id):
            data = tracker.tracker_data(self.store.db.conn, force_id)
        self.orphans = data.orphans
        self._link_timer.stop()
        self._pending = []
        current = self._current_key()
        if force_id is None:
            by_force: dict[str, list[TrackedFinding]] = {}
            for row in data.rows:
                by_force.setdefault(row.force_id, []).append(row)
            self._pending = list(by_force.values())
            self.model.reset(data.rows, {}, **self._sorting())
            self._link_timer.start()  # one force at a time, between events
        else:
            self.model.reset(data.rows, tracker_links.raised_before(data.rows), **self._sorting())
        self.table.setColumnHidden(FORCE, force_id is not None)
        self._fill_cycles()
        self._select(current)
        self._update_counts()
        count = len(self.orphans)
        self.orphan_note.setText(
            f"{count} tracked finding{'s' if count != 1 else ''} no longer in the library"
            if count else "")
        self.orphan_note.setVisible(bool(count))
        self.show_orphans.setVisible(bool(count))

    def _sorting(self) -> dict:
        header = self.table.horizontalHeader()
        return {"column": header.sortIndicatorSection(), "order": header.sortIndicatorOrder()}

    def _link_next_force(self) -> None:
        if not self._pending:
            return
        rows = self._pending.pop(0)
        self.model.links.update(tracker_links.raised_before(rows))
        self.model.links_changed()
        if self._pending:
            self._link_timer.start()
        else:
            self.panel.show_finding(self._current_row())

    def _fill_cycles(self) -> None:
        chosen = self.cycle_box.currentData()
        self.cycle_box.blockSignals(True)
        self.cycle_box.clear()
        self.cycle_box.addItem("All cycles", ANY)
        for cycle in sorted({row.cycle for row in self.model.rows}, key=cycle_order):
            self.cycle_box.addItem(cycle, cycle)
        self.cycle_box.setCurrentIndex(max(0, self.cycle_box.findData(chosen)))
        self.cycle_box.blockSignals(False)
        self.proxy.cycle = self.cycle_box.currentData()

    def _scope_changed(self) -> None:
        self._all_chosen = self.scope.currentData() == ALL
        self.refresh()

    def _filter(self) -> None:
        self.proxy.set_filters(kind=self.kind_box.currentData(),
                               cycle=self.cycle_box.currentData(),
                               status=self.status_box.currentData(),
                               rag=self.rag_box.currentData(), words=self.words.text().strip())
        self._update_counts()

    def _update_counts(self) -> None:
        total, shown = len(self.model.rows), self.proxy.rowCount()
        self.count.setText(f"{total} finding{'s' if total != 1 else ''} ({shown} shown)")
        self.export_csv.setEnabled(shown > 0)
        self.export_pdf.setEnabled(shown > 0)

    def filters_text(self) -> str:
        """The scope and filters in force, in words, for an export."""
        force_id = self._scope_force()
        parts = [force_by_id(force_id).name if force_id else "all forces"]
        for box in (self.kind_box, self.cycle_box, self.status_box, self.rag_box):
            if box.currentData() != ANY:
                parts.append(box.currentText())
        if self.words.text().strip():
            parts.append(f"words “{self.words.text().strip()}”")
        return "; ".join(parts)

    # The current finding

    def _current_row(self) -> TrackedFinding | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def _current_key(self) -> str | None:
        row = self._current_row()
        return row.key if row else None

    def _select(self, key: str | None) -> None:
        for number in range(self.proxy.rowCount()):
            index = self.proxy.index(number, FINDING)
            if self.model.rows[self.proxy.mapToSource(index).row()].key == key:
                self.table.setCurrentIndex(index)
                return
        self.panel.show_finding(None)

    def _current_changed(self, *_ignored) -> None:
        self.panel.show_finding(self._current_row())

    def links_of(self, row: TrackedFinding) -> tuple[Link, ...]:
        if row.key in self.model.links or not self._pending:
            return self.model.links.get(row.key, ())
        same_force = [r for r in self.model.rows if r.force_id == row.force_id]
        return tracker_links.raised_before(same_force, only=[row.key]).get(row.key, ())

    def unlinked_of(self, row: TrackedFinding) -> tuple[Link, ...]:
        if not row.unlinked:
            return ()
        same_force = [r for r in self.model.rows if r.force_id == row.force_id]
        return tracker_links.unlinked_links(row, same_force)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() not in EDITABLE:
            self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        row = self.model.rows[self.proxy.mapToSource(index).row()]
        self.findingChosen.emit(row.force_id, row.cycle, row.section, row.question_number)

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.table.state() != QAbstractItemView.State.EditingState
                and self.table.currentIndex().isValid()):
            self._choose(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # Writing

    def _save(self, source_row: int, field: str, value) -> bool:
        row = self.model.rows[source_row]
        value = "" if value is None else str(value)
        if getattr(row, field) == value:
            return False
        try:
            changed = tracker.with_fields(row, **{field: value})
            tracker.set_fields(self.store, row, **{field: value})
        except ValueError as refused:
            self._say(f"Not saved: {refused}")
            return False
        except (StoreError, sqlite3.Error) as error:
            report_library_error(self, error)
            return False
        self._say("")
        self.model.replace(source_row, dataclasses.replace(changed, updated_at=_now()))
        return True

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def set_link(self, row: TrackedFinding, earlier_key: str, *, linked: bool) -> None:
        """Unlink (or link again) an earlier finding from `row`, saved at once."""
        try:
            if linked:
                tracker.relink(self.store, row.key, earlier_key)
                unlinked = row.unlinked - {earlier_key}
            else:
                tracker.unlink(self.store, row.key, earlier_key)
                unlinked = row.unlinked | {earlier_key}
        except (StoreError, sqlite3.Error) as error:
            report_library_error(self, error)
            return
        changed = dataclasses.replace(row, unlinked=frozenset(unlinked))
        index = next(i for i, r in enumerate(self.model.rows) if r.key == row.key)
        same_force = [changed if r.key == row.key else r for r in self.model.rows
                      if r.force_id == row.force_id]
        links = tracker_links.raised_before(same_force, only=[row.key]).get(row.key)
        if links:
            self.model.links[row.key] = links
        else:
            self.model.links.pop(row.key, None)
        self.model.replace(index, changed)
        self.panel.show_finding(changed)

    # Orphans and exports

    def _show_orphans(self) -> None:
        lines = []
        for orphan in self.orphans:
            said = ", ".join(f"{name}: {getattr(orphan, name)}" for name in tracker.FIELDS
                             if getattr(orphan, name))
            lines.append(f"{orphan.force_name} {orphan.cycle}, {orphan.kind_label}: "
                         f"{orphan.text}\n    {said}")
        self.dialogs.information(
            self, "No longer in the library",
            "These tracked findings are not in any report of the library now (the report "
            "was removed, or its wording changed). What you noted is kept.\n\n"
            + "\n\n".join(lines))

    def _export_rows(self) -> tuple[list[TrackedFinding], dict[str, tuple[Link, ...]]]:
        while self._pending:  # an export waits for the links still to be made
            self._link_next_force()
        self._link_timer.stop()
        return self.shown_rows(), self.model.links

    def _suggested(self, suffix: str) -> Path:
        force_id = self._scope_force()
        return Path(f"findings-{force_id or 'all-forces'}{suffix}")

    def _title(self) -> str:
        force_id = self._scope_force()
        return f"Findings tracker: {force_by_id(force_id).name if force_id else 'all forces'}"

    def _export_csv(self) -> None:
        path = self.dialogs.save_file(self, "Export the findings as CSV",
                                      self._suggested(".csv"), "csv")
        if path is None:
            return
        rows, links = self._export_rows()
        try:
            tracker_export.tracker_csv(rows, links, Path(path))
        except OSError as error:
            self.dialogs.error(self, "The CSV was not saved", f"{path}: {error.strerror}")

    def _export_pdf(self) -> None:
        path = self.dialogs.save_file(self, "Export the findings as PDF",
                                      self._suggested(".pdf"), "pdf")
        if path is None:
            return
        from peelviewer.ui.table_pdf import write_html_pdf

        rows, links = self._export_rows()
        title = self._title()
        page = tracker_export.tracker_html(rows, links, title, self.filters_text())
        try:
            write_html_pdf(page, Path(path), title=title, header=title)
        except OSError as error:
            self.dialogs.error(self, "The PDF was not saved", f"{path}: {error.strerror}")


class _FindingPanel(QWidget):
    """The current finding in full: its lead-in and words, and what it repeats from earlier
    cycles, each link with Unlink (and the unlinked ones with Link again)."""

    def __init__(self, view: TrackerView):
        super().__init__(view)
        self._view = view
        self.heading = _plain(QLabel())
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.lead_in = _plain(QLabel())
        self.text = _plain(QLabel())
        self._links = QWidget()
        self._links_layout = QVBoxLayout(self._links)
        self._links_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        for widget in (self.heading, self.lead_in, self.text, self._links):
            column.addWidget(widget)
        column.addStretch(1)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.link_labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self.show_finding(None)

    def show_finding(self, row: TrackedFinding | None) -> None:
        while self._links_layout.count():
            item = self._links_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # its button may be the one being clicked: deleted later
                item.widget().deleteLater()
        self.link_labels, self.buttons = [], []
        if row is None:
            self.heading.setText("Choose a finding to read it in full.")
            self.lead_in.hide()
            self.text.setText("")
            return
        self.heading.setText(f"{row.force_name} · {row.cycle} · {row.question} · "
                             f"{row.kind_label}")
        self.lead_in.setText(row.lead_in)
        self.lead_in.setVisible(bool(row.lead_in))
        self.text.setText(row.text)
        links = self._view.links_of(row)
        unlinked = self._view.unlinked_of(row)
        title = "Raised before:" if links else "Not raised in an earlier cycle of the library."
        self._links_layout.addWidget(_plain(QLabel(title)))
        for link in links:
            self._add_link(row, link, linked=True)
        if unlinked:
            self._links_layout.addWidget(_plain(QLabel("Unlinked by you:")))
            for link in unlinked:
                self._add_link(row, link, linked=False)

    def _add_link(self, row: TrackedFinding, link: Link, *, linked: bool) -> None:
        line = QHBoxLayout()
        label = _plain(QLabel(f"{link.cycle} ({link.score}%), {KIND_LABELS.get(link.kind, '')}"
                              f": {link.text}"))
        button = QPushButton("Unlink" if linked else "Link again")
        button.clicked.connect(
            lambda _checked=False, key=link.key: self._view.set_link(row, key, linked=not linked))
        line.addWidget(label, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        holder = QWidget()
        holder.setLayout(line)
        line.setContentsMargins(12, 0, 0, 0)
        self._links_layout.addWidget(holder)
        self.link_labels.append(label)
        self.buttons.append(button)
