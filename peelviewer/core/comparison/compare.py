"""Two reports side by side: summaries and questions paired (by number, or by wording across
cycles), each pair diffed sentence by sentence."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from peelviewer.core.comparison.diff import Comparison, DiffOptions, compare_texts
from peelviewer.core.comparison.findings_match import FindingPair, match_findings
from peelviewer.core.comparison.grade_change import LEFT, RIGHT, GradeChange, grade_change
from peelviewer.core.forces import find_force
from peelviewer.core.framework import normalise_cycle, short_label
from peelviewer.core.model import (
    CYCLES,
    PILLARS,
    WHOLE_FORCE,
    Grade,
    Judgment,
    Question,
    Report,
    is_modern,
)

# Question wordings change between cycles; below this similarity (character ratio, 0..100)
# two are different questions. Set-based scores call any two "How well does the force …"
# questions alike, so the plain ratio it is.
QUESTION_MATCH = 70.0
_REFERENCE = re.compile(
    r"^(?P<force>[^/]+)/(?P<cycle>\d{4}(?:\s*[/–-]\s*\d{2,4})?)(?:/(?P<pillar>[a-z]+))?$", re.I)


@dataclass(frozen=True)
class Side:
    """What one side of a section shows besides the text: a grade and findings."""

    label: str  # "Q2", "Q3 (2017)", "Investigating crime", "Summary"
    text: str  # the question, or the headline
    grade: Grade | None = None
    grade_source: str | None = None
    carried_over: bool = False
    findings: tuple = ()  # Finding objects
    graded: bool = True
    previous_grade: Grade | None = None

    @property
    def judgment(self) -> Judgment:
        """The side's grade and how it is known."""
        return Judgment(self.grade, self.grade_source, self.carried_over, self.previous_grade)


@dataclass(frozen=True)
class Section:
    """One summary or question pair; either side may be missing (None).

    `grade_change` says how the grade moved from left to right; `findings` are both sides'
    findings matched (persisting, new, no longer listed; or in both, one side only).
    """

    key: str  # "summary", "q1", ...
    title: str
    left: Side | None
    right: Side | None
    comparison: Comparison
    left_text: str
    right_text: str
    grade_change: GradeChange | None = None
    findings: tuple[FindingPair, ...] = ()


@dataclass(frozen=True)
class ReportComparison:
    left: Report
    right: Report
    options: DiffOptions
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    @property
    def scales_differ(self) -> bool:
        """A four-grade cycle beside a five-grade one: their grades are not comparable."""
        return self.left.scale != self.right.scale

    @property
    def later(self) -> str | None:
        """"left" or "right": the later report of one force in two cycles; None otherwise."""
        return later_side(self.left, self.right)


def later_side(left: Report, right: Report) -> str | None:
    """Which of one force's two reports is the later one; None for two forces (or one
    cycle), whose differences are not changes over time."""
    if left.force_id != right.force_id or left.cycle == right.cycle:
        return None
    return RIGHT if CYCLES.index(right.cycle) > CYCLES.index(left.cycle) else LEFT


def by_topic_default(left: Report, right: Report) -> bool:
    """By topic between two forces, whose texts say the same things in different places; in
    reading order for one force across years, whose text is mostly edited in place."""
    return left.force_id != right.force_id


