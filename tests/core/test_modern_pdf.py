"""A 2023–2025 report read from a PDF gives what its text copy gives: the same force, cycle,
grades and findings, whether the PDF is a browser's print of the page (header, footer, page
x/y) or the inspectorate's own report (cover, contents with dot leaders, running header).

The PDFs are made by tests/pdf_makers.py with ordinary fonts and spacing; the truth is the
hand-counted sidecar JSON of the text fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peelviewer.core.extract import PDF, extract_text
from peelviewer.core.layouts import modern_lines as M
from peelviewer.core.parse import parse_reports
from peelviewer.core.pdftext import PdfReader
from tests.pdf_makers import official_report_pdf, print_like_browser, text_to_html

MODERN = Path(__file__).parents[1] / "fixtures" / "modern"
HERTS_TITLE = ("PEEL 2023–2025: An inspection of Hertfordshire Constabulary - His Majesty’s "
               "Inspectorate of Constabulary and Fire & Rescue Services")
HERTS_URL = ("https://hmicfrs.justiceinspectorates.gov.uk/publication-html/peel-2023-25-police-"
             "effectiveness-efficiency-and-legitimacy-an-inspection-of-hertfordshire-"
             "constabulary/")
DURHAM_URL = HERTS_URL.replace("hertfordshire", "durham")

BROWSER_HTML, BROWSER_COLUMNS, BROWSER_ROWS, OFFICIAL = (
    "browser-saved-page", "browser-table-columns", "browser-table-rows", "official-report")
KINDS = [BROWSER_HTML, BROWSER_COLUMNS, BROWSER_ROWS, OFFICIAL]


def _expected(kind: str) -> dict:
    name = "2023-25-table-rows" if kind == BROWSER_ROWS else "2023-25-table-columns"
    return json.loads((MODERN / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def made(qapp, tmp_path_factory) -> dict[str, Path]:
    """The four PDFs, made once for the module."""
    folder = tmp_path_factory.mktemp("modern-pdf")
    columns = (MODERN / "2023-25-table-columns.txt").read_text(encoding="utf-8")
    rows = (MODERN / "2023-25-table-rows.txt").read_text(encoding="utf-8")
    saved = (MODERN / "html" / "2023-25-hertfordshire.html").read_text(encoding="utf-8")
    return {
        BROWSER_HTML: print_like_browser(saved, folder / "saved.pdf", title=HERTS_TITLE,
                                         url=HERTS_URL),
        BROWSER_COLUMNS: print_like_browser(
            text_to_html(columns, title=HERTS_TITLE), folder / "columns.pdf",
            title=HERTS_TITLE, url=HERTS_URL),
        BROWSER_ROWS: print_like_browser(
            text_to_html(rows), folder / "rows.pdf",
            title="PEEL Assessment 2023-25: Durham Constabulary", url=DURHAM_URL,
            printed="22/08/2024, 09:02"),
        OFFICIAL: official_report_pdf(columns, folder / "official.pdf",
                                      force_name="Hertfordshire Constabulary"),
    }


@pytest.fixture(scope="module")
def texts(made) -> dict[str, str]:
    """Each PDF's text as the importer reads it (one pdfium reader for all four)."""
    with PdfReader() as reader:
        extracted = {kind: extract_text(path.read_bytes(), name=path.name, pdf_reader=reader)
                     for kind, path in made.items()}
    assert {e.kind for e in extracted.values()} == {PDF}
    return {kind: e.text for kind, e in extracted.items()}


def _report(texts, kind):
    reports = parse_reports(texts[kind])
    assert len(reports) == 1
    return reports[0]


def _grades(areas) -> list[tuple]:
    return [(a["key"], a["name"], a["graded"], a["grade"], a["grade_source"]) for a in areas]


def _counts(areas) -> list[tuple]:
    return [(a["key"], a["areas_for_improvement"], a["causes_of_concern"],
             a["recommendations"], a["practice"]) for a in areas]


def _read(report) -> list[dict]:
    return [{"key": q.key, "name": q.text, "graded": q.graded,
             "grade": q.grade.label if q.grade else None, "grade_source": q.grade_source,
             "areas_for_improvement": len(q.areas_for_improvement),
             "causes_of_concern": len(q.causes_of_concern),
             "recommendations": len(q.recommendations), "practice": len(q.practice)}
            for q in report.questions]


def test_the_made_pdfs_carry_their_page_furniture(made):
    """The makers print what the real programs print, where they print it."""
    with PdfReader() as reader:
        browser = reader.read_pages(made[BROWSER_HTML].read_bytes())
        official = reader.read_pages(made[OFFICIAL].read_bytes())
    count = len(browser)
    assert count >= 3
    for number, page in enumerate(browser, start=1):
        texts = [line.text for line in page.lines]
        assert texts[0].startswith("12/03/2024, 10:15 PEEL 2023–2025: An inspection of")
        assert texts[-1].startswith("https://hmicfrs.justiceinspectorates")
        assert texts[-1].endswith(f" {number}/{count}")
    cover, contents, *body = [[line.text for line in page.lines] for page in official]
    assert cover[:3] == ["PEEL 2023–2025", "Police effectiveness, efficiency and legitimacy",
                         "An inspection of Hertfordshire"]
    assert any(text.startswith("ISBN: 978-1-") for text in cover)
    assert contents[0] == "Contents"
    assert contents[1].startswith("Overall summary ....")
    assert contents[1].endswith(" 1")
    assert len(contents) == 1 + 12  # the twelve <h2> sections, areas among them
    for number, page in enumerate(body, start=1):
        assert page[0] == "PEEL 2023–2025: An inspection of Hertfordshire Constabulary"
        assert page[-1] == str(number)


@pytest.mark.parametrize("kind", [
    BROWSER_HTML, BROWSER_COLUMNS, BROWSER_ROWS, OFFICIAL])
def test_force_and_cycle_are_the_reports(texts, kind):
    report = _report(texts, kind)
    expected = _expected(kind)
    assert (report.force_id, report.cycle) == (expected["force"], expected["cycle"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_area_has_its_grade_from_the_judgments_table(texts, kind):
    assert _grades(_read(_report(texts, kind))) == _grades(_expected(kind)["areas"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_area_has_its_findings(texts, kind):
    assert _counts(_read(_report(texts, kind))) == _counts(_expected(kind)["areas"])



def test_the_contents_list_is_never_the_title_or_an_area(texts):
    text = texts[OFFICIAL]
    title = M.find_title(text.split("\n"))
    assert title is not None
    assert "...." not in title.text
    report = _report(texts, OFFICIAL)
    names = [q.text for q in report.questions]
    assert all("...." not in name and not name.endswith(tuple("0123456789")) for name in names)
    assert len(names) == len(set(names)) == 9
    assert "...." not in report.summary



def test_the_cover_names_the_reports_force(texts):
    text = texts[OFFICIAL]
    title = M.find_title(text.split("\n"))
    assert title is not None
    assert title.force.id == "hertfordshire"
    assert _report(texts, OFFICIAL).force_id == "hertfordshire"
    assert _report(texts, OFFICIAL).headline == "An inspection of Hertfordshire Constabulary"
