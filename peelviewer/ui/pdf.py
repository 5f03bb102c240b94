"""Comparison documents to PDF: QTextDocument pages with a running header and "page n of N",
and the heatmap drawn as vector graphics by the same pyqtgraph items the window shows. The A4
writer and the page series are shared with table_pdf."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
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

from peelviewer.core.comparison.document import ComparisonDocument
from peelviewer.ui.heatmap import GradeHeatmap
from peelviewer.ui.palette import Palette

# The PDF's coordinate space has the screen's logical resolution (see screen_resolution):
# pyqtgraph caches axes as QPictures recorded at that resolution, and a picture replayed on a
# device of another resolution is rescaled, which would pull the axes off their cells.
# Everything is vector, so the number costs no sharpness.
RESOLUTION = 96
MARGIN_MM = 15
HEADER_PT = 9
HEATMAP_TITLE = 40  # pixels for the heatmap's title above it
SMALLEST_HEATMAP = 0.5  # below the front only if it keeps this much of a page's size


def text_document(html: str, width: float, font: QFont) -> QTextDocument:
    """`html` laid out `width` points wide, with no margin of its own."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setDocumentMargin(0)
    document.setTextWidth(width)
    return document


def screen_resolution() -> int:
    """The resolution PDFs are written at (see RESOLUTION)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen else RESOLUTION


def pdf_writer(path: Path, *, title: str, landscape: bool, resolution: int) -> QPdfWriter:
    """An A4 writer at `path` with our margins and metadata. Raises OSError when `path` cannot
    be written."""
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
    writer.setTitle(title)
    writer.setAuthor("PEEL Viewer")
    writer.setCreator("PEEL Viewer")
    return writer


@dataclass(frozen=True)
class PageFrame:
    """Where a page's parts go, in the writer's pixels: the running header in a band at the
    top, "page n of N" in one at the bottom, the body between."""

    width: float
    height: float
    resolution: int

    @classmethod
    def of(cls, writer: QPdfWriter, resolution: int) -> PageFrame:
        page = writer.pageLayout().paintRectPixels(resolution)
        return cls(page.width(), page.height(), resolution)

    @property
    def band(self) -> float:
        return self.resolution * HEADER_PT * 2.4 / 72

    @property
    def body(self) -> QRectF:
        return QRectF(0, self.band, self.width, self.height - 2 * self.band)

    @property
    def scale(self) -> float:
        """Text documents lay out in points; this scales them to the writer's dots."""
        return self.resolution / 72

    def paged_text(self, html: str, area: QRectF, font: QFont) -> QTextDocument:
        """`html` laid out in pages the size of `area`."""
        text = text_document(html, area.width() / self.scale, font)
        text.setPageSize(QSizeF(area.width() / self.scale, area.height() / self.scale))
        return text


class PageSeries:
    """A PDF's pages painted one after another, each with the running header and "page n of
    N"; a paged QTextDocument is drawn a page at a time."""

    def __init__(self, writer: QPdfWriter, frame: PageFrame, *, header: str, total: int,
                 path: Path) -> None:
        self.frame, self.total, self.number = frame, total, 0
        self._writer, self._header = writer, header
        self.painter = QPainter(writer)
        if not self.painter.isActive():
            raise OSError(5, "the PDF could not be written", str(path))

    def start_page(self) -> None:
        if self.number:
            self._writer.newPage()
        self.number += 1
        self._decorate()

    def draw_text(self, text: QTextDocument, area: QRectF, *,
                  on_page: Callable[[int], None] | None = None) -> None:
        """Each page of `text` in `area` of a page of its own; `on_page(index)` is called
        once the page has started, before its text is drawn."""
        for index in range(text.pageCount()):
            self.start_page()
            if on_page is not None:
                on_page(index)
            self.draw_text_page(text, area, index)

    def draw_text_page(self, text: QTextDocument, area: QRectF, index: int) -> None:
        """Page `index` of `text`, in `area` of the current page."""
        painter, scale = self.painter, self.frame.scale
        painter.save()
        painter.translate(area.topLeft())
        painter.scale(scale, scale)
        height = area.height() / scale
        painter.translate(0, -index * height)
        text.drawContents(painter, QRectF(0, index * height, area.width() / scale, height))
        painter.restore()

    def end(self) -> None:
        self.painter.end()

    def _decorate(self) -> None:
        painter, frame = self.painter, self.frame
        width, band = frame.width, frame.band
        painter.save()
        font = QFont("DejaVu Sans")
        font.setPixelSize(int(frame.resolution * HEADER_PT / 72))
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawText(QRectF(0, 0, width, band), Qt.AlignmentFlag.AlignLeft |
                         Qt.AlignmentFlag.AlignTop, self._header)
        painter.drawLine(QPointF(0, band * 0.7), QPointF(width, band * 0.7))
        painter.drawText(QRectF(0, frame.height - band, width, band),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         f"page {self.number} of {self.total}")
        painter.restore()