def parse_reference(text: str) -> tuple[str, str, str] | None:
    """"hampshire/2016/legitimacy", "Avon & Somerset/2018/19/efficiency" or
    "hertfordshire/2023-25" as (force id, cycle, section); None if it is not a library
    reference (a pillar cycle needs its pillar; a 2021/22-onwards one has none)."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    force = find_force(match["force"])
    cycle = normalise_cycle(match["cycle"])
    pillar = (match["pillar"] or "").lower()
    if force is None or cycle is None:
        return None
    if is_modern(cycle):
        return (force.id, cycle, WHOLE_FORCE) if pillar in ("", WHOLE_FORCE) else None
    return (force.id, cycle, pillar) if pillar in PILLARS else None


def pair_questions(left: Report, right: Report) -> list[tuple[Question | None, Question | None]]:
    """Questions of two reports, paired: by number within a pillar cycle; by framework key
    where both carry one (areas of policing, and a pillar question with the area that
    follows it); otherwise by wording (best matches first, the same number breaking ties).
    Unmatched ones stand alone, in the left report's order, right-only questions after
    their predecessors."""
    if left.cycle == right.cycle and left.section == right.section and left.pillar:
        rights = {q.number: q for q in right.questions}
        pairs = [(q, rights.pop(q.number, None)) for q in left.questions]
        return pairs + [(None, q) for q in rights.values()]
    partner: dict[int, int] = {}
    taken: set[int] = set()
    right_by_key = {q.key: j for j, q in enumerate(right.questions) if q.key}
    for i, question in enumerate(left.questions):
        j = right_by_key.get(question.key) if question.key else None
        if j is not None and j not in taken:
            partner[i] = j
            taken.add(j)
    scored = sorted(
        ((fuzz.ratio(a.text.casefold(), b.text.casefold()) + (2 if a.number == b.number else 0),
          i, j)
         for i, a in enumerate(left.questions) if i not in partner
         for j, b in enumerate(right.questions) if j not in taken
         # Two different keys are two different questions, however alike their wording.
         and not (a.key and b.key)),
        reverse=True,
    )
    for score, i, j in scored:
        if score < QUESTION_MATCH:
            break
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    pairs: list[tuple[Question | None, Question | None]] = []
    for i, question in enumerate(left.questions):
        pairs.append((question, right.questions[partner[i]] if i in partner else None))
    for j, question in enumerate(right.questions):
        if j not in taken:
            # After the right question that precedes it, so reading order holds.
            at = next((k + 1 for k in range(len(pairs) - 1, -1, -1)
                       if pairs[k][1] is not None and right.questions.index(pairs[k][1]) < j),
                      0)
            while at < len(pairs) and pairs[at][1] is None:
                at += 1  # left-only questions there keep their place first
            pairs.insert(at, (None, question))
    return pairs


def question_label(report: Report, question: Question) -> str:
    """"Q2" for a pillar question; the area's short name for an area of policing."""
    if report.pillar is None:
        return short_label(question.key, question.text)
    return f"Q{question.number}"


def _side(report: Report, question: Question | None, *, cycle_note: str = "") -> Side | None:
    if question is None:
        return None
    return Side(f"{question_label(report, question)}{cycle_note}", question.text,
                question.grade, question.grade_source, question.carried_over,
                question.findings, question.graded, question.previous_grade)


def compare_reports(left: Report, right: Report, *,
                    options: DiffOptions | None = None) -> ReportComparison:
    """Summary and every question pair, diffed with `options` (each side's own force names
    are the placeholders when that option is on; by topic or in order as `by_topic` says,
    else as `by_topic_default` chooses), with grade changes and findings matched."""
    options = options or DiffOptions()
    options = dataclasses.replace(
        options, left_force=left.force_id, right_force=right.force_id,
        by_topic=by_topic_default(left, right) if options.by_topic is None
        else options.by_topic,
    )
    scales_differ, later = left.scale != right.scale, later_side(left, right)
    summary_sides = (Side("Summary", left.headline, left.grade, left.grade_source),
                     Side("Summary", right.headline, right.grade, right.grade_source))
    sections = [Section(
        "summary", "Summary", *summary_sides,
        compare_texts(left.summary, right.summary, options=options),
        left.summary, right.summary,
        grade_change(*summary_sides, scales_differ=scales_differ, later=later),
    )]
    across = (left.cycle, left.section) != (right.cycle, right.section)
    for a, b in pair_questions(left, right):
        labels = [question_label(report, q) for report, q in ((left, a), (right, b))
                  if q is not None]
        title = labels[0] if len(set(labels)) == 1 else " / ".join(labels)
        text = (a or b).text
        left_text, right_text = (a.narrative if a else ""), (b.narrative if b else "")
        # Keys follow the left report's numbers; a right-only question across years keeps
        # its own number under "qr", so it cannot collide with a left question's key.
        key = f"q{a.number}" if a else f"q{'r' if across else ''}{b.number}"
        sides = (_side(left, a, cycle_note=f" ({left.cycle})" if across else ""),
                 _side(right, b, cycle_note=f" ({right.cycle})" if across else ""))
        sections.append(Section(
            key,
            title if title == text else f"{title}. {text}",
            *sides,
            compare_texts(left_text, right_text, options=options),
            left_text, right_text,
            grade_change(*sides, scales_differ=scales_differ, later=later),
            match_findings(a.findings if a else (), b.findings if b else (), later=later),
        ))
    return ReportComparison(left, right, options, tuple(sections))
