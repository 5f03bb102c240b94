"""Realistic PDFs of report pages, made with Qt for tests: a browser's "Print to PDF" of a
saved page, and an inspectorate-style report with cover, contents and running headers.

The body is an HTML QTextDocument laid out on A4 pages; each page is painted separately so
the page furniture (browser header and footer, running header, page number) can be painted
around it, as the real programs do. Fonts, sizes and spacing are ordinary choices for such
documents, not tuned to what the parser needs.

Needs a QGuiApplication (the `qapp` fixture of pytest-qt); Qt stays out of the code under test.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

A4_WIDTH, A4_HEIGHT = 595.0, 842.0  # points; the writer works at 72 dpi so 1 unit = 1 pt

_SUBHEADINGS = {
    "our judgments", "our judgements", "main findings", "areas for improvement",
    "area for improvement", "cause of concern", "causes of concern", "recommendations",
    "recommendation", "innovative practice", "promising practice", "notable practice",
    "innovative and promising practice",
}
_PRACTICE = {"innovative practice", "promising practice", "notable practice",
             "innovative and promising practice"}
_GRADES = {"outstanding", "good", "adequate", "requires improvement", "inadequate",
           "not yet graded"}
_BULLET = re.compile(r"^\s*[•●▪◦‣-]\s+(?P<text>\S.*)$")


# Text to HTML ----------------------------------------------------------------------------

def text_to_html(text: str, *, title: str = "") -> str:
    """A text copy of a report page as the HTML page it came from: the title line to <h1>,
    short unpunctuated lines to <h2> (<h3> for the findings sub-headings, <h4> for a practice
    title), grade lines in bold, "• " bullets to <ul><li>, tab-separated rows to a <table>,
    every other line a paragraph."""
    lines = text.splitlines()
    out: list[str] = []
    list_items: list[str] = []
    rows: list[list[str]] = []
    seen_title = False
    after_practice = False

    def flush() -> None:
        if list_items:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in list_items) + "</ul>")
            list_items.clear()
        if rows:
            cells = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in rows)
            out.append("<table border='1' cellspacing='0' cellpadding='4'>"
                       "<tr><th>Area</th><th>Grade</th></tr>" + cells + "</table>")
            rows.clear()

    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        # Lines with no blank line between them were one list on the page (a judgments
        # table's areas under their grade): never headings.
        in_run = any(0 <= i < len(lines) and lines[i].strip()
                     for i in (index - 1, index + 1))
        bullet = _BULLET.match(raw)
        if bullet:
            if rows:
                flush()
            list_items.append(html.escape(bullet["text"]))
            continue
        if "\t" in line:
            if list_items:
                flush()
            rows.append([cell.strip() for cell in line.split("\t") if cell.strip()])
            continue
        flush()
        escaped = html.escape(line)
        key = line.lower().rstrip(":")
        if not seen_title and "PEEL" in line and not line.endswith("."):
            out.append(f"<h1>{escaped}</h1>")
            seen_title = True
        elif key in _GRADES:
            out.append(f"<p><b>{escaped}</b></p>")
        elif key == "skip to content":
            out.append(f"<p><a href='#main'>{escaped}</a></p>")
        elif key in _SUBHEADINGS:
            out.append(f"<h3>{escaped}</h3>")
            after_practice = key in _PRACTICE
            continue
        elif in_run:
            out.append(f"<p>{escaped}</p>")
        elif after_practice and _is_heading(line):
            out.append(f"<h4>{escaped}</h4>")
        elif _is_heading(line):
            out.append(f"<h2>{escaped}</h2>")
        else:
            out.append(f"<p>{escaped}</p>")
        after_practice = False
    flush()
    head = f"<head><title>{html.escape(title)}</title></head>" if title else ""
    return f"<html>{head}<body>" + "\n".join(out) + "</body></html>"


def _is_heading(line: str) -> bool:
    return (len(line) <= 70 and line[:1].isupper() and not line.endswith((".", ":", ";", "?",
                                                                           "!", ","))
            and not line.lower().startswith(("published", "last updated")))


# Page layout ------------------------------------------------------------------------------

def _writer(path):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return writer


def _document(body_html: str, writer, *, family: str, point_size: float, width: float,
              height: float, style: str = ""):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QFont(family, point_size))
    if style:
        document.setDefaultStyleSheet(style)
    document.setHtml(body_html)
    document.setPageSize(QSizeF(width, height))
    return document


def _paint_body_page(painter, document, index: int, left: float, top: float) -> None:
    """Page `index` of a paginated document: its lines, and no line of any other page.

    Qt's own drawContents() also draws, clipped, the line just above the clip of a block
    that runs over a page break, and a PDF keeps clipped text; a browser prints only the
    page's own lines. So each line is drawn by itself (Qt's pagination keeps every line
    wholly on one page), with a list item's bullet painted as a dot, as browsers do."""
    from PySide6.QtCore import QPointF, Qt

    height = document.pageSize().height()
    page_top = index * height
    layout = document.documentLayout()
    painter.save()
    painter.translate(left, top - page_top)
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        rect = layout.blockBoundingRect(block)  # at the layout's origin, indent not included
        origin = QPointF(rect.left(), rect.top() - lines.boundingRect().top())
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            if not page_top <= origin.y() + line.y() < page_top + height:
                continue
            line.draw(painter, origin)
            if number == 0 and block.textList() is not None:
                painter.save()
                painter.setBrush(painter.pen().color())
                painter.setPen(Qt.PenStyle.NoPen)
                size = line.ascent() * 0.35
                painter.drawEllipse(QPointF(origin.x() + line.x() - 2.2 * size,
                                            origin.y() + line.y() + line.ascent() * 0.65),
                                    size / 2, size / 2)
                painter.restore()
        block = block.next()
    painter.restore()


