"""Shared fixtures: the real samples, our own variant fixtures, and fresh libraries."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from peelviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "peelviewer" / "resources" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def hampshire() -> Path:
    return SAMPLES / "hampshire-2016-legitimacy.txt"


@pytest.fixture
def hertfordshire() -> Path:
    return SAMPLES / "hertfordshire-2016-legitimacy.txt"


@pytest.fixture
def store(tmp_path):
    library = Store.open(tmp_path / "library.peeldb")
    yield library
    library.close()


@pytest.fixture
def workbench_store(tmp_path):
    """Five forces across 2016, 2017 and 2023-25 (tests/workbench_data.py), indexed for
    template text."""
    from tests.workbench_data import fill

    library = Store.open(tmp_path / "workbench.peeldb")
    fill(library)
    yield library
    library.close()


def print_to_pdf(text: str, path: Path, *, point_size: int = 10) -> Path:
    """A PDF of plain text as a user's "Print to PDF" makes it: wrapped lines, A4 pages.

    Needs a QGuiApplication (the `qapp` fixture); Qt stays out of the code under test.
    """
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", point_size))
    document.setPlainText(text)
    document.setPageSize(writer.pageLayout().paintRectPixels(72).size().toSizeF())
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    return path


@pytest.fixture
def kent_html() -> Path:
    return FIXTURES / "html" / "kent-2017-legitimacy.html"
