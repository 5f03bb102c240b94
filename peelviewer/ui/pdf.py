"""Comparison documents to PDF: QTextDocument pages with a running header and "page n of N",
and the heatmap drawn as vector graphics by the same pyqtgraph items the window shows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from peelviewer.core.comparison_document import ComparisonDocument
from peelviewer.ui.heatmap import GradeHeatmap
from peelviewer.ui.palette import Palette

# The PDF's coordinate space has the screen's logical resolution (see _resolution): pyqtgraph
# caches axes as QPictures recorded at that resolution, and a picture replayed on a device of
# another resolution is rescaled, which would pull the axes off their cells. Everything is
# vector, so the number costs no sharpness.
RESOLUTION = 96
MARGIN_MM = 15
HEADER_PT = 9


def _text_document(html: str, width: float, font: QFont) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setDocumentMargin(0)
    document.setTextWidth(width)
    return document


def _resolution() -> int:
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen else RESOLUTION


def write_pdf(document: ComparisonDocument, path: Path, *, landscape: bool = False,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Write the PDF; returns its page count. `progress(done, total)` after each page."""
    resolution = _resolution()
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file name", str(path))
    # Qt fails silently on an unwritable path; opening it here gives the real reason.
    with path.open("wb"):
        pass
    writer = QPdfWriter(str(path))
    writer.setResolution(resolution)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(document.title)
    writer.setAuthor("PEEL Viewer")
    writer.setCreator("PEEL Viewer")
    page = writer.pageLayout().paintRectPixels(resolution)
    header_height = resolution * HEADER_PT * 2.4 / 72
    body = QRectF(0, header_height, page.width(), page.height() - 2 * header_height)
    font = QFont("DejaVu Sans", 9)
    # Text documents lay out in points; scale them to the writer's dots.
    scale = resolution / 72
    front = _text_document(document.front_html, body.width() / scale, font)
    rest = _text_document(document.body_html, body.width() / scale, font)
    for text_document in (front, rest):
        text_document.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    heatmap_pages = 1 if document.grid is not None else 0
    total = front.pageCount() + heatmap_pages + rest.pageCount()
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(5, "the PDF could not be written", str(path))
    number = 0

    def start_page() -> None:
        nonlocal number
        if number:
            writer.newPage()
        number += 1
        _decorate(painter, document.header, number, total, page.width(), page.height(),
                  header_height, resolution)

    for text_document in (front, None, rest) if heatmap_pages else (front, rest):
        if text_document is None:
            start_page()
            _draw_heatmap(painter, document, body, resolution)
            if progress:
                progress(number, total)
            continue
        for index in range(text_document.pageCount()):
            start_page()
            painter.save()
            painter.translate(body.topLeft())
            painter.scale(scale, scale)
            height = body.height() / scale
            painter.translate(0, -index * height)
            text_document.drawContents(painter, QRectF(0, index * height, body.width() / scale,
                                                       height))
            painter.restore()
            if progress:
                progress(number, total)
    painter.end()
    return total


def _decorate(painter: QPainter, header: str, number: int, total: int, width: float,
              height: float, band: float, resolution: int) -> None:
    painter.save()
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(resolution * HEADER_PT / 72))
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawText(QRectF(0, 0, width, band), Qt.AlignmentFlag.AlignLeft |
                     Qt.AlignmentFlag.AlignTop, header)
    painter.drawLine(QPointF(0, band * 0.7), QPointF(width, band * 0.7))
    painter.drawText(QRectF(0, height - band, width, band), Qt.AlignmentFlag.AlignHCenter |
                     Qt.AlignmentFlag.AlignBottom, f"page {number} of {total}")
    painter.restore()


def _draw_heatmap(painter: QPainter, document: ComparisonDocument, body: QRectF,
                  resolution: int) -> None:
    """The heatmap page: the window's own pyqtgraph items, painted as vectors."""
    heatmap = GradeHeatmap(Palette(), vector=True)
    heatmap.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    rows, columns = len(document.grid.forces), max(1, len(document.grid.columns))
    # Lay the plot out at screen size, then scale it onto the page.
    screen_width, screen_height = 190 + columns * 110, 50 + rows * 30
    heatmap.show()
    heatmap.set_grid(document.grid)
    heatmap.view.setMaximumSize(16777215, 16777215)
    heatmap.view.setFixedSize(screen_width, screen_height)
    for _ in range(3):  # let pyqtgraph lay out its axes at the new size
        QCoreApplication.processEvents()
    heatmap.set_grid(document.grid)  # fit the ranges to the laid-out plot
    QCoreApplication.processEvents()
    zoom = min(body.width() / screen_width, body.height() * 0.8 / screen_height)
    width, height = screen_width * zoom, screen_height * zoom
    title_font = QFont("DejaVu Sans")
    title_font.setPixelSize(int(resolution * 12 / 72))
    painter.save()
    painter.setFont(title_font)
    painter.drawText(QRectF(body.left(), body.top(), body.width(), 120),
                     Qt.AlignmentFlag.AlignLeft, "Heatmap")
    target = QRectF(body.left(), body.top() + 140, width, height)
    heatmap.render_into(painter, target)
    painter.restore()
    # Free the hidden widget now, not whenever an event loop next runs: a command-line export
    # or a long series of exports would otherwise keep every one of them (found by the soak).
    heatmap.hide()
    heatmap.deleteLater()
    QCoreApplication.sendPostedEvents(heatmap, QEvent.Type.DeferredDelete)


def export_in_application(document: ComparisonDocument, path: Path, *,
                          landscape: bool = False) -> int:
    """For the command line: render with a QApplication, offscreen when there is no display."""
    import os

    from PySide6.QtWidgets import QApplication

    if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The offscreen platform complains about window hints of the hidden heatmap widget; on
    # the command line that is noise, so only other Qt messages reach stderr.
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        pages = write_pdf(document, path, landscape=landscape)
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    return pages


def _quiet_offscreen(kind, context, message: str) -> None:
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)
