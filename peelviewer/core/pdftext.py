"""A report PDF to the plain-text layout the parser reads, with pdfium in a child process.

pdfium is C code reading untrusted files: it runs in a spawned process with a wall-clock
timeout, a memory cap (Linux) and a page cap, so a hostile PDF cannot hang, crash or
exhaust the app. The child returns positioned lines; the parent re-joins them into
paragraphs, dropping running headers, footers and page numbers.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import re
import statistics
import sys
from dataclasses import dataclass

from peelviewer.core.decode import normalise
from peelviewer.core.lines import Kind, classify

TIMEOUT_SECONDS = 20.0
PAGE_LIMIT = 400
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024


class PdfError(ValueError):
    """The PDF cannot give text; str() is the reason for the user."""


@dataclass(frozen=True)
class TextLine:
    text: str
    left: float
    bottom: float
    top: float


@dataclass(frozen=True)
class PdfPage:
    height: float
    lines: tuple[TextLine, ...]


def pdf_to_text(data: bytes, *, timeout: float = TIMEOUT_SECONDS,
                page_limit: int = PAGE_LIMIT, reader: PdfReader | None = None) -> str:
    """The text of a PDF as paragraphs, one per line with blank lines between. A batch
    passes one `reader` for all its PDFs; without one, a reader is started for this PDF."""
    if reader is None:
        with PdfReader(timeout=timeout, page_limit=page_limit) as own:
            pages = own.read_pages(data)
    else:
        pages = reader.read_pages(data)
    text = join_pages(pages)
    if not text.strip():
        raise PdfError("PDF has no text layer (a scanned image?): nothing to read")
    return text


class PdfReader:
    """pdfium in a spawned child process that reads PDFs one after another, so a batch pays
    for one process start, not one per file. A PDF that times out, crashes the reader or
    exhausts its memory ends that process; the next PDF starts a fresh one."""

    def __init__(self, *, timeout: float = TIMEOUT_SECONDS, page_limit: int = PAGE_LIMIT):
        self.timeout = timeout
        self.page_limit = page_limit
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
            if not self._connection.poll(self.timeout):
                self._stop()
                raise PdfError(f"PDF text extraction timed out (over {self.timeout:g} s)")
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
        content = raw.rstrip("\r")
        # A line broken at a hyphen carries U+FFFE (or STX) where the hyphen was printed.
        content = content.replace("\ufffe", "-").replace("\x02", "-")
        folded = " ".join(content.split())
        if folded:
            boxes = [textpage.get_charbox(index) for index in
                     _sample_indexes(raw, start)]
            lines.append(TextLine(
                folded,
                left=min(box[0] for box in boxes),
                bottom=statistics.median(box[1] for box in boxes),
                top=statistics.median(box[3] for box in boxes),
            ))
        start = end + 1
    return lines


def _sample_indexes(raw: str, start: int) -> list[int]:
    """A few printed characters of a line, enough to place it without boxing every one."""
    printed = [i for i, ch in enumerate(raw) if ch.isalnum()] or [
        i for i, ch in enumerate(raw) if not ch.isspace()
    ]
    step = max(1, len(printed) // 7)
    return [start + i for i in printed[::step]]


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?P<page>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_STANDALONE = {Kind.NUMBER, Kind.GRADE, Kind.IMPROVEMENT_AREAS, Kind.CAUSES,
               Kind.RECOMMENDATIONS,
               Kind.QUESTIONS_FOR, Kind.DATE, Kind.TITLE, Kind.UNGRADED}


def join_pages(pages: list[PdfPage]) -> str:
    """Paragraphs from positioned lines: a new paragraph where the line spacing opens up,
    at a bullet, or at a line that stands alone in a report (number, grade, heading);
    running headers, footers and page numbers left out."""
    repeated = _running_lines(pages)
    paragraphs: list[str] = []
    previous_kind = None
    for number, page in enumerate(pages):
        # Page 1 keeps its running lines: its header is often the report's own title.
        lines = [line for line in page.lines
                 if (number == 0 or _key(line.text) not in repeated)
                 and not _is_page_number(line, page, number + 1)]
        if number and lines and pages[number - 1].lines and (
            lines[0].text == pages[number - 1].lines[-1].text
        ):
            lines = lines[1:]  # a line cut by the page break, printed on both pages
        pitches = [a.bottom - b.bottom for a, b in itertools.pairwise(lines)
                   if a.bottom > b.bottom]
        pitch = statistics.median(pitches) if pitches else 0.0
        previous: TextLine | None = None
        for line in lines:
            text = normalise(line.text)
            kind = classify(text).kind
            if previous is None:
                # Top of a page: a paragraph continues across the break unless it ended.
                opens_up = not paragraphs or paragraphs[-1].endswith((".", "?", "!", ":"))
            else:
                opens_up = previous.bottom - line.bottom > 1.4 * pitch
            if (opens_up or kind in _STANDALONE or kind is Kind.BULLET
                    or previous_kind in _STANDALONE or not paragraphs):
                paragraphs.append(text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], text)
            previous, previous_kind = line, kind
    return "\n\n".join(f"  {p}" if classify(p).kind is Kind.BULLET else p
                       for p in paragraphs)


def _join(before: str, after: str) -> str:
    if before.endswith("-") and before[-2:-1].isalpha() and after[:1].islower():
        return before + after  # a word broken across lines: keep the hyphen, no space
    return f"{before} {after}"


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running_lines(pages: list[PdfPage]) -> set[str]:
    """Lines at the top or bottom of most pages: headers and footers printed on each."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        edge = {_key(line.text) for line in page.lines[:2] + page.lines[-2:]}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    return {
        key for key, count in counts.items()
        if count >= max(3, len(pages) * 0.6) and not _PAGE_NUMBER.match(key.replace("#", "1"))
    }


def _is_page_number(line: TextLine, page: PdfPage, page_number: int) -> bool:
    """A page number in the top or bottom margin; a question number there is kept
    because it is not this page's number."""
    in_margin = line.top < page.height * 0.08 or line.bottom > page.height * 0.92
    match = _PAGE_NUMBER.match(line.text)
    return in_margin and bool(match) and int(match["page"]) == page_number
