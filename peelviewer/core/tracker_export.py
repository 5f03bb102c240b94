"""The findings tracker's exports: a CSV of every column, and an HTML page (for a landscape
PDF) of what the user sees, every piece of report or user text escaped."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from peelviewer.core.export_csv import write_table_csv
from peelviewer.core.model import section_label
from peelviewer.core.tracker import RAG_COLOURS, TrackedFinding
from peelviewer.core.tracker_links import Link
from peelviewer.core.wording import count_of

CSV_COLUMNS = ("Force", "Cycle", "Section", "Question number", "Question key",
               "Question or area", "Kind", "Finding", "Lead-in", "Raised before", "Status",
               "RAG", "Owner", "Due", "Notes", "Updated", "Key")


def links_text(links: Sequence[Link]) -> str:
    return "\n".join(link.describe() for link in links)


def tracker_csv(rows: Sequence[TrackedFinding], links: dict[str, tuple[Link, ...]],
                path: Path) -> None:
    """Every column of `rows`, links as "2016 (92%): <text>", one per line of the cell; a
    spreadsheet opens it as it is (write_table_csv: no cell runs as a formula)."""
    write_table_csv(Path(path), CSV_COLUMNS, (
        [row.force_name, row.cycle, section_label(row.section),
         "" if row.question_number is None else row.question_number,
         row.question_key or "", row.question_label, row.kind_label, row.text,
         row.lead_in, links_text(links.get(row.key, ())), row.status, row.rag,
         row.owner, row.due, row.notes, row.updated_at, row.key] for row in rows))


def tracker_html(rows: Sequence[TrackedFinding], links: dict[str, tuple[Link, ...]],
                 title: str, filters_text: str) -> str:
    """The tracker as a page for a landscape PDF: title, date made, filters, and a table
    whose headings repeat on every page. Every piece of report or user text is escaped."""
    e = html.escape
    heads = ("Force", "Cycle", "Question / area", "Kind", "Finding", "Raised before",
             "Status", "RAG", "Owner", "Due", "Notes")
    widths = (7, 5, 10, 12, 20, 13, 7, 6, 7, 6, 7)  # "Recommendation" and "improvement" whole
    head = "".join(f'<th width="{w}%" align="left">{e(h)}</th>'
                   for h, w in zip(heads, widths, strict=True))
    body = []
    for row in rows:
        finding = e(row.text)
        if row.lead_in:
            finding = f"<i>{e(row.lead_in)}</i><br>{finding}"
        linked = "<br>".join(e(link.describe()) for link in links.get(row.key, ()))
        rag = e(row.rag.capitalize())
        if row.rag in RAG_COLOURS:
            rag = f'<span style="color:{RAG_COLOURS[row.rag]}">&#9632;</span> {rag}'
        cells = (e(row.force_name), e(row.cycle), e(row.question), e(row.kind_label), finding,
                 linked, e(row.status.capitalize()), rag, e(row.owner), e(row.due),
                 e(row.notes).replace("\n", "<br>"))
        body.append("<tr>" + "".join(f'<td valign="top">{c}</td>' for c in cells) + "</tr>")
    made = dt.date.today().isoformat()
    count = count_of(len(rows), "finding").capitalize()
    return (f"<html><body><h2>{e(title)}</h2>"
            f"<p>Made {e(made)}. {e(count)}. Filters: {e(filters_text or 'none')}.</p>"
            '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
            'style="border-collapse: collapse; border-color: #888888; font-size: 7pt">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            "</body></html>")
