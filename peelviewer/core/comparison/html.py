"""Comparisons as HTML built from escaped pieces (report text never becomes markup), shared by
the compare view and the exported PDF. Highlights carry a text decoration as well as a colour
so they survive greyscale printing."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import zip_longest

from peelviewer.core.colours import TEMPLATE_INK, fill_for, ink_for
from peelviewer.core.comparison.compare import Section, Side
from peelviewer.core.comparison.diff import (
    DELETE,
    EQUAL,
    INSERT,
    MOVED,
    REPLACE,
    TOPIC,
    Row,
    tokenize_words,
)
from peelviewer.core.comparison.findings_match import FindingPair
from peelviewer.core.comparison.grade_change import DECLINED, IMPROVED
from peelviewer.core.grid import Cell
from peelviewer.core.model import FINDING_TITLES, Report
from peelviewer.core.sentences import Sentence
from peelviewer.core.template_text import TEMPLATE_FORCES, template_spans

# Sentence tints (light, so word highlights stand out on top of them).
TINTS = {REPLACE: "#FFF4CC", DELETE: "#FBE1DD", INSERT: "#DDF0E1", MOVED: "#DCE9F7",
         TOPIC: "#ECE6F5"}
DELETED_WORDS = "background-color:#F2B2A8; text-decoration:line-through;"
INSERTED_WORDS = "background-color:#A9D8B4; text-decoration:underline;"
MARKERS = {DELETE: "−", INSERT: "+", MOVED: "⇅", REPLACE: "~", TOPIC: "≈"}
GREY = "#505A5F"
# Findings: a word and a sign for each status, on a tint that is only a second cue.
FINDING_TINTS = {"=": "#E8E9EA", "+": TINTS[INSERT], "−": TINTS[DELETE]}
# Template sentences: a grey that reads at 4.5:1 or more on white and on every tint above; a
# changed word in one keeps a dark ink (the grey is too light on the word highlights).
CHANGED_INK = "#0B0C0C"
SCALE_NOTE = ("Grades on different scales: four grades up to 2018/19, five (Adequate added) "
              "from 2021/22. They are not directly comparable.")


@dataclass(frozen=True)
class TemplateMarks:
    """The template sentences of two compared reports' texts: for each side, by text, the
    sentences' starts and how many forces' reports of the side's cycle hold them."""

    cycles: tuple[str, str]
    found: tuple[dict[str, dict[int, int]], dict[str, dict[int, int]]] = field(
        default_factory=lambda: ({}, {}))

    def note(self, side: str, text: str, sentence: Sentence) -> str | None:
        """The tooltip of a template sentence of `text` on "left" or "right"; None for a
        sentence of the force's own."""
        index = 0 if side == "left" else 1
        forces = self.found[index].get(text, {}).get(sentence.start)
        if forces is None:
            return None
        return f"Template text: in {forces} forces' reports of PEEL {self.cycles[index]}"

    def __bool__(self) -> bool:
        return any(spans for side in self.found for spans in side.values())


def template_marks(conn: sqlite3.Connection, left: Report, right: Report) -> TemplateMarks:
    """Each text of two reports (summary, narratives) looked up once in the sentence index
    of its own force and cycle."""
    found: tuple[dict[str, dict[int, int]], dict[str, dict[int, int]]] = ({}, {})
    for side, report in zip(found, (left, right), strict=True):
        for text in (report.summary, *(q.narrative for q in report.questions)):
            if text and text not in side:
                side[text] = {span.start: span.forces for span in
                              template_spans(conn, report.force_id, report.cycle, text)}
    return TemplateMarks((left.cycle, right.cycle), found)


def grade_chip(side: Side | None) -> str:
    """A coloured chip with the grade's words (and how it is known)."""
    if side is None:
        return f'<span style="color:{GREY};">not in this report</span>'
    cell = Cell(side.judgment, has_report=True, graded=side.graded)
    return (f'<span style="background-color:{fill_for(cell.code)}; '
            f'color:{ink_for(cell.code)}; font-weight:bold;">'
            f"&nbsp;{escape(cell.describe())}&nbsp;</span>")


def _marked(text: str, changed: set[int], style: str) -> str:
    """`text` escaped, with runs of changed tokens (and the spaces inside a run) in spans."""
    tokens = tokenize_words(text)
    out, position, index = [], 0, 0
    while index < len(tokens):
        if index not in changed:
            index += 1
            continue
        last = index
        while last + 1 < len(tokens) and last + 1 in changed:
            last += 1
        start, end = tokens[index][1], tokens[last][2]
        out.append(escape(text[position:start]))
        out.append(f'<span style="{style}">{escape(text[start:end])}</span>')
        position, index = end, last + 1
    out.append(escape(text[position:]))
    return "".join(out)


def _changed_tokens(row: Row, side: str) -> set[int]:
    changed: set[int] = set()
    for tag, a_start, a_end, b_start, b_end in row.words:
        if tag == EQUAL:
            continue
        if side == "left" and tag in (REPLACE, DELETE):
            changed.update(range(a_start, a_end))
        if side == "right" and tag in (REPLACE, INSERT):
            changed.update(range(b_start, b_end))
    return changed


