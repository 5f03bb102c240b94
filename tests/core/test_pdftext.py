"""PDFs printed from report pages read like the text copy; broken PDFs fail fast and clearly."""

import subprocess
import sys

import pytest

from peelviewer.core.extract import PDF, extract_text
from peelviewer.core.importer import parse_file
from peelviewer.core.layouts.printed_lines import PRINTED_LINES
from peelviewer.core.parse import parse_text
from peelviewer.core.pdftext import (
    LineRole,
    PdfError,
    PdfPage,
    PdfReader,
    TextLine,
    join_pages,
    pdf_to_text,
)
from tests.conftest import print_to_pdf


def summary_of(report):
    return (report.key, report.grade, report.last_updated,
            [(q.number, q.grade, q.grade_source, len(q.areas_for_improvement),
              len(q.causes_of_concern), len(q.recommendations)) for q in report.questions])


@pytest.fixture
def sample_pdfs(qapp, tmp_path, hampshire, hertfordshire):
    return {path: print_to_pdf(path.read_text(encoding="utf-8"), tmp_path / f"{path.stem}.pdf")
            for path in (hampshire, hertfordshire)}


def test_a_printed_sample_parses_to_the_same_grades_and_findings(sample_pdfs):
    for text_path, pdf_path in sample_pdfs.items():
        extracted = extract_text(pdf_path.read_bytes())
        assert extracted.kind == PDF
        assert summary_of(parse_text(extracted.text)) == summary_of(parse_file(text_path))


def test_wrapped_lines_are_rejoined_into_the_original_paragraphs(sample_pdfs, hertfordshire):
    from_pdf = parse_text(extract_text(sample_pdfs[hertfordshire].read_bytes()).text)
    from_text = parse_file(hertfordshire)
    assert from_pdf.summary == from_text.summary
    assert [q.narrative for q in from_pdf.questions] == [q.narrative for q in from_text.questions]
    assert from_pdf.questions[1].findings == from_text.questions[1].findings


def test_ligatures_and_tabs_from_pdf_text_are_normalised(qapp, tmp_path, hampshire):
    text = hampshire.read_text(encoding="utf-8").replace("findings", "ﬁndings")
    text = text.replace("Areas for improvement", "Areas\tfor\timprovement")
    report = parse_text(pdf_to_text(print_to_pdf(text, tmp_path / "lig.pdf").read_bytes()))
    assert "Our findings this year" in report.summary
    assert [len(q.areas_for_improvement) for q in report.questions] == [2, 3, 2]


def test_a_long_pdf_keeps_every_question_across_page_breaks(qapp, tmp_path, hampshire):
    text = hampshire.read_text(encoding="utf-8")
    report = parse_text(pdf_to_text(print_to_pdf(text, tmp_path / "big.pdf",
                                                 point_size=18).read_bytes()))
    assert summary_of(report) == summary_of(parse_file(hampshire))


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_pdf_is_reported_as_damaged(sample_pdfs, hampshire, keep):
    data = sample_pdfs[hampshire].read_bytes()
    with pytest.raises(PdfError, match="PDF is damaged or truncated"):
        pdf_to_text(data[: int(len(data) * keep)])


def test_a_slow_extraction_is_stopped_by_the_timeout(sample_pdfs, hampshire):
    with pytest.raises(PdfError, match=r"PDF text extraction timed out \(over 0.01 s\)"):
        pdf_to_text(sample_pdfs[hampshire].read_bytes(), timeout=0.01)


def test_a_pdf_over_the_page_cap_is_refused(sample_pdfs, hampshire):
    with pytest.raises(PdfError, match=r"PDF has \d pages \(limit 1\)"):
        pdf_to_text(sample_pdfs[hampshire].read_bytes(), page_limit=1)


def test_a_pdf_without_text_says_so(qapp, tmp_path):
    from PySide6.QtGui import QPainter, QPdfWriter

    path = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawRect(10, 10, 100, 100)
    painter.end()
    del writer
    with pytest.raises(PdfError, match="no text layer"):
        pdf_to_text(path.read_bytes())


def test_one_reader_serves_a_whole_batch_and_survives_a_timeout(sample_pdfs, hampshire,
                                                                hertfordshire):
    hants, herts = sample_pdfs[hampshire].read_bytes(), sample_pdfs[hertfordshire].read_bytes()
    with PdfReader() as reader:
        for data in (hants, herts, hants):
            assert reader.read_pages(data)
        assert reader.started == 1
        reader.timeout = 0.01
        with pytest.raises(PdfError, match="timed out"):
            reader.read_pages(herts)
        reader.timeout = 20
        assert "Hertfordshire" in join_pages(reader.read_pages(herts), PRINTED_LINES)
        assert reader.started == 2  # the stuck reader was replaced


def test_a_batch_import_of_pdfs_starts_one_reader(store, sample_pdfs, monkeypatch):
    from peelviewer.core import importer

    readers = []

    class CountingReader(PdfReader):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            readers.append(self)

    monkeypatch.setattr(importer, "PdfReader", CountingReader)
    summary = importer.import_paths(store, list(sample_pdfs.values()))
    assert summary.line() == "2 added, 0 updated, 0 unchanged, 0 failed"
    assert [reader.started for reader in readers] == [1]


def _page(*texts: str) -> PdfPage:
    """One page of lines 14 points apart, each reaching the right margin (so none ends a
    paragraph by stopping short)."""
    return PdfPage(800.0, tuple(TextLine(text, left=50, bottom=700 - 14 * index,
                                         top=710 - 14 * index, right=500)
                                for index, text in enumerate(texts)))


class _Roles:
    """A layout's reading of lines, for the tests: lines it names stand alone, lines
    starting with a bullet word are bullets."""

    def __init__(self, *, alone=(), bullets=()):
        self.alone, self.bullets = set(alone), set(bullets)

    def role(self, text: str) -> LineRole:
        return LineRole(bullet=self.is_bullet(text), alone=text in self.alone)

    def is_bullet(self, text: str) -> bool:
        return text.startswith(tuple(self.bullets))


def test_which_lines_stand_alone_is_the_layouts_say():
    page = _page("Legitimacy", "The force treats people", "fairly and with respect.",
                 "Next point", "carries on.")
    assert join_pages([page], _Roles()) == (
        "Legitimacy The force treats people fairly and with respect. Next point carries on.")
    assert join_pages([page], _Roles(alone={"Legitimacy"}, bullets={"Next point"})) == (
        "Legitimacy\n\nThe force treats people fairly and with respect.\n\n"
        "  Next point carries on.")


def test_the_layouts_reading_keeps_headings_and_bullets_apart():
    page = _page("Good", "• The force should improve how it", "records crime.")
    assert join_pages([page], PRINTED_LINES) == (
        "Good\n\n  • The force should improve how it records crime.")


def test_extraction_imports_no_layout():
    code = ("import sys, peelviewer.core.pdftext; "
            "print(sorted(m for m in sys.modules if m.startswith('peelviewer.core.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert "layouts" not in loaded
    assert "peelviewer.core.lines" not in loaded
