"""What the layouts say about one line printed in a PDF: enough for the PDF extraction to join
a page's lines into the paragraphs the layouts read (pdftext.LineRoles). The pillar pages'
line classifier and the 2021/22-onwards one both have their say; extraction knows neither."""

from __future__ import annotations

import re

from peelviewer.core import lines as L
from peelviewer.core.layouts import modern_lines as M
from peelviewer.core.lines import Kind
from peelviewer.core.model import PILLARS
from peelviewer.core.pdftext import LineRole

# Lines of a pillar page that are more than prose: each a paragraph of its own, and report
# text even when it opens or closes many pages.
_STRUCTURAL = frozenset({Kind.NUMBER, Kind.GRADE, Kind.IMPROVEMENT_AREAS, Kind.CAUSES,
                         Kind.RECOMMENDATIONS, Kind.PRACTICE, Kind.QUESTIONS_FOR, Kind.DATE,
                         Kind.TITLE, Kind.UNGRADED})
# Lines of a 2021/22-onwards report never joined to their neighbours.
_MODERN_ALONE = frozenset({M.HEADING, M.AREA, M.ROW, M.GRADE, M.LABEL, M.TABLE_HEADER})
# An official report's cover title: "PEEL 2017", "PEEL assessment 2018/19".
_BARE_PEEL_TITLE = re.compile(r"^PEEL(?:\s+assessment)?:?\s+20\d\d(?:\s*[/–-]\s*\d{2,4})?$",
                              re.I)


class PrintedLines:
    """The roles of printed lines in every layout this version reads."""

    def role(self, text: str) -> LineRole:
        line = L.classify(text)
        kind = line.kind if line is not None else None
        structural = kind in _STRUCTURAL
        # "inadequate." alone on a line ends a wrapped sentence; a grade line has no full stop.
        alone = (structural and not (kind is Kind.GRADE and text.endswith("."))) or (
            _stands_alone(text))
        return LineRole(bullet=kind is Kind.BULLET, alone=alone,
                        ends_entry=bool(M.CONTENTS_LINE.search(text)), structural=structural)

    def is_bullet(self, text: str) -> bool:
        line = L.classify(text)
        return line is not None and line.kind is Kind.BULLET


def _stands_alone(text: str) -> bool:
    """Headings, area names and table rows of a 2021/22-onwards report, a pillar's heading
    and an official report's cover title: lines never joined to their neighbours."""
    if len(text) > 120:
        return False
    if text.lower() in PILLARS:  # a pillar's heading ("Legitimacy")
        return True
    if text.endswith("."):  # a sentence's end, even when it is one grade word
        return False
    line = M.classify(text)
    return (line is not None and line.kind in _MODERN_ALONE) or bool(
        _BARE_PEEL_TITLE.match(text))


PRINTED_LINES = PrintedLines()
