"""What every report layout provides: how sure it is that a text is its kind, and a parse."""

from __future__ import annotations

from typing import Protocol

from peelviewer.core.model import Report


class ParseError(ValueError):
    """The text is not a PEEL report page we can read; str() is the reason for the user."""


class Layout(Protocol):
    name: str

    def score(self, text: str) -> float:
        """0 when the text is surely not this layout, up to 1 when it surely is. Cheap: it
        looks for a title, never parses the whole text."""

    def parse(self, text: str) -> list[Report]:
        """Every report the text holds, in order; ParseError says why there is none."""
