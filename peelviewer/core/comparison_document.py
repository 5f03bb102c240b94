"""The comparison document that exports become: title and grade table, then per question the
side-by-side texts and findings, then every force's findings. Escaped HTML, no Qt."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from html import escape

from peelviewer import __version__
from peelviewer.core.colours import fill_for, ink_for
from peelviewer.core.compare import ReportComparison, Side, compare_reports, question_label
from peelviewer.core.diff import DiffOptions
from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import GradeGrid, grade_grid
from peelviewer.core.model import Grade, Report, long_date, section_words
from peelviewer.core.report_html import SCALE_NOTE, findings_html, legend_html, section_html
from peelviewer.core.store import Store

_PAGE_BREAK = '<p style="page-break-before: always;"></p>'
_STYLE = ("<style>body { font-size: 9pt; } h1 { font-size: 20pt; } h2 { font-size: 14pt; } "
          "h3 { font-size: 11pt; } td, th { font-size: 9pt; }</style>")


class ExportError(ValueError):
    """The export cannot be made; str() is the reason for the user."""


@dataclass(frozen=True)
class ComparisonDocument:
    title: str  # also the PDF's title metadata
    header: str  # the running header of every page
    front_html: str  # title page and grade table
    body_html: str  # comparisons and the findings page
    grid: GradeGrid | None  # for the heatmap page between front and body; None: no page
    reports: tuple[Report, ...]


def choose_scope(store: Store, force_ids: list[str], cycle: str | None,
                 pillar: str | None) -> tuple[str, str]:
    """The cycle and pillar to export: as given, else the newest both are reported in."""
    if len(force_ids) < 2:
        raise ExportError("choose at least two forces to compare")
    for force_id in force_ids:
        force_by_id(force_id)  # KeyError for an unknown id is a programming error upstream
    cycles = [cycle] if cycle else list(reversed(store.cycles()))
    for candidate in cycles:
        pillars = [pillar] if pillar else store.sections(candidate)
        for name in pillars:
            if set(force_ids) <= set(store.forces_with_report(candidate, name)):
                return candidate, name
    names = ", ".join(force_by_id(f).name for f in force_ids)
    scope = " ".join(x for x in (f"PEEL {cycle}" if cycle else "", pillar or "") if x)
    raise ExportError(f"no {scope + ' ' if scope else ''}report that all of {names} have")


def build_document(store: Store, force_ids: list[str], *, cycle: str | None = None,
                   pillar: str | None = None, question: int | None = None,
                   options: DiffOptions | None = None,
                   made: _dt.date | None = None) -> ComparisonDocument:
    """Everything the PDF shows, for two or more forces in one cycle and pillar."""
    cycle, pillar = choose_scope(store, force_ids, cycle, pillar)
    reports = tuple(store.report(force_id, cycle, pillar) for force_id in force_ids)
    options = options or DiffOptions(force_placeholders=True)
    names = [force_by_id(f).name for f in force_ids]
    joined = " and ".join(names) if len(names) == 2 else ", ".join(names)
    title = f"PEEL {cycle}{section_words(pillar)}: {joined}"
    made = made or _dt.date.today()
    rows = [row for row in store.question_cells(cycle, pillar) if row["force_id"] in force_ids]
    grid = grade_grid(cycle, pillar, rows)
    order = {force_id: i for i, force_id in enumerate(force_ids)}
    grid = _in_order(grid, order)
    front = [_STYLE, f"<h1>{escape(title)}</h1>",
             f"<p>Made on {long_date(made)} with PEEL Viewer {__version__} from "
             f"the library {escape(str(store.path))}.</p>"]
    if len(force_ids) > 2:
        front.append(f"<p>Grades are shown for all {len(force_ids)} forces. The text of each "
                     f"question compares {escape(names[0])} with each of the others in turn."
                     "</p>")
    front.append("<h2>Grades</h2>")
    front.append(grade_table_html(grid))
    body = [_STYLE]
    first = reports[0]
    for other in reports[1:]:
        comparison = compare_reports(first, other, options=options)
        left = f"{names[0]} · PEEL {cycle}"
        right = f"{force_by_id(other.force_id).name} · PEEL {cycle}"
        body.append(f"<h2>{escape(names[0])} and {escape(force_by_id(other.force_id).name)}"
                    "</h2>")
        body.append(legend_html())
        for section in comparison.sections:
            if question is not None and section.key != f"q{question}":
                continue
            body.append(section_html(section, left, right, anchors=False))
        body.append(_PAGE_BREAK)
    body.append(all_findings_html(reports))
    header = f"{' · '.join(names)} · PEEL {cycle}{section_words(pillar)}"
    return ComparisonDocument(title, header, "".join(front), "".join(body), grid, reports)


def build_pair_document(store: Store, left_key: tuple[str, str, str],
                        right_key: tuple[str, str, str], *, question: int | None = None,
                        options: DiffOptions | None = None,
                        made: _dt.date | None = None) -> ComparisonDocument:
    """Everything the PDF shows for any two reports: two forces in one cycle, or one force
    in two cycles (questions paired with areas by the framework's keys)."""
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
    body = [_STYLE, legend_html()]
    for section in comparison.sections:
        if question is not None and section.key != f"q{question}":
            continue
        body.append(section_html(section, left_title, right_title, anchors=False,
                                 scales_differ=comparison.scales_differ))
    body.append(_PAGE_BREAK)
    body.append(all_findings_html((left, right)) if left.force_id != right.force_id
                else all_findings_html((left, right), titles=(left_title, right_title)))
    return ComparisonDocument(title, title, "".join(front), "".join(body), None,
                              (left, right))


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
            code = int(grade) if grade is not None else 6
            label = grade.label if grade is not None else (
                "not graded" if side.graded else "no grade stated")
            cells.append(f'<td style="background-color:{fill_for(code)}; '
                         f'color:{ink_for(code)};"><b>{escape(label)}</b></td>')
        rows.append(f"<tr><td>{escape(section.title)}</td>{''.join(cells)}"
                    f"<td>{escape(_grade_change(section.left, section.right, comparison))}"
                    "</td></tr>")
    note = f"<p><b>{escape(SCALE_NOTE)}</b></p>" if comparison.scales_differ else ""
    return (f'{note}<table cellspacing="0" cellpadding="5" border="1" '
            f'style="border-color:#FFFFFF;"><tr><th align="left">Question or area</th>'
            f'<th align="left">{escape(left_title)}</th>'
            f'<th align="left">{escape(right_title)}</th><th align="left">Change</th></tr>'
            f"{''.join(rows)}</table>")


def _grade_change(left: Side | None, right: Side | None, comparison: ReportComparison) -> str:
    if left is None or right is None or left.grade is None or right.grade is None:
        return ""
    if comparison.scales_differ:
        return "scale changed"
    if left.grade == right.grade:
        return "="
    better = Grade(right.grade) > Grade(left.grade)
    return "↑ better on the right" if better else "↓ worse on the right"


def _in_order(grid: GradeGrid, order: dict[str, int]) -> GradeGrid:
    """The grid's rows in the order the user listed the forces."""
    rows = sorted(range(len(grid.forces)), key=lambda i: order[grid.forces[i].id])
    return GradeGrid(grid.cycle, grid.pillar, tuple(grid.forces[i] for i in rows),
                     grid.columns, tuple(grid.cells[i] for i in rows))


def grade_table_html(grid: GradeGrid) -> str:
    """Forces by questions, each cell filled with its grade colour and abbreviation."""
    head = "".join(f'<th align="center">{escape(c.label)}</th>' for c in grid.columns)
    rows = []
    for force, cells in zip(grid.forces, grid.cells, strict=True):
        tds = []
        for cell in cells:
            fill, ink = fill_for(cell.code), ink_for(cell.code)
            tds.append(f'<td align="center" style="background-color:{fill}; color:{ink};">'
                       f"<b>{escape(cell.label or ' ')}</b></td>")
        rows.append(f"<tr><td>{escape(force.name)}</td>{''.join(tds)}</tr>")
    questions = "".join(f"<li>{escape(c.label)}: {escape(c.text)}</li>" for c in grid.columns)
    key = ("<p>O outstanding · G good · A adequate · RI requires improvement · I inadequate · "
           "– not graded · * carried over or read from the text (no grade line)</p>")
    return (f'<table cellspacing="0" cellpadding="6" border="1" style="border-color:#FFFFFF;">'
            f"<tr><th align=\"left\">Force</th>{head}</tr>{''.join(rows)}</table>{key}"
            f"<ul>{questions}</ul>")


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
