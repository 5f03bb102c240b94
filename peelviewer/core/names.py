"""File names as one readable line: control characters, bidi overrides and bytes that are not
UTF-8 shown as escapes, so a name can neither break a line nor reorder or hide text."""

from __future__ import annotations

import os
from pathlib import PurePath

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_name(path_or_name: str | os.PathLike) -> str:
    """A path's last part (or a name given as a string) as one readable line."""
    if isinstance(path_or_name, PurePath):
        path_or_name = path_or_name.name
    return escape_name(os.fsdecode(path_or_name))


def display_path(path: str | os.PathLike) -> str:
    """A whole path as one readable line."""
    return escape_name(os.fsdecode(path))


def escape_name(text: str) -> str:
    """`text` with every character that is not printable escaped, like Python's repr: "\\n",
    "\\x1b", "\\u202e". A byte that was not UTF-8 (a lone surrogate from the file system's
    surrogateescape) shows as "\\xff"; a character from U+0080 up always as "\\u0080", so the
    two never look alike. Backslashes stay as they are: this is for reading, and the exact
    name is kept elsewhere (the library stores its bytes)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def name_bytes(name: str) -> bytes | None:
    """The exact bytes of a file name that is not valid UTF-8 (so cannot be stored as text),
    or None for a name that is."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(name)
        except UnicodeEncodeError:  # a surrogate that no byte stands for
            return name.encode("utf-8", "surrogatepass")
    return None
