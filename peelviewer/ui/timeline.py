"""The Timeline tab: one force across every PEEL cycle in the library, a row a question or
area (its overall grades first), a column a cycle, cells in the grade colours with their
letters, a thick rule where the scale goes from four grades to five; a cell opens its
question, and the timeline exports to CSV and PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.grid import CellCode
from peelviewer.core.model import Grade
from peelviewer.core.timeline import (
    OVERALL,
    SCALE_NOTE,
    UNKEYED,
    Timeline,
    TimelineCell,
    force_timeline,
    timeline_csv,
    timeline_html,
)
from peelviewer.ui.library_guard import guarded
from peelviewer.ui.safe_text import plain_label, tooltip

_Index = QModelIndex | QPersistentModelIndex
CELL_ROLE = Qt.ItemDataRole.UserRole + 1
HINT = "Choose one force in the Forces list to see it across PEEL cycles"
RULE, GROUP_RULE, GRIDLINE = QColor("#0B0C0C"), QColor("#505A5F"), QColor("#FFFFFF")
RULE_WIDTH, GROUP_WIDTH = 4, 2
COLUMN_WIDTH, ROW_HEIGHT = 84, 30


class TimelineModel(QAbstractTableModel):
    """Rows are the timeline's rows, columns its cycles; CELL_ROLE gives the TimelineCell
    (None where the cycle has no such question)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.timeline: Timeline | None = None

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.beginResetModel()
        self.timeline = timeline
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.timeline is None else len(self.timeline.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.timeline is None else len(self.timeline.cycles)

    def _holds(self, row: int | None, column: int | None) -> bool:
        """Whether the timeline has this row and column. A header asks for its old sections
        while a smaller timeline replaces a larger one (an exception there crashes PySide)."""
        timeline = self.timeline
        return timeline is not None and (row is None or 0 <= row < len(timeline.rows)) and \
            (column is None or 0 <= column < len(timeline.cycles))

    def cell(self, index: _Index) -> TimelineCell | None:
        if not index.isValid() or not self._holds(index.row(), index.column()):
            return None
        return self.timeline.rows[index.row()].cells.get(self.timeline.cycles[index.column()])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not self._holds(index.row(), index.column()):
            return None
        row = self.timeline.rows[index.row()]
        cycle = self.timeline.cycles[index.column()]
        cell = row.cells.get(cycle)
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.letters if cell is not None else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            said = cell.describe() if cell is not None else self.timeline.missing(row, cycle)
            return f"{row.heading}, {cycle}: {said}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return tooltip(f"{cycle}: {self.timeline.missing(row, cycle)}")
            return tooltip(f"{cycle}: {cell.describe()}\n\n{cell.text}".rstrip())
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if not self._holds(None if horizontal else section, section if horizontal else None):
            return None
        if horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                scale = self.timeline.scale_heading(section)
                cycle = self.timeline.cycles[section]
                return f"{cycle}\n{scale}" if scale else cycle
            if role == Qt.ItemDataRole.ToolTipRole and section in self.timeline.breaks:
                return tooltip(SCALE_NOTE)
            return None
        row = self.timeline.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{row.group}: {row.label}"
            if row.group == UNKEYED:  # its label may be cut short: the latest words in full
                latest = next(row.cells[c] for c in reversed(self.timeline.cycles)
                              if c in row.cells)
                text += f"\n\n{latest.text}"
            return tooltip(text)
        if role == Qt.ItemDataRole.FontRole and row.group == OVERALL:
            font = QFont()
            font.setBold(True)
            return font
        return None


class _RuledHeader(QHeaderView):
    """A header with a rule before some sections: the scale break across the cycles, the
    groups down the rows."""

    def __init__(self, orientation, parent=None):
        super().__init__(orientation, parent)
        self.rules: dict[int, tuple[QColor, int]] = {}  # section -> (colour, width)

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        painter.save()
        super().paintSection(painter, rect, section)
        painter.restore()
        rule = self.rules.get(section)
        if rule is not None:
            colour, width = rule
            if self.orientation() == Qt.Orientation.Horizontal:
                painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), colour)
            else:
                painter.fillRect(QRect(rect.left(), rect.top(), rect.width(), width), colour)


