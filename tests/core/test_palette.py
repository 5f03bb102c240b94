"""The grade colours stay apart for colour-blind readers and in greyscale, and their letters
stay readable: checked by simulating how each kind of reader sees them."""

import itertools
import math

import pytest

from peelviewer.core.colours import (
    GRADE_COLOURS,
    MISSING_COLOUR,
    NO_GRADE_COLOUR,
    contrast,
    fill_for,
    ink_for,
)
from peelviewer.core.grid import CellCode
from peelviewer.core.model import Grade

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear sRGB.
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("typical", *MACHADO, "greyscale")


def linear_rgb(colour: str) -> tuple[float, float, float]:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                 for c in channels)


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    """The linear RGB a reader with this vision sees (greyscale: its luminance)."""
    rgb = linear_rgb(colour)
    if vision == "typical":
        return rgb
    if vision == "greyscale":
        y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        return (y, y, y)
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                 for row in MACHADO[vision])


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB (D65) of linear sRGB."""
    r, g, b = rgb
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b,
           0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, white, strict=True))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e_2000(first, second) -> float:
    """CIEDE2000 colour difference of two CIELAB colours."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30))
         + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6))
         - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dh_big / sh) ** 2
                     + rt * (dc / sc) * (dh_big / sh))


def difference(first: str, second: str, vision: str) -> float:
    return delta_e_2000(lab(seen_as(first, vision)), lab(seen_as(second, vision)))


# The simulation itself, on colours whose outcome is known.
def test_the_simulation_confuses_red_and_green_for_red_green_readers():
    red, green = "#D4351C", "#85994B"  # the old Inadequate and Good
    assert difference(red, green, "typical") > 20
    assert difference(red, green, "deuteranopia") < 10
    assert difference("#000000", "#FFFFFF", "greyscale") == pytest.approx(100, abs=0.01)
    assert delta_e_2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(
        2.0425, abs=1e-4)  # Sharma, Wu and Dalal's first test pair


@pytest.mark.parametrize("vision", VISIONS)
def test_every_two_grades_stay_apart(vision):
    for first, second in itertools.combinations(Grade, 2):
        apart = difference(GRADE_COLOURS[first], GRADE_COLOURS[second], vision)
        assert apart >= 10, f"{first.label} and {second.label} under {vision}: ΔE {apart:.1f}"


@pytest.mark.parametrize("vision", VISIONS[:-1])
def test_not_graded_and_no_report_stand_apart_from_the_grades(vision):
    # In greyscale a pale grade may match a grey: the cells' letters ("–", or none for no
    # report) tell them apart there.
    for grade in Grade:
        for grey in (NO_GRADE_COLOUR, MISSING_COLOUR):
            assert difference(GRADE_COLOURS[grade], grey, vision) >= 8, (grade, grey, vision)


@pytest.mark.parametrize("vision", VISIONS)
def test_not_graded_and_no_report_stand_apart_from_each_other(vision):
    assert difference(NO_GRADE_COLOUR, MISSING_COLOUR, vision) >= 8


@pytest.mark.parametrize("code", list(CellCode))
def test_letters_keep_a_contrast_of_4_5_on_their_fill(code):
    assert contrast(fill_for(code), ink_for(code)) >= 4.5


def test_a_users_own_colour_gets_the_ink_that_reads_on_it():
    assert ink_for(CellCode.GOOD, {**GRADE_COLOURS, Grade.GOOD: "#FFFFE0"}) == "#0B0C0C"
    assert ink_for(CellCode.GOOD, {**GRADE_COLOURS, Grade.GOOD: "#202020"}) == "#FFFFFF"
