"""Report text as escaped HTML with our own spans: the words a search matched highlighted,
template sentences dimmed (with a note as their tooltip). The text is never markup, and
both marks print."""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import pairwise

from peelviewer.core.colours import TEMPLATE_INK, contrast
from peelviewer.core.search import Marks

# Words a search matched: dark on yellow in either theme. Spans of escaped text, never
# QTextEdit.ExtraSelection (PySide6 6.12 crashes after about a thousand of those).
HIGHLIGHT_COLOUR = "#ffe066"
_HIGHLIGHT_STYLE = f"background-color:{HIGHLIGHT_COLOUR}; color:#000000"
# Template text on a light background: 6:1 on white, above 4.5:1 on Compare's tints too.
LEGIBLE = 4.5  # WCAG AA for body text

Dims = Sequence[tuple[int, int, str]]  # (start, end, note) of each template sentence


def dim_ink(text: str, base: str) -> str:
    """The dimmed ink for text colour `text` on background `base` ("#rrggbb"):
    TEMPLATE_INK where it reads well enough (light themes), else the colour between the two
    nearest the background that still does (dark themes)."""
    if contrast(TEMPLATE_INK, base) >= LEGIBLE:
        return TEMPLATE_INK
    ink, back = ([int(colour[i:i + 2], 16) for i in (1, 3, 5)] for colour in (text, base))
    for step in range(10, -1, -1):  # from the background towards the text's own colour
        share = step / 10
        mixed = "#" + "".join(f"{round(a * (1 - share) + b * share):02x}"
                              for a, b in zip(ink, back, strict=True))
        if contrast(mixed, base) >= LEGIBLE:
            return mixed
    return text


def marked_html(text: str, marks: Marks = (), dims: Dims = (), *, ink: str = TEMPLATE_INK,
                pre: bool = True) -> str:
    """`text` as escaped HTML: the (start, end) spans of `marks` highlighted, those of
    `dims` in `ink` with their note as a tooltip. Spans may overlap each other and run past
    the text's ends (a text shown in pieces cuts them at the piece)."""
    length = len(text)
    cuts = {0, length}
    for start, end in marks:
        cuts.update((min(max(start, 0), length), min(max(end, 0), length)))
    for start, end, _note in dims:
        cuts.update((min(max(start, 0), length), min(max(end, 0), length)))
    bounds = sorted(cuts)
    parts = []
    for start, end in pairwise(bounds):
        escaped = html.escape(text[start:end])
        highlighted = any(a <= start and end <= b for a, b in marks)
        note = next((n for a, b, n in dims if a <= start and end <= b), None)
        if note is not None:
            # A highlighted word inside keeps the highlight's own dark ink.
            style = _HIGHLIGHT_STYLE if highlighted else f"color:{ink}"
            parts.append(f'<span style="{style}" title="{html.escape(note)}">{escaped}</span>')
        elif highlighted:
            parts.append(f'<span style="{_HIGHLIGHT_STYLE}">{escaped}</span>')
        else:
            parts.append(escaped)
    body = "".join(parts)
    return f'<span style="white-space:pre-wrap">{body}</span>' if pre else body
