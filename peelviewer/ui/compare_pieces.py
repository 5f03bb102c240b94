"""A whole comparison as pieces of HTML, in reading order: each section's heading, its
sentence rows in small groups (tables of their own, every cell half the width, so they line
up), and what follows them. The view shows and replaces pieces one at a time, so a long
report never holds the window up and a toggle redraws only the pieces it changed."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from peelviewer.core.comparison.compare import ReportComparison, Section
from peelviewer.core.comparison.html import TemplateMarks, legend_html
from peelviewer.core.comparison.section_rows import section_rows

# Rows are grouped where their own text says (a row whose text's checksum is a multiple of
# GROUP_EVERY ends a group), not by counting: a row added or removed near the top then
# changes only its own group, not every group after it; and marks drawn on the text (word
# highlights, dimmed template sentences) change what a group shows, never where it ends.
GROUP_EVERY = 8
MIN_GROUP = 4
MAX_GROUP = 24
SECTION_VERSIONS = 4  # diffs of one section kept per pair of reports
_TAG = re.compile(r"<[^>]*>")  # report text is escaped: every "<" opens one of our tags


@dataclass(frozen=True)
class Piece:
    """One frame's worth of HTML. `rows` rows as shown of section `section`, from its shown
    row `first_row` (rows pieces); a heading piece starts a section."""

    html: str
    section: int
    first_row: int = 0
    rows: int = 0
    heading: bool = False


@dataclass(frozen=True)
class ReportPieces:
    """The pieces, and for each section where each of its comparison rows is shown (rows
    only on one side share a row; a section shown whole has none)."""

    pieces: list[Piece]
    shown_at: dict[int, tuple[int, ...]] = field(default_factory=dict)


def section_pieces(section: Section, index: int, left_title: str, right_title: str, *,
                   scales_differ: bool = False, templates: TemplateMarks | None = None
                   ) -> tuple[list[Piece], tuple[int, ...]]:
    """A section as a heading piece, rows pieces and the rest (findings), and where each of
    its rows is shown; the template sentences in `templates` dimmed."""
    parts = section_rows(section, left_title, right_title, scales_differ=scales_differ,
                         templates=templates)
    if isinstance(parts, str):  # laid out some other way: shown whole, no row to go to
        return [Piece(parts, index, heading=True)], ()
    pieces = [Piece(parts.head + "</table>", index, heading=True)]
    first = 0
    for group in _groups(list(parts.rows)):
        pieces.append(Piece(f"{parts.table_open}{''.join(group)}</table>", index, first,
                            len(group)))
        first += len(group)
    if parts.rest.strip():
        pieces.append(Piece(parts.rest, index, first))
    return pieces, parts.shown_at


def _groups(rows: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    group: list[str] = []
    for row in rows:
        group.append(row)
        if len(group) >= MAX_GROUP or (
                len(group) >= MIN_GROUP
                and zlib.crc32(_TAG.sub("", row).encode()) % GROUP_EVERY == 0):
            groups.append(group)
            group = []
    if group:
        groups.append(group)
    return groups


def report_pieces(comparison: ReportComparison, left_title: str, right_title: str, *,
                  cache: dict | None = None,
                  templates: TemplateMarks | None = None) -> ReportPieces:
    """Every section's pieces, then the key; the template sentences in `templates` dimmed.
    `cache` (one per pair of reports and templates) keeps each section's pieces for the
    diffs it has seen, so a toggle that leaves a section as it was, or returns to an earlier
    state, builds none of its HTML again."""
    pieces: list[Piece] = []
    shown_at: dict[int, tuple[int, ...]] = {}
    for index, section in enumerate(comparison.sections):
        seen = cache.setdefault((index, section.key), []) if cache is not None else []
        # The same Section object when the diff came from the cache; an equal one when
        # the options changed nothing in this section.
        found = next((known for shown, known in seen if shown is section), None)
        if found is None:
            found = next((known for shown, known in seen if shown == section), None)
        if found is None:
            found = section_pieces(section, index, left_title, right_title,
                                   scales_differ=comparison.scales_differ,
                                   templates=templates)
            seen.append((section, found))
            del seen[:-SECTION_VERSIONS]
        pieces += found[0]
        shown_at[index] = found[1]
    pieces.append(Piece(legend_html(templates=bool(templates)), len(comparison.sections)))
    return ReportPieces(pieces, shown_at)
