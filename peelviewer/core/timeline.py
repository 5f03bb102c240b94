"""One force across every PEEL cycle in the library: its overall grades and its questions or
areas of policing as rows (linked across cycles by catalogue key, or else by their wording),
the cycles as columns, and where the grade scale changes from four grades to five; with CSV
and HTML (for PDF) exports."""

from __future__ import annotations

import dataclasses
import html
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from peelviewer.core.colours import fill_for, ink_for
from peelviewer.core.export_csv import write_table_csv
from peelviewer.core.forces import force_name
from peelviewer.core.framework import TOPICS, topic
from peelviewer.core.grid import Cell, CellCode
from peelviewer.core.model import CYCLES, SECTIONS, Grade, Judgment, scale_of, section_label
from peelviewer.core.wording import count_of

OVERALL = "Overall grades"
TOPIC_ROWS = "Questions and areas"
UNKEYED = "Questions without a catalogue key"
GROUPS = (OVERALL, TOPIC_ROWS, UNKEYED)
SCALE_NOTE = "From 2021/22 forces are graded on five grades: adequate was added"
_LABEL_TEXT = 60  # characters of a question's wording in an unkeyed row's label


@dataclass(frozen=True)
class TimelineCell:
    """One grade of the force: a report's overall grade (number None) or a question's."""

    judgment: Judgment  # the grade and how it is known
    graded: bool
    section: str
    number: int | None
    text: str  # the question's wording (or the report's headline), and any note about it

    @property
    def grade(self) -> Grade | None:
        return self.judgment.grade

    def as_grid_cell(self) -> Cell:
        """The grade grid's cell for the same grade, so the heatmap, its table and the PDF
        page can show a timeline."""
        return Cell(self.judgment, has_report=True, text=self.text, number=self.number,
                    graded=self.graded)

    @property
    def code(self) -> CellCode:
        return CellCode.of(self.grade)

    @property
    def marked(self) -> bool:
        """Carried over or read from the text: hatched and starred, never passed as stated."""
        return self.judgment.marked

    @property
    def letters(self) -> str:
        """"G", "RI*" (marked) or "–" (not graded)."""
        return self.judgment.label

    def describe(self) -> str:
        """The grade in words, as the heatmap says it: "Good (carried over)"."""
        return self.judgment.describe(self.graded)

    @property
    def export_label(self) -> str:
        """The heatmap's words for the grade, with a capital, for the CSV: "Good (read from
        the text)", "Not graded (carried over, grade not stated)"."""
        text = self.describe()
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class TimelineRow:
    # "overall:legitimacy", a catalogue key, or for a question without one its section and
    # folded wording: "efficiency:to what extent is the force efficient in providing policing"
    # ("efficiency:Q3" if it has no words)
    key: str
    label: str
    group: str  # OVERALL, TOPIC_ROWS or UNKEYED
    cells: dict[str, TimelineCell]  # by cycle; a cycle without the question is absent

    @property
    def heading(self) -> str:
        """What the row is called where the group is not shown (exports, screen readers)."""
        return f"{self.label} (overall grade)" if self.group == OVERALL else self.label


@dataclass(frozen=True)
class Timeline:
    force_id: str
    cycles: tuple[str, ...]
    rows: tuple[TimelineRow, ...]
    breaks: tuple[int, ...]  # column indexes whose scale differs from the column before
    report_count: int = 0
    scales: tuple[int | None, ...] = ()  # by column: 4, 5, or None where nothing says

    @property
    def force_name(self) -> str:
        return force_name(self.force_id)

    @property
    def title(self) -> str:
        return f"{self.force_name} across PEEL cycles"

    @property
    def counts(self) -> str:
        """"three cycles, four reports", or for a force without reports, that in words."""
        if not self.cycles:
            return f"No reports of {self.force_name} in the library yet"
        return f"{count_of(len(self.cycles), 'cycle')}, {count_of(self.report_count, 'report')}"

    @property
    def group_starts(self) -> tuple[int, ...]:
        """Row indexes where a group begins (the first row included)."""
        return tuple(i for i, row in enumerate(self.rows)
                     if i == 0 or self.rows[i - 1].group != row.group)

    def scale_words(self, column: int) -> str:
        """"4 grades", or "" where the scale of a column's cycle is not known."""
        scale = self.scales[column] if column < len(self.scales) else None
        return f"{scale} grades" if scale else ""

    def scale_heading(self, column: int) -> str | None:
        """"5 grades" where a column's scale is known and new (the first column, each break,
        and after a cycle of unknown scale)."""
        words = self.scale_words(column)
        if words and (column == 0 or self.scale_words(column - 1) != words):
            return words
        return None

    def missing(self, row: TimelineRow, cycle: str) -> str:
        """Why a cell is empty, in words."""
        if row.group == OVERALL:
            return f"no {row.label.lower()} report for {cycle} in the library"
        return f"not in the force's {cycle} reports in the library"


