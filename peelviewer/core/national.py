"""The national picture: how many forces had each grade for each question or area of a cycle,
and plain sentences about where one force stands, every one counted from the library."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from peelviewer.core.forces import FORCES, force_name
from peelviewer.core.framework import topic
from peelviewer.core.grid import ALL_PILLARS, PILLAR_GRADE, grade_grid
from peelviewer.core.model import PILLARS, WHOLE_FORCE, Grade, scale_of
from peelviewer.core.wording import count_of, number_word

ALL_FORCES = len(FORCES)  # every cycle inspects all 43
_POOR = (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)


@dataclass(frozen=True)
class Bar:
    """One graded question, area or overall grade: how many forces had each grade."""

    key: str | int  # the heatmap's column key: a number, an area's key, a pillar, PILLAR_GRADE
    label: str  # beside the bar: "Investigating crime", "Q2 Ethical and lawful behaviour"
    text: str  # the full question or area
    name: str  # in a sentence: "Investigating crime", "question 4", "legitimacy overall"
    counts: dict[Grade, int]  # every grade of the cycle's scale, best first, zeros included
    forces: dict[Grade, tuple[str, ...]]  # force ids per grade, by force name
    ungraded: tuple[str, ...]  # forces whose report holds this, with no grade
    missing: tuple[str, ...] = ()  # forces whose report leaves this out (or no such report)
    numbers: dict[str, int | None] = field(default_factory=dict)  # force -> its question number
    why: dict[str, str] = field(default_factory=dict)  # ungraded or missing force -> why
    notes: dict[str, str] = field(default_factory=dict)  # "carried over", "read from the text"
    overall: bool = False  # a report's overall grade, not one question's

    def grade_of(self, force_id: str) -> Grade | None:
        for grade, forces in self.forces.items():
            if force_id in forces:
                return grade
        return None

    @property
    def graded(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class NationalPicture:
    cycle: str
    section: str  # a pillar, WHOLE_FORCE, or ALL_PILLARS (one bar per pillar)
    grades: tuple[Grade, ...]  # the scale, best first
    forces: tuple[str, ...]  # forces with a report for the cycle and section, by name
    bars: tuple[Bar, ...]

    @property
    def scale(self) -> int:
        return scale_of(self.cycle)

    @property
    def complete(self) -> bool:
        """The library holds every force's report: sentences need no "in the library"."""
        return len(self.forces) >= ALL_FORCES

    @property
    def title(self) -> str:
        """"PEEL 2023-25, areas of policing: 43 forces in the library"."""
        return (f"PEEL {self.cycle}, {scope_name(self.section)}: "
                f"{count_of(len(self.forces), 'force')} in the library")

    def bar(self, key) -> Bar | None:
        return next((bar for bar in self.bars if bar.key == key), None)


def national_picture(store, cycle: str, section: str) -> NationalPicture:
    """The picture of one cycle and section from the heatmap's queries (two at most)."""
    pillar_rows = store.pillar_cells(cycle) if section in PILLARS or section == ALL_PILLARS \
        else None
    rows = pillar_rows if section == ALL_PILLARS else store.question_cells(cycle, section)
    grid = grade_grid(cycle, section, rows, pillar_rows=pillar_rows)
    scale = tuple(sorted((g for g in Grade if scale_of(cycle) == 5 or g != Grade.ADEQUATE),
                         reverse=True))
    found = {cell.grade for row in grid.cells for cell in row if cell.grade is not None}
    grades = tuple(sorted(set(scale) | found, reverse=True))  # a stray grade still counts
    order = sorted(range(len(grid.rows)), key=lambda i: grid.rows[i].label)
    topics = _topics_by_number(rows)
    bars = []
    for index, column in enumerate(grid.columns):
        cells = [(grid.rows[row].key, grid.cells[row][index]) for row in order]
        if not any(cell.grade is not None for _, cell in cells):
            continue  # ungraded everywhere: victim service, a question never graded
        by_grade = {grade: tuple(f for f, cell in cells if cell.grade == grade)
                    for grade in grades}
        label, name = _names(section, column, topics)
        bars.append(Bar(
            key=column.key, label=label, text=column.text if column.key != PILLAR_GRADE
            else f"The overall {section} grade of each force's report", name=name,
            counts={grade: len(forces) for grade, forces in by_grade.items()},
            forces=by_grade,
            ungraded=tuple(f for f, cell in cells if cell.grade is None and cell.has_report),
            missing=tuple(f for f, cell in cells if not cell.has_report),
            numbers={f: cell.number for f, cell in cells},
            why={f: _why(cell, section, column.key) for f, cell in cells if cell.grade is None},
            notes={f: note for f, cell in cells if (note := cell.judgment.note)},
            overall=column.key == PILLAR_GRADE,
        ))
    return NationalPicture(cycle, section, grades,
                           tuple(grid.rows[row].key for row in order), tuple(bars))