class _CellDelegate(QStyledItemDelegate):
    """Paints a cell as the heatmap does: the grade's fill, its letters in the ink that reads
    on it, hatching for a grade carried over or read from the text; and the rules."""

    def __init__(self, palette, parent=None):
        super().__init__(parent)
        self._palette = palette
        self.breaks: frozenset[int] = frozenset()
        self.group_starts: frozenset[int] = frozenset()

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        cell: TimelineCell | None = index.data(CELL_ROLE)
        code = cell.code if cell is not None else CellCode.NO_REPORT
        rect = option.rect
        painter.save()
        painter.fillRect(rect, GRIDLINE)
        inner = rect.adjusted(0, 0, -1, -1)
        painter.fillRect(inner, self._palette.fill(code))
        ink = self._palette.ink(code)
        if cell is not None and cell.marked:  # in the ink's colour: shows on every fill
            hatch = QColor(ink)
            hatch.setAlpha(110)
            painter.fillRect(inner, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        if cell is not None:
            font = QFont(option.font)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(ink)
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, cell.letters)
        if index.column() in self.breaks:
            painter.fillRect(QRect(rect.left(), rect.top(), RULE_WIDTH, rect.height()), RULE)
        if index.row() in self.group_starts:
            painter.fillRect(QRect(rect.left(), rect.top(), rect.width(), GROUP_WIDTH),
                             GROUP_RULE)
        if option.state & QStyle.StateFlag.State_HasFocus or \
                option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(RULE, 3))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
            painter.setPen(QPen(GRIDLINE, 1))
            painter.drawRect(rect.adjusted(4, 4, -5, -5))
        painter.restore()