def cycle_order(cycles: Iterable[str]) -> tuple[str, ...]:
    """The PEEL cycles in their order, then any other names, sorted."""
    found = set(cycles)
    return (*(c for c in CYCLES if c in found), *sorted(found - set(CYCLES)))


def _section_rank(section: str) -> tuple[int, str]:
    return (SECTIONS.index(section) if section in SECTIONS else len(SECTIONS), section)


def _grade(label: str | None) -> Grade | None:
    return Grade.from_label(label) if label else None


_REPORTS = ("select id, cycle, section, grade, grade_source, headline, scale "
            "from reports where force_id = ?")
_QUESTIONS = ("select r.cycle, r.section, q.number, q.key, q.text, q.grade, q.grade_source, "
              "q.carried_over, q.graded, q.previous_grade "
              "from reports r join questions q on q.report_id = r.id "
              "where r.force_id = ? order by q.number, q.id")


def force_timeline(conn: sqlite3.Connection, force_id: str) -> Timeline:
    """The force's timeline from two queries on the (force, cycle, section) and question
    indexes: work in proportion to the force's own reports, never the library's."""
    reports = conn.execute(_REPORTS, [force_id]).fetchall()
    questions = conn.execute(_QUESTIONS, [force_id]).fetchall()
    cycles = cycle_order(r[1] for r in reports)
    rows = [*_overall_rows(reports), *_question_rows(questions)]
    scales = _cycle_scales(cycles, reports, questions)
    breaks = tuple(i for i in range(1, len(cycles))
                   if None not in scales[i - 1:i + 1] and scales[i] != scales[i - 1])
    return Timeline(force_id, cycles, tuple(rows), breaks, len(reports), scales)


def _cycle_scales(cycles: tuple[str, ...], reports: list, questions: list
                  ) -> tuple[int | None, ...]:
    """The framework's scale of each cycle it knows. For any other cycle (the name says
    nothing), the scale its reports show: five if any grade is Adequate, else the scale the
    library records for its reports if they agree, else None."""
    recorded: dict[str, set[int]] = defaultdict(set)
    adequate = set()
    for _id, cycle, _section, grade, _source, _headline, scale in reports:
        recorded[cycle].add(scale)
        if grade == Grade.ADEQUATE.label:
            adequate.add(cycle)
    adequate.update(row[0] for row in questions if row[5] == Grade.ADEQUATE.label)
    scales = []
    for cycle in cycles:
        if cycle in CYCLES:
            scales.append(scale_of(cycle))
        elif cycle in adequate:
            scales.append(5)
        else:
            known = recorded[cycle] - {None}
            scales.append(known.pop() if len(known) == 1 else None)
    return tuple(scales)


def _overall_rows(reports: list) -> list[TimelineRow]:
    by_section: dict[str, dict[str, TimelineCell]] = defaultdict(dict)
    for _id, cycle, section, grade, source, headline, _scale in reports:
        label = section_label(section)
        by_section[section][cycle] = TimelineCell(
            judgment=Judgment(_grade(grade), source), graded=True, section=section,
            number=None,
            text=headline or f"The report's overall {label.lower()} grade")
    rows = []
    for section in sorted(by_section, key=_section_rank):
        cells = by_section[section]
        # Whole-force reports have no overall grade: a row of dashes would say nothing.
        if section in SECTIONS[:-1] or any(c.grade is not None for c in cells.values()):
            rows.append(TimelineRow(f"overall:{section}", section_label(section), OVERALL,
                                    cells))
    return rows


