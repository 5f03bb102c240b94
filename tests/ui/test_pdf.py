"""The PDF page machinery (ui/pdf.py, ui/table_pdf.py) read back page by page with pdfium:
what a reader of an exported PDF sees on each page."""

import html

import pypdfium2
import pytest
from PySide6.QtGui import QFont

from peelviewer.core.comparison.document import PAGE_BREAK, BodyPart, ComparisonDocument
from peelviewer.ui.pdf import PageFrame, PageSeries, pdf_writer, write_pdf
from peelviewer.ui.table_pdf import write_html_pdf

HEADER = "PEEL Viewer · test export"


def page_texts(path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def page_sizes(path) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [tuple(page.get_size()) for page in document]
    finally:
        document.close()


def metadata(path) -> dict:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return document.get_metadata_dict()
    finally:
        document.close()


def paragraphs(count: int) -> str:
    return "".join(f"<p>Paragraph number {n:04d} of the text.</p>" for n in range(count))


def test_every_page_has_the_running_header_and_its_number_of_the_total(qapp, tmp_path):
    sections = PAGE_BREAK.join(f"<p>Section {name}</p>" for name in ("one", "two", "three"))
    path = tmp_path / "sections.pdf"
    assert write_html_pdf(sections, path, title="Sections", header=HEADER) == 3
    texts = page_texts(path)
    assert len(texts) == 3
    for number, (text, name) in enumerate(zip(texts, ("one", "two", "three"), strict=True),
                                          start=1):
        assert text.startswith(HEADER)
        assert f"Section {name}" in text
        assert f"page {number} of 3" in text


def test_the_page_count_follows_the_length_of_the_text_and_no_line_is_lost(qapp, tmp_path):
    short, long = tmp_path / "short.pdf", tmp_path / "long.pdf"
    assert write_html_pdf(paragraphs(5), short, title="t", header=HEADER) == 1
    pages = write_html_pdf(paragraphs(400), long, title="t", header=HEADER)
    texts = page_texts(long)
    assert len(texts) == pages > 5
    assert all(f"page {n} of {pages}" in text for n, text in enumerate(texts, start=1))
    found = [line for text in texts for line in text.splitlines()
             if line.startswith("Paragraph number")]
    # A paragraph that moves to the next page is also drawn, clipped out of sight, at the
    # foot of the page before, where pdfium still reads it: count it once.
    read = [line for index, line in enumerate(found) if index == 0 or found[index - 1] != line]
    assert read == [f"Paragraph number {n:04d} of the text." for n in range(400)]
    more = write_html_pdf(paragraphs(800), tmp_path / "longer.pdf", title="t", header=HEADER)
    assert 2 * pages - 1 <= more <= 2 * pages + 1


def test_landscape_pages_are_wider_than_tall_and_portrait_ones_taller(qapp, tmp_path):
    write_html_pdf(paragraphs(3), tmp_path / "wide.pdf", title="t", header=HEADER)
    write_html_pdf(paragraphs(3), tmp_path / "tall.pdf", title="t", header=HEADER,
                   landscape=False)
    [(width, height)] = page_sizes(tmp_path / "wide.pdf")
    assert width > height
    assert (width, height) == pytest.approx((842, 595), abs=1)  # A4 in points
    [(width, height)] = page_sizes(tmp_path / "tall.pdf")
    assert (width, height) == pytest.approx((595, 842), abs=1)


def test_a_long_tables_head_is_repeated_on_every_page(qapp, tmp_path):
    rows = "".join(f"<tr><td>Force {n:03d}</td><td>Open</td></tr>" for n in range(150))
    table = (f"<h1>Findings</h1><table><thead><tr><th>Force name</th><th>Status now</th></tr>"
             f"</thead><tbody>{rows}</tbody></table>")
    path = tmp_path / "table.pdf"
    pages = write_html_pdf(table, path, title="Findings", header=HEADER)
    texts = page_texts(path)
    assert len(texts) == pages > 2
    # pdfium reads table cells a glyph or two at a time: compare without the spaces.
    squeezed = ["".join(text.split()) for text in texts]
    for number, text in enumerate(squeezed, start=1):
        assert text.startswith("PEELViewer·testexport")
        assert text.count("ForcenameStatusnow") == 1
        assert f"page{number}of{pages}" in text
    assert "Force149Open" in squeezed[-1]
    rows_read = "".join(squeezed)
    places = [rows_read.find(f"Force{n:03d}Open") for n in range(150)]
    assert -1 not in places
    assert places == sorted(places)


def test_the_pdf_carries_its_title_and_author(qapp, tmp_path):
    path = tmp_path / "titled.pdf"
    write_html_pdf(paragraphs(2), path, title="Kent Police: findings & actions", header=HEADER)
    data = metadata(path)
    assert data["Title"] == "Kent Police: findings & actions"
    assert data["Author"] == "PEEL Viewer"


def test_a_folder_for_a_file_name_is_refused_naming_the_folder(qapp, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(OSError, match="folder") as raised:
        write_html_pdf(paragraphs(2), folder, title="t", header=HEADER)
    assert raised.value.filename == str(folder)
    assert list(folder.iterdir()) == []


def test_a_path_that_cannot_be_written_raises_with_the_path(qapp, tmp_path):
    path = tmp_path / "no such folder" / "out.pdf"
    with pytest.raises(FileNotFoundError) as raised:
        write_html_pdf(paragraphs(2), path, title="t", header=HEADER)
    assert str(path) in str(raised.value)
    assert not path.parent.exists()


def test_report_text_in_the_html_reaches_the_page_as_text(qapp, tmp_path):
    words = "Vetting is <b>late</b> & slow"
    path = tmp_path / "escaped.pdf"
    write_html_pdf(f"<p>{html.escape(words)}</p>", path, title="t", header=HEADER)
    assert words in page_texts(path)[0]


def comparison(body: str, *, columns=("Kent Police 2017", "Essex Police 2017")):
    return ComparisonDocument(title="Kent and Essex compared", header="Kent v Essex",
                              front_html="<h1>Kent and Essex</h1><p>The front page.</p>",
                              parts=(BodyPart(body, columns),), grid=None, reports=())


def test_a_comparison_has_its_front_then_its_body_with_the_columns_titles(qapp, tmp_path):
    path = tmp_path / "compare.pdf"
    seen = []
    pages = write_pdf(comparison(paragraphs(300)), path,
                      progress=lambda done, total: seen.append((done, total)))
    texts = page_texts(path)
    assert len(texts) == pages > 2
    assert seen == [(n, pages) for n in range(1, pages + 1)]
    assert "The front page." in texts[0]
    assert "Paragraph number" not in texts[0]
    for number, text in enumerate(texts, start=1):
        assert text.startswith("Kent v Essex")
        assert f"page {number} of {pages}" in text
    for text in texts[1:]:  # every page of the body names the two reports over it
        assert "Kent Police 2017" in text
        assert "Essex Police 2017" in text
    assert metadata(path)["Title"] == "Kent and Essex compared"
    assert page_sizes(path)[0][1] > page_sizes(path)[0][0]  # portrait unless told


def test_a_landscape_comparison_has_wide_pages(qapp, tmp_path):
    path = tmp_path / "wide.pdf"
    write_pdf(comparison("<p>One line.</p>", columns=None), path, landscape=True)
    assert all(width > height for width, height in page_sizes(path))
    assert "Kent Police 2017" not in "".join(page_texts(path))


def test_texts_drawn_one_after_another_share_one_page_count(qapp, tmp_path):
    path = tmp_path / "series.pdf"
    writer = pdf_writer(path, title="Series", landscape=False, resolution=96)
    frame = PageFrame.of(writer, 96)
    font = QFont("DejaVu Sans", 9)
    first = frame.paged_text(f"<h1>First part</h1>{paragraphs(80)}", frame.body, font)
    second = frame.paged_text("<h1>Second part</h1><p>The end.</p>", frame.body, font)
    total = first.pageCount() + second.pageCount()
    pages = PageSeries(writer, frame, header=HEADER, total=total, path=path)
    started = []
    pages.draw_text(first, frame.body, on_page=lambda index: started.append(("first", index)))
    pages.draw_text(second, frame.body, on_page=lambda index: started.append(("second", index)))
    pages.end()
    del writer  # the file is complete once the writer is gone
    texts = page_texts(path)
    assert len(texts) == total == first.pageCount() + 1 > 2
    assert started == [("first", i) for i in range(first.pageCount())] + [("second", 0)]
    assert "Second part" in texts[-1]
    assert "Second part" not in "".join(texts[:-1])
    assert all(f"page {n} of {total}" in text for n, text in enumerate(texts, start=1))

