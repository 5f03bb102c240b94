"""Files shipped inside the package (samples, later icons), found the same way from a
checkout, a wheel or a frozen bundle."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "PEEL Viewer"
LIBRARY_FILE = "library.peeldb"


def resource_dir(*parts: str) -> Path:
    return Path(str(resources.files("peelviewer").joinpath("resources", *parts)))


def sample_paths() -> list[Path]:
    """The two real report pages bundled so a new library is never empty."""
    return sorted(resource_dir("samples").glob("*.txt"))


def default_library_path() -> Path:
    """PEELVIEWER_DB if set, else library.peeldb in the user's data folder."""
    override = os.environ.get("PEELVIEWER_DB")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / LIBRARY_FILE
