"""Grade colours shared by the window and exported documents: apart from each other for
colour-blind readers and in greyscale, each with the ink that reads best on it."""

from __future__ import annotations

import functools

from peelviewer.core.grid import CellCode
from peelviewer.core.model import Grade

# Blues for the good grades, a pale yellow for Adequate, orange and brick red for the poor
# ones: blue against orange survives red-green colour blindness, and every grade has its own
# lightness (dark navy, mid blue, brick, orange, pale yellow), so the five stay apart under
# the Machado et al. simulations and in greyscale (tests/core/test_palette.py checks it).
GRADE_COLOURS = {
    Grade.OUTSTANDING: "#0B2C5A",
    Grade.GOOD: "#3F8FD0",
    Grade.ADEQUATE: "#FFF1A8",
    Grade.REQUIRES_IMPROVEMENT: "#F09A48",
    Grade.INADEQUATE: "#B83A34",
}
NO_GRADE_COLOUR = "#C4C8CC"
MISSING_COLOUR = "#F3F3F3"
DARK_INK, LIGHT_INK = "#0B0C0C", "#FFFFFF"
# Template text (wording many forces' reports share) in the Question pane, Compare and the
# PDF: a grey that still reads at 6:1 on white.
TEMPLATE_INK = "#5f6468"


def fill_for(code: CellCode, colours: dict[Grade, str] | None = None) -> str:
    """The fill of a cell code (a grade's, or NO_REPORT's or UNGRADED's)."""
    code = CellCode(code)
    if code is CellCode.NO_REPORT:
        return MISSING_COLOUR
    if code is CellCode.UNGRADED:
        return NO_GRADE_COLOUR
    return (colours or GRADE_COLOURS)[code.grade]


def ink_for(code: CellCode, colours: dict[Grade, str] | None = None) -> str:
    """Dark or light text, whichever contrasts more with the cell's fill (a user's own
    colours included)."""
    return best_ink(fill_for(code, colours))


@functools.lru_cache(maxsize=64)  # a handful of fills, asked for at every cell painted
def best_ink(fill: str) -> str:
    dark, light = contrast(fill, DARK_INK), contrast(fill, LIGHT_INK)
    return DARK_INK if dark >= light else LIGHT_INK


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
