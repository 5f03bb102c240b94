"""Extraction timings for `make bench`: a generated 40-page PDF and a saved HTML page."""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from peelviewer.core.decode import decode_bytes
from peelviewer.core.htmltext import html_to_text
from peelviewer.core.parse import parse_text
from peelviewer.core.pdftext import pdf_to_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "peelviewer" / "resources" / "samples" / "hampshire-2016-legitimacy.txt"
HTML_PAGE = ROOT / "tests" / "fixtures" / "html" / "kent-2017-legitimacy.html"
PDF_PAGES = 40
TARGET_PDF_MS = 60.0  # per page, child-process start-up included
TARGET_HTML_MS = 20.0  # per page, extraction and parse


def make_long_pdf(path: Path, pages: int = PDF_PAGES) -> int:
    """Print the sample again and again until the PDF has `pages` pages; returns the count."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    app = QGuiApplication.instance() or QGuiApplication([])
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("Questions for Legitimacy", 1)[1]
    copies = 1
    while True:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(72)
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 10))
        document.setPlainText(text + body * copies)
        document.setPageSize(writer.pageLayout().paintRectPixels(72).size().toSizeF())
        if document.pageCount() >= pages:
            document.print_(writer)
            del writer
            del app
            return document.pageCount()
        del writer
        copies += 1


def pdf_ms_per_page(runs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.pdf"
        pages = make_long_pdf(path)
        data = path.read_bytes()
        pdf_to_text(data)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            pdf_to_text(data)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000 / pages, pages


def html_ms_per_page(runs: int, repeat: int = 50) -> float:
    data = HTML_PAGE.read_bytes()
    parse_text(html_to_text(data))  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            parse_text(html_to_text(data))
        times.append((time.perf_counter() - start) / repeat)
    return statistics.median(times) * 1000


def fts_floor_seconds(files: list[Path]) -> float:
    """Only full-text indexing each page's text, one transaction per file: what any import
    with a search index pays at least, measured to explain the import's ratio."""
    texts = [decode_bytes(path.read_bytes()) for path in files]
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "fts.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("create virtual table pages using fts5(body, tokenize='porter')")
        start = time.perf_counter()
        for text in texts:
            conn.execute("begin")
            conn.execute("insert into pages (body) values (?)", [text])
            conn.execute("commit")
        seconds = time.perf_counter() - start
        conn.close()
    return seconds


def pdf_batch_rows(runs: int, files: int = 24) -> list[tuple]:
    """A folder of distinct PDFs imported as one batch (one reader process), beside reading
    each with a process of its own, in the same run."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    from peelviewer.core.importer import import_paths
    from peelviewer.core.store import Store

    app = QGuiApplication.instance() or QGuiApplication([])
    text = SAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        pdfs = Path(folder) / "pdfs"
        pdfs.mkdir()
        for index in range(files):
            writer = QPdfWriter(str(pdfs / f"copy-{index:02d}.pdf"))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setResolution(72)
            document = QTextDocument()
            document.setDefaultFont(QFont("DejaVu Sans", 9 + index % 4))  # distinct bytes
            document.setPlainText(text)
            document.setPageSize(writer.pageLayout().paintRectPixels(72).size().toSizeF())
            document.print_(writer)
            del writer
        del app
        batch, separate = [], []
        for run in range(runs + 1):
            store = Store.open(Path(folder) / f"batch-{run}.peeldb")
            start = time.perf_counter()
            summary = import_paths(store, [pdfs])
            seconds = time.perf_counter() - start
            store.close()
            assert not summary.failed, summary.failed
            start = time.perf_counter()
            for path in sorted(pdfs.iterdir()):
                pdf_to_text(path.read_bytes())
            alone = time.perf_counter() - start
            if run:
                batch.append(seconds * 1000 / files)
                separate.append(alone * 1000 / files)
    ours, theirs = statistics.median(batch), statistics.median(separate)
    return [(f"PDF batch import ({files} files)", f"{ours:.0f} ms/file",
             f"{theirs:.0f} ms/file", f"{theirs / ours:.2f}", "(one process per file as "
             "baseline)", None)]
