"""A whole comparison as pieces of HTML, in reading order: each section's heading, its
sentence rows in small groups (tables of their own, every cell half the width, so they line
up), and what follows them. The view shows and replaces pieces one at a time, so a long
report never holds the window up and a toggle redraws only the pieces it changed."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from peelviewer.core.compare import ReportComparison, Section
from peelviewer.core.report_html import legend_html, section_html

# Rows are grouped where their own text says (a row whose checksum is a multiple of
# GROUP_EVERY ends a group), not by counting: a row added or removed near the top then
# changes only its own group, not every group after it.
GROUP_EVERY = 8
MIN_GROUP = 4
MAX_GROUP = 24
SECTION_VERSIONS = 4  # diffs of one section kept per pair of reports
_ROW_START = re.compile(r"\n(?=<tr>)")  # report text is escaped, so never inside a row


@dataclass(frozen=True)
class Piece:
    """One frame's worth of HTML. `rows` sentence rows of section `section` from its row
    `first_row` (rows pieces); a heading piece starts a section."""

    html: str
    section: int
    first_row: int = 0
    rows: int = 0
    heading: bool = False


def section_pieces(section: Section, index: int, left_title: str, right_title: str, *,
                   scales_differ: bool = False) -> list[Piece]:
    """A section as a heading piece, rows pieces and the rest (findings)."""
    html = section_html(section, left_title, right_title, anchors=False,
                        scales_differ=scales_differ)
    # The sentence table is the first whose first row is of column titles; report text is
    # escaped, so none of these marks can come from it.
    head_end = html.find("</th></tr>")
    table_at = html.rfind("<table", 0, head_end)
    rows_end = html.find("</table>", head_end)
    if min(head_end, table_at, rows_end) < 0:
        return [Piece(html, index, heading=True)]  # laid out some other way: shown whole
    rows_at = head_end + len("</th></tr>")
    rows = _ROW_START.split(html[rows_at:rows_end].lstrip("\n"))
    if len(rows) != len(section.comparison.rows) or not section.comparison.rows:
        # "(no text on either side)", or rows we cannot count: no row to go to.
        return [Piece(html[:rows_end + len("</table>")], index, heading=True),
                *_rest(html[rows_end + len("</table>"):], index, 0)]
    table_open = html[table_at:html.index(">", table_at) + 1]
    pieces = [Piece(html[:rows_at] + "</table>", index, heading=True)]
    first = 0
    for group in _groups(rows):
        pieces.append(Piece(f"{table_open}{''.join(group)}</table>", index, first, len(group)))
        first += len(group)
    return pieces + _rest(html[rows_end + len("</table>"):], index, first)


def _rest(html: str, index: int, after_row: int) -> list[Piece]:
    """What follows the sentence rows (findings), if anything."""
    return [Piece(html, index, after_row)] if html.strip() else []


def _groups(rows: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    group: list[str] = []
    for row in rows:
        group.append(row)
        if len(group) >= MAX_GROUP or (
                len(group) >= MIN_GROUP and zlib.crc32(row.encode()) % GROUP_EVERY == 0):
            groups.append(group)
            group = []
    if group:
        groups.append(group)
    return groups


def report_pieces(comparison: ReportComparison, left_title: str, right_title: str, *,
                  cache: dict | None = None) -> list[Piece]:
    """Every section's pieces, then the key. `cache` (one per pair of reports) keeps each
    section's pieces for the diffs it has seen, so a toggle that leaves a section as it was,
    or returns to an earlier state, builds none of its HTML again."""
    pieces: list[Piece] = []
    for index, section in enumerate(comparison.sections):
        seen = cache.setdefault((index, section.key), []) if cache is not None else []
        # The same Section object when the diff came from the cache; an equal one when
        # the options changed nothing in this section.
        found = next((known for shown, known in seen if shown is section), None)
        if found is None:
            found = next((known for shown, known in seen if shown == section), None)
        if found is None:
            found = section_pieces(section, index, left_title, right_title,
                                   scales_differ=comparison.scales_differ)
            seen.append((section, found))
            del seen[:-SECTION_VERSIONS]
        pieces += found
    pieces.append(Piece(legend_html(), len(comparison.sections)))
    return pieces
