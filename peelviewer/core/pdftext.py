"""A report PDF to the plain-text layout the parser reads, with pdfium in a child process.

pdfium is C code reading untrusted files: it runs in a spawned process with a wall-clock
timeout, a memory cap (Linux) and a page cap, so a hostile PDF cannot hang, crash or
exhaust the app. The child returns positioned lines; the parent re-joins them into
paragraphs, dropping running headers, footers and page numbers. Which lines are headings,
grades or bullets the layouts say (`LineRoles`): extraction reads no layout's lines itself.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from peelviewer.core.decode import normalise

TIMEOUT_SECONDS = 20.0
PAGE_LIMIT = 400
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
STOP_CHECK_SECONDS = 0.05  # how often a reader waiting for the child asks whether to stop
CANCELLED = "cancelled"  # the reason a PDF fails when its reading is stopped


class PdfError(ValueError):
    """The PDF cannot give text; str() is the reason for the user."""


@dataclass(frozen=True)
class TextLine:
    text: str
    left: float
    bottom: float
    top: float
    right: float = 0.0  # where the line's printed text ends


@dataclass(frozen=True)
class PdfPage:
    height: float
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class LineRole:
    """What a layout says about one printed line: all that joining lines needs to know."""

    bullet: bool = False  # a list item: it starts a paragraph
    alone: bool = False  # a heading, grade, number or area name: a paragraph of its own
    ends_entry: bool = False  # a contents entry's end: joins the line before, never the next
    structural: bool = False  # more than prose: report text even at the top of many pages


class LineRoles(Protocol):
    """The layouts' reading of printed lines (layouts.printed_lines.PRINTED_LINES)."""

    def role(self, text: str) -> LineRole:
        """What one line of a page is to the layouts."""

    def is_bullet(self, text: str) -> bool:
        """Whether a paragraph is a list item (indented in the text the parser reads)."""


def pdf_to_text(data: bytes, *, timeout: float = TIMEOUT_SECONDS,
                page_limit: int = PAGE_LIMIT, reader: PdfReader | None = None,
                roles: LineRoles | None = None) -> str:
    """The text of a PDF as paragraphs, one per line with blank lines between. A batch
    passes one `reader` for all its PDFs; without one, a reader is started for this PDF.
    `roles` reads the lines; without it, the layouts' own (PRINTED_LINES)."""
    if roles is None:
        from peelviewer.core.layouts.printed_lines import PRINTED_LINES

        roles = PRINTED_LINES
    if reader is None:
        with PdfReader(timeout=timeout, page_limit=page_limit) as own:
            pages = own.read_pages(data)
    else:
        pages = reader.read_pages(data)
    text = join_pages(pages, roles)
    if not text.strip():
        raise PdfError("PDF has no text layer (a scanned image?): nothing to read")
    return text


class PdfReader:
    """pdfium in a spawned child process that reads PDFs one after another, so a batch pays
    for one process start, not one per file. A PDF that times out, crashes the reader or
    exhausts its memory ends that process; the next PDF starts a fresh one. So does a PDF
    whose reading is stopped: `should_stop()` is asked while waiting for the child, and when
    it says so the child is killed and the PDF fails as CANCELLED."""

    def __init__(self, *, timeout: float = TIMEOUT_SECONDS, page_limit: int = PAGE_LIMIT,
                 should_stop: Callable[[], bool] | None = None):
        self.timeout = timeout
        self.page_limit = page_limit
        self._should_stop = should_stop or (lambda: False)
        self.started = 0  # processes started so far
        self._child = None
        self._connection = None

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def read_pages(self, data: bytes) -> list[PdfPage]:
        """Positioned text lines of every page, or PdfError with the reason."""
        if self._child is None or not self._child.is_alive():
            self._stop()
            self._start()
        try:
            self._connection.send((data, self.page_limit))
            self._wait()
            status, payload = self._connection.recv()
        except (EOFError, OSError):
            self._child.join(5)
            code = self._child.exitcode
            self._stop()
            raise PdfError(f"PDF reader stopped unexpectedly (exit code {code})") from None
        if status == "fatal":  # the child has exited; the next PDF gets a new one
            self._stop()
        if status != "ok":
            raise PdfError(payload)
        return payload

    def _wait(self) -> None:
        """Until the child answers; PdfError when told to stop or out of time."""
        deadline = time.monotonic() + self.timeout
        while True:
            if self._should_stop():
                self._stop()
                raise PdfError(CANCELLED)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._stop()
                raise PdfError(f"PDF text extraction timed out (over {self.timeout:g} s)")
            if self._connection.poll(min(remaining, STOP_CHECK_SECONDS)):
                return

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._child = context.Process(target=_serve, args=(theirs,), daemon=True)
        self._child.start()
        theirs.close()
        self._connection = ours
        self.started += 1

    def _stop(self) -> None:
        if self._child is not None:
            if self._child.is_alive():
                self._child.kill()
            self._child.join(5)
        if self._connection is not None:
            self._connection.close()
        self._child = self._connection = None

    def close(self) -> None:
        """Let the child finish and exit; kill it if it does not."""
        if self._child is not None and self._child.is_alive():
            with contextlib.suppress(OSError):
                self._connection.send(None)
            self._child.join(2)
        self._stop()


