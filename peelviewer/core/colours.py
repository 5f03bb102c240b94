"""Grade colours: the GOV.UK palette, shared by the window and exported documents."""

from __future__ import annotations

from peelviewer.core.grid import NO_REPORT, UNGRADED
from peelviewer.core.model import Grade

GRADE_COLOURS = {
    Grade.OUTSTANDING: "#00703C",
    Grade.GOOD: "#85994B",
    Grade.ADEQUATE: "#FFDD00",
    Grade.REQUIRES_IMPROVEMENT: "#F47738",
    Grade.INADEQUATE: "#D4351C",
}
NO_GRADE_COLOUR = "#B1B4B6"
MISSING_COLOUR = "#E8E9EA"
DARK_INK, LIGHT_INK = "#0B0C0C", "#FFFFFF"
# Dark fills take white text; the rest black, for contrast.
_WHITE_TEXT = {Grade.OUTSTANDING, Grade.INADEQUATE}


def fill_for(code: int, colours: dict[Grade, str] | None = None) -> str:
    """The fill of a cell code (grid.NO_REPORT, 1..5, grid.UNGRADED)."""
    if code == NO_REPORT:
        return MISSING_COLOUR
    if code == UNGRADED:
        return NO_GRADE_COLOUR
    return (colours or GRADE_COLOURS)[Grade(code)]


def ink_for(code: int) -> str:
    if code in (NO_REPORT, UNGRADED):
        return DARK_INK
    return LIGHT_INK if Grade(code) in _WHITE_TEXT else DARK_INK
