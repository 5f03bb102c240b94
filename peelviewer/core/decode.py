"""Bytes to normalised text: byte-order marks, UTF-16, strict UTF-8, cp1252; NFKC; size caps."""

from __future__ import annotations

import codecs
import re
import unicodedata

MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in a text file; their presence means binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Removed from every text: stray C0 and C1 controls, invisible joiners and soft hyphens, and
# the bidi marks, embeddings, overrides and isolates that would reorder a line on screen
# (U+202E shows "evil" as "live") or hide words from search and comparison.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060"
    "\u2066-\u2069\ufeff]"
)


class DecodeError(ValueError):
    """The bytes are not text we can read; str() is a one-line reason for the user."""


def check_size(size: int, *, limit: int = MAX_BYTES) -> None:
    """Refuse empty and oversized inputs before anything reads them."""
    if size == 0:
        raise DecodeError("empty file")
    if size > limit:
        raise DecodeError(
            f"file too large ({size / (1024 * 1024):.0f} MB, limit {limit // (1024 * 1024)} MB)"
        )


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark or UTF-16's zero bytes announce, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    sample = data[:4096]
    if len(sample) >= 4:
        # Windows "Unicode" text without a mark: every other byte of ASCII text is zero.
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_zeros > half * 0.4 and even_zeros < half * 0.05:
            return "utf-16-le", 0
        if even_zeros > half * 0.4 and odd_zeros < half * 0.05:
            return "utf-16-be", 0
    return "", 0


def decode_bytes(data: bytes, *, limit: int = MAX_BYTES, encoding: str = "") -> str:
    """Text from bytes, or DecodeError with the reason.

    A byte-order mark (or UTF-16's zero bytes) wins, then `encoding` if the caller knows
    one (an HTML meta charset), then strict UTF-8, then cp1252 as old Windows editors
    wrote. The result has "\\n" line ends and NFKC normal form, so PDF ligatures read as
    letters and non-breaking spaces as spaces.
    """
    check_size(len(data), limit=limit)
    sniffed, skip = sniff_encoding(data)
    if sniffed:
        try:
            text = data[skip:].decode(sniffed)
        except UnicodeDecodeError:
            raise DecodeError(f"damaged {sniffed.upper()} text") from None
    else:
        text = _decode_without_mark(data, encoding)
    if _is_plain(text):
        return normalise(text, plain=True)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise DecodeError("binary file, not a report")
    return normalise(text)


def _decode_without_mark(data: bytes, encoding: str) -> str:
    candidates = [encoding] if encoding else []
    candidates += ["utf-8", "cp1252"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so this cannot fail.
    return data.decode("latin-1")


def _is_plain(text: str) -> bool:
    """No control or invisible characters at all: a C-speed check that spares the regexes."""
    return text.replace("\n", " ").replace("\r", " ").replace("\t", " ").isprintable()


def normalise(text: str, *, plain: bool = False) -> str:
    """One form for all copies: LF line ends, NFKC, no invisible joiners, no stray controls.

    `plain` says the caller already knows there is nothing to strip."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text if plain else _UNWANTED.sub("", text)
