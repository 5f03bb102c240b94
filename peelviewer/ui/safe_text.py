"""Report text in places where Qt would guess whether a string is HTML: labels and
tooltips."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "", *, bold: bool = False, size: float = 0.0,
                wrap: bool = True) -> QLabel:
    """A label that shows its text as it is, never as markup; selectable, to copy from."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or size:
        font = QFont(label.font())
        font.setBold(bold)
        if size:
            font.setPointSizeF(font.pointSizeF() * size)
        label.setFont(font)
    return label


def tooltip(text: str) -> str:
    """`text` as a tooltip that shows exactly these characters, line breaks kept. Qt treats
    a tooltip that looks like markup as markup, and report text can look like anything."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"
