"""Plain data for one parsed report page: Report, Question, Finding and the Grade scale."""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass, field


class Grade(enum.IntEnum):
    """A PEEL judgment, ordered from worst to best so sorting by grade is natural."""

    INADEQUATE = 1
    REQUIRES_IMPROVEMENT = 2
    ADEQUATE = 3
    GOOD = 4
    OUTSTANDING = 5

    @property
    def label(self) -> str:
        """The word the inspectorate prints, e.g. "Requires improvement"."""
        return _LABELS[self]

    @property
    def abbreviation(self) -> str:
        """O / G / A / RI / I, printed in heatmap cells so colour is never the only cue."""
        return _ABBREVIATIONS[self]

    @classmethod
    def from_label(cls, text: str) -> Grade | None:
        """The grade a line names exactly (case and trailing full stop ignored), else None."""
        return _BY_LABEL.get(" ".join(text.strip().rstrip(".").lower().split()))


_LABELS = {
    Grade.INADEQUATE: "Inadequate",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
    Grade.ADEQUATE: "Adequate",
    Grade.GOOD: "Good",
    Grade.OUTSTANDING: "Outstanding",
}
_ABBREVIATIONS = {
    Grade.INADEQUATE: "I",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.ADEQUATE: "A",
    Grade.GOOD: "G",
    Grade.OUTSTANDING: "O",
}
_BY_LABEL = {label.lower(): grade for grade, label in _LABELS.items()}

PILLARS = ("effectiveness", "efficiency", "legitimacy", "leadership")
# From 2021/22 one report covers the whole force: its section is this, never NULL, so the
# library's unique (force, cycle, section) index holds for every report.
WHOLE_FORCE = "force"
SECTIONS = (*PILLARS, WHOLE_FORCE)
PILLAR_CYCLES = ("2014", "2015", "2016", "2017", "2018/19")
MODERN_CYCLES = ("2021/22", "2023-25", "2025-27")
CYCLES = (*PILLAR_CYCLES, *MODERN_CYCLES)


def is_modern(cycle: str) -> bool:
    """Cycles from 2021/22: one report per force, areas of policing, five grades."""
    return cycle in MODERN_CYCLES


def scale_of(cycle: str) -> int:
    """How many grades a cycle uses: 4 up to 2018/19, 5 (Adequate added) from 2021/22."""
    return 5 if is_modern(cycle) else 4


def section_label(section: str) -> str:
    """"Legitimacy", or "Areas of policing" for a whole-force report."""
    return "Areas of policing" if section == WHOLE_FORCE else section.capitalize()


def section_words(section: str) -> str:
    """What follows "PEEL 2016" in a report's title: " Legitimacy", or nothing for a
    whole-force report ("PEEL 2023-25")."""
    return "" if section == WHOLE_FORCE else f" {section_label(section)}"

# How a grade became known; stored beside every grade.
STATED = "stated"  # a grade line on the page
PROSE = "prose"  # read from a sentence such as "has been assessed as good"
CARRIED = "carried"  # an earlier judgment the page says was carried over
TABLE = "table"  # the "Our judgments" table of a 2021/22-onwards report
# How a grade not stated on the page is known, in words (Judgment.note), in the order lists
# of them give.
CARRIED_NOTE = "carried over"
PROSE_NOTE = "read from the text"
JUDGMENT_NOTES = (CARRIED_NOTE, PROSE_NOTE)

AREA_FOR_IMPROVEMENT = "area_for_improvement"
CAUSE_OF_CONCERN = "cause_of_concern"
RECOMMENDATION = "recommendation"
PRACTICE = "practice"  # innovative, promising or notable practice: praise, not a finding to fix
FINDING_KINDS = (AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION, PRACTICE)
# The one place a finding kind gets its words: a list's title, and one finding's label.
FINDING_TITLES = {
    AREA_FOR_IMPROVEMENT: "Areas for improvement",
    CAUSE_OF_CONCERN: "Causes of concern",
    RECOMMENDATION: "Recommendations",
    PRACTICE: "Innovative and promising practice",
}
FINDING_LABELS = {
    AREA_FOR_IMPROVEMENT: "Area for improvement",
    CAUSE_OF_CONCERN: "Cause of concern",
    RECOMMENDATION: "Recommendation",
    PRACTICE: "Innovative or promising practice",
}


@dataclass(frozen=True)
class Finding:
    """One area for improvement, cause of concern or recommendation, as printed."""

    kind: str
    text: str
    # Recommendations hang off a sentence such as "The force should:"; keep it so the
    # bullet can be read in context without being part of the bullet's own text.
    lead_in: str = ""
    # From 2023-25 an area for improvement is a statement line and a paragraph explaining it;
    # practice is a title and its description. The statement or title is `text`.
    detail: str = ""