def write_pdf(document: ComparisonDocument, path: Path, *, landscape: bool = False,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Write the PDF; returns its page count. `progress(done, total)` after each page."""
    resolution = screen_resolution()
    writer = pdf_writer(path, title=document.title, landscape=landscape, resolution=resolution)
    layout = _lay_out(document, PageFrame.of(writer, resolution))
    pages = PageSeries(writer, layout.frame, header=document.header, total=layout.total,
                       path=path)
    _ComparisonPages(document, layout, pages, progress).paint()
    pages.end()
    return layout.total


@dataclass(frozen=True)
class _Layout:
    """A comparison document laid out on pages: the front, the heatmap and the body."""

    frame: PageFrame
    front: QTextDocument
    rest: QTextDocument  # the body
    text_area: QRectF  # of the body's pages, below the columns' titles
    columns_height: float  # 0 when no page has two columns of text
    heatmap_area: QRectF | None  # None without a heatmap
    heatmap_page: bool  # the heatmap has a page of its own

    @property
    def total(self) -> int:
        return self.front.pageCount() + self.heatmap_page + self.rest.pageCount()


def _lay_out(document: ComparisonDocument, frame: PageFrame) -> _Layout:
    body = frame.body
    # Pages of two columns of text carry the two reports' titles over them.
    columns_height = frame.resolution * HEADER_PT * 3.2 / 72 if any(
        part.columns for part in document.parts) else 0
    text_area = body.adjusted(0, columns_height, 0, 0)
    font = QFont("DejaVu Sans", 9)
    front = frame.paged_text(document.front_html, body, font)
    rest = frame.paged_text(document.body_html, text_area, font)
    heatmap_area, heatmap_page = None, False
    if document.grid is not None:
        heatmap_area, heatmap_page = _place_heatmap(document, front, frame)
    return _Layout(frame, front, rest, text_area, columns_height, heatmap_area, heatmap_page)


def _place_heatmap(document: ComparisonDocument, front: QTextDocument,
                   frame: PageFrame) -> tuple[QRectF, bool]:
    """Below the front's last page when it fits there, else on a page of its own: the
    heatmap's area, and whether that is a page of its own."""
    body, scale = frame.body, frame.scale
    end = front.documentLayout().blockBoundingRect(front.lastBlock()).bottom()
    used = end - (front.pageCount() - 1) * body.height() / scale
    below = body.adjusted(0, used * scale + frame.resolution / 6, 0, 0)
    own_page = (_heatmap_zoom(document, below)
                < SMALLEST_HEATMAP * _heatmap_zoom(document, body))
    return (body if own_page else below), own_page


class _ComparisonPages:
    """Paints a laid-out comparison: the front, the heatmap, then the body, whose pages carry
    the titles of the columns of the part at their top."""

    def __init__(self, document: ComparisonDocument, layout: _Layout, pages: PageSeries,
                 progress: Callable[[int, int], None] | None) -> None:
        self._document, self._layout, self._pages = document, layout, pages
        self._progress = progress
        self._part_starts: list[float] = []

    def paint(self) -> None:
        layout, pages = self._layout, self._pages
        pages.draw_text(layout.front, layout.frame.body, on_page=self._front_page_started)
        if layout.heatmap_area is not None:
            if layout.heatmap_page:
                pages.start_page()
                self._page_started()
            _draw_heatmap(pages.painter, self._document, layout.heatmap_area,
                          layout.frame.resolution)
        self._part_starts = _part_tops(layout.rest, len(self._document.parts))
        pages.draw_text(layout.rest, layout.text_area, on_page=self._body_page_started)

    def _front_page_started(self, _index: int) -> None:
        self._page_started()

    def _body_page_started(self, index: int) -> None:
        # The columns of the part at the page's top (findings after a comparison have none).
        parts, frame = self._document.parts, self._layout.frame
        top = index * self._layout.text_area.height() / frame.scale
        active = max((i for i, start in enumerate(self._part_starts) if start <= top + 1),
                     default=0)
        columns = parts[active].columns if parts else None
        if columns:
            band = QRectF(frame.body.left(), frame.body.top(), frame.body.width(),
                          self._layout.columns_height)
            _draw_columns(self._pages.painter, columns, band, frame.resolution)
        self._page_started()

    def _page_started(self) -> None:
        if self._progress:
            self._progress(self._pages.number, self._pages.total)


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


def _heatmap_size(document: ComparisonDocument) -> tuple[int, int]:
    """The heatmap's size on screen, before it is scaled onto the page."""
    rows, columns = len(document.grid.rows), max(1, len(document.grid.columns))
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