def _question_rows(questions: list) -> list[TimelineRow]:
    # row key -> cycle -> candidate cells; for a row without a catalogue key, the number and
    # wording each cycle asks it with
    found: dict[str, dict[str, list[TimelineCell]]] = defaultdict(lambda: defaultdict(list))
    asked: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for (cycle, section, number, key, text, grade, source, carried, graded,
         previous) in questions:
        # Without a key, only the same words make the same question: a number is reused
        # for a different question from one cycle to the next.
        words = _folded(text or "")
        row_key = key or (f"{section}:{words}" if words else f"{section}:Q{number}")
        found[row_key][cycle].append(TimelineCell(
            judgment=Judgment(_grade(grade), source, bool(carried), _grade(previous)),
            graded=bool(graded), section=section, number=number, text=text or ""))
        if not key:
            asked[row_key].setdefault(cycle, (number, text or ""))
    order = {t.key: i for i, t in enumerate(TOPICS)}
    keyed = sorted((k for k in found if k not in asked),
                   key=lambda k: (order.get(k, len(order)), k))
    rows = []
    for row_key in keyed:
        known = topic(row_key)
        label = known.short if known else _shortened(_latest(found[row_key]).text)
        rows.append(TimelineRow(row_key, label, TOPIC_ROWS, _first_of_each(found[row_key])))
    unkeyed = []
    for row_key, by_cycle in asked.items():
        cells = _first_of_each(found[row_key])
        ordered = cycle_order(by_cycle)
        number, text = by_cycle[ordered[-1]]
        section = cells[ordered[-1]].section
        elsewhere = ", ".join(f"Q{n} in {c}" for c in ordered[:-1]
                              if (n := by_cycle[c][0]) != number)
        label = (f"{section_label(section)} Q{number}"
                 + (f" ({elsewhere})" if elsewhere else "")
                 + (f": {_shortened(text)}" if text.strip() else ""))
        rank = (_section_rank(section), number, _cycle_rank(ordered[0]), row_key)
        unkeyed.append((rank, TimelineRow(row_key, label, UNKEYED, cells)))
    return rows + [row for _rank, row in sorted(unkeyed, key=lambda pair: pair[0])]


