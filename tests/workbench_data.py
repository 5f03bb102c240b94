"""Libraries of several forces across PEEL cycles, made from Report objects, for the
workbench's tests (timeline, findings tracker, national picture, template text).

Every report holds the template sentence `TEMPLATE` with its force's name, and a sentence
of its own; findings repeat from cycle to cycle with small changes of wording, as real
areas for improvement do."""

from __future__ import annotations

import datetime as dt

from peelviewer.core.forces import force_by_id
from peelviewer.core.framework import question_order, topic
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    RECOMMENDATION,
    Finding,
    Grade,
    Question,
    Report,
)
from peelviewer.core.template_text import index_all

FORCES = ("kent", "essex", "surrey", "sussex", "hampshire")
TEMPLATE = ("We assessed how well {name} keeps people safe and reduces crime, as we do in "
            "every force in England and Wales.")
OWN = "Officers in {name} told us about the {count} new patrol cars it bought this year."
FIRST_AREA = "The force should improve how it records the outcomes of {topic} cases."
LATER_AREA = "The force should improve the way it records the outcomes of {topic} cases."
CAUSE = "The force does not understand the demand it faces from {topic}."
RECOMMENDATION_TEXT = "By June, the force should review its {topic} arrangements."


def pillar_report(force_id: str, cycle: str, pillar: str, grades: list[Grade], *,
                  later: bool = False, cause: bool = False) -> Report:
    """A pillar report (2015 to 2018/19) with one question per grade, keyed by the
    framework's order for the cycle."""
    name = force_by_id(force_id).name
    keys = question_order(cycle, pillar)
    questions = []
    for number, grade in enumerate(grades, start=1):
        key = keys[number - 1] if number <= len(keys) else None
        found = topic(key)
        subject = found.short.lower() if found else f"question {number}"
        findings = [Finding(AREA_FOR_IMPROVEMENT,
                            (LATER_AREA if later else FIRST_AREA).format(topic=subject))]
        if cause:
            findings.append(Finding(CAUSE_OF_CONCERN, CAUSE.format(topic=subject)))
            findings.append(Finding(RECOMMENDATION, RECOMMENDATION_TEXT.format(topic=subject),
                                    lead_in="To address this cause of concern:"))
        questions.append(Question(
            number=number, text=f"How good is the force at {subject}?", grade=grade,
            grade_source="stated", key=key,
            narrative=(TEMPLATE.format(name=name) + " "
                       + OWN.format(name=name, count=len(name) * 7 + number)),
            findings=tuple(findings)))
    overall = min(grades) if grades else None
    return Report(force_id=force_id, cycle=cycle, pillar=pillar, headline=f"{name} {cycle}",
                  grade=overall, grade_source="stated",
                  summary=TEMPLATE.format(name=name),
                  questions=tuple(questions), last_updated=dt.date(2019, 1, 1))


def modern_report(force_id: str, cycle: str, grades: dict[str, Grade | None]) -> Report:
    """A whole-force report (2021/22 onwards) graded by areas of policing."""
    name = force_by_id(force_id).name
    questions = []
    for number, (key, grade) in enumerate(grades.items(), start=1):
        found = topic(key)
        questions.append(Question(
            number=number, text=found.short, grade=grade, grade_source="stated", key=key,
            graded=grade is not None,
            narrative=TEMPLATE.format(name=name) + f" {name} works on {found.short.lower()}.",
            findings=(Finding(AREA_FOR_IMPROVEMENT,
                              LATER_AREA.format(topic=found.short.lower())),)))
    return Report(force_id=force_id, cycle=cycle, pillar=None, headline=f"{name} {cycle}",
                  summary=TEMPLATE.format(name=name), questions=tuple(questions),
                  published=dt.date(2023, 5, 1))


# The four grades of 2014 to 2018/19 (adequate came in 2021/22).
FOUR = (Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.OUTSTANDING)
MODERN_KEYS = ("investigating-crime", "protecting-vulnerable", "responding-to-public",
               "leadership-management")


def fill(store, forces: tuple[str, ...] = FORCES) -> None:
    """Each force: 2016 and 2017 legitimacy (three questions), 2023-25 whole-force areas.
    Grades differ by force so that national counts are not all alike; Kent has a cause of
    concern in 2017 and grades that fall from 2016 to 2017."""
    for index, force_id in enumerate(forces):
        first = [Grade.GOOD, Grade.GOOD, FOUR[index % 4]]
        later = [Grade.REQUIRES_IMPROVEMENT if force_id == "kent" else Grade.GOOD,
                 FOUR[(index + 1) % 4], Grade.GOOD]
        modern = {key: Grade(1 + (index + position) % 5)
                  for position, key in enumerate(MODERN_KEYS)}
        for report in (
            pillar_report(force_id, "2016", "legitimacy", first),
            pillar_report(force_id, "2017", "legitimacy", later, later=True,
                          cause=force_id == "kent"),
            modern_report(force_id, "2023-25", modern),
        ):
            store.add_report(report, sha256=f"{report.key}", file_name=f"{report.key}.txt",
                             kind="text", size=100)
    index_all(store)  # what the window does after an import, on a thread of its own
