"""The words a search matched, highlighted in report text: escaped HTML with spans, so the
text is never markup and the highlight prints."""

from __future__ import annotations

import html
import re

from peelviewer.core.search import MATCH_END, MATCH_START, Marks

# Words a search matched: dark on yellow in either theme. Spans of escaped text, never
# QTextEdit.ExtraSelection (PySide6 6.12 crashes after about a thousand of those).
HIGHLIGHT_COLOUR = "#ffe066"
_HIGHLIGHT_STYLE = f"background-color:{HIGHLIGHT_COLOUR}; color:#000000"


def with_markers(text: str, marks: Marks) -> str:
    """`text` with MATCH_START/MATCH_END around each marked span."""
    pieces, end = [], 0
    for start, stop in sorted(marks):
        if start < end or stop > len(text):
            continue  # overlapping or stale: left unmarked
        pieces += [text[end:start], MATCH_START, text[start:stop], MATCH_END]
        end = stop
    pieces.append(text[end:])
    return "".join(pieces)


def marked_html(text: str, *, open_at_start: bool = False, pre: bool = True) -> tuple[str, bool]:
    """Text carrying match markers as escaped HTML with the matched words in highlighted
    spans; also whether a highlight is still open at its end (a text shown in pieces may
    break inside a phrase)."""
    parts, highlighted = [], open_at_start
    for part in re.split(f"([{MATCH_START}{MATCH_END}])", text):
        if part in (MATCH_START, MATCH_END):
            highlighted = part == MATCH_START
        elif part:
            escaped = html.escape(part)
            parts.append(f'<span style="{_HIGHLIGHT_STYLE}">{escaped}</span>' if highlighted
                         else escaped)
    body = "".join(parts)
    return (f'<span style="white-space:pre-wrap">{body}</span>' if pre else body), highlighted
