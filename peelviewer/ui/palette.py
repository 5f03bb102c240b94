"""Grade colours (GOV.UK palette by default, overridable in settings) and text colours on them."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from peelviewer.core.grid import NO_REPORT, UNGRADED
from peelviewer.core.model import Grade

DEFAULT_COLOURS = {
    Grade.OUTSTANDING: "#00703C",
    Grade.GOOD: "#85994B",
    Grade.ADEQUATE: "#FFDD00",
    Grade.REQUIRES_IMPROVEMENT: "#F47738",
    Grade.INADEQUATE: "#D4351C",
}
NO_GRADE_COLOUR = "#B1B4B6"
MISSING_COLOUR = "#E8E9EA"
# Dark fills take white text; the rest black, for contrast.
_WHITE_TEXT = {Grade.OUTSTANDING, Grade.INADEQUATE}


class Palette:
    """Colours by cell code; `[colours]` in the settings file may override any grade's."""

    def __init__(self, settings: QSettings | None = None):
        self._colours = {grade: QColor(hex_) for grade, hex_ in DEFAULT_COLOURS.items()}
        if settings is not None:
            for grade in Grade:
                custom = settings.value(f"colours/{grade.name.lower()}")
                if custom and QColor(str(custom)).isValid():
                    self._colours[grade] = QColor(str(custom))

    def fill(self, code: int) -> QColor:
        if code == NO_REPORT:
            return QColor(MISSING_COLOUR)
        if code == UNGRADED:
            return QColor(NO_GRADE_COLOUR)
        return QColor(self._colours[Grade(code)])

    def ink(self, code: int) -> QColor:
        if code in (NO_REPORT, UNGRADED):
            return QColor("#0B0C0C")
        return QColor("#FFFFFF") if Grade(code) in _WHITE_TEXT else QColor("#0B0C0C")

    def lookup_table(self) -> list[tuple[int, int, int]]:
        """RGB per code 0..6, for pyqtgraph's ImageItem."""
        return [self.fill(code).getRgb()[:3] for code in range(UNGRADED + 1)]
