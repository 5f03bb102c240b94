"""The National tab: for a cycle and a pillar (or the areas of policing), how many forces had
each grade, one stacked bar per question, where the chosen force stands on each, and plain
sentences about it; a segment lists its forces, and a force there opens its question."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import ALL_PILLARS, UNGRADED
from peelviewer.core.model import Grade, section_words
from peelviewer.core.national import NationalPicture, count_of, national_picture, statements
from peelviewer.ui.library_guard import guarded

ROW, BAR, MARGIN, GAP = 54, 26, 10, 14  # pixels: a bar's row, its height, edges, label gap
OUTLINE, FOCUS = QColor("#0B0C0C"), QColor("#1D70B8")
NO_GRADE = "No grade"


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def code_word(code: int) -> str:
    return NO_GRADE if code == UNGRADED else Grade(code).label


def _short_name(force_id: str) -> str:
    try:
        return force_by_id(force_id).short_name
    except KeyError:
        return force_id


class GradeBars(QWidget):
    """One horizontal stacked bar per question; a segment per grade, its width the number of
    forces. Signals: segmentChosen(bar index, code), on a click or Enter."""

    segmentChosen = Signal(int, int)

    def __init__(self, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._palette = palette
        self.picture: NationalPicture | None = None
        self.force_id: str | None = None
        self.current: tuple[int, int] | None = None  # (bar index, code) the keys move
        self.showing_list = False  # the current segment's forces are listed beside the chart
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Grades across forces")

    def set_picture(self, picture: NationalPicture, force_id: str | None) -> None:
        self.picture, self.force_id = picture, force_id
        if self.current is not None and self.current not in self._all_segments():
            self.current = None
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self._describe()
        self.update()

    # What the chart shows

    def segments(self, index: int) -> list[tuple[int, int]]:
        """(code, count) of a bar's segments with forces in them, best grade first."""
        bar = self.picture.bars[index]
        found = [(int(grade), bar.counts[grade]) for grade in self.picture.grades]
        found.append((UNGRADED, len(bar.ungraded)))
        return [(code, count) for code, count in found if count]

    def forces_of(self, index: int, code: int) -> tuple[str, ...]:
        bar = self.picture.bars[index]
        return bar.ungraded if code == UNGRADED else bar.forces.get(Grade(code), ())

    def marked(self) -> dict[int, int]:
        """{bar index: code} of the chosen force's segment on each bar it is on."""
        if self.picture is None or self.force_id is None:
            return {}
        found = {}
        for index in range(len(self.picture.bars)):
            for code, _count in self.segments(index):
                if self.force_id in self.forces_of(index, code):
                    found[index] = code
        return found

    def _all_segments(self) -> list[tuple[int, int]]:
        if self.picture is None:
            return []
        return [(i, code) for i in range(len(self.picture.bars)) for code, _ in self.segments(i)]

    # Geometry

    def sizeHint(self) -> QSize:
        bars = len(self.picture.bars) if self.picture else 0
        return QSize(600, 2 * MARGIN + bars * ROW)

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(b.label) for b in self.picture.bars), default=0)
        return min(widest + 4, int(self.width() * 0.4))  # a little slack: no needless "…"

    def segment_rect(self, index: int, code: int) -> QRectF | None:
        """Where a segment is painted, or None if it has no forces."""
        left = MARGIN + self._label_width() + GAP
        total = max(1, len(self.picture.forces))
        unit = max(1.0, self.width() - MARGIN - left) / total
        x = float(left)
        for found, count in self.segments(index):
            if found == code:
                return QRectF(x, MARGIN + index * ROW, count * unit, BAR)
            x += count * unit
        return None

    def segment_at(self, point: QPointF) -> tuple[int, int] | None:
        if self.picture is None:
            return None
        index = int((point.y() - MARGIN) // ROW)
        if not 0 <= index < len(self.picture.bars):
            return None
        for code, _count in self.segments(index):
            if self.segment_rect(index, code).contains(point):
                return index, code
        return None

    # Painting

    def paintEvent(self, event) -> None:
        if self.picture is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_width = self._label_width()
        marked = self.marked()
        bold = QFont(self.font())
        bold.setBold(True)
        for index, bar in enumerate(self.picture.bars):
            top = MARGIN + index * ROW
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.setFont(self.font())
            painter.drawText(QRectF(MARGIN, top, label_width, BAR),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                                label_width))
            painter.setFont(bold)
            for code, count in self.segments(index):
                rect = self.segment_rect(index, code)
                painter.fillRect(rect, self._palette.fill(code))
                painter.fillRect(QRectF(rect.right() - 1, rect.top(), 1, BAR), QColor("white"))
                text = str(count)
                if QFontMetrics(bold).horizontalAdvance(text) + 6 <= rect.width():
                    painter.setPen(self._palette.ink(code))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if index in marked:
                self._paint_mark(painter, self.segment_rect(index, marked[index]))
        if self.current is not None and (self.hasFocus() or self.showing_list):
            rect = self.segment_rect(*self.current)
            if rect is not None:
                pen = QPen(FOCUS, 2, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-3, -3, 3, 3))
        painter.end()

    def _paint_mark(self, painter: QPainter, rect: QRectF) -> None:
        """The chosen force: an outline round its segment and its name under it, so it is
        found without telling colours apart."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(OUTLINE, 3))
        painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawRect(rect.adjusted(3.5, 3.5, -3.5, -3.5))
        middle, below = rect.center().x(), rect.bottom() + 3
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OUTLINE)
        painter.drawPolygon(QPolygonF([QPointF(middle, below), QPointF(middle - 6, below + 8),
                                       QPointF(middle + 6, below + 8)]))
        painter.setPen(OUTLINE)
        name = _short_name(self.force_id)
        width = QFontMetrics(painter.font()).horizontalAdvance(name) + 4
        left = min(max(middle + 9, 0), self.width() - width)
        if left < middle + 9:  # no room on the right: the name goes left of the marker
            left = max(0, middle - 9 - width)
        painter.drawText(QRectF(left, below - 2, width, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

    def choose(self, index: int, code: int) -> None:
        """Make a segment the current one, its forces listed beside the chart."""
        self.current = (index, code)
        self.showing_list = True
        self._describe()
        self.update()

    # Mouse and keys

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.segment_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.describe_segment(*found), self)
            return True
        return super().event(event)

    def describe_segment(self, index: int, code: int) -> str:
        """"Good: 12 forces", the question, and the chosen force if it is there."""
        forces, bar = self.forces_of(index, code), self.picture.bars[index]
        text = f"{code_word(code)}: {len(forces)} force{'' if len(forces) == 1 else 's'}\n" \
               f"{bar.label}" + ("" if bar.text in bar.label else f"\n{bar.text}")
        if self.force_id in forces:
            text += f"\nIncludes {_short_name(self.force_id)}"
        return text

    def mousePressEvent(self, event) -> None:
        found = self.segment_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and found is not None:
            self.segmentChosen.emit(*found)  # the view lists it and makes it current

    def keyPressEvent(self, event) -> None:
        if self.picture is None or not self.picture.bars:
            return super().keyPressEvent(event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.current is not None:
                self.segmentChosen.emit(*self.current)
            return
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0),
                 Qt.Key.Key_Down: (1, 0)}
        if key not in moves:
            return super().keyPressEvent(event)
        self.current = self._moved(*moves[key])
        self._describe()
        self.update()

    def focusInEvent(self, event) -> None:
        if self.current is None and self.picture is not None and self.picture.bars:
            self.current = self._moved(0, 0)
            self._describe()
        super().focusInEvent(event)

    def _moved(self, rows: int, steps: int) -> tuple[int, int]:
        """The segment a key press moves to: along the bar, or to the same grade (the
        nearest one) on the bar above or below."""
        if self.current is None:
            codes = [code for code, _ in self.segments(0)]
            return 0, self.marked().get(0, codes[0])
        index, code = self.current
        if steps:
            codes = [c for c, _ in self.segments(index)]
            place = min(max(codes.index(code) + steps, 0), len(codes) - 1)
            return index, codes[place]
        index = min(max(index + rows, 0), len(self.picture.bars) - 1)
        codes = [c for c, _ in self.segments(index)]
        return index, min(codes, key=lambda c: (abs(c - code), -c))

    def _describe(self) -> None:
        """The chart in words, for screen readers: the current segment, then every bar."""
        if self.picture is None:
            self.setAccessibleDescription("")
            return
        lines = []
        if self.current is not None:
            lines.append("Current: " + self.describe_segment(*self.current).replace("\n", ", "))
        for bar in self.picture.bars:
            counts = ", ".join(f"{count_of(n, 'force')} {g.label.lower()}"
                               for g, n in bar.counts.items())
            if bar.ungraded:
                counts += f", {count_of(len(bar.ungraded), 'force')} with no grade"
            lines.append(f"{bar.label}: {counts}.")
        self.setAccessibleDescription("\n".join(lines))
        if QAccessible.isActive():  # a screen reader hears the segment the keys moved to
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))


class GradeKey(QWidget):
    """The key: a swatch and the grade's word for each segment colour, wrapping as the
    width allows."""

    SWATCH, SPACE, LINE = 14, 16, 22

    def __init__(self, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._palette = palette
        self.codes: list[int] = []
        self.setAccessibleName("Key")
        sizing = self.sizePolicy()
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)

    def set_codes(self, codes: list[int]) -> None:
        self.codes = codes
        self.setAccessibleDescription(", ".join(code_word(code) for code in codes))
        self.updateGeometry()
        self.update()

    def words(self) -> list[str]:
        return [code_word(code) for code in self.codes]

    def _places(self, width: int) -> list[tuple[int, int, int]]:
        """(code, x, y) of each entry, wrapped to the width."""
        metrics = QFontMetrics(self.font())
        x = y = 0
        places = []
        for code in self.codes:
            wide = self.SWATCH + 6 + metrics.horizontalAdvance(code_word(code))
            if x and x + wide > width:
                x, y = 0, y + self.LINE
            places.append((code, x, y))
            x += wide + self.SPACE
        return places

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        places = self._places(width)
        return (places[-1][2] if places else 0) + self.LINE

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(400))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.LINE)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text = self.palette().color(self.foregroundRole())
        for code, x, y in self._places(self.width()):
            top = y + (self.LINE - self.SWATCH) // 2
            painter.fillRect(x, top, self.SWATCH, self.SWATCH, self._palette.fill(code))
            painter.setPen(QColor("#505A5F"))  # so the pale yellow shows on a pale window
            painter.drawRect(x, top, self.SWATCH - 1, self.SWATCH - 1)
            painter.setPen(text)
            painter.drawText(QRectF(x + self.SWATCH + 6, y, 400, self.LINE),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             code_word(code))
        painter.end()


class NationalView(QWidget):
    """Signals: forceChosen(force id, cycle, section, question number or None), when the user
    opens a force from the list of a segment."""

    forceChosen = Signal(str, str, str, object)

    def __init__(self, store, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._store, self._palette = store, palette
        self.picture: NationalPicture | None = None
        self._cycle: str | None = None
        self._section: str | None = None
        self._force_id: str | None = None
        self.listed: tuple[int, int] | None = None  # the segment whose forces are listed

        self.title = _plain(QLabel())
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.empty_hint = _plain(QLabel())
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = GradeBars(palette)
        self.chart.segmentChosen.connect(self.list_segment)
        self.marker_note = _plain(QLabel())
        self.legend = GradeKey(palette)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.chart)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.statements_heading = QLabel()
        heading_font = self.statements_heading.font()
        heading_font.setBold(True)
        self.statements_heading.setFont(heading_font)
        self.statements = _plain(QLabel())
        self.statements.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.statements.setAccessibleName("Where the chosen force stands")
        self.statements.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.legend)
        column.addWidget(self.marker_note)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.statements_heading)
        column.addWidget(self.statements)
        column.addStretch(0)
        self.list_heading = _plain(QLabel("Click a segment (or press Enter on one) to list "
                                          "its forces."))
        self.forces = QListWidget()
        self.forces.setAccessibleName("Forces with the chosen grade")
        self.forces.setWordWrap(True)  # long official names wrap rather than scroll
        self.forces.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.forces.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forces.setToolTip("Double-click a force to open its report at this question")
        self.forces.itemActivated.connect(self._open_force)
        right = QWidget()
        right.setMinimumWidth(210)  # most official names fit without a scroll bar
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.list_heading)
        side.addWidget(self.forces, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_hint)
        self.pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        self._set_empty("Choose a cycle to see how many forces had each grade.")

    # The API the workbench uses

    def show(self, cycle: str | None = None, section: str | None = None,
             force_id: str | None = None) -> None:
        """Show a cycle and section with a force marked; with no arguments, QWidget.show."""
        if cycle is None and section is None:
            super().show()
            return
        self._show_picture(cycle, section, force_id)

    @guarded
    def refresh(self) -> None:
        """Read the library again (after an import or a removal)."""
        if self._cycle:
            self._show_picture(self._cycle, self._section, self._force_id)

    @guarded
    def _show_picture(self, cycle: str, section: str, force_id: str | None) -> None:
        same = (cycle, section) == (self._cycle, self._section)
        listed = self._listed_key() if same else None
        self._cycle, self._section, self._force_id = cycle, section, force_id
        self.picture = picture = national_picture(self._store, cycle, section)
        self.listed = None
        self.title.setText(picture.title)
        report = f"PEEL {cycle}{'' if section == ALL_PILLARS else section_words(section)}"
        if not picture.forces:
            self._set_empty(f"No {report} reports in the library. Import this cycle's reports "
                            "to see how many forces had each grade.")
            return
        if not picture.bars:
            self._set_empty(f"The {report} reports in the library hold no grades to count.")
            return
        self.pages.setCurrentIndex(1)
        self._fill_legend(picture)
        self.chart.set_picture(picture, force_id)
        self.scroll.setMaximumHeight(self.chart.sizeHint().height() + 2)  # no empty stretch
        if listed is not None:
            index = next((i for i, b in enumerate(picture.bars) if b.key == listed[0]), None)
            if index is not None and self.chart.forces_of(index, listed[1]):
                self.list_segment(index, listed[1])
                return
        self._clear_list()
        self._show_statements(None)

    def _listed_key(self):
        if self.listed is None or self.picture is None:
            return None
        return self.picture.bars[self.listed[0]].key, self.listed[1]

    def _set_empty(self, hint: str) -> None:
        self.empty_hint.setText(hint)
        self.pages.setCurrentIndex(0)
        if not self._cycle:
            self.title.setText("National picture")

    # The parts

    def _fill_legend(self, picture: NationalPicture) -> None:
        codes = [int(g) for g in picture.grades]
        if any(bar.ungraded for bar in picture.bars):
            codes.append(UNGRADED)
        self.legend.set_codes(codes)
        self.marker_note.setText(
            f"{_short_name(self._force_id)}'s grade is outlined on each bar and marked with "
            "its name." if self._force_id in picture.forces else "")
        self.marker_note.setVisible(bool(self.marker_note.text()))
        self.chart.setAccessibleName("Grades across forces; key: "
                                     + ", ".join(code_word(code) for code in codes))

    def list_segment(self, index: int, code: int) -> None:
        """List the forces of one segment, the chosen force first; the sentences follow the
        segment's question."""
        self.listed = (index, code)
        self.chart.choose(index, code)
        bar = self.picture.bars[index]
        forces = list(self.chart.forces_of(index, code))
        if self._force_id in forces:
            forces.remove(self._force_id)
            forces.insert(0, self._force_id)
        self.list_heading.setText(f"{code_word(code)} for {bar.label}: "
                                  f"{count_of(len(forces), 'force')}")
        self.forces.clear()
        for force_id in forces:
            try:
                name = force_by_id(force_id).name
            except KeyError:
                name = force_id
            item = QListWidgetItem(name + (" (chosen)" if force_id == self._force_id else ""))
            item.setData(Qt.ItemDataRole.UserRole, force_id)
            item.setToolTip(f"Double-click to open {name}'s report")
            if force_id == self._force_id:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.forces.addItem(item)
        if forces:
            self.forces.setCurrentRow(0)
        self._show_statements(bar.key)

    def _clear_list(self) -> None:
        self.chart.showing_list = False
        self.forces.clear()
        self.list_heading.setText("Click a segment (or press Enter on one) to list its forces.")

    def _show_statements(self, column) -> None:
        if self._force_id is None:
            self.statements_heading.setText("Where a force stands")
            self.statements.setText("Choose one force in the Forces list to see where it "
                                    "stands.")
            return
        bar = self.picture.bar(column) if column is not None else None
        self.statements_heading.setText(f"Where {_short_name(self._force_id)} stands"
                                        + (f": {bar.label}" if bar else ""))
        self.statements.setText("\n".join(statements(self.picture, self._force_id, column)))

    def _open_force(self, item: QListWidgetItem) -> None:
        if self.listed is None or self.picture is None:
            return
        bar = self.picture.bars[self.listed[0]]
        force_id = item.data(Qt.ItemDataRole.UserRole)
        if self.picture.section == ALL_PILLARS:
            section, number = str(bar.key), None
        else:
            section = self.picture.section
            number = None if bar.overall else bar.numbers.get(force_id)
        self.forceChosen.emit(force_id, self.picture.cycle, section, number)
