"""The National tab's chart: one stacked bar of grades per question, a segment per grade as
wide as its number of forces, the chosen force's grade outlined and marked, and the key of
the segments' colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import ALL_PILLARS, CellCode
from peelviewer.core.model import JUDGMENT_NOTES
from peelviewer.core.national import NationalPicture, count_of, number_word
from peelviewer.ui.safe_text import tooltip

ROW, BAR, MARGIN, GAP = 54, 26, 10, 14  # pixels: a bar's row, its height, edges, label gap
OUTLINE, FOCUS = QColor("#0B0C0C"), QColor("#1D70B8")
NOT_GRADED = "Not graded"  # as the heatmap and the timeline say it
MARKED = "* hatched: carried over or read from the text"  # the key's note for hatched parts


def code_word(code: CellCode, section: str | None = None) -> str:
    """A segment's word: the grade, "Not graded", or for forces with nothing to grade,
    "Not in the report" (a question their report leaves out) or "No report" (of a pillar)."""
    if code == CellCode.UNGRADED:
        return NOT_GRADED
    if code == CellCode.NO_REPORT:
        return "No report" if section == ALL_PILLARS else "Not in the report"
    return CellCode(code).grade.label


def short_name(force_id: str) -> str:
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

    def segments(self, index: int) -> list[tuple[CellCode, int]]:
        """(code, count) of a bar's segments with forces in them, best grade first."""
        bar = self.picture.bars[index]
        found = [(CellCode.of(grade), bar.counts[grade]) for grade in self.picture.grades]
        found.append((CellCode.UNGRADED, len(bar.ungraded)))
        found.append((CellCode.NO_REPORT, len(bar.missing)))
        return [(code, count) for code, count in found if count]

    def forces_of(self, index: int, code: CellCode) -> tuple[str, ...]:
        bar = self.picture.bars[index]
        if code == CellCode.UNGRADED:
            return bar.ungraded
        if code == CellCode.NO_REPORT:
            return bar.missing
        return bar.forces.get(CellCode(code).grade, ())

    def word(self, code: CellCode) -> str:
        return code_word(code, self.picture.section if self.picture else None)

    def noted(self, index: int, code: int) -> int:
        """How many of a segment's forces have their grade carried over or read from the
        text: that part of the segment is hatched."""
        bar = self.picture.bars[index]
        return sum(1 for f in self.forces_of(index, code) if f in bar.notes)

    def segment_text(self, index: int, code: int) -> str:
        """The count printed on a segment, with a * when some of its grades are marked."""
        return f"{len(self.forces_of(index, code))}{'*' if self.noted(index, code) else ''}"

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
                if code == CellCode.NO_REPORT:  # the palest fill: edged, as in the key
                    painter.setPen(QColor("#B1B4B6"))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect.adjusted(0.5, 0.5, -1.5, -0.5))
                noted = self.noted(index, code)
                if noted:  # the marked forces' share, hatched in the ink as on the heatmap
                    hatch = QColor(self._palette.ink(code))
                    hatch.setAlpha(110)
                    share = rect.width() * noted / count
                    painter.fillRect(QRectF(rect.right() - share, rect.top(), share, BAR),
                                     QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                painter.fillRect(QRectF(rect.right() - 1, rect.top(), 1, BAR), QColor("white"))
                text = self.segment_text(index, code)
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
        name = short_name(self.force_id)
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
                QToolTip.showText(event.globalPos(), tooltip(self.describe_segment(*found)),
                                  self)
            return True
        return super().event(event)

    def describe_segment(self, index: int, code: int) -> str:
        """"Good: 12 forces", how many of them are carried over or read from the text, the
        question, and the chosen force if it is there. Plain text."""
        forces, bar = self.forces_of(index, code), self.picture.bars[index]
        text = f"{self.word(code)}: {len(forces)} force{'' if len(forces) == 1 else 's'}\n"
        notes = _noted_words([bar.notes[f] for f in forces if f in bar.notes], len(forces))
        if notes:
            text += notes + "\n"
        text += bar.label + ("" if bar.text in bar.label else f"\n{bar.text}")
        if self.force_id in forces:
            note = bar.notes.get(self.force_id)
            text += f"\nIncludes {short_name(self.force_id)}" + (f", {note}" if note else "")
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
            parts = []
            for grade, n in bar.counts.items():
                noted = [bar.notes[f] for f in bar.forces[grade] if f in bar.notes]
                parts.append(f"{count_of(n, 'force')} {grade.label.lower()}"
                             + (f" ({_noted_short(noted)})" if noted else ""))
            if bar.ungraded:
                parts.append(f"{count_of(len(bar.ungraded), 'force')} not graded")
            if bar.missing:
                parts.append(f"{count_of(len(bar.missing), 'force')} "
                             f"{self.word(CellCode.NO_REPORT).lower()}")
            lines.append(f"{bar.label}: {', '.join(parts)}.")
        self.setAccessibleDescription("\n".join(lines))
        if QAccessible.isActive():  # a screen reader hears the segment the keys moved to
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))


