"""The 2014-2018/19 pillar pages under the layout contract (their variants are tested in
tests/core/test_parse_variants.py)."""

from pathlib import Path

from peelviewer.core.layouts import pillar_page
from tests.core.layouts.contract import LayoutContract

FIXTURES = Path(__file__).parents[2] / "fixtures"
SAMPLES = Path(__file__).parents[3] / "peelviewer/resources/samples"


class TestPillarPageLayout(LayoutContract):
    layout = pillar_page.LAYOUT
    own_pages = (*sorted(SAMPLES.glob("*.txt")),
                 *(p for p in sorted(FIXTURES.glob("20*.txt")) if not p.name.startswith("2021")))
    other_pages = (*sorted((FIXTURES / "modern").glob("*.txt")),
                   FIXTURES / "2021-areas-of-policing.txt", FIXTURES / "meeting-notes.txt")
