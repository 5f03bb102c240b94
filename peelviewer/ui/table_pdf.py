"""A page of our own HTML (a table with a title, escaped text only) to a PDF, with a running
header and "page n of N": the workbench's exports (timeline, findings tracker) use it.
A table's <thead> rows are repeated at the top of every page it runs onto."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont

from peelviewer.ui.pdf import PageFrame, PageSeries, pdf_writer, screen_resolution


def write_html_pdf(html: str, path: Path, *, title: str, header: str,
                   landscape: bool = True) -> int:
    """Write `html` as an A4 PDF (landscape unless told otherwise); returns the page count.
    `title` is the PDF's metadata title, `header` the line at the top of every page."""
    resolution = screen_resolution()
    writer = pdf_writer(path, title=title, landscape=landscape, resolution=resolution)
    frame = PageFrame.of(writer, resolution)
    text = frame.paged_text(html, frame.body, QFont("DejaVu Sans", 8))
    pages = PageSeries(writer, frame, header=header, total=text.pageCount(), path=path)
    pages.draw_text(text, frame.body)
    pages.end()
    return pages.total
