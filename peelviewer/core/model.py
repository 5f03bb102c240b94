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
CYCLES = ("2014", "2015", "2016", "2017", "2018/19")

# How a grade became known; stored beside every grade.
STATED = "stated"  # a grade line on the page
PROSE = "prose"  # read from a sentence such as "has been assessed as good"
CARRIED = "carried"  # an earlier judgment the page says was carried over

AREA_FOR_IMPROVEMENT = "area_for_improvement"
CAUSE_OF_CONCERN = "cause_of_concern"
RECOMMENDATION = "recommendation"
FINDING_KINDS = (AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION)


@dataclass(frozen=True)
class Finding:
    """One area for improvement, cause of concern or recommendation, as printed."""

    kind: str
    text: str
    # Recommendations hang off a sentence such as "The force should:"; keep it so the
    # bullet can be read in context without being part of the bullet's own text.
    lead_in: str = ""


@dataclass(frozen=True)
class Question:
    """One question of a pillar with its judgment, narrative and findings."""

    number: int
    text: str
    grade: Grade | None = None
    grade_source: str | None = None
    carried_over: bool = False
    narrative: str = ""
    findings: tuple[Finding, ...] = ()

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


@dataclass(frozen=True)
class Report:
    """One force's page for one pillar in one PEEL cycle."""

    force_id: str
    cycle: str
    pillar: str
    headline: str = ""
    last_updated: _dt.date | None = None
    grade: Grade | None = None
    grade_source: str | None = None
    summary: str = ""
    questions: tuple[Question, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """The library reference of this report, e.g. "hampshire/2016/legitimacy"."""
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
        return (known, self.finding_count, self.last_updated is not None, stated,
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
        "grade": grade_label(report.grade),
        "grade_source": report.grade_source,
        "summary": report.summary,
        "questions": [
            {
                "number": q.number,
                "text": q.text,
                "grade": grade_label(q.grade),
                "grade_source": q.grade_source,
                "carried_over": q.carried_over,
                "narrative": q.narrative,
                "areas_for_improvement": q.areas_for_improvement,
                "causes_of_concern": q.causes_of_concern,
                "recommendations": q.recommendations,
            }
            for q in report.questions
        ],
        "warnings": list(report.warnings),
    }