def _noted_short(notes: list[str]) -> str:
    """"one carried over", "two read from the text", "one carried over, one read from the
    text"."""
    return ", ".join(f"{number_word(notes.count(note))} {note}"
                     for note in JUDGMENT_NOTES if note in notes)


def _noted_words(notes: list[str], total: int) -> str:
    """"One of them carried over", "All of them read from the text", for a tooltip."""
    if not notes:
        return ""
    if len(notes) == total and len(set(notes)) == 1:
        return ("It was " if total == 1 else "All of them ") + notes[0]
    short = _noted_short(notes)
    return "Of them, " + short if "," in short else short[:1].upper() + short[1:].replace(
        " ", " of them ", 1)


class GradeKey(QWidget):
    """The key: a swatch and the grade's word for each segment colour, wrapping as the
    width allows."""

    SWATCH, SPACE, LINE = 14, 16, 22

    def __init__(self, palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._palette = palette
        self.codes: list[int] = []
        self.section: str | None = None
        self.note = ""  # after the swatches: what the hatching means, when a bar has some
        self.setAccessibleName("Key")
        sizing = self.sizePolicy()
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)

    def set_codes(self, codes: list[int], section: str | None = None, marked: bool = False
                  ) -> None:
        """The segments' codes; `marked`: some grade is hatched, so the key says why."""
        self.codes, self.section = codes, section
        self.note = MARKED if marked else ""
        self.setAccessibleDescription(", ".join(self.words()))
        self.updateGeometry()
        self.update()

    def words(self) -> list[str]:
        return [code_word(code, self.section) for code in self.codes] + (
            [self.note] if self.note else [])

    def _places(self, width: int) -> list[tuple[int | None, int, int]]:
        """(code, x, y) of each entry, wrapped to the width; code None for the note."""
        metrics = QFontMetrics(self.font())
        x = y = 0
        places = []
        for code in [*self.codes, *([None] if self.note else [])]:
            wide = (self.SWATCH + 6 if code is not None else 0) + metrics.horizontalAdvance(
                self._word(code))
            if x and x + wide > width:
                x, y = 0, y + self.LINE
            places.append((code, x, y))
            x += wide + self.SPACE
        return places

    def _word(self, code: int | None) -> str:
        return self.note if code is None else code_word(code, self.section)

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
            if code is None:
                painter.setPen(text)
                painter.drawText(QRectF(x, y, self.width() - x, self.LINE),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 self.note)
                continue
            top = y + (self.LINE - self.SWATCH) // 2
            painter.fillRect(x, top, self.SWATCH, self.SWATCH, self._palette.fill(code))
            painter.setPen(QColor("#505A5F"))  # so the pale yellow shows on a pale window
            painter.drawRect(x, top, self.SWATCH - 1, self.SWATCH - 1)
            painter.setPen(text)
            painter.drawText(QRectF(x + self.SWATCH + 6, y, 400, self.LINE),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._word(code))
        painter.end()
