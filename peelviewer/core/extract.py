"""File bytes to report text, choosing the reader by content (magic bytes, markup), not name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peelviewer.core.decode import check_size, decode_bytes, normalise
from peelviewer.core.htmltext import HtmlError, html_to_text
from peelviewer.core.layouts.printed_lines import PRINTED_LINES
from peelviewer.core.pdftext import PdfError, PdfReader, pdf_to_text

TXT, HTML, PDF = "txt", "html", "pdf"

# Formats people drop by mistake, recognised so the message can say what the file is.
_OTHER_FORMATS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database (open it as a library instead)"),
    (b"\x1f\x8b", "a gzip archive"),
)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|div|p|h1|h2|meta)\b[^>]*>", re.I)


class ExtractError(ValueError):
    """The file cannot give report text; str() is the reason for the user."""


@dataclass(frozen=True)
class Extracted:
    text: str
    kind: str  # txt, html or pdf: what the content turned out to be


def sniff_kind(data: bytes) -> str:
    """txt, html or pdf from the first bytes; ExtractError for formats that are never reports."""
    head = data[:2048]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return PDF
    for magic, what in _OTHER_FORMATS:
        if head.startswith(magic):
            raise ExtractError(f"{what}, not a report")
    ascii_head = _ascii_view(head)
    if _HTML_START.match(ascii_head) or len(_HTML_TAGS.findall(ascii_head)) >= 3:
        return HTML
    return TXT


def _ascii_view(head: bytes) -> bytes:
    """UTF-16 text seen as bytes has zeros between letters; drop them to look for tags."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1::2].count(0) > len(head) // 4:
        head = head[2:] if head[:2] in (b"\xff\xfe", b"\xfe\xff") else head
        return head.replace(b"\x00", b"")
    return head.removeprefix(b"\xef\xbb\xbf")


def extract_text(data: bytes, *, name: str = "", pdf_reader: PdfReader | None = None
                 ) -> Extracted:
    """The report text in a file's bytes; ExtractError or DecodeError with the reason.

    The content decides the reader; the name only catches one lie: a file called .pdf
    that is not a PDF, which is refused rather than read as something else.
    """
    check_size(len(data))
    kind = sniff_kind(data)
    if name.lower().endswith(".pdf") and kind != PDF:
        raise ExtractError("not a PDF: the file is named .pdf but its content is not PDF")
    try:
        if kind == PDF:
            # Character references in HTML and a PDF's text are only known after decoding:
            # the same cleaning as plain text, so "&#x202e;" cannot reorder a finding.
            text = pdf_to_text(data, reader=pdf_reader, roles=PRINTED_LINES)
            return Extracted(normalise(text), PDF)
        if kind == HTML:
            return Extracted(normalise(html_to_text(data)), HTML)
    except (PdfError, HtmlError) as error:
        raise ExtractError(str(error)) from None
    return Extracted(decode_bytes(data), TXT)
