"""The Findings tab: a force's areas for improvement, causes of concern and recommendations
across cycles in one table, each with the user's status, RAG rating, owner, due date and
notes (saved as they are edited), what it repeats from earlier cycles, filters, and CSV and
PDF exports of what the filters show."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core import tracker, tracker_export, tracker_links
from peelviewer.core.forces import force_name
from peelviewer.core.library_errors import StoreError
from peelviewer.core.tracker import KIND_LABELS, RAGS, STATUSES, TrackedFinding, cycle_sort_key
from peelviewer.core.tracker_links import Link
from peelviewer.ui.library_guard import guarded, report_library_error
from peelviewer.ui.safe_text import plain_label
from peelviewer.ui.tracker_model import (
    ANY,
    CYCLE,
    DUE,
    EDITABLE,
    FINDING,
    FORCE,
    KIND,
    NOT_SET,
    OWNER,
    QUESTION,
    RAG,
    RAISED,
    STATUS,
    ChoiceDelegate,
    DueDelegate,
    TrackerFilter,
    TrackerModel,
)
from peelviewer.ui.tracker_panel import FindingPanel

CHOSEN, ALL = "chosen", "all"
HINT = "Choose a force in the Forces list, or All forces above"


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
        self._changed: dict[str, TrackedFinding] = {}  # rows edited since _pending was made
        self._link_timer = QTimer(self)
        self._link_timer.setSingleShot(True)
        self._link_timer.setInterval(0)
        self._link_timer.timeout.connect(self._link_next_force)
        self._build_filters()
        self._build_table()
        self._build_rest()
        self._lay_out()
        self._connect()
        self._update_counts()
        self._say("")

    def _build_filters(self) -> None:
        """The scope box, the four filter boxes, the word filter and the count."""
        self.model = TrackerModel(self._save, self)
        self.proxy = TrackerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)  # an edited row stays where it is

        self.scope = QComboBox()
        self.scope.addItem("The chosen force", CHOSEN)
        self.scope.addItem("All forces", ALL)
        self.scope.setToolTip("Which forces' findings the table holds")
        # A force's long name ("Hampshire and Isle of Wight Constabulary") is elided rather
        # than widening the window past a laptop's screen.
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(16)
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
        self.count = plain_label(wrap=False)
        self.hint = plain_label(HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _build_table(self) -> None:
        """The table: sortable, one row at a time, editable columns with their editors."""
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
        self._delegates = (ChoiceDelegate(STATUSES, self), ChoiceDelegate(RAGS, self),
                           DueDelegate(self))
        self.table.setItemDelegateForColumn(STATUS, self._delegates[0])
        self.table.setItemDelegateForColumn(RAG, self._delegates[1])
        self.table.setItemDelegateForColumn(DUE, self._delegates[2])
        self.table.installEventFilter(self)

    def _build_rest(self) -> None:
        self.panel = FindingPanel(self)
        self.message = plain_label()
        self.message.setStyleSheet("color: #B83A34")
        self.orphan_note = plain_label(wrap=False)
        self.show_orphans = QPushButton("Show them…")
        self.export_csv = QPushButton("Export CSV…")
        self.export_pdf = QPushButton("Export PDF…")

    def _lay_out(self) -> None:
        # Two rows, so that the filters fit the tab beside the docks on a 1366-pixel screen.
        filters = QHBoxLayout()
        for widget in (self.scope, self.kind_box, self.cycle_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        searching = QHBoxLayout()
        for widget in (self.status_box, self.rag_box):
            searching.addWidget(widget)
        searching.addWidget(self.words, 1)
        searching.addWidget(self.count)
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
        layout.addLayout(searching)
        layout.addWidget(self.hint, 1)
        layout.addWidget(splitter, 1)
        self._splitter = splitter
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.scope.currentIndexChanged.connect(self._scope_changed)
        for box in (self.kind_box, self.cycle_box, self.status_box, self.rag_box):
            box.currentIndexChanged.connect(self._filter)
        self.words.textChanged.connect(self._filter)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.show_orphans.clicked.connect(self._show_orphans)
        self.export_csv.clicked.connect(self._export_csv)
        self.export_pdf.clicked.connect(self._export_pdf)

    def _filter_box(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(max(len(label) for label, _ in items) if name != "Kind"
                                     else len("Area for improvement"))
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
        """Show one force's findings. None (the window has no one force chosen) keeps the
        force shown last: all forces are shown only when the user chooses them in the scope
        box (they then stay chosen when another force is); before any force, a hint."""
        if force_id is not None:
            self.force_id = force_id
            self.scope.blockSignals(True)
            self.scope.setItemText(0, force_name(force_id))
            if not self._all_chosen:
                self.scope.setCurrentIndex(0)
            self.scope.blockSignals(False)
        self.refresh()

    def _scope_force(self) -> str | None:
        """The force of the scope; None for all forces (or for none yet: `_waiting`)."""
        if self.scope.currentData() == ALL:
            return None
        return self.force_id

    def _waiting(self) -> bool:
        """No force chosen yet, nor all forces: the hint instead of the table."""
        return self.force_id is None and self.scope.currentData() != ALL

    @guarded
    def refresh(self) -> None:
        """Read the library again (after an import or a removal). A library that fails
        leaves an empty table (never the rows of the scope before) and tells the window."""
        self._link_timer.stop()
        self._pending, self._changed = [], {}
        try:
            self._read()
        except (StoreError, sqlite3.Error):
            self.orphans = []
            self.model.reset([], {}, **self._sorting())
            self._fill_cycles()
            self._after_reading()
            raise

    def _read(self) -> None:
        waiting = self._waiting()
        self.hint.setVisible(waiting)
        self._splitter.setVisible(not waiting)
        force_id = self._scope_force()
        if waiting:
            data = tracker.TrackerData([], [])
        else:
            data = tracker.tracker_data(self.store.db.conn, force_id)
            # Moving notes to a finding retyped by a re-import is a write: never on a
            # damaged library (which is only read).
            if ((data.orphans or data.anchors) and not self.store.damage
                    and tracker.reattach(self.store, force_id, data=data)):
                data = tracker.tracker_data(self.store.db.conn, force_id)
        self.orphans = data.orphans
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
        self._after_reading()

    def _after_reading(self) -> None:
        self._update_counts()
        count = len(self.orphans)
        self.orphan_note.setText(
            f"{count:,} tracked finding{'s' if count != 1 else ''} no longer in the library"
            if count else "")
        self.orphan_note.setVisible(bool(count))
        self.show_orphans.setVisible(bool(count))

    def _sorting(self) -> dict:
        header = self.table.horizontalHeader()
        return {"column": header.sortIndicatorSection(), "order": header.sortIndicatorOrder()}

    def _link_next_force(self) -> None:
        if not self._pending:
            return
        rows = [self._changed.get(row.key, row) for row in self._pending.pop(0)]
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
        for cycle in sorted({row.cycle for row in self.model.rows}, key=cycle_sort_key):
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
        self.count.setVisible(not self._waiting())
        # A counter beside a table: figures, as a table's reader compares them.
        noun = "finding" if total == 1 else "findings"
        self.count.setText(f"{total:,} {noun} ({shown:,} shown)" if total
                           else "No findings (none shown)")
        self.export_csv.setEnabled(shown > 0)
        self.export_pdf.setEnabled(shown > 0)

    def filters_text(self) -> str:
        """The scope and filters in force, in words, for an export."""
        force_id = self._scope_force()
        parts = [force_name(force_id) if force_id else "all forces"]
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
        """Make the finding of `key` current again, if it is shown."""
        if key is not None:
            for number, row in enumerate(self.model.rows):
                if row.key == key:
                    index = self.proxy.mapFromSource(self.model.index(number, FINDING))
                    if index.isValid():
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
        self._put(dataclasses.replace(changed, updated_at=tracker.now()))
        return True

    def _put(self, changed: TrackedFinding) -> None:
        """`changed` in place of every row of its key (one report may say the same words
        twice), and in the rows whose links are still to be made."""
        self._changed[changed.key] = changed
        for index, row in enumerate(self.model.rows):
            if row.key == changed.key:
                self.model.replace(index, dataclasses.replace(
                    changed, question_number=row.question_number,
                    question_key=row.question_key, question_label=row.question_label,
                    lead_in=row.lead_in, position=row.position))

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def set_link(self, row: TrackedFinding, earlier: Link, *, linked: bool) -> None:
        """Unlink (or link again) an earlier finding from `row`, saved at once."""
        row = next((r for r in self.model.rows if r.key == row.key), row)  # the latest
        try:
            if linked:
                tracker.relink(self.store, row, earlier)
                unlinked = row.unlinked - {earlier.key}
            else:
                tracker.unlink(self.store, row, earlier)
                unlinked = row.unlinked | {earlier.key}
        except (StoreError, sqlite3.Error) as error:
            report_library_error(self, error)
            return
        changed = dataclasses.replace(row, unlinked=frozenset(unlinked))
        if not linked and not row.updated_at:
            changed = dataclasses.replace(changed, updated_at=tracker.now())
        same_force = [changed if r.key == row.key else r for r in self.model.rows
                      if r.force_id == row.force_id]
        links = tracker_links.raised_before(same_force, only=[row.key]).get(row.key)
        if links:
            self.model.links[row.key] = links
        else:
            self.model.links.pop(row.key, None)
        self._put(changed)
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
        return f"Findings tracker: {force_name(force_id) if force_id else 'all forces'}"

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