def _text(painter, rect, flags, text: str, *, family: str, point_size: float,
          bold: bool = False) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    font = QFont(family, point_size)
    font.setBold(bold)
    painter.setFont(font)
    painter.drawText(QRectF(*rect), flags, text)


def _pages(writer, path, pages: list[Callable]) -> Path:
    """One PDF page per painter callback, in order, then the file is closed."""
    from PySide6.QtGui import QPainter

    painter = QPainter(writer)
    for number, paint in enumerate(pages):
        if number:
            writer.newPage()
        paint(painter)
    painter.end()
    return Path(path)


# Browser "Print to PDF" --------------------------------------------------------------------

_BROWSER_MARGIN = 36.0  # about 0.5 in; header and footer sit inside it
_BROWSER_FURNITURE = "DejaVu Sans"
# Table cells padded like the GOV.UK design system's tables (10px above and below, 20px
# after); everything else is the browser's default look.
_BROWSER_STYLE = "th, td { padding: 7px 15px 7px 0; text-align: left; }"


def print_like_browser(html_text: str, path, *, title: str, url: str,
                       printed: str = "12/03/2024, 10:15") -> Path:
    """The page as Chrome or Firefox print it with "Headers and footers" on: date and time
    top left, the page title top centre (elided when long), the URL bottom left, "x/y"
    bottom right; the page itself in the browser's default serif at 12 pt."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontMetricsF

    width = A4_WIDTH - 2 * _BROWSER_MARGIN
    height = A4_HEIGHT - 2 * _BROWSER_MARGIN
    writer = _writer(path)
    document = _document(html_text, writer, family="DejaVu Serif", point_size=12, width=width,
                         height=height, style=_BROWSER_STYLE)
    count = document.pageCount()
    small = QFontMetricsF(QFont(_BROWSER_FURNITURE, 8), writer)
    shown_title = small.elidedText(title, Qt.TextElideMode.ElideRight, width * 0.55)
    shown_url = small.elidedText(url, Qt.TextElideMode.ElideMiddle, width * 0.8)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def page(index: int):
        def paint(painter):
            header = (_BROWSER_MARGIN / 2, 10, width + _BROWSER_MARGIN, 14)
            footer = (_BROWSER_MARGIN / 2, A4_HEIGHT - 24, width + _BROWSER_MARGIN, 14)
            _text(painter, header, left, printed, family=_BROWSER_FURNITURE, point_size=8)
            _text(painter, header, centre, shown_title, family=_BROWSER_FURNITURE,
                  point_size=8)
            _paint_body_page(painter, document, index, _BROWSER_MARGIN, _BROWSER_MARGIN)
            _text(painter, footer, left, shown_url, family=_BROWSER_FURNITURE, point_size=8)
            _text(painter, footer, right, f"{index + 1}/{count}", family=_BROWSER_FURNITURE,
                  point_size=8)
        return paint

    return _pages(writer, path, [page(i) for i in range(count)])


# Official report -----------------------------------------------------------------------------

_REPORT_FONT = "DejaVu Sans"
_REPORT_STYLE = """
p { line-height: 125%; }
li { line-height: 125%; }
h2 { color: #2b1a4f; }
h3 { color: #2b1a4f; }
"""
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 64.0, 72.0, 72.0


def official_report_pdf(text_or_html: str, path, *, force_name: str,
                        cycle_title: str = "PEEL 2023–2025", month_year: str = "March 2024"
                        ) -> Path:
    """The report as the inspectorate publishes it as a PDF: a cover, a contents page with
    dot leaders and the page of each section, then the body with the running header
    "<cycle>: An inspection of <force>" and the page number (1 on the first body page) on
    every page. A text copy is converted with `text_to_html`; its web-page front matter
    (skip link, title, publication line) is left out, the cover standing for it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

    body_html = text_or_html
    if not text_or_html.lstrip().startswith("<"):
        body_html = text_to_html(_without_front_matter(text_or_html))
    else:
        body_html = re.sub(r"<h1\b.*?</h1>", "", body_html, count=1, flags=re.S | re.I)
    width = A4_WIDTH - 2 * _MARGIN_X
    height = A4_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    writer = _writer(path)
    document = _document(body_html, writer, family=_REPORT_FONT, point_size=11, width=width,
                         height=height, style=_REPORT_STYLE)
    count = document.pageCount()
    contents = _section_pages(document)
    running = f"{cycle_title}: An inspection of {force_name}"
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def cover(painter):
        painter.fillRect(0, 0, int(A4_WIDTH), 250, QColor("#2b1a4f"))
        painter.setPen(QColor("white"))
        _text(painter, (_MARGIN_X, 120, width, 40), left, cycle_title, family=_REPORT_FONT,
              point_size=28, bold=True)
        _text(painter, (_MARGIN_X, 170, width, 30), left,
              "Police effectiveness, efficiency and legitimacy", family=_REPORT_FONT,
              point_size=16)
        painter.setPen(QColor("black"))
        _text(painter, (_MARGIN_X, 300, width, 70), top_left,
              f"An inspection of {force_name}", family=_REPORT_FONT, point_size=22, bold=True)
        _text(painter, (_MARGIN_X, 390, width, 24), left, month_year, family=_REPORT_FONT,
              point_size=14)
        _text(painter, (_MARGIN_X, A4_HEIGHT - 110, width, 16), left,
              "© His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services 2024",
              family=_REPORT_FONT, point_size=9)
        _text(painter, (_MARGIN_X, A4_HEIGHT - 92, width, 16), left,
              "ISBN: 978-1-80655-123-4", family=_REPORT_FONT, point_size=9)
        _text(painter, (_MARGIN_X, A4_HEIGHT - 74, width, 16), left,
              "www.justiceinspectorates.gov.uk/hmicfrs", family=_REPORT_FONT, point_size=9)

    def contents_page(painter):
        painter.setPen(QColor("#2b1a4f"))
        _text(painter, (_MARGIN_X, _MARGIN_TOP, width, 36), left, "Contents",
              family=_REPORT_FONT, point_size=22, bold=True)
        painter.setPen(QPen(QColor("black")))
        metrics = QFontMetricsF(QFont(_REPORT_FONT, 11), painter.device())
        dot = metrics.horizontalAdvance(".")
        y = _MARGIN_TOP + 60
        for heading, number in contents:
            label, page_text = f"{heading} ", f" {number}"
            room = width - metrics.horizontalAdvance(label) - metrics.horizontalAdvance(
                page_text)
            leaders = "." * max(4, int(room / dot))
            _text(painter, (_MARGIN_X, y, width, 18), left, label + leaders,
                  family=_REPORT_FONT, point_size=11)
            _text(painter, (_MARGIN_X, y, width, 18), right, page_text, family=_REPORT_FONT,
                  point_size=11)
            y += 24

    def body(index: int):
        def paint(painter):
            painter.setPen(QColor("#555555"))
            _text(painter, (_MARGIN_X, 30, width, 14), left, running, family=_REPORT_FONT,
                  point_size=9)
            painter.setPen(QColor("black"))
            _paint_body_page(painter, document, index, _MARGIN_X, _MARGIN_TOP)
            _text(painter, (_MARGIN_X, A4_HEIGHT - 44, width, 14), centre, str(index + 1),
                  family=_REPORT_FONT, point_size=9)
        return paint

    return _pages(writer, path, [cover, contents_page, *(body(i) for i in range(count))])


def _without_front_matter(text: str) -> str:
    """A web-page text copy from its first section heading ("Overall summary") on."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().lower() in ("overall summary", "summary"):
            return "\n".join(lines[index:])
    return text


def _section_pages(document) -> list[tuple[str, int]]:
    """(heading, page number from 1) for each <h2> of the laid-out document."""
    found: list[tuple[str, int]] = []
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            top = layout.blockBoundingRect(block).top()
            found.append((block.text().strip(), int(top // page_height) + 1))
        block = block.next()
    return found