def _serve(connection) -> None:
    """Runs in the spawned process: reads PDFs until told to stop; never raises."""
    _cap_memory()
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        status, payload = _read_one(*request)
        connection.send((status, payload))
        if status == "fatal":
            return


def _read_one(data: bytes, page_limit: int) -> tuple[str, object]:
    try:
        return "ok", _extract_pages(data, page_limit)
    except PdfError as error:
        return "error", str(error)
    except MemoryError:
        return "fatal", "PDF needs too much memory to read"
    except Exception as error:  # pdfium reports damage with many exception types
        return "error", _describe_pdfium_error(error)


def _cap_memory() -> None:
    if sys.platform.startswith("linux"):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def _describe_pdfium_error(error: Exception) -> str:
    message = str(error).lower()
    if "password" in message:
        return "PDF is password-protected"
    if "format" in message or "damaged" in message or "data" in message:
        return "PDF is damaged or truncated"
    return f"PDF is damaged or truncated ({error})"


def _extract_pages(data: bytes, page_limit: int) -> list[PdfPage]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise PdfError(_describe_pdfium_error(error)) from None
    try:
        count = len(document)
        if count > page_limit:
            raise PdfError(f"PDF has {count} pages (limit {page_limit}): not a report page")
        pages = []
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(PdfPage(page.get_height(), tuple(_page_lines(textpage))))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def _page_lines(textpage) -> list[TextLine]:
    """pdfium's own reading-order text, split into lines with each line's position."""
    text = textpage.get_text_range()
    lines: list[TextLine] = []
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        if raw.strip():
            boxes = [textpage.get_charbox(index) for index in _sample_indexes(raw, start)]
            height = statistics.median(box[3] - box[1] for box in boxes)
            if max(box[1] for box in boxes) - min(box[1] for box in boxes) > height:
                # pdfium put two printed lines into one: split them where the text drops.
                for offset, piece in _printed_rows(textpage, raw, start, height):
                    lines.append(_text_line(textpage, piece, start + offset))
            else:
                lines.append(_text_line(textpage, raw, start, boxes))
        start = end + 1
    return lines


def _text_line(textpage, raw: str, start: int, boxes=None) -> TextLine:
    # A line broken at a hyphen carries U+FFFE (or STX) where the hyphen was printed.
    content = raw.rstrip("\r").replace("\ufffe", "-").replace("\x02", "-")
    if boxes is None:
        boxes = [textpage.get_charbox(index) for index in _sample_indexes(raw, start)]
    return TextLine(
        " ".join(content.split()),
        left=min(box[0] for box in boxes),
        bottom=statistics.median(box[1] for box in boxes),
        top=statistics.median(box[3] for box in boxes),
        right=textpage.get_charbox(_last_printed(raw, start))[2],
    )