def _why(cell, section: str, key) -> str:
    """Why a force has no grade, in words that follow a colon (no brackets)."""
    if section == ALL_PILLARS and not cell.has_report:
        return f"no {key} report in the library"
    if not cell.has_report:
        return "its report does not cover it"
    if not cell.graded:
        return "the inspectorate does not grade it"
    if cell.judgment.carried_over:
        return "it was carried over from an earlier inspection without its grade"
    return "its report gives no grade for it"


def _topics_by_number(rows: list[dict]) -> dict:
    keys: dict = {}
    for row in rows:
        if isinstance(row.get("column_key"), int):
            keys.setdefault(row["column_key"], Counter())[row.get("key")] += 1
    return {number: topic(counter.most_common(1)[0][0]) for number, counter in keys.items()}


def _names(section: str, column, topics: dict) -> tuple[str, str]:
    """The bar's label and the name sentences give it."""
    if column.key == PILLAR_GRADE:
        return "Overall", f"{section} overall"
    if section == ALL_PILLARS:
        return column.label, column.label.lower()
    if isinstance(column.key, int):
        found = topics.get(column.key)
        shared = sum(1 for t in topics.values() if found is not None and t == found)
        if found is not None and shared == 1:
            return f"Q{column.key} {found.short}", found.short
        return f"Q{column.key} {column.text}".strip(), f"question {column.key}"
    found = topic(column.key)
    if found is not None:
        return found.short, found.short
    return column.text, column.text


# Words

def scope_name(section: str) -> str:
    if section == WHOLE_FORCE:
        return "areas of policing"
    if section == ALL_PILLARS:
        return "all pillars"
    return section


def grade_word(grade: Grade) -> str:
    return grade.label.lower()


# Statements

def statements(picture: NationalPicture, force_id: str, column=None) -> list[str]:
    """Plain sentences about where a force stands, each true of the library by construction.
    With a column (a bar's key), that bar first and how the force compares on it; without
    one, the force's grade for every bar. Then the whole cycle and section."""
    name = force_name(force_id)
    report = f"PEEL {picture.cycle}{_section_words(picture.section)}"
    if force_id not in picture.forces:
        return [f"The library holds no {report} report for {name}."]
    if not picture.bars:
        return [f"The library's {report} reports hold no grades."]
    if len(picture.forces) == 1:
        return [f"{name} is the only force with a {report} report in the library, so there "
                "is no other force to compare it with."] + [
            _own_grade(picture, bar, force_id, name) for bar in picture.bars]
    chosen = picture.bar(column) if column is not None else None
    overall = next((bar for bar in picture.bars if bar.overall), None)
    result: list[str] = []
    if chosen is not None:
        result += _bar_statements(picture, chosen, force_id, name)
        if overall is not None and chosen is not overall:
            result.append(_share_or_none(picture, overall, force_id, name))
    elif overall is not None:
        result.append(_share_or_none(picture, overall, force_id, name))
    result += _cycle_statements(picture, force_id, name)
    if chosen is None:
        result += [_share_or_none(picture, bar, force_id, name)
                   for bar in picture.bars if not bar.overall]
    return result


def _section_words(section: str) -> str:
    return "" if section in (WHOLE_FORCE, ALL_PILLARS) else f" {section}"


def _in_library(picture: NationalPicture) -> str:
    """What keeps a count honest, inside each sentence, when the library lacks some forces:
    a sentence copied on its own still says what it counted."""
    return "" if picture.complete else " in the library"


def _one_of(picture: NationalPicture, name: str, count: int, tail: str) -> str:
    """"Kent Police is one of five forces in the library {tail}."."""
    who = "the only force" if count == 1 else f"one of {count_of(count, 'force')}"
    return f"{name} is {who}{_in_library(picture)} {tail}."


def _graded(bar: Bar, force_id: str, grade: Grade) -> str:
    """"graded good (carried over) for Investigating crime"."""
    note = bar.notes.get(force_id)
    return f"graded {grade_word(grade)}{f' ({note})' if note else ''} for {bar.name}"


def _no_grade(picture: NationalPicture, bar: Bar, force_id: str, name: str) -> str:
    if picture.section == ALL_PILLARS and force_id in bar.missing:
        return f"The library holds no PEEL {picture.cycle} {bar.key} report for {name}."
    why = bar.why.get(force_id)
    return f"The library holds no grade for {name} for {bar.name}" + (
        f": {why}." if why else ".")


def _share_or_none(picture: NationalPicture, bar: Bar, force_id: str, name: str) -> str:
    grade = bar.grade_of(force_id)
    if grade is None:
        return _no_grade(picture, bar, force_id, name)
    return _one_of(picture, name, bar.counts[grade], _graded(bar, force_id, grade))


def _own_grade(picture: NationalPicture, bar: Bar, force_id: str, name: str) -> str:
    grade = bar.grade_of(force_id)
    if grade is None:
        return _no_grade(picture, bar, force_id, name)
    return f"{name} was {_graded(bar, force_id, grade)}."