@dataclass(frozen=True)
class Judgment:
    """What the inspectorate said of a question, an area or a report, and how we know it: the
    grade (None when none is given), its source (STATED, PROSE, CARRIED, TABLE), whether the
    page says it was carried over, and an earlier copy's grade when it changed. The one place
    a grade gets its words."""

    grade: Grade | None = None
    source: str | None = None
    carried_over: bool = False
    previous: Grade | None = None

    @property
    def marked(self) -> bool:
        """Carried over or read from prose: shown hatched, never passed off as stated."""
        return self.carried_over or self.source in (CARRIED, PROSE)

    @property
    def abbreviation(self) -> str:
        """"G", "RI"; nothing without a grade."""
        return self.grade.abbreviation if self.grade is not None else ""

    @property
    def label(self) -> str:
        """What a cell prints: the abbreviation, starred when marked; "–" without a grade."""
        if self.grade is None:
            return "–"
        return self.abbreviation + ("*" if self.marked else "")

    @property
    def note(self) -> str:
        """How a grade is known when not stated: "carried over", "read from the text"; nothing
        for a stated grade or no grade."""
        if self.grade is None:
            return ""
        if self.carried_over or self.source == CARRIED:
            return CARRIED_NOTE
        return PROSE_NOTE if self.source == PROSE else ""

    def describe(self, graded: bool = True) -> str:
        """The grade in words, saying how it is known: "Good (carried over)", "not graded (the
        inspectorate does not grade this)". `graded` False: a question or area the
        inspectorate never grades."""
        if self.grade is None:
            if not graded:
                return "not graded (the inspectorate does not grade this)"
            return "not graded" + (" (carried over, grade not stated)" if self.carried_over
                                   else "")
        text = self.grade.label + (f" ({self.note})" if self.note else "")
        if self.previous is not None:
            text += f"; changed from {self.previous.label}"
        return text


@dataclass(frozen=True)
class Question:
    """One question of a pillar, or one area of policing, with its judgment, narrative and
    findings."""

    number: int
    text: str
    grade: Grade | None = None
    grade_source: str | None = None
    carried_over: bool = False
    narrative: str = ""
    findings: tuple[Finding, ...] = ()
    key: str | None = None  # framework catalogue key: the same question in every cycle
    graded: bool = True  # False for questions and areas the inspectorate never grades
    # A grade an earlier copy of the report (or the initial judgments of a pilot force) gave
    # before the one shown: the reader is told it changed, and from what.
    previous_grade: Grade | None = None

    @property
    def judgment(self) -> Judgment:
        return Judgment(self.grade, self.grade_source, self.carried_over, self.previous_grade)

    def findings_of(self, kind: str) -> list[str]:
        return [f.text for f in self.findings if f.kind == kind]

    @property
    def areas_for_improvement(self) -> list[str]:
        return self.findings_of(AREA_FOR_IMPROVEMENT)

    @property
    def causes_of_concern(self) -> list[str]:
        return self.findings_of(CAUSE_OF_CONCERN)

    @property
    def recommendations(self) -> list[str]:
        return self.findings_of(RECOMMENDATION)

    @property
    def practice(self) -> list[str]:
        return self.findings_of(PRACTICE)


@dataclass(frozen=True)
class Report:
    """One force's page for one pillar in one PEEL cycle, or (from 2021/22, pillar None) its
    whole-force report graded by areas of policing."""

    force_id: str
    cycle: str
    pillar: str | None
    headline: str = ""
    last_updated: _dt.date | None = None
    grade: Grade | None = None
    grade_source: str | None = None
    summary: str = ""
    questions: tuple[Question, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    published: _dt.date | None = None  # the publication date, where the page states it

    @property
    def judgment(self) -> Judgment:
        """The report's overall grade and how it is known."""
        return Judgment(self.grade, self.grade_source)

    @property
    def section(self) -> str:
        """The pillar, or WHOLE_FORCE for a report graded by areas of policing."""
        return self.pillar or WHOLE_FORCE

    @property
    def scale(self) -> int:
        return scale_of(self.cycle)

    @property
    def date(self) -> _dt.date | None:
        """The report's own date: last updated, else published."""
        return self.last_updated or self.published

    @property
    def key(self) -> str:
        """The library reference of this report: "hampshire/2016/legitimacy",
        "hertfordshire/2023-25"."""
        if self.pillar is None:
            return f"{self.force_id}/{self.cycle}"
        return f"{self.force_id}/{self.cycle}/{self.pillar}"

    @property
    def finding_count(self) -> int:
        return sum(len(q.findings) for q in self.questions)

    @property
    def richness(self) -> tuple[int, int, int, int, int]:
        """Orders copies of one logical report: the richer copy is the one worth keeping.

        Grades known at all come first, then findings, the date, grades stated on a grade
        line, and questions: a full copy that reads its pillar grade from prose beats a
        compact copy that prints it but lost a finding and the date.
        """
        graded = [self, *self.questions]
        known = sum(1 for item in graded if item.grade is not None)
        stated = sum(1 for item in graded if item.grade_source == STATED)
        return (known, self.finding_count, self.date is not None, stated,
                len(self.questions))


def long_date(date: _dt.date) -> str:
    """"8 December 2016" (strftime's %-d does not exist on Windows)."""
    return f"{date.day} {date:%B %Y}"


def grade_label(grade: Grade | None) -> str | None:
    return grade.label if grade is not None else None


def report_to_dict(report: Report) -> dict:
    """The `parse --json` contract of DESIGN.md, key for key."""
    from peelviewer.core.forces import force_by_id

    return {
        "force": {"id": report.force_id, "name": force_by_id(report.force_id).name},
        "cycle": report.cycle,
        "pillar": report.pillar,
        "headline": report.headline,
        "last_updated": report.last_updated.isoformat() if report.last_updated else None,
        "published": report.published.isoformat() if report.published else None,
        "scale": report.scale,
        "grade": grade_label(report.grade),
        "grade_source": report.grade_source,
        "summary": report.summary,
        "questions": [
            {
                "number": q.number,
                "key": q.key,
                "text": q.text,
                "graded": q.graded,
                "grade": grade_label(q.grade),
                "grade_source": q.grade_source,
                "carried_over": q.carried_over,
                "narrative": q.narrative,
                "areas_for_improvement": q.areas_for_improvement,
                "causes_of_concern": q.causes_of_concern,
                "recommendations": q.recommendations,
                "practice": q.practice,
                "previous_grade": grade_label(q.previous_grade),
            }
            for q in report.questions
        ],
        "warnings": list(report.warnings),
    }
