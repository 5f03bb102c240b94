"""Grade colours as QColors, overridable in the settings file's [colours] group."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from peelviewer.core.colours import GRADE_COLOURS, fill_for, ink_for
from peelviewer.core.grid import CellCode
from peelviewer.core.model import Grade


class Palette:
    """Colours by cell code; `colours/good=#RRGGBB` (etc.) in the settings overrides any."""

    def __init__(self, settings: QSettings | None = None):
        self.colours = dict(GRADE_COLOURS)
        if settings is not None:
            for grade in Grade:
                custom = settings.value(f"colours/{grade.name.lower()}")
                if custom and QColor(str(custom)).isValid():
                    self.colours[grade] = QColor(str(custom)).name()

        # Every cell painted asks for its colours: work them out once per code.
        codes = tuple(CellCode)
        self._fills = {code: QColor(fill_for(code, self.colours)) for code in codes}
        self._inks = {code: QColor(ink_for(code, self.colours)) for code in codes}

    def fill(self, code: CellCode) -> QColor:
        return QColor(self._fills[code])

    def ink(self, code: CellCode) -> QColor:
        return QColor(self._inks[code])
