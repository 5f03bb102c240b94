"""What a compared question opens with: both grades and the change, and the two sides'
findings matched into persisting, new and no longer listed."""

import dataclasses

import pytest

from peelviewer.core.comparison.compare import Side, compare_reports
from peelviewer.core.comparison.findings_match import match_findings
from peelviewer.core.comparison.grade_change import grade_change
from peelviewer.core.comparison.terminal import comparison_to_dict, describe_comparison
from peelviewer.core.importer import parse_file
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    RECOMMENDATION,
    Finding,
    Grade,
    Question,
    Report,
)

GOOD, RI, OUTSTANDING = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.OUTSTANDING


def side(grade: Grade | None) -> Side:
    return Side("Q1", "How fair is it?", grade)


@pytest.mark.parametrize(
    ("left", "right", "scales_differ", "later", "label"),
    [
        (RI, GOOD, False, "right", "↑ improved"),
        (GOOD, RI, False, "right", "↓ declined"),
        (RI, GOOD, False, "left", "↓ declined"),  # the left report is the later one
        (GOOD, GOOD, False, "right", "= same grade"),
        (RI, GOOD, False, None, "↑ higher on the right"),  # two forces: no change in time
        (OUTSTANDING, GOOD, False, None, "↓ lower on the right"),
        (RI, GOOD, True, "right", "scale changed"),
        (None, GOOD, False, "right", "not graded on the left"),
        (None, None, False, "right", "not graded"),
    ],
)
def test_grade_change_in_words(left, right, scales_differ, later, label):
    change = grade_change(side(left), side(right), scales_differ=scales_differ, later=later)
    assert change.label == label


def test_a_question_in_one_report_only_has_no_grade_change():
    assert grade_change(side(GOOD), None).label == "not in the right report"


def afi(text: str, kind: str = AREA_FOR_IMPROVEMENT) -> Finding:
    return Finding(kind, text)


def start(finding: Finding) -> str:
    """Words 3 to 6: enough to tell these findings apart."""
    return " ".join(finding.text.split()[2:6])


def test_findings_persist_are_new_or_are_no_longer_listed_across_years():
    older = [afi("The force should improve how it manages individual performance."),
             afi("The force should improve its workforce’s access to occupational health "
                 "provision."),
             afi("The force should act on feedback.", CAUSE_OF_CONCERN)]
    newer = [afi("The force should review how officers take annual leave."),
             afi("The force should improve how it manages the performance of individual "
                 "officers and staff.")]
    matched = match_findings(older, newer, later="right")
    assert [(p.label, p.left and start(p.left), p.right and start(p.right))
            for p in matched] == [
        # New, and before the persisting one in the newer report: it keeps its place.
        ("new", None, "should review how officers"),
        ("persisting", "should improve how it", "should improve how it"),
        ("no longer listed", "should improve its workforce’s", None),
        ("no longer listed", "should act on feedback.", None),
    ]
    assert [p.sign for p in matched] == ["+", "=", "−", "−"]
    # Read the other way round (the later report on the left), new and gone swap.
    assert [p.label for p in match_findings(newer, older, later="left")] == [
        "new", "persisting", "no longer listed", "no longer listed"]


def test_findings_of_different_kinds_or_only_the_same_template_are_not_one():
    left = [afi("The force should improve how it seeks feedback from victims.")]
    right = [afi("The force should improve how it vets its contractors."),
             afi("The force should improve how it seeks feedback from victims.",
                 RECOMMENDATION)]
    assert [p.label for p in match_findings(left, right)] == ["left only", "right only",
                                                              "right only"]


def test_two_forces_sharing_a_finding_word_for_word_show_it_in_both(hampshire, hertfordshire):
    comparison = compare_reports(parse_file(hampshire), parse_file(hertfordshire))
    q2 = comparison.section("q2")
    both = [p for p in q2.findings if p.label == "in both"]
    assert [p.left.text[:30] for p in both] == ["Annually, the force should pro"]
    assert {p.label for p in q2.findings} == {"in both", "left only", "right only"}
    q3 = comparison.section("q3")
    assert q3.grade_change.label == "↑ higher on the right"
    assert comparison.section("q1").grade_change.label == "= same grade"
    assert comparison.section("summary").grade_change.label == "= same grade"


def one_force_two_years(hampshire) -> tuple[Report, Report]:
    """Hampshire's page, and the same page a year later: Q3 now good, one area for
    improvement dealt with and another added."""
    older = parse_file(hampshire)
    q3 = next(q for q in older.questions if q.number == 3)
    newer_q3 = dataclasses.replace(q3, grade=GOOD, findings=(
        q3.findings[1],
        afi("The force should make sure <grievances> & appeals are heard within 28 days."),
    ))
    newer = dataclasses.replace(older, cycle="2017", questions=(*older.questions[:2], newer_q3))
    return older, newer


def test_a_year_pair_says_improved_and_marks_each_finding(hampshire):
    comparison = compare_reports(*one_force_two_years(hampshire))
    q3 = comparison.section("q3")
    assert q3.grade_change.label == "↑ improved"
    assert [(p.label, (p.left or p.right).text[:45]) for p in q3.findings] == [
        ("no longer listed", "The force should improve its workforce’s acce"),
        ("persisting", "The force should improve how it manages indiv"),
        ("new", "The force should make sure <grievances> & app"),
    ]


def test_the_command_line_shows_the_grade_change_and_the_findings(hampshire):
    comparison = compare_reports(*one_force_two_years(hampshire))
    q3 = comparison.section("q3")
    text = describe_comparison(comparison, [q3])
    assert "Sentences compared in reading order." in text
    assert "   Grade: ↑ improved" in text.splitlines()
    assert ("   - no longer listed: A: The force should improve its workforce’s access to "
            "occupational health provision.") in text.splitlines()
    assert "   = persisting: The force should improve how it manages individual performance." \
        in text.splitlines()
    assert ("   + new: B: The force should make sure <grievances> & appeals are heard within "
            "28 days.") in text.splitlines()
    data = comparison_to_dict(comparison, [q3])
    assert data["options"]["by_topic"] is False
    [section] = data["sections"]
    assert section["grade_change"] == {"kind": "improved", "label": "↑ improved"}
    assert [(f["status"], f["label"]) for f in section["findings"]] == [
        ("left only", "no longer listed"), ("both", "persisting"), ("right only", "new")]


def test_a_question_without_findings_on_either_side_says_so():
    report = Report("kent", "2016", "legitimacy", questions=(
        Question(1, "How fair is it?", GOOD, narrative="It is fair."),))
    comparison = compare_reports(report, dataclasses.replace(report, force_id="surrey"))
    assert comparison.section("q1").findings == ()
    assert "   Findings: none on either side" in describe_comparison(
        comparison, list(comparison.sections)).splitlines()
