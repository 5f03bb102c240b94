"""What a drag or the clipboard carries: local files and folders, web links to fetch, or a
report's text or HTML copied from a browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

if TYPE_CHECKING:  # the importer and its parsers load on the first import, not at start-up
    from peelviewer.core.importer import ReportBytes

MOZ_URL = "text/x-moz-url"  # Firefox's link drag: "link\ntitle" in UTF-16
NOTHING_TO_PASTE = ("Nothing to import on the clipboard: copy a report's text in the browser "
                    "(select all, copy) or its link, then paste.")
NOTHING_TO_DROP = "Nothing to import in that drop: drop report files, a report's text or a link."


@dataclass
class Carried:
    """What to import from one drop or paste."""

    paths: list[Path] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    text: ReportBytes | None = None

    def __bool__(self) -> bool:
        return bool(self.paths or self.links or self.text)

    def items(self) -> list:
        """Paths, links and text as the window's import queue takes them."""
        return [*self.paths, *(Link(link) for link in self.links),
                *([self.text] if self.text else [])]


@dataclass(frozen=True)
class Link:
    """A link to fetch, in the window's import queue (where a plain str would be a path)."""

    url: str


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag, or [] if it carries anything else."""
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


def may_carry_report(mime: QMimeData) -> bool:
    """Cheap test for a drag in progress: anything we might import."""
    return mime.hasUrls() or mime.hasHtml() or mime.hasText() or mime.hasFormat(MOZ_URL)


def web_links(mime: QMimeData) -> list[str]:
    """The links a drag or the clipboard carries (text/uri-list, text/x-moz-url, or text that
    is one link), without local files. Links other than http and https are kept: fetching
    them says why they cannot be imported."""
    from peelviewer.core.fetch import looks_like_link

    links = [url.toString() for url in mime.urls() if not url.isLocalFile()] \
        if mime.hasUrls() else []
    if not links and mime.hasFormat(MOZ_URL):
        first = _moz_url_text(bytes(mime.data(MOZ_URL).data())).split("\n", 1)[0].strip()
        links = [first] if looks_like_link(first) else []
    if not links and mime.hasText() and looks_like_link(mime.text()):
        links = [mime.text().strip()]
    return [link for link in links if link]


def _moz_url_text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16", errors="replace").lstrip("\ufeff")
    return data.decode("utf-8", errors="replace")


def carried(mime: QMimeData | None, *, how: str = "pasted",
            now: datetime | None = None) -> Carried:
    """What to import from a drop or paste: local files; else links; else the report's
    HTML (preferred: the same reader as a saved page) or plain text. `how` ("pasted",
    "dropped") names the text's source, with the time."""
    from peelviewer.core.importer import ReportBytes

    if mime is None:
        return Carried()
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] \
        if mime.hasUrls() else []
    links = web_links(mime)
    if paths or links:
        return Carried(paths=paths, links=links)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    label = f"the {how} text"
    if mime.hasHtml() and mime.html().strip():
        data = _as_page(mime.html()).encode("utf-8")
        return Carried(text=ReportBytes(data, f"{how} {stamp} (HTML)", label))
    if mime.hasText() and mime.text().strip():
        return Carried(text=ReportBytes(mime.text().encode("utf-8"), f"{how} {stamp} (text)",
                                        label))
    return Carried()


def _as_page(html: str) -> str:
    """A browser's copied HTML is a fragment; as a page it is read like a saved one."""
    if "<html" in html[:4096].lower():
        return html
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
            f"{html}\n</body></html>\n")