def _printed_rows(textpage, raw: str, start: int, height: float) -> list[tuple[int, str]]:
    """The pieces of `raw` that stand on different printed lines, with their offsets."""
    rows: list[tuple[int, str]] = []
    begin, baseline = 0, None
    for index, char in enumerate(raw):
        if not char.isalnum():  # punctuation sits higher, and marks may have no box
            continue
        bottom = textpage.get_charbox(start + index)[1]
        if baseline is not None and abs(bottom - baseline) > height:
            rows.append((begin, raw[begin:index]))
            begin = index
        if baseline is None or begin == index:
            baseline = bottom
    rows.append((begin, raw[begin:]))
    return [(offset, piece) for offset, piece in rows if piece.strip()]


def _last_printed(raw: str, start: int) -> int:
    for index in range(len(raw) - 1, -1, -1):
        if not raw[index].isspace() and raw[index] not in "\ufffe\x02":
            return start + index
    return start


def _sample_indexes(raw: str, start: int) -> list[int]:
    """A few printed characters of a line, enough to place it without boxing every one."""
    printed = [i for i, ch in enumerate(raw) if ch.isalnum()] or [
        i for i, ch in enumerate(raw) if not ch.isspace()
    ]
    step = max(1, len(printed) // 7)
    return [start + i for i in printed[::step]]


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?P<page>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def join_pages(pages: list[PdfPage], roles: LineRoles) -> str:
    """Paragraphs from positioned lines: a new paragraph where the line spacing opens up,
    after a line that stops well short of the text's right edge (the end of a paragraph, or
    of a list item printed without a bullet glyph), at a bullet, or at a line that stands
    alone in a report (number, grade, heading, area of policing); running headers, footers
    and page numbers left out. `roles` says which lines are bullets or stand alone."""
    repeated = _running_lines(pages, roles)
    numbered = _page_number_offset(pages)
    # A browser prints "3/7" (or "Page 3 of 7"): then a bare "3" at the top of page 3 is a
    # question's number, not the page's.
    bare_numbers = not _numbers_pages_as_fractions(pages)
    # The text's left edge over the whole document (a page may hold only a list's end).
    lefts = sorted(line.left for page in pages for line in page.lines)
    body_left = lefts[len(lefts) // 4] if lefts else 0.0
    paragraphs: list[str] = []
    previous_standalone = False
    for number, page in enumerate(pages):
        # Page 1 keeps its running lines: its header is often the report's own title.
        lines = [line for line in page.lines
                 if (number == 0 or _key(line.text) not in repeated)
                 and not _is_page_number(line, page, number + numbered,
                                         bare=bare_numbers)
                 and not _is_print_furniture(line, page)]
        if number and lines and pages[number - 1].lines and (
            lines[0].text == pages[number - 1].lines[-1].text
        ):
            lines = lines[1:]  # a line cut by the page break, printed on both pages
        pitch = _line_pitch(lines)
        short_of = _short_line_edge(lines)
        previous: TextLine | None = None
        for line in lines:
            text = normalise(line.text)
            role = roles.role(text)
            standalone = role.alone
            # A contents entry's dot leaders and page end it: it may carry on the line
            # before (an entry wrapped in two), never the line after.
            ends_entry = role.ends_entry
            if previous is None:
                # Top of a page: a paragraph continues across the break unless it ended.
                opens_up = not paragraphs or paragraphs[-1].endswith((".", "?", "!", ":"))
            else:
                # In an indented list whose bullets were not printed, an item ends at
                # its semicolon or full stop even when its last line reaches the margin.
                item_ends = (previous.text.endswith((";", ".", "; and", "; or"))
                             and min(line.left, previous.left) > body_left + 4)
                opens_up = (previous.bottom - line.bottom > 1.4 * pitch
                            or previous.right < short_of or item_ends)
            if (opens_up or (standalone and not ends_entry) or role.bullet
                    or previous_standalone or not paragraphs):
                paragraphs.append(text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], text)
            previous, previous_standalone = line, standalone or ends_entry
    return "\n\n".join(f"  {p}" if roles.is_bullet(p) else p for p in paragraphs)


def _line_pitch(lines: list[TextLine]) -> float:
    """The distance between lines inside a paragraph: a low percentile of the gaps, since
    on a page of short paragraphs most gaps are the wider ones between paragraphs (gaps of
    a few points are marks set above or below a line, not lines)."""
    pitches = sorted(a.bottom - b.bottom for a, b in itertools.pairwise(lines)
                     if a.bottom - b.bottom > 3)
    return pitches[len(pitches) // 10] if pitches else 0.0


def _short_line_edge(lines: list[TextLine]) -> float:
    """A line ending left of this stops short: the text there ended, it did not wrap. The
    page's text runs to about its 90th-percentile right edge; a wrapped line ends within a
    long word of it."""
    rights = sorted(line.right for line in lines if line.right > line.left)
    if len(rights) < 4:
        return 0.0
    edge = rights[int(len(rights) * 0.9)]
    lefts = sorted(line.left for line in lines)
    width = edge - lefts[len(lefts) // 4]
    return edge - 0.3 * width if width > 0 else 0.0


def _page_number_offset(pages: list[PdfPage]) -> int:
    """What to add to a page's index to get the number printed on it: 1 usually, less when
    the numbering starts after a cover and contents. Read from bare numbers in the margins
    that rise by one a page."""
    offsets: dict[int, int] = {}
    for index, page in enumerate(pages):
        for line in (*page.lines[:2], *page.lines[-2:]):
            if _in_margin(line, page) and line.text.isdigit() and len(line.text) <= 4:
                offset = int(line.text) - index
                offsets[offset] = offsets.get(offset, 0) + 1
    if not offsets:
        return 1
    offset, count = max(offsets.items(), key=lambda item: item[1])
    return offset if count >= max(2, len(pages) // 2) else 1


def _join(before: str, after: str) -> str:
    if before.endswith("-") and before[-2:-1].isalpha() and after[:1].islower():
        return before + after  # a word broken across lines: keep the hyphen, no space
    return f"{before} {after}"


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running_lines(pages: list[PdfPage], roles: LineRoles) -> set[str]:
    """Lines at the top or bottom of most pages: headers and footers printed on each."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        # A grade or heading may well open or close many pages; it is text all the same.
        edge = {_key(line.text) for line in page.lines[:2] + page.lines[-2:]
                if not roles.role(line.text).structural}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    return {
        key for key, count in counts.items()
        if count >= max(3, len(pages) * 0.6) and not _PAGE_NUMBER.match(key.replace("#", "1"))
    }


def _in_margin(line: TextLine, page: PdfPage) -> bool:
    return line.top < page.height * 0.08 or line.bottom > page.height * 0.92


def _is_page_number(line: TextLine, page: PdfPage, page_number: int, *,
                    bare: bool = True) -> bool:
    """A page number in the top or bottom margin; a question number there is kept
    because it is not this page's number, and so is any bare number in a document that
    numbers its pages "x/y"."""
    match = _PAGE_NUMBER.match(line.text)
    if not (match and _in_margin(line, page) and int(match["page"]) == page_number):
        return False
    return bare or not line.text.strip().isdigit()


_PRINTED_AT = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\b")
_ADDRESS = re.compile(r"\bhttps?://|\bwww\.", re.I)


def _is_print_furniture(line: TextLine, page: PdfPage) -> bool:
    """What a browser prints in the margins: the date and time with the page's title at the
    top, the address and "page x/y" at the bottom."""
    text = line.text
    return _in_margin(line, page) and bool(
        _PRINTED_AT.match(text) or _ADDRESS.search(text) or _FRACTION.search(text))


def _numbers_pages_as_fractions(pages: list[PdfPage]) -> bool:
    marked = sum(1 for page in pages if any(
        _FRACTION.search(line.text) and _in_margin(line, page)
        for line in (*page.lines[:3], *page.lines[-3:])))
    return bool(pages) and marked >= max(1, len(pages) // 2)


# "3/7" or "Page 3 of 7", alone or at the end of a footer that starts with the URL.
_FRACTION = re.compile(r"(?:^|\s)(?:page\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}$", re.I)
