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
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
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
HEATMAP_TITLE = 40  # pixels for the heatmap's title above it
SMALLEST_HEATMAP = 0.5  # below the front only if it keeps this much of a page's size


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
    # Pages of two columns of text carry the two reports' titles over them.
    columns_height = resolution * HEADER_PT * 3.2 / 72 if any(
        part.columns for part in document.parts) else 0
    text_area = body.adjusted(0, columns_height, 0, 0)
    font = QFont("DejaVu Sans", 9)
    # Text documents lay out in points; scale them to the writer's dots.
    scale = resolution / 72
    front = _text_document(document.front_html, body.width() / scale, font)
    front.setPageSize(QSizeF(body.width() / scale, body.height() / scale))
    rest = _text_document(document.body_html, text_area.width() / scale, font)
    rest.setPageSize(QSizeF(text_area.width() / scale, text_area.height() / scale))
    heatmap_area, heatmap_page = None, False
    if document.grid is not None:
        # Below the front's last page when it fits there, else on a page of its own.
        end = front.documentLayout().blockBoundingRect(front.lastBlock()).bottom()
        used = end - (front.pageCount() - 1) * body.height() / scale
        below = body.adjusted(0, used * scale + resolution / 6, 0, 0)
        heatmap_page = (_heatmap_zoom(document, below)
                        < SMALLEST_HEATMAP * _heatmap_zoom(document, body))
        heatmap_area = body if heatmap_page else below
    total = front.pageCount() + heatmap_page + rest.pageCount()
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(5, "the PDF could not be written", str(path))
    number = 0

    def start_page(columns: tuple[str, str] | None = None) -> None:
        nonlocal number
        if number:
            writer.newPage()
        number += 1
        _decorate(painter, document.header, number, total, page.width(), page.height(),
                  header_height, resolution)
        if columns:
            _draw_columns(painter, columns, QRectF(body.left(), body.top(), body.width(),
                                                   columns_height), resolution)
        if progress:
            progress(number, total)

    def draw_pages(text: QTextDocument, area: QRectF, index: int) -> None:
        painter.save()
        painter.translate(area.topLeft())
        painter.scale(scale, scale)
        height = area.height() / scale
        painter.translate(0, -index * height)
        text.drawContents(painter, QRectF(0, index * height, area.width() / scale, height))
        painter.restore()

    for index in range(front.pageCount()):
        start_page()
        draw_pages(front, body, index)
    if heatmap_area is not None:
        if heatmap_page:
            start_page()
        _draw_heatmap(painter, document, heatmap_area, resolution)
    starts = _part_tops(rest, len(document.parts))
    for index in range(rest.pageCount()):
        # The columns of the part at the page's top (findings after a comparison have none).
        top = index * text_area.height() / scale
        active = max((i for i, start in enumerate(starts) if start <= top + 1), default=0)
        start_page(document.parts[active].columns if document.parts else None)
        draw_pages(rest, text_area, index)
    painter.end()
    return total


def _part_tops(text: QTextDocument, parts: int) -> list[float]:
    """Where each part of the body starts (its part-N anchor), in the text's points."""
    tops = [0.0] + [float("inf")] * (parts - 1)
    layout = text.documentLayout()
    block = text.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            for name in iterator.fragment().charFormat().anchorNames():
                if name.startswith("part-") and name[5:].isdigit() and int(name[5:]) < parts:
                    tops[int(name[5:])] = layout.blockBoundingRect(block).top()
            iterator += 1
        block = block.next()
    return tops


def _draw_columns(painter: QPainter, columns: tuple[str, str], band: QRectF,
                  resolution: int) -> None:
    """The two reports' titles over the two columns of text, as the tables' heads are."""
    painter.save()
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(resolution * HEADER_PT / 72))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#0B0C0C"))
    half = band.width() / 2
    padding = resolution * 4 / 72
    for index, title in enumerate(columns):  # two lines at most, as long titles need
        cell = QRectF(band.left() + index * half + padding, band.top(), half - 2 * padding,
                      band.height() - padding / 2)
        painter.drawText(cell, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom |
                         Qt.TextFlag.TextWordWrap, title)
    painter.setPen(QPen(QColor("#B1B4B6"), 1))
    painter.drawLine(QPointF(band.left(), band.bottom() - 1),
                     QPointF(band.right(), band.bottom() - 1))
    painter.restore()


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


def _heatmap_size(document: ComparisonDocument) -> tuple[int, int]:
    """The heatmap's size on screen, before it is scaled onto the page."""
    rows, columns = len(document.grid.forces), max(1, len(document.grid.columns))
    return 190 + columns * 110, 50 + rows * 30


def _heatmap_zoom(document: ComparisonDocument, area: QRectF) -> float:
    """How much the heatmap is enlarged to fill `area` (at most 80% of its height)."""
    width, height = _heatmap_size(document)
    return max(0.0, min(area.width() / width, (area.height() - HEATMAP_TITLE) / height,
                        area.height() * 0.8 / height))


def _draw_heatmap(painter: QPainter, document: ComparisonDocument, area: QRectF,
                  resolution: int) -> None:
    """The heatmap: the window's own pyqtgraph items, painted as vectors at the top of
    `area`."""
    heatmap = GradeHeatmap(Palette(), vector=True)
    heatmap.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    # Lay the plot out at screen size, then scale it onto the page.
    screen_width, screen_height = _heatmap_size(document)
    heatmap.show()
    heatmap.set_grid(document.grid)
    heatmap.view.setMaximumSize(16777215, 16777215)
    heatmap.view.setFixedSize(screen_width, screen_height)
    for _ in range(3):  # let pyqtgraph lay out its axes at the new size
        QCoreApplication.processEvents()
    heatmap.set_grid(document.grid)  # fit the ranges to the laid-out plot
    QCoreApplication.processEvents()
    zoom = _heatmap_zoom(document, area)
    width, height = screen_width * zoom, screen_height * zoom
    title_font = QFont("DejaVu Sans")
    title_font.setPixelSize(int(resolution * 12 / 72))
    painter.save()
    painter.setFont(title_font)
    painter.drawText(QRectF(area.left(), area.top(), area.width(), HEATMAP_TITLE),
                     Qt.AlignmentFlag.AlignLeft, "Heatmap")
    target = QRectF(area.left(), area.top() + HEATMAP_TITLE, width, height)
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
