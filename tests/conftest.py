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
