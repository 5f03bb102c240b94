"""Report text in places where Qt would guess whether a string is HTML (tooltips)."""

from html import escape


def tooltip(text: str) -> str:
    """`text` as a tooltip that shows exactly these characters, line breaks kept. Qt treats
    a tooltip that looks like markup as markup, and report text can look like anything."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"
