"""A page of our own HTML (a table with a title, escaped text only) to a PDF, with a running
header and "page n of N": the workbench's exports (timeline, findings tracker) use it.
A table's <thead> rows are repeated at the top of every page it runs onto."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from peelviewer.ui.pdf import MARGIN_MM, _decorate, _resolution, _text_document


def write_html_pdf(html: str, path: Path, *, title: str, header: str,
                   landscape: bool = True) -> int:
    """Write `html` as an A4 PDF (landscape unless told otherwise); returns the page count.
    `title` is the PDF's metadata title, `header` the line at the top of every page."""
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file name", str(path))
    with path.open("wb"):  # Qt fails silently on an unwritable path: this says why
        pass
    resolution = _resolution()
    writer = QPdfWriter(str(path))
    writer.setResolution(resolution)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setAuthor("PEEL Viewer")
    writer.setCreator("PEEL Viewer")
    page = writer.pageLayout().paintRectPixels(resolution)
    band = resolution * 9 * 2.4 / 72
    body = QRectF(0, band, page.width(), page.height() - 2 * band)
    scale = resolution / 72  # text documents lay out in points
    text = _text_document(html, body.width() / scale, QFont("DejaVu Sans", 8))
    text.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    total = text.pageCount()
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(5, "the PDF could not be written", str(path))
    height = body.height() / scale
    for index in range(total):
        if index:
            writer.newPage()
        _decorate(painter, header, index + 1, total, page.width(), page.height(), band,
                  resolution)
        painter.save()
        painter.translate(body.topLeft())
        painter.scale(scale, scale)
        painter.translate(0, -index * height)
        text.drawContents(painter, QRectF(0, index * height, body.width() / scale, height))
        painter.restore()
    painter.end()
    return total
