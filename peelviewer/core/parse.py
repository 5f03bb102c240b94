"""Report text to Reports: each layout says how sure it is that the text is its kind, and the
surest one parses it."""

from __future__ import annotations

from peelviewer.core.layouts import LAYOUTS, REFUSING_LAYOUT
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.model import Report

__all__ = ["ParseError", "parse_reports", "parse_text"]


def parse_reports(text: str) -> list[Report]:
    """Every report in the text (a 2018/19 integrated PDF holds three); ParseError with the
    reason when the text is no PEEL report we can read."""
    best_score, best = 0.0, REFUSING_LAYOUT  # its parse says best why a text is no report
    for layout in LAYOUTS:
        score = layout.score(text)
        if score > best_score:
            best_score, best = score, layout
        if score >= 1.0:
            break  # sure: no need to ask the others
    return best.parse(text)


def parse_text(text: str) -> Report:
    """The first (usually the only) report in the text."""
    return parse_reports(text)[0]
