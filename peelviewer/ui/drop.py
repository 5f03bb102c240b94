"""What a drag carries: local files and folders we can import, or something to explain."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

BROWSER_HINT = ("That is a link or text from a browser: save the page first (or print it to "
                "PDF), then drop the saved file here.")


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag, or [] if it carries anything else."""
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


def needs_hint(mime: QMimeData) -> bool:
    """A drag we refuse but should explain: web links or plain text."""
    return mime.hasText() or mime.hasUrls() or mime.hasHtml()