def _bar_statements(picture: NationalPicture, bar: Bar, force_id: str, name: str) -> list[str]:
    """The force's grade for one bar, how it stands against the most common grade, and how
    many others were graded better or worse."""
    result = [_share_or_none(picture, bar, force_id, name)]
    grade = bar.grade_of(force_id)
    top = max(bar.counts.values())
    if grade is not None and top > 1:  # at one force a grade, no grade is "most common"
        common = [g for g in picture.grades if bar.counts[g] == top]
        each = count_of(top, "force") + (" each" if len(common) > 1 else "")
        own = f"{name}'s grade for {bar.name}, {grade_word(grade)},"
        if common == [grade]:
            result.append(f"{own} is the most common one ({each}).")
        elif grade in common:
            result.append(f"{own} is one of the {number_word(len(common))} most common "
                          f"({each}).")
        else:
            words = _listed([grade_word(g) for g in common])
            most = "the most common one" if len(common) == 1 else "the most common ones"
            if all(grade > g for g in common):
                result.append(f"{own} is better than {most}, {words} ({each}).")
            elif all(grade < g for g in common):
                result.append(f"{own} is worse than {most}, {words} ({each}).")
            else:
                result.append(f"{own} is not among the most common, {words} ({each}).")
        better = sum(n for g, n in bar.counts.items() if g > grade)
        worse = sum(n for g, n in bar.counts.items() if g < grade)
        among = _in_library(picture)
        if better or worse:
            result.append(f"Of the other forces{among} graded for {bar.name}, "
                          f"{_pronoun(better)} had a better grade and {_pronoun(worse)} a "
                          "worse one.")
        else:
            result.append(f"Every force{among} graded for {bar.name} had the same grade, "
                          f"{grade_word(grade)}.")
    if bar.ungraded or bar.missing:
        others = [f for f in bar.ungraded + bar.missing if f != force_id]
        if others:
            result.append(f"{_capital(count_of(len(others), 'other force'))} "
                          f"{'has' if len(others) == 1 else 'have'} no grade for {bar.name} "
                          "in the library.")
    return result


def _cycle_statements(picture: NationalPicture, force_id: str, name: str) -> list[str]:
    """Across every graded question (or area) of the cycle and section, overall grades left
    out: no poor grade, an inadequate one, the count of outstanding grades."""
    bars = [bar for bar in picture.bars if not bar.overall]
    grades = {f: [g for g in (bar.grade_of(f) for bar in bars) if g is not None]
              for f in picture.forces}
    graded = {f: found for f, found in grades.items() if found}
    own = graded.get(force_id)
    if not own:
        return []
    scope = _scope(picture, len(bars))
    result = []
    if not any(g in _POOR for g in own):
        clean = sum(1 for found in graded.values() if not any(g in _POOR for g in found))
        result.append(_one_of(picture, name, clean,
                              f"with no requires-improvement or inadequate grade {scope}"))
    elif Grade.INADEQUATE in own:
        failing = sum(1 for found in graded.values() if Grade.INADEQUATE in found)
        result.append(_one_of(picture, name, failing, f"with at least one inadequate grade "
                                                      f"{scope}"))
    else:
        poor = sum(1 for found in graded.values() if Grade.REQUIRES_IMPROVEMENT in found
                   and Grade.INADEQUATE not in found)
        result.append(_one_of(picture, name, poor, "with at least one requires-improvement "
                                                   f"grade and none inadequate {scope}"))
    result.append(_outstanding(picture, graded, force_id, name, scope))
    return result


def _outstanding(picture: NationalPicture, graded: dict, force_id: str, name: str,
                 scope: str) -> str:
    counts = {f: found.count(Grade.OUTSTANDING) for f, found in graded.items()}
    mine = counts[force_id]
    among = _in_library(picture)
    if mine == 0:
        some = sum(1 for n in counts.values() if n)
        if some == 0:
            return f"No force{among} has an outstanding grade {scope}."
        have = "has" if some == 1 else "have"
        return (f"{name} has no outstanding grade {scope}; "
                f"{count_of(some, 'force')}{among} {have} at least one.")
    more = sum(1 for f, n in counts.items() if n > mine)
    same = sum(1 for f, n in counts.items() if n == mine and f != force_id)
    text = f"{name} has {count_of(mine, 'outstanding grade')} {scope}"
    if more:
        return text + f"; {count_of(more, 'force')}{among} {'has' if more == 1 else 'have'} more."
    if same:
        return (text + f"; no force{among} has more, and {count_of(same, 'other force')} "
                f"{'has' if same == 1 else 'have'} as many.")
    return text + f", more than any other force{among}."


def _scope(picture: NationalPicture, bars: int) -> str:
    cycle = f"PEEL {picture.cycle}"
    if picture.section == WHOLE_FORCE:
        return f"for the areas of policing in {cycle}" if bars > 1 else f"in {cycle}"
    if picture.section == ALL_PILLARS:
        return f"for the pillars of {cycle}"
    return f"for the {picture.section} questions of {cycle}"


def _pronoun(count: int) -> str:
    """A count standing for forces: "none", "one" .. "ten", 12."""
    return "none" if count == 0 else number_word(count)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
