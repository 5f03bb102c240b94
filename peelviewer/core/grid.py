"""The grade matrix behind the heatmap and its table: rows (forces, as the Grades view shows
them, though a row can be anything graded: a cycle, an area), columns of questions or
pillars, one cell each, sorted and grouped as the user asked."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from peelviewer.core.forces import FORCES, REGIONS, Force
from peelviewer.core.framework import TOPICS, topic
from peelviewer.core.model import (
    PILLARS,
    SECTIONS,
    Grade,
    Judgment,
    scale_of,
    section_label,
)

ALL_PILLARS = "all"
PILLAR_GRADE = "pillar-grade"  # the key of the column holding each report's overall grade


class CellCode(enum.IntEnum):
    """What a cell of the matrix holds, as the heatmap, its key and the colours know it: the
    five grades by their Grade values, and two codes that are no grade. An int, so a numpy
    matrix can hold codes and sorting by code sorts by grade."""

    NO_REPORT = 0  # no report in the library (or the report leaves the question out)
    INADEQUATE = 1
    REQUIRES_IMPROVEMENT = 2
    ADEQUATE = 3
    GOOD = 4
    OUTSTANDING = 5
    UNGRADED = 6  # a report, but no grade: not graded, or a grade not stated

    @classmethod
    def of(cls, grade: Grade | None, *, has_report: bool = True) -> CellCode:
        """The code of a grade; UNGRADED for None, NO_REPORT when there is no report."""
        if not has_report:
            return cls.NO_REPORT
        return cls.UNGRADED if grade is None else cls(int(grade))

    @property
    def grade(self) -> Grade | None:
        """The grade this code stands for, None for the two that are no grade."""
        return None if self in (CellCode.NO_REPORT, CellCode.UNGRADED) else Grade(int(self))

    @classmethod
    def grades(cls) -> tuple[CellCode, ...]:
        """The five grade codes, best first (as the key lists them)."""
        return tuple(cls.of(grade) for grade in reversed(Grade))



@dataclass(frozen=True)
class Cell:
    judgment: Judgment = field(default_factory=Judgment)  # the grade and how it is known
    has_report: bool = False
    text: str = ""  # the question (or headline) this cell grades
    areas: int = 0
    causes: int = 0
    recommendations: int = 0
    practice: int = 0
    question_missing: bool = False  # the force's report has no such question
    number: int | None = None  # the question's number in its report (areas differ by force)
    graded: bool = True  # False: a question or area the inspectorate does not grade

    @property
    def grade(self) -> Grade | None:
        return self.judgment.grade

    @property
    def code(self) -> CellCode:
        return CellCode.of(self.grade, has_report=self.has_report)

    @property
    def marked(self) -> bool:
        """Carried over or read from prose: shown hatched, never passed off as stated."""
        return self.judgment.marked

    @property
    def label(self) -> str:
        """What the cell prints: the abbreviation, "–" when ungraded, nothing when missing."""
        return self.judgment.label if self.has_report else ""

    def describe(self) -> str:
        """The grade in words, saying how it is known."""
        if self.question_missing:
            return "not in this force's report"
        if not self.has_report:
            return "no report in the library"
        return self.judgment.describe(self.graded)


@dataclass(frozen=True)
class Column:
    key: str | int  # a question number, a pillar name, an area's key, or PILLAR_GRADE
    label: str  # "Ethics", "Legitimacy" or "Investigation": short enough for a column
    text: str  # the full question (most common wording), the pillar, or the area's name
    ref: str = ""  # "Q2" for a pillar's question: how the report numbers it

    @property
    def heading(self) -> str:
        """The label with the question's number: "Q2 Ethics" (or just "Q2")."""
        return f"{self.ref} {self.label}" if self.ref and self.ref != self.label else self.label


@dataclass(frozen=True)
class GridRow:
    """One row of the matrix. For the Grades view a force: its id, name, short name and
    region; the heatmap, its table and the PDF read nothing else of a row."""

    key: str  # what the row is known by across sorts: a force's id, a cycle, an area's key
    label: str  # the full name, in the table and tooltips
    short_label: str  # the heatmap's row label
    group: str = ""  # rows of a group stand together under its name (a force's region)

    @classmethod
    def of_force(cls, force: Force) -> GridRow:
        return cls(force.id, force.name, force.short_name, force.region)


@dataclass(frozen=True)
class GradeGrid:
    cycle: str  # the cycle the cells grade ("" when the rows are cycles)
    pillar: str  # a pillar, or ALL_PILLARS
    rows: tuple[GridRow, ...]
    columns: tuple[Column, ...]
    cells: tuple[tuple[Cell, ...], ...]
    group_starts: tuple[int, ...] = field(default=())  # rows where a group begins
    groups: tuple[str, ...] = field(default=())  # the groups' usual order (REGIONS for forces)
    group_title: str = "Region"  # what the groups are, heading the table's first column

    @property
    def scale(self) -> int:
        """4 grades up to 2018/19, 5 from 2021/22: the key and the PDF say which."""
        return scale_of(self.cycle)

    def cell(self, row: int, column: int) -> Cell:
        return self.cells[row][column]

    def row_of(self, key: str) -> int | None:
        """The index of the row with this key (a force's id), or None."""
        for index, row in enumerate(self.rows):
            if row.key == key:
                return index
        return None

    def group_rank(self, group: str) -> int:
        """Where a group stands in the usual order: by `groups`, else by first appearance."""
        order = self.groups or tuple(dict.fromkeys(row.group for row in self.rows))
        return order.index(group) if group in order else len(order)