def _cell(row: Row, side: str, *, new_paragraph: bool, note: str | None = None) -> str:
    """A sentence's cell; `note` says it is template text (dimmed, the note its tooltip)."""
    sentence = row.left if side == "left" else row.right
    top = "padding-top:8px;" if new_paragraph else ""
    if sentence is None:
        return f'<td width="50%" style="{top}"></td>'
    tint = TINTS.get(row.kind)
    background = f"background-color:{tint};" if tint else ""
    if row.kind in (REPLACE, MOVED) and row.words:
        style = DELETED_WORDS if side == "left" else INSERTED_WORDS
        if note is not None:
            style += f" color:{CHANGED_INK};"
        body = _marked(sentence.text, _changed_tokens(row, side), style)
    else:  # a whole sentence on one side: its marker says so, in colour or greyscale
        body = escape(sentence.text)
    if note is not None:
        body = f'<span style="color:{TEMPLATE_INK};" title="{escape(note)}">{body}</span>'
    marker = MARKERS.get(row.kind)
    if marker:
        note = " moved" if row.kind == MOVED else ""
        body = f'<b style="color:{GREY};">{marker}{note}</b> {body}'
    return f'<td width="50%" style="{top}{background}">{body}</td>'


def table_rows(rows: Sequence[Row], *, packed: bool = False) -> list[tuple[int | None,
                                                                          int | None]]:
    """Which row of the diff each table row shows in its left and in its right cell.

    Unpacked, table row i is diff row i in both cells: (i, i). Packed, a run of diff rows
    that each have one side only (between two rows that pair sentences) is laid side by
    side: its left sentences down the left cells and its right sentences down the right
    ones, level from the top of the run, so no page is half empty; each side still reads
    in its own order, and the markers say the sentences are not a pair.
    """
    if not packed:
        return [(index, index) for index in range(len(rows))]
    placed: list[tuple[int | None, int | None]] = []
    run: list[int] = []
    for index, row in enumerate([*rows, None]):
        if row is not None and (row.left is None) != (row.right is None):
            run.append(index)
            continue
        lefts = [i for i in run if rows[i].left is not None]
        rights = [i for i in run if rows[i].right is not None]
        placed += zip_longest(lefts, rights)
        run = []
        if row is not None:
            placed.append((index, index))
    return placed


def sentence_rows_html(section: Section, *, anchors: bool = True, packed: bool = False,
                       templates: TemplateMarks | None = None) -> str:
    """The aligned sentences of a section as table rows (`table_rows` says which diff row
    each cell shows); change k carries anchor change-k; the template sentences in
    `templates` dimmed."""
    rows = section.comparison.rows
    changes = {index: k for k, index in enumerate(section.comparison.changes())}
    html = []
    last_paragraph = {"left": -1, "right": -1}
    for cells in table_rows(rows, packed=packed):
        new_paragraph = False
        for side, index in zip(("left", "right"), cells, strict=True):
            sentence = None if index is None else getattr(rows[index], side)
            if sentence is not None:
                new_paragraph |= last_paragraph[side] not in (-1, sentence.paragraph)
                last_paragraph[side] = sentence.paragraph
        shown = []
        for side, index in zip(("left", "right"), cells, strict=True):
            top = "padding-top:8px;" if new_paragraph else ""
            cell = (f'<td width="50%" style="{top}"></td>' if index is None
                    else _cell(rows[index], side, new_paragraph=new_paragraph,
                               note=_note(section, rows[index], side, templates)))
            # The anchor goes in the left cell, or the right one of a packed right-only row.
            anchored = side == "left" if cells[0] == cells[1] else index is not None
            if anchors and anchored and index in changes:
                cell = cell.replace(">", f'><a name="change-{changes[index]}"></a>', 1)
            shown.append(cell)
        html.append(f"<tr>{''.join(shown)}</tr>")
    if not html:
        html.append(f'<tr><td colspan="2" style="color:{GREY};">(no text on either side)'
                    "</td></tr>")
    return "\n".join(html)


def _note(section: Section, row: Row, side: str,
          templates: TemplateMarks | None) -> str | None:
    sentence = row.left if side == "left" else row.right
    if templates is None or sentence is None:
        return None
    text = section.left_text if side == "left" else section.right_text
    return templates.note(side, text, sentence)


def findings_html(side: Side | None) -> str:
    if side is None or not side.findings:
        return f'<p style="color:{GREY};">No findings.</p>'
    parts = []
    for kind, title in FINDING_TITLES.items():
        items = [f for f in side.findings if f.kind == kind]
        if not items:
            continue
        parts.append(f"<p><b>{title} ({len(items)})</b></p>")
        lead_in = None
        bullets = []
        for finding in items:
            if finding.lead_in and finding.lead_in != lead_in:
                if bullets:
                    parts.append("<ul>" + "".join(bullets) + "</ul>")
                    bullets = []
                lead_in = finding.lead_in
                parts.append(f"<p><i>{escape(lead_in)}</i></p>")
            detail = (f'<br/><span style="color:{GREY};">{escape(finding.detail)}</span>'
                      if finding.detail else "")
            bullets.append(f"<li>{escape(finding.text)}{detail}</li>")
        parts.append("<ul>" + "".join(bullets) + "</ul>")
    return "".join(parts)


