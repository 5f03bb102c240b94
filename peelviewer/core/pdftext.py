"""A report PDF to the plain-text layout the parser reads, with pdfium in a child process.

pdfium is C code reading untrusted files: it runs in a spawned process with a wall-clock
timeout, a memory cap (Linux) and a page cap, so a hostile PDF cannot hang, crash or
exhaust the app. The child returns positioned lines; the parent re-joins them into
paragraphs, dropping running headers, footers and page numbers.
"""

from __future__ import annotations

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


def pdf_to_text(
    data: bytes, *, timeout: float = TIMEOUT_SECONDS, page_limit: int = PAGE_LIMIT
) -> str:
    """The text of a PDF as paragraphs, one per line with blank lines between."""
    pages = read_pages(data, timeout=timeout, page_limit=page_limit)
    text = join_pages(pages)
    if not text.strip():
        raise PdfError("PDF has no text layer (a scanned image?): nothing to read")
    return text


def read_pages(data: bytes, *, timeout: float, page_limit: int) -> list[PdfPage]:
    """Positioned text lines of every page, read by pdfium in a child process."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_in_child, args=(data, page_limit, sender), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise PdfError(f"PDF text extraction timed out (over {timeout:g} s)")
        status, payload = receiver.recv()
    except (EOFError, OSError):
        child.join(5)
        raise PdfError(f"PDF reader stopped unexpectedly (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if status != "ok":
        raise PdfError(payload)
    return payload


def _read_in_child(data: bytes, page_limit: int, sender) -> None:
    """Runs in the spawned process: never raises, always sends (status, payload)."""
    try:
        _cap_memory()
        sender.send(("ok", _extract_pages(data, page_limit)))
    except PdfError as error:
        sender.send(("error", str(error)))
    except MemoryError:
        sender.send(("error", "PDF needs too much memory to read"))
    except Exception as error:  # pdfium reports damage with many exception types
        sender.send(("error", _describe_pdfium_error(error)))
    finally:
        sender.close()


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
_STANDALONE = {Kind.NUMBER, Kind.GRADE, Kind.AREAS, Kind.CAUSES, Kind.RECOMMENDATIONS,
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
