"""A compared section's HTML taken apart at its sentence rows, for the Compare view (which
shows it piece by piece) and the PDF alike. Sentences only on one side that stand between
the same two rows are set level, each side in its own order, as a side-by-side diff shows a
block of deletions beside a block of insertions: no half of the page runs empty beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peelviewer.core.comparison.compare import Section
from peelviewer.core.comparison.diff import DELETE, INSERT, Row
from peelviewer.core.comparison.html import TemplateMarks, section_html

_ROW_START = re.compile(r"\n(?=<tr>)")  # report text is escaped, so never inside a row
_HEAD_END = "</th></tr>"  # the sentence table opens with a row of column titles
_CELL_END = "</td><td"  # between a row's two cells
LEFT, RIGHT, BOTH = 0, 1, -1  # the side of a row a change is on


@dataclass(frozen=True)
class SectionRows:
    """`head` runs up to the sentence table's column titles, the table left open; `rows` are
    the rows as shown, `shown_at[i]` the one that holds the comparison's row i; `rest` is
    what follows the table (findings)."""

    head: str
    table_open: str
    rows: tuple[str, ...]
    shown_at: tuple[int, ...]
    rest: str

    def html(self) -> str:
        return f"{self.head}{chr(10).join(self.rows)}</table>{self.rest}"


def section_rows(section: Section, left_title: str, right_title: str, *,
                 scales_differ: bool = False,
                 templates: TemplateMarks | None = None) -> SectionRows | str:
    """The section's HTML taken apart, or whole (a str) when its table cannot be found;
    the template sentences in `templates` dimmed."""
    html = section_html(section, left_title, right_title, anchors=False,
                        scales_differ=scales_differ, templates=templates)
    head_end = html.find(_HEAD_END)
    table_at = html.rfind("<table", 0, head_end)
    rows_end = html.find("</table>", head_end)
    if min(head_end, table_at, rows_end) < 0:
        return html
    rows_at = head_end + len(_HEAD_END)
    rows = _ROW_START.split(html[rows_at:rows_end])
    if len(rows) != len(section.comparison.rows) or not rows:  # "(no text on either side)"
        return html
    shown, shown_at = level(rows, [row.kind for row in section.comparison.rows])
    return SectionRows(html[:rows_at], html[table_at:html.index(">", table_at) + 1],
                       tuple(shown), tuple(shown_at), html[rows_end + len("</table>"):])


def level(rows: list[str], kinds: list[str]) -> tuple[list[str], list[int]]:
    """Rows as shown: each run of sentences only on one side set level, the k-th left-only
    one beside the k-th right-only one; and where each row went."""
    shown: list[str] = []
    shown_at: list[int] = []
    index = 0
    while index < len(rows):
        end = index
        while end < len(rows) and kinds[end] in (DELETE, INSERT):
            end += 1
        if end == index:
            shown_at.append(len(shown))
            shown.append(rows[index])
            index += 1
            continue
        lefts = [i for i in range(index, end) if kinds[i] == DELETE]
        rights = [i for i in range(index, end) if kinds[i] == INSERT]
        first = len(shown)
        for k in range(max(len(lefts), len(rights))):
            left = lefts[k] if k < len(lefts) else None
            right = rights[k] if k < len(rights) else None
            # A missing side takes the other row's own empty cell (its paragraph spacing).
            cells = [_cells(rows[right if left is None else left])[0],
                     _cells(rows[left if right is None else right])[1]]
            shown.append(f"<tr>{cells[0]}{cells[1]}</tr>")
        for i in range(index, end):
            where = lefts.index(i) if kinds[i] == DELETE else rights.index(i)
            shown_at.append(first + where)
        index = end
    return shown, shown_at


def _cells(row: str) -> tuple[str, str]:
    """A row's two cells: `<tr><td…>…</td><td…>…</td></tr>`."""
    middle = row.index(_CELL_END) + len("</td>")
    return row[len("<tr>"):middle], row[middle:-len("</tr>")]


def change_side(row: Row) -> int:
    """Which cell of its row a sentence row is in: LEFT, RIGHT or BOTH."""
    if row.right is None:
        return LEFT
    return RIGHT if row.left is None else BOTH
