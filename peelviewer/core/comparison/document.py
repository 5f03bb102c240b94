"""The comparison document that exports become: title and grade tables, then per question
the side-by-side texts (one-sided sentences set level, as the Compare view shows them) and
findings, then every report's findings. Escaped HTML, no Qt."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from html import escape

from peelviewer import __version__
from peelviewer.core.colours import fill_for, ink_for
from peelviewer.core.comparison.compare import (
    ReportComparison,
    Section,
    Side,
    compare_reports,
    question_label,
)
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.html import (
    SCALE_NOTE,
    TemplateMarks,
    findings_html,
    legend_html,
    template_marks,
)
from peelviewer.core.comparison.section_rows import section_rows
from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import ALL_PILLARS, CellCode, GradeGrid, grade_grid
from peelviewer.core.model import WHOLE_FORCE, Report, long_date, section_label, section_words
from peelviewer.core.store import Store

PAGE_BREAK = '<p style="page-break-before: always;"></p>'
_STYLE = ("<style>body { font-size: 9pt; } h1 { font-size: 20pt; } h2 { font-size: 14pt; } "
          "h3 { font-size: 11pt; } td, th { font-size: 9pt; }</style>")


class ExportError(ValueError):
    """The export cannot be made; str() is the reason for the user."""


@dataclass(frozen=True)
class BodyPart:
    """A run of the document's body, opening with a paragraph or heading; `columns` are the
    two reports' titles over its two columns of text, printed at the top of every page it
    fills (None: one column)."""

    html: str
    columns: tuple[str, str] | None = None


@dataclass(frozen=True)
class ComparisonDocument:
    title: str  # also the PDF's title metadata
    header: str  # the running header of every page
    front_html: str  # title page and grade tables
    parts: tuple[BodyPart, ...]  # comparisons, then the findings
    grid: GradeGrid | None  # for the heatmap after the front; None: no heatmap
    reports: tuple[Report, ...]

    @property
    def body_html(self) -> str:
        """The parts as one HTML text, each part anchored as part-N, a pair of reports other
        than the one before starting on a page of its own."""
        html, columns = [_STYLE], None
        for number, part in enumerate(self.parts):
            if part.columns and columns and part.columns != columns:
                html.append(PAGE_BREAK)
            columns = part.columns or columns
            # Inside the part's first paragraph or heading: Qt drops an anchor of its own
            # between a table and what follows.
            opened = part.html.index(">") + 1
            html.append(f'{part.html[:opened]}<a name="part-{number}"></a>'
                        f"{part.html[opened:]}")
        return "".join(html)


def choose_scope(store: Store, force_ids: list[str], cycle: str | None,
                 pillar: str | None) -> tuple[str, list[str]]:
    """The cycle and pillars to export: as given, else the newest cycle they share reports
    in, with every pillar (or the whole-force report) they all have there."""
    if len(force_ids) < 2:
        raise ExportError("choose at least two forces to compare")
    for force_id in force_ids:
        force_by_id(force_id)  # KeyError for an unknown id is a programming error upstream
    cycles = [cycle] if cycle else list(reversed(store.cycles()))
    for candidate in cycles:
        shared = [name for name in store.shared_sections(force_ids, candidate)
                  if not pillar or name == pillar]
        if shared:
            return candidate, shared
    names = ", ".join(force_by_id(f).name for f in force_ids)
    scope = " ".join(x for x in (f"PEEL {cycle}" if cycle else "", pillar or "") if x)
    raise ExportError(f"no {scope + ' ' if scope else ''}report that all of {names} have")


def pillars_words(pillars: list[str]) -> str:
    """" Legitimacy", " Effectiveness, Efficiency and Legitimacy", or "" (whole force)."""
    labels = [section_label(p) for p in pillars if p != WHOLE_FORCE]
    if len(labels) < 2:
        return "".join(section_words(p) for p in pillars)
    return f" {', '.join(labels[:-1])} and {labels[-1]}"


def build_document(store: Store, force_ids: list[str], *, cycle: str | None = None,
                   pillar: str | None = None, question: int | None = None,
                   options: DiffOptions | None = None, made: _dt.date | None = None,
                   dim_template: bool = False) -> ComparisonDocument:
    """Everything the PDF shows for two or more forces in one cycle: the pillar given, or
    every pillar they all have a report for (never one of them chosen silently); template
    sentences dimmed if `dim_template`."""
    cycle, pillars = choose_scope(store, force_ids, cycle, pillar)
    options = options or DiffOptions(force_placeholders=True)
    names = [force_by_id(f).name for f in force_ids]
    joined = " and ".join(names) if len(names) == 2 else ", ".join(names)
    title = f"PEEL {cycle}{pillars_words(pillars)}: {joined}"
    made = made or _dt.date.today()
    order = {force_id: i for i, force_id in enumerate(force_ids)}
    front = [_STYLE, f"<h1>{escape(title)}</h1>",
             f"<p>Made on {long_date(made)} with PEEL Viewer {__version__}.</p>"]
    if len(force_ids) > 2:
        front.append(f"<p>Grades are shown for all {len(force_ids)} forces. The text of each "
                     f"question compares {escape(names[0])} with each of the others in turn."
                     "</p>")
    grid = None
    if len(pillars) > 1:
        rows = [row for row in store.pillar_cells(cycle) if row["force_id"] in order]
        grid = _in_order(grade_grid(cycle, ALL_PILLARS, rows), order)
        front += ["<h2>Pillar grades</h2>", grade_table_html(grid, key=False)]
    by_pillar: dict[str, list[Report]] = {}
    for name in pillars:
        rows = [row for row in store.question_cells(cycle, name) if row["force_id"] in order]
        pillar_grid = _in_order(grade_grid(cycle, name, rows), order)
        grid = grid or pillar_grid
        label = f"{section_label(name)} grades" if len(pillars) > 1 else "Grades"
        front += [f"<h2>{escape(label)}</h2>",
                  grade_table_html(pillar_grid, key=name == pillars[-1])]
        by_pillar[name] = [store.report(force_id, cycle, name) for force_id in force_ids]
    parts: list[BodyPart] = []
    # Pair by pair, every pillar of a pair together: their pages share column titles.
    for other_index, other_name in enumerate(names[1:], start=1):
        for name, these in by_pillar.items():
            comparison = compare_reports(these[0], these[other_index], options=options)
            templates = (template_marks(store.db.conn, these[0], these[other_index])
                         if dim_template else None)
            html = [f"<h2>{escape(names[0])} and {escape(other_name)} · PEEL {cycle}"
                    f"{escape(section_words(name))}</h2>",
                    legend_html(templates=bool(templates))]
            html += _sections_html(comparison, names[0], other_name, question, templates)
            parts.append(BodyPart("".join(html), (names[0], other_name)))
    reports = [these[index] for index in range(len(force_ids)) for these in by_pillar.values()]
    titles = None if len(pillars) == 1 else tuple(
        f"{force_by_id(r.force_id).name} ·{section_words(r.pillar or WHOLE_FORCE)}"
        for r in reports)
    parts.append(BodyPart(all_findings_html(tuple(reports), titles=titles)))
    header = f"{' · '.join(names)} · PEEL {cycle}{pillars_words(pillars)}"
    return ComparisonDocument(title, header, "".join(front), tuple(parts), grid,
                              tuple(reports))


def build_pair_document(store: Store, left_key: tuple[str, str, str],
                        right_key: tuple[str, str, str], *, question: int | None = None,
                        options: DiffOptions | None = None, made: _dt.date | None = None,
                        dim_template: bool = False) -> ComparisonDocument:
    """Exactly what Compare shows for any two reports (two forces in one cycle, or one force
    in two cycles, questions paired with areas by the framework's keys), with `options`
    as its toggles are set and template sentences dimmed if `dim_template`."""
    reports = []
    for key in (left_key, right_key):
        report = store.report(*key)
        if report is None:
            raise ExportError(f"{report_title(key)}: no such report in the library")
        reports.append(report)
    left, right = reports
    comparison = compare_reports(left, right, options=options or DiffOptions(
        force_placeholders=True))
    left_title, right_title = report_title(left_key), report_title(right_key)
    title = f"{left_title} and {right_title}"
    made = made or _dt.date.today()
    front = [_STYLE, f"<h1>{escape(title)}</h1>",
             f"<p>Made on {long_date(made)} with PEEL Viewer {__version__}.</p>",
             "<h2>Grades</h2>", grade_pairs_html(comparison, left_title, right_title)]
    templates = template_marks(store.db.conn, left, right) if dim_template else None
    body = [legend_html(templates=bool(templates)),
            *_sections_html(comparison, left_title, right_title, question, templates)]
    findings = (all_findings_html((left, right)) if left.force_id != right.force_id
                else all_findings_html((left, right), titles=(left_title, right_title)))
    parts = (BodyPart("".join(body), (left_title, right_title)), BodyPart(findings))
    return ComparisonDocument(title, title, "".join(front), parts, None, (left, right))


def _sections_html(comparison: ReportComparison, left_title: str, right_title: str,
                   question: int | None, templates: TemplateMarks | None = None) -> list[str]:
    """Each section as the Compare view shows it (or only question `question`)."""
    return [_section_html(section, left_title, right_title, comparison.scales_differ,
                          templates)
            for section in comparison.sections
            if question is None or section.key == f"q{question}"]


def _section_html(section: Section, left_title: str, right_title: str,
                  scales_differ: bool, templates: TemplateMarks | None) -> str:
    parts = section_rows(section, left_title, right_title, scales_differ=scales_differ,
                         templates=templates)
    return parts if isinstance(parts, str) else parts.html()


def report_title(key: tuple[str, str, str]) -> str:
    """"Hertfordshire Constabulary · PEEL 2023-25" or "… · PEEL 2016 Legitimacy"."""
    force_id, cycle, section = key
    return f"{force_by_id(force_id).name} · PEEL {cycle}{section_words(section)}"


def grade_pairs_html(comparison: ReportComparison, left_title: str, right_title: str) -> str:
    """Each paired question or area with both grades and what changed between them."""
    rows = []
    for section in comparison.sections[1:]:
        cells = []
        for side in (section.left, section.right):
            if side is None:
                cells.append('<td style="color:#505A5F;">not in this report</td>')
                continue
            grade = side.grade
            code = CellCode.of(grade)
            label = grade.label if grade is not None else (
                "not graded" if side.graded else "no grade stated")
            cells.append(f'<td style="background-color:{fill_for(code)}; '
                         f'color:{ink_for(code)};"><b>{escape(label)}</b></td>')
        change = section.grade_change.label if section.grade_change else ""
        rows.append(f"<tr><td>{escape(section.title)}</td>{''.join(cells)}"
                    f"<td>{escape(change)}</td></tr>")
    note = f"<p><b>{escape(SCALE_NOTE)}</b></p>" if comparison.scales_differ else ""
    return (f'{note}<table cellspacing="0" cellpadding="5" border="1" '
            f'style="border-color:#FFFFFF;"><tr><th align="left">Question or area</th>'
            f'<th align="left">{escape(left_title)}</th>'
            f'<th align="left">{escape(right_title)}</th><th align="left">Change</th></tr>'
            f"{''.join(rows)}</table>")


def _in_order(grid: GradeGrid, order: dict[str, int]) -> GradeGrid:
    """The grid's rows in the order the user listed the forces."""
    rows = sorted(range(len(grid.rows)), key=lambda i: order[grid.rows[i].key])
    return GradeGrid(grid.cycle, grid.pillar, tuple(grid.rows[i] for i in rows),
                     grid.columns, tuple(grid.cells[i] for i in rows), groups=grid.groups)


GRADE_KEY = ("<p>O outstanding · G good · A adequate · RI requires improvement · "
             "I inadequate · – not graded · * carried over or read from the text (no grade "
             "line)</p>")


def grade_table_html(grid: GradeGrid, *, key: bool = True) -> str:
    """Forces by questions, each cell filled with its grade colour and abbreviation; the
    questions' words below (and the key to the letters, unless another table gives it)."""
    head = "".join(f'<th align="center">{escape(c.label)}</th>' for c in grid.columns)
    rows = []
    for row, cells in zip(grid.rows, grid.cells, strict=True):
        tds = []
        for cell in cells:
            fill, ink = fill_for(cell.code), ink_for(cell.code)
            tds.append(f'<td align="center" style="background-color:{fill}; color:{ink};">'
                       f"<b>{escape(cell.label or ' ')}</b></td>")
        rows.append(f"<tr><td>{escape(row.label)}</td>{''.join(tds)}</tr>")
    questions = "".join(f"<li>{escape(c.label)}: {escape(c.text)}</li>" for c in grid.columns
                        if c.text and c.text != c.label)
    return (f'<table cellspacing="0" cellpadding="6" border="1" style="border-color:#FFFFFF;">'
            f"<tr><th align=\"left\">Force</th>{head}</tr>{''.join(rows)}</table>"
            f"{GRADE_KEY if key else ''}{f'<ul>{questions}</ul>' if questions else ''}")


def all_findings_html(reports: tuple[Report, ...], *,
                      titles: tuple[str, ...] | None = None) -> str:
    """Every report's findings: areas for improvement, causes of concern, recommendations
    and practice, under each report's title (the force's name unless `titles` says)."""
    parts = ["<h2>All findings</h2>"]
    for index, report in enumerate(reports):
        title = titles[index] if titles else force_by_id(report.force_id).name
        parts.append(f"<h3>{escape(title)}</h3>")
        for question in report.questions:
            if not question.findings:
                continue
            label = question_label(report, question)
            heading = question.text if label == question.text else f"{label}. {question.text}"
            parts.append(f"<p><b>{escape(heading)}</b></p>")
            parts.append(findings_html(Side(label, question.text,
                                            findings=question.findings)))
        if not any(q.findings for q in report.questions):
            parts.append("<p>No findings.</p>")
    return "".join(parts)
