"""Saved web pages: the report comes out of the page furniture, in every encoding style."""

import codecs

import pytest

from peelviewer.core.extract import HTML, extract_text
from peelviewer.core.htmltext import HtmlError, html_to_text
from peelviewer.core.model import Grade
from peelviewer.core.parse import parse_text

DECLARATION = '<meta charset="utf-8">'


def kent_report(data: bytes):
    extracted = extract_text(data)
    assert extracted.kind == HTML
    return parse_text(extracted.text)


def assert_is_kent(report):
    assert (report.key, report.grade, str(report.last_updated)) == (
        "kent/2017/legitimacy", Grade.GOOD, "2017-12-12")
    assert [q.grade for q in report.questions] == [Grade.GOOD, Grade.REQUIRES_IMPROVEMENT,
                                                   Grade.GOOD]
    assert [(len(q.areas_for_improvement), len(q.causes_of_concern), len(q.recommendations))
            for q in report.questions] == [(1, 0, 0), (0, 1, 2), (2, 0, 0)]


def test_a_saved_page_reads_as_its_report(kent_html):
    report = kent_report(kent_html.read_bytes())
    assert_is_kent(report)
    assert report.questions[1].recommendations[1] == (
        "report its progress to the police and crime commissioner every quarter.")
    assert report.questions[1].findings[1].lead_in == "Within six months, the force should:"


@pytest.mark.parametrize(
    ("declaration", "encoding", "prefix"),
    [
        ('<meta charset="utf-8">', "utf-8", b""),
        ('<meta charset="windows-1252">', "cp1252", b""),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "latin-1",
         b""),
        ("", "utf-8", codecs.BOM_UTF8),
        ("", "utf-16-le", codecs.BOM_UTF16_LE),
        ("", "utf-8", b""),
    ],
    ids=["meta-utf8", "meta-cp1252", "http-equiv-latin1", "bom-utf8", "bom-utf16", "none"],
)
def test_every_encoding_declaration_style_reads_the_same(kent_html, declaration, encoding,
                                                         prefix):
    page = kent_html.read_text(encoding="utf-8").replace(DECLARATION, declaration)
    if encoding == "latin-1":  # Latin-1 has no curly quotes or en dash
        page = page.replace("–", "-").replace("’", "'")
    report = kent_report(prefix + page.encode(encoding))
    assert_is_kent(report)
    assert "Kent Police is good at treating" in report.questions[0].narrative


def test_an_xhtml_page_with_an_xml_declaration_reads_the_same(kent_html):
    page = kent_html.read_text(encoding="utf-8").replace(DECLARATION, "")
    xhtml = '<?xml version="1.0" encoding="windows-1252"?>\n' + page.replace(
        '<html lang="en">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">')
    report = kent_report(xhtml.encode("cp1252"))
    assert_is_kent(report)


def test_page_furniture_never_reaches_the_text(kent_html):
    text = html_to_text(kent_html.read_bytes())
    for furniture in ("Skip to content", "cookies", "Accept", "Search", "Home", "Crown copyright",
                      "Share on social media", "dataLayer", "font-family", "Privacy"):
        assert furniture not in text
    assert text.startswith("Kent PEEL 2017\n\nLegitimacy\n\n")


def test_markup_written_in_the_report_stays_literal_text(kent_html):
    report = kent_report(kent_html.read_bytes())
    assert ("the text <b>urgent</b> & <script>alert(1)</script>, which the force corrected."
            in report.questions[0].narrative)


def test_a_line_break_inside_a_paragraph_splits_it(kent_html):
    narrative = kent_report(kent_html.read_bytes()).questions[2].narrative
    last = narrative.split("\n\n")[-1]
    assert last == "A new wellbeing app has been downloaded by most officers."


def test_deeply_nested_markup_is_an_error_not_empty_text():
    page = b"<html><body>" + b"<div>" * 5000 + b"Kent PEEL 2016" + b"</div>" * 5000
    with pytest.raises(HtmlError, match="nested too deeply"):
        html_to_text(page + b"</body></html>")


def test_entities_from_a_doctype_are_never_expanded_from_outside():
    page = (b'<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            b"<html><body><p>Kent PEEL 2016</p><p>&secret;</p></body></html>")
    text = html_to_text(page)
    assert "root:" not in text


def _judgments_page(table: str) -> bytes:
    return ("<!doctype html><html><head><meta charset='utf-8'></head><body><main>"
            "<h1>PEEL 2023–2025: An inspection of Kent Police</h1><h2>Our judgments</h2>"
            f"{table}<p>Kent Police was awarded no outstanding grades.</p></main></body>"
            "</html>").encode()


def test_a_judgments_table_of_rows_reads_as_area_and_grade_rows():
    page = _judgments_page(
        "<table><thead><tr><th>Area</th><th>Grade</th></tr></thead><tbody>"
        "<tr><th>Investigating crime</th><td>Requires improvement</td></tr>"
        "<tr><th>Preventing crime</th><td><strong>Good</strong></td></tr></tbody></table>")
    text = html_to_text(page)
    assert "Investigating crime\tRequires improvement" in text.split("\n")
    report = parse_text(text)
    assert [(q.key, q.grade) for q in report.questions] == [
        ("investigating-crime", Grade.REQUIRES_IMPROVEMENT), ("preventing-crime", Grade.GOOD)]


def test_a_judgments_table_of_grade_columns_gives_each_area_its_columns_grade():
    page = _judgments_page(
        "<table><tr><th>Outstanding</th><th>Good</th><th>Adequate</th>"
        "<th>Requires improvement</th><th>Inadequate</th></tr>"
        "<tr><td></td><td><p>Preventing crime</p><p>Managing offenders</p></td>"
        "<td>Responding to the public<br>Investigating crime</td>"
        "<td><ul><li>Protecting vulnerable people</li></ul></td><td></td></tr></table>")
    report = parse_text(html_to_text(page))
    assert {q.key: q.grade for q in report.questions} == {
        "preventing-crime": Grade.GOOD, "managing-offenders": Grade.GOOD,
        "responding-to-public": Grade.ADEQUATE, "investigating-crime": Grade.ADEQUATE,
        "protecting-vulnerable": Grade.REQUIRES_IMPROVEMENT}
    assert {q.grade_source for q in report.questions} == {"table"}


def test_a_utf8_page_that_still_declares_windows_1252_reads_as_utf8():
    page = ("<html><head><meta charset='windows-1252'></head><body><main><p>The force "
            "isn’t ready.</p></main></body></html>").encode()
    assert html_to_text(page) == "The force isn’t ready."
