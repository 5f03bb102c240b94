"""Pillar pages printed to PDF as users print them: from a browser (a header with the date
and title, a footer with the URL and "page x/y", no bullet glyphs) and from other programs
(other fonts and line pitches). Each must give the grades and finding counts of its text."""

from __future__ import annotations

import pytest

from peelviewer.core.extract import extract_text
from peelviewer.core.parse import parse_text
from tests.conftest import FIXTURES, SAMPLES, print_to_pdf
from tests.pdf_makers import print_like_browser, text_to_html

PAGES = [SAMPLES / "hampshire-2016-legitimacy.txt", SAMPLES / "hertfordshire-2016-legitimacy.txt",
         FIXTURES / "2018-legitimacy-everything-printed.txt",
         FIXTURES / "2017-efficiency-causes-of-concern.txt"]


def facts(report):
    """What a reader compares: identity, pillar grade, and per question the grade, whether
    it was carried over, and the count of each kind of finding."""
    return (report.force_id, report.cycle, report.pillar, report.grade, report.last_updated,
            [(q.number, q.grade, q.carried_over, len(q.areas_for_improvement),
              len(q.causes_of_concern), len(q.recommendations)) for q in report.questions])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_browser_print_gives_what_the_text_gives(qapp, tmp_path, page):
    text = page.read_text(encoding="utf-8")
    pdf = print_like_browser(text_to_html(text, title=page.stem), tmp_path / "print.pdf",
                             title=f"{page.stem} | HMICFRS",
                             url=f"https://example.invalid/peel-assessments/{page.stem}/")
    assert facts(parse_text(extract_text(pdf.read_bytes()).text)) == facts(parse_text(text))


@pytest.mark.parametrize("point_size", [8, 12, 14])
@pytest.mark.parametrize("page", PAGES[:2], ids=lambda p: p.stem)
def test_other_programs_line_pitch_does_not_change_the_facts(qapp, tmp_path, page,
                                                            point_size):
    text = page.read_text(encoding="utf-8")
    pdf = print_to_pdf(text, tmp_path / "other.pdf", point_size=point_size)
    assert facts(parse_text(extract_text(pdf.read_bytes()).text)) == facts(parse_text(text))