def _folded(text: str) -> str:
    """A question's words with case, punctuation and spacing folded."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _cycle_rank(cycle: str) -> tuple[int, int, str]:
    return (0, CYCLES.index(cycle), "") if cycle in CYCLES else (1, 0, cycle)


def _latest(cells: dict[str, list[TimelineCell]]) -> TimelineCell:
    return cells[cycle_order(cells)[-1]][0]


def _first_of_each(cells: dict[str, list[TimelineCell]]) -> dict[str, TimelineCell]:
    """One cell a cycle: the first by section order (then number); any other the cycle has
    under the same key is named in the kept cell's text, never dropped without a word."""
    kept = {}
    for cycle, candidates in cells.items():
        ordered = sorted(candidates, key=lambda c: (_section_rank(c.section), c.number or 0))
        first = ordered[0]
        others = [f"{section_label(c.section)} Q{c.number} ({c.describe()})"
                  for c in ordered[1:]]
        if others:
            note = (f"In {cycle} this is also asked under {'; '.join(others)}: the timeline "
                    f"shows {section_label(first.section)} Q{first.number}.")
            first = dataclasses.replace(first, text=f"{first.text}\n\n{note}")
        kept[cycle] = first
    return kept


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _LABEL_TEXT:
        return text
    cut = text[:_LABEL_TEXT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# Exports


def timeline_csv(timeline: Timeline, path: Path) -> None:
    """One row a question or area, one column a cycle; a first row says each cycle's scale.
    Grades read as the heatmap words them: "Good (carried over)"; formulas made inert."""
    columns = range(len(timeline.cycles))
    rows = [["Grade scale", *(timeline.scale_words(i) for i in columns)]]
    rows += [[row.heading, *(row.cells[c].export_label if c in row.cells else ""
                             for c in timeline.cycles)] for row in timeline.rows]
    write_table_csv(Path(path), ["Question or area", *timeline.cycles], rows)


_RULE = "#0B0C0C"
PAGE_COLUMNS = 8  # cycles a table holds across a landscape page (every real cycle)
_LABEL_WIDTH = 30  # per cent of the page for the question or area


def timeline_html(timeline: Timeline, colours: dict[Grade, str] | None = None) -> str:
    """The timeline as a page for a landscape PDF: title, a key of the grades, the table
    (cells in the grade colours with their letters; a thick rule where the scale changes;
    headings repeated on every page; more than PAGE_COLUMNS cycles in further tables) and
    a note on the scale. Every text is escaped."""
    e = html.escape
    cycles = timeline.cycles
    if not cycles:
        return (f"<html><body><h2>{e(timeline.title)}</h2><p>{e(timeline.counts)}.</p>"
                "</body></html>")
    key = " &nbsp; ".join(
        f'<span style="background-color:{fill_for(code, colours)};'
        f'color:{ink_for(code, colours)}">&nbsp;<b>{e(code.grade.abbreviation)}</b>&nbsp;'
        f"</span> {e(code.grade.label)}" for code in CellCode.grades())
    counts = timeline.counts  # "two cycles, three reports": a sentence of its own here
    notes = [f"{e('–')} not graded; * carried over or read from the text; a blank cell: "
             "not in the library."]
    if timeline.breaks:
        notes.append("The thick rule marks where the grade scale changes. "
                     f"{e(SCALE_NOTE)}.")
    tables = [_html_table(timeline, range(first, min(first + PAGE_COLUMNS, len(cycles))),
                          colours)
              for first in range(0, len(cycles), PAGE_COLUMNS)]
    return (f"<html><body><h2>{e(timeline.title)}</h2>"
            f"<p>{e(counts[:1].upper() + counts[1:])}.</p><p>{key}</p><p>{' '.join(notes)}</p>"
            + "<p></p>".join(tables) + "</body></html>")


def _html_table(timeline: Timeline, shown: range, colours: dict[Grade, str] | None) -> str:
    """The table of some of the cycles (`shown`, indexes into timeline.cycles)."""
    e = html.escape
    rules = [index for index in shown if index in timeline.breaks]
    width = (100 - _LABEL_WIDTH) / max(PAGE_COLUMNS // 2, len(shown))

    def columns(cells: list[str], tag: str) -> str:
        out = []
        for index, cell in zip(shown, cells, strict=True):
            if index in rules:  # QTextDocument draws no per-cell border: a thin dark column
                out.append(f'<{tag} width="3" bgcolor="{_RULE}"></{tag}>')
            out.append(cell)
        return "".join(out)

    heads = []
    for index in shown:
        scale = timeline.scale_heading(index)
        if scale is None and index == shown.start:  # a further table says where it starts
            scale = timeline.scale_words(index)
        heads.append(f'<th align="center" width="{width:.1f}%">{e(timeline.cycles[index])}'
                     + (f"<br><small>{e(scale)}</small>" if scale else "") + "</th>")
    body = []
    starts = set(timeline.group_starts)
    for number, row in enumerate(timeline.rows):
        if number in starts:
            body.append(f'<tr><td colspan="{len(shown) + len(rules) + 1}" bgcolor="#E8EAEB">'
                        f"<b>{e(row.group)}</b></td></tr>")
        cells = []
        for index in shown:
            cell = row.cells.get(timeline.cycles[index])
            if cell is None:
                cells.append(f'<td bgcolor="{fill_for(CellCode.NO_REPORT, colours)}"></td>')
                continue
            cells.append(f'<td align="center" bgcolor="{fill_for(cell.code, colours)}">'
                         f'<span style="color:{ink_for(cell.code, colours)}"><b>'
                         f"{e(cell.letters)}</b></span></td>")
        body.append(f"<tr><td>{e(row.label)}</td>{columns(cells, 'td')}</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="3" width="100%" '
            'style="border-collapse: collapse; border-color: #888888; font-size: 8pt">'
            f'<thead><tr><th align="left" width="{_LABEL_WIDTH}%">Question or area</th>'
            f"{columns(heads, 'th')}</tr></thead><tbody>{''.join(body)}</tbody></table>")