def grade_grid(
    cycle: str,
    pillar: str,
    rows: list[dict],
    *,
    sort: str = "name",
    group_by_region: bool = False,
    include_missing: bool = False,
    pillar_rows: list[dict] | None = None,
) -> GradeGrid:
    """Build the matrix from query rows (`question_cells` or `pillar_cells` of the store).

    `pillar_rows` (the cycle's `pillar_cells`) add a last column, PILLAR_GRADE, with each
    report's overall grade, when the grid is one pillar's questions.
    Sorting by grade puts the best-graded forces first: by the mean of their graded cells
    (the overall grade left out), then by their worst grade, then by name; forces with no
    grades come last. Sorting by "pillar" orders by the overall grade first, then likewise.
    Grouping by region keeps that order inside each region, regions in their usual order.
    """
    by_force: dict[str, dict] = {}
    texts: dict[str | int, Counter] = {}
    topics: dict[str | int, Counter] = {}
    for row in rows:
        found = by_force.setdefault(row["force_id"], {})
        if row["column_key"] is None:
            continue  # the force's report is here, with no questions (a partial copy)
        found[row["column_key"]] = row
        texts.setdefault(row["column_key"], Counter())[row["text"] or ""] += 1
        topics.setdefault(row["column_key"], Counter())[row.get("key")] += 1
    if pillar == ALL_PILLARS:
        keys = [p for p in SECTIONS if p in texts]
        columns = [Column(key, section_label(key), section_label(key)) for key in keys]
    elif all(isinstance(key, int) for key in texts):
        keys = sorted(texts)
        columns = _question_columns(keys, texts, topics)
    else:  # areas of policing, in the framework's order, then any the framework lacks
        order = {t.key: i for i, t in enumerate(TOPICS)}
        keys = sorted(texts, key=lambda key: (order.get(key, len(order)), str(key)))
        columns = [_area_column(key, texts[key]) for key in keys]
    if pillar_rows is not None and pillar in PILLARS:
        for row in pillar_rows:
            if row["column_key"] == pillar and row["force_id"] in by_force:
                by_force[row["force_id"]][PILLAR_GRADE] = row
        keys = [*keys, PILLAR_GRADE]
        columns.append(Column(PILLAR_GRADE, "Overall",
                              f"The report's overall {pillar} grade"))
    reported = {force_id for force_id in by_force}
    forces = [f for f in FORCES if include_missing or f.id in reported]
    cells = {
        f.id: tuple(_cell(by_force.get(f.id, {}).get(key), f.id in reported) for key in keys)
        for f in forces
    }
    forces.sort(key=_sort_key(sort, cells, keys))
    starts: tuple[int, ...] = ()
    if group_by_region:
        forces.sort(key=lambda f: REGIONS.index(f.region))  # stable: keeps the chosen order
        starts = tuple(i for i, f in enumerate(forces) if i == 0 or
                       forces[i - 1].region != f.region)
    return GradeGrid(cycle, pillar, tuple(GridRow.of_force(f) for f in forces), tuple(columns),
                     tuple(cells[f.id] for f in forces), starts, groups=REGIONS)


def _question_columns(keys: list[int], texts: dict, topics: dict) -> list[Column]:
    """A pillar's questions by number, labelled by the framework's short name of the topic
    most reports give that number ("Q2 Ethics"); by number alone where the topic is unknown
    or two numbers share it (2014's questions, Leadership's)."""
    names = {}
    for number in keys:
        found = topic(topics[number].most_common(1)[0][0])
        names[number] = found.column if found else None
    shared = Counter(names.values())
    return [Column(number, names[number] if names[number] and shared[names[number]] == 1
                   else f"Q{number}", texts[number].most_common(1)[0][0], ref=f"Q{number}")
            for number in keys]


def _area_column(key: str, texts: Counter) -> Column:
    found = topic(key)
    if found is None:
        name = texts.most_common(1)[0][0]
        return Column(key, name if len(name) <= 14 else name[:13] + "…", name)
    return Column(key, found.column, found.short)


def _cell(row: dict | None, has_report: bool) -> Cell:
    if row is None:
        # The force may have a report that leaves this question out (carried over, or a
        # page that skips it): no grade to show, but not "no report" either.
        return Cell(question_missing=has_report)
    previous = row.get("previous_grade")
    judgment = Judgment(Grade.from_label(row["grade"]) if row["grade"] else None,
                        row["grade_source"], bool(row["carried_over"]),
                        Grade.from_label(previous) if previous else None)
    return Cell(
        judgment,
        has_report=True,
        text=row["text"] or "",
        areas=row["areas"],
        causes=row["causes"],
        recommendations=row["recommendations"],
        practice=row.get("practice") or 0,
        number=row.get("number"),
        graded=bool(row.get("graded", True)),
    )


def _sort_key(sort: str, cells: dict[str, tuple[Cell, ...]], keys: list):
    if sort == "region":
        return lambda f: (REGIONS.index(f.region), f.name)
    overall = keys.index(PILLAR_GRADE) if PILLAR_GRADE in keys else None
    if sort in ("grade", "pillar"):
        def by_grade(force: Force):
            row = cells[force.id]
            grades = [c.grade for i, c in enumerate(row) if c.grade is not None and i != overall]
            mean = sum(grades) / len(grades) if grades else 0.0
            worst = min(grades) if grades else 0
            first = 0
            if sort == "pillar" and overall is not None:
                first = row[overall].grade or 0
            return (-first, -mean, -worst, force.name)
        return by_grade
    return lambda f: f.name