def grade_change_html(section: Section) -> str:
    """The grade row that opens a section: both grades, and the change in words."""
    change = section.grade_change
    if change is None:
        return ""
    weight = "font-weight:bold;" if change.kind in (IMPROVED, DECLINED) else ""
    return (f"<p><b>Grade:</b> {grade_chip(section.left)} → "
            f"{grade_chip(section.right)} · "
            f'<span style="{weight}">{escape(change.label)}</span></p>')


def findings_match_html(pairs: tuple[FindingPair, ...]) -> str:
    """Both sides' findings level, each kind under its title, each finding marked persisting,
    new or no longer listed (in both, left only or right only for two forces)."""
    if not pairs:
        return f'<p style="color:{GREY};">No findings on either side.</p>'
    rows = []
    lead_ins = {"left": "", "right": ""}
    for kind, title in FINDING_TITLES.items():
        of_kind = [pair for pair in pairs if pair.kind == kind]
        if not of_kind:
            continue
        counts = (sum(p.left is not None for p in of_kind),
                  sum(p.right is not None for p in of_kind))
        rows.append(f'<tr><td colspan="2" style="padding-top:8px;"><b>{escape(title)}</b> '
                    f'<span style="color:{GREY};">({counts[0]} left · {counts[1]} right)'
                    "</span></td></tr>")
        for pair in of_kind:
            cells = [_finding_cell(pair, side, lead_ins) for side in ("left", "right")]
            rows.append(f"<tr>{''.join(cells)}</tr>")
    return ('<p><b>Findings</b></p><table width="100%" cellspacing="0" cellpadding="4" '
            f'border="0">{"".join(rows)}</table>')


def _finding_cell(pair: FindingPair, side: str, lead_ins: dict[str, str]) -> str:
    finding = pair.left if side == "left" else pair.right
    if finding is None:
        return '<td width="50%"></td>'
    parts = [f'<b style="color:{GREY};">{pair.sign} {escape(pair.label)}</b> ']
    if finding.lead_in and finding.lead_in != lead_ins[side]:
        parts.append(f"<i>{escape(finding.lead_in)}</i> ")
    lead_ins[side] = finding.lead_in
    parts.append(escape(finding.text))
    if finding.detail:
        parts.append(f'<br/><span style="color:{GREY};">{escape(finding.detail)}</span>')
    return (f'<td width="50%" valign="top" style="background-color:{FINDING_TINTS[pair.sign]};">'
            f'{"".join(parts)}</td>')


def section_html(section: Section, left_title: str, right_title: str, *,
                 anchors: bool = True, scales_differ: bool = False,
                 packed: bool = False, templates: TemplateMarks | None = None) -> str:
    """One section: heading, the grade row, similarity, aligned sentences (one-sided runs
    side by side when `packed`; see `table_rows`; template sentences in `templates`
    dimmed), findings matched."""
    similarity = section.comparison.similarity
    heading = (f'<h3>{escape(section.title)}</h3>{grade_change_html(section)}'
               f'<p style="color:{GREY};">Text similarity {similarity:.0f}% · '
               f"{len(section.comparison.changes())} changes · "
               f"{'paired by topic' if section.comparison.by_topic else 'in reading order'}</p>")
    if scales_differ:
        heading += f'<p style="color:#7A4100;"><b>{escape(SCALE_NOTE)}</b></p>'

    head = (f'<tr><th width="50%" align="left">{escape(left_title)}<br/>'
            f"{grade_chip(section.left)}</th>"
            f'<th width="50%" align="left">{escape(right_title)}<br/>'
            f"{grade_chip(section.right)}</th></tr>")
    rows = sentence_rows_html(section, anchors=anchors, packed=packed, templates=templates)
    table = ('<table width="100%" cellspacing="0" cellpadding="4" border="0">'
             f"{head}{rows}</table>")
    if section.key == "summary":
        return heading + table
    return heading + table + findings_match_html(section.findings)


def legend_html(*, templates: bool = False) -> str:
    """The key to the marks; with `templates`, to dimmed template text too."""
    template = (f' · <span style="color:{TEMPLATE_INK};">grey text</span>: template wording '
                f"found in at least {TEMPLATE_FORCES} forces' reports of the cycle"
                if templates else "")
    return (f'<p style="color:{GREY};">Key: <span style="{DELETED_WORDS}">words only on the '
            f'left</span> · <span style="{INSERTED_WORDS}">words only on the right</span> · '
            f'<b>{MARKERS[DELETE]}</b> sentence only on the left · <b>{MARKERS[INSERT]}</b> '
            f'only on the right · <b>{MARKERS[MOVED]}</b> moved · <b>{MARKERS[REPLACE]}</b> '
            f"edited · <b>{MARKERS[TOPIC]}</b> on the same topic (compared by topic){template}. "
            "Findings: <b>= persisting</b> (or in both), <b>+ new</b> (or right only), "
            "<b>− no longer listed</b> (or left only).</p>")