class TimelineTable(QTableView):
    """The grid; Enter on a cell activates it like a click (`cellEntered`)."""

    cellEntered = Signal(QModelIndex)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.currentIndex().isValid():
            self.cellEntered.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class TimelineView(QWidget):
    """Signals: cellChosen(force_id, cycle, section, number or None) when a cell with a
    report is clicked or entered."""

    cellChosen = Signal(str, str, str, object)

    def __init__(self, store, palette, dialogs, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.palette, self.dialogs = store, palette, dialogs
        self.timeline: Timeline | None = None
        self._force_id: str | None = None

        self.title = plain_label(bold=True, size=1.2)
        self.title.setAccessibleName("Timeline title")
        self.key = plain_label()
        self.key.setAccessibleName("Key to the grades")
        self._build_table()
        self._lay_out()
        self._show(None)

    def _build_table(self) -> None:
        """The grid: fixed cells painted in the grade colours, ruled headers at the scale's
        break, one cell chosen at a time, Enter or a click to open it."""
        self.model = TimelineModel(self)
        self.table = TimelineTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Grades across PEEL cycles")
        self.table.setAccessibleDescription(
            "A row for each overall grade, question or area, a column for each cycle. "
            "Press Enter on a cell to open its question.")
        self.delegate = _CellDelegate(self.palette, self.table)
        self.table.setItemDelegate(self.delegate)
        self.columns_header = _RuledHeader(Qt.Orientation.Horizontal, self.table)
        self.rows_header = _RuledHeader(Qt.Orientation.Vertical, self.table)
        self.table.setHorizontalHeader(self.columns_header)
        self.table.setVerticalHeader(self.rows_header)
        self.columns_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.columns_header.setDefaultSectionSize(COLUMN_WIDTH)
        self.columns_header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.rows_header.setDefaultSectionSize(ROW_HEIGHT)
        self.rows_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                             | Qt.AlignmentFlag.AlignVCenter)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(self._chosen)
        self.table.cellEntered.connect(self._chosen)

    def _lay_out(self) -> None:
        """The hint or the title, key and grid; the export buttons beneath."""
        self.hint = plain_label(HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setAccessibleName("Timeline hint")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addWidget(self.title)
        shown_layout.addWidget(self.key)
        shown_layout.addWidget(self.table, 1)
        self.pages.addWidget(shown)

        self.csv_button = QPushButton("Export CSV…")
        self.pdf_button = QPushButton("Export PDF…")
        self.csv_button.setToolTip("Save the timeline as a spreadsheet (CSV)")
        self.pdf_button.setToolTip("Save the timeline as a PDF in the grade colours")
        self.csv_button.clicked.connect(self._export_csv)
        self.pdf_button.clicked.connect(self._export_pdf)
        self.status = plain_label()
        self.status.setAccessibleName("Export status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    # What is shown

    @guarded
    def show_force(self, force_id: str | None) -> None:
        """Show one force's timeline, or (None) the hint to choose one."""
        self._force_id = force_id
        self.status.clear()
        self._show(force_timeline(self.store.db.conn, force_id) if force_id else None)

    @guarded
    def refresh(self) -> None:
        """Read the library again (after an import or a removal)."""
        if self._force_id is not None:
            self._show(force_timeline(self.store.db.conn, self._force_id))

    def _show(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        for button in (self.csv_button, self.pdf_button):  # a force without reports: none
            button.setEnabled(timeline is not None and bool(timeline.cycles))
        self.delegate.breaks = frozenset(timeline.breaks if timeline else ())
        starts = frozenset(timeline.group_starts[1:] if timeline else ())
        self.delegate.group_starts = starts
        self.columns_header.rules = {i: (RULE, RULE_WIDTH) for i in self.delegate.breaks}
        self.rows_header.rules = {i: (GROUP_RULE, GROUP_WIDTH) for i in starts}
        self.model.set_timeline(timeline)
        if timeline is None or not timeline.cycles:
            self.hint.setText(HINT if timeline is None else timeline.counts)
            self.pages.setCurrentWidget(self.hint)
            return
        self.title.setText(f"{timeline.force_name}: {timeline.counts}")
        self.key.setText(self._key_text(timeline))
        self.columns_header.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self.pages.setCurrentWidget(self.pages.widget(1))
        if timeline.rows:  # the keys start here; nothing framed until the user moves
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    @staticmethod
    def _key_text(timeline: Timeline) -> str:
        grades = " · ".join(f"{g.abbreviation} {g.label}" for g in sorted(Grade, reverse=True))
        text = f"{grades} · – not graded · * carried over or read from the text (hatched)"
        if timeline.breaks:
            text += f"\n{SCALE_NOTE}. The thick line marks the change."
        return text

    # Choosing a cell

    def _chosen(self, index: QModelIndex) -> None:
        cell = self.model.cell(index)
        if cell is None or self.timeline is None:
            return
        cycle = self.timeline.cycles[index.column()]
        self.cellChosen.emit(self.timeline.force_id, cycle, cell.section, cell.number)

    # Exports

    def _suggested(self, suffix: str) -> Path:
        return Path(f"timeline-{self.timeline.force_id}{suffix}")

    def _export_csv(self) -> None:
        if self.timeline is None or not self.timeline.cycles:
            return
        path = self.dialogs.save_file(self, "Export the timeline as CSV",
                                      self._suggested(".csv"), "csv")
        if path is None:
            return
        try:
            timeline_csv(self.timeline, Path(path))
        except OSError as error:
            self.dialogs.error(self, "The CSV was not saved", f"{path}: {error.strerror or error}")
            return
        self.status.setText(f"Saved the timeline to {path}")

    def _export_pdf(self) -> None:
        if self.timeline is None or not self.timeline.cycles:
            return
        path = self.dialogs.save_file(self, "Export the timeline as PDF",
                                      self._suggested(".pdf"), "pdf")
        if path is None:
            return
        from peelviewer.ui.table_pdf import write_html_pdf

        title = self.timeline.title
        page = timeline_html(self.timeline, self.palette.colours)
        try:
            write_html_pdf(page, Path(path), title=title, header=title)
        except OSError as error:
            self.dialogs.error(self, "The PDF was not saved", f"{path}: {error.strerror or error}")
            return
        self.status.setText(f"Saved the timeline to {path}")
