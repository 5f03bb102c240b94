"""parse_text on every page variation of PEEL-FORMATS.md, with hand-counted expectations.

Each fixture in tests/fixtures is a short page written for these tests (invented prose, real
structure); the two real samples are checked too. Every number below was counted by reading
the fixture, never copied from parser output: if one fails, check the fixture first, then the
parser.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest

from peelviewer.core.model import CARRIED, PROSE, STATED, Grade, Report
from peelviewer.core.parse import ParseError, parse_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLES = Path(__file__).parents[2] / "peelviewer/resources/samples"

O = Grade.OUTSTANDING  # noqa: E741 - the inspectorate's own abbreviation
G = Grade.GOOD
RI = Grade.REQUIRES_IMPROVEMENT
I = Grade.INADEQUATE  # noqa: E741 - the inspectorate's own abbreviation

LEGITIMACY_2015_2017 = "How legitimate is the force at keeping people safe and reducing crime?"
EFFECTIVENESS_2015_2017 = "How effective is the force at keeping people safe and reducing crime?"


class Q(NamedTuple):
    """What a reader sees for one question: number, grade, where the grade came from,
    carried over or not, and how many areas for improvement / causes / recommendations."""

    number: int
    grade: Grade | None
    source: str | None
    carried: bool
    afi: int
    coc: int = 0
    rec: int = 0


class Case(NamedTuple):
    path: Path
    force: str
    cycle: str
    pillar: str
    headline: str
    updated: dt.date | None
    grade: Grade | None
    source: str | None
    summary_start: str
    questions: list[Q]


def fx(name: str) -> Path:
    return FIXTURES / name


CASES = [
    # 2014 efficiency: no pillar label, strapline headline, question text repeated as a
    # sub-heading after each grade line, singular "Area for improvement" heading.
    Case(fx("2014-efficiency-strapline.txt"), "lincolnshire", "2014", "efficiency",
         "How well the force delivers value for money", dt.date(2014, 11, 27), G, STATED,
         "Lincolnshire Police has been assessed as good",
         [Q(1, G, STATED, False, 0), Q(2, G, STATED, False, 0), Q(3, RI, STATED, False, 1)]),
    # 2014 effectiveness: strapline headline, no pillar grade anywhere, "To be graded" lines.
    Case(fx("2014-effectiveness-to-be-graded.txt"), "warwickshire", "2014", "effectiveness",
         "How well the force tackles crime", dt.date(2014, 11, 27), None, None,
         "Warwickshire Police shares most",
         [Q(1, G, STATED, False, 0), Q(2, RI, STATED, False, 2), Q(3, G, STATED, False, 0),
          Q(4, None, None, False, 0), Q(5, None, None, False, 0)]),
    # Banner before the title, no "Skip to content", pillar only from "Questions for Efficiency".
    Case(fx("2015-efficiency-questions-label-only.txt"), "northumbria", "2015", "efficiency",
         "Keeping people safe and reducing crime", dt.date(2015, 10, 20), G, STATED,
         "Northumbria Police has been assessed as good",
         [Q(1, G, STATED, False, 1), Q(2, G, STATED, False, 0), Q(3, RI, STATED, False, 2)]),
    # Alias in the title; Q2 crime recording ungraded although its prose says "is good at".
    Case(fx("2015-legitimacy-crime-recording-ungraded.txt"), "devon-and-cornwall", "2015",
         "legitimacy", LEGITIMACY_2015_2017, dt.date(2016, 2, 11), G, STATED,
         "Devon and Cornwall Police has been assessed as good",
         [Q(1, G, STATED, False, 1), Q(2, None, None, False, 1), Q(3, RI, STATED, False, 2),
          Q(4, G, STATED, False, 0)]),
    # Blank line instead of the pillar label, pillar grade only in prose ("judged to be
    # outstanding"), Q3 grade only in prose, number "3" right after the last bullet of Q2,
    # Q5 specialist capabilities ungraded.
    Case(fx("2016-effectiveness-no-pillar-label.txt"), "durham", "2016", "effectiveness",
         EFFECTIVENESS_2015_2017, dt.date(2017, 3, 2), O, PROSE,
         "Durham Constabulary is judged to be outstanding",
         [Q(1, O, STATED, False, 0), Q(2, G, STATED, False, 2), Q(3, G, PROSE, False, 1),
          Q(4, O, STATED, False, 0), Q(5, None, None, False, 0)]),
    # Welsh force: "English Cymraeg" + strapline banner, Welsh PDF link line, pillar grade in
    # prose ("assessed as good"), abuse-of-position link line.
    Case(fx("welsh-banner.txt"), "gwent", "2016", "legitimacy", LEGITIMACY_2015_2017,
         dt.date(2016, 12, 8), G, PROSE, "Gwent Police has been assessed as good",
         [Q(1, G, STATED, False, 2), Q(2, RI, STATED, False, 2), Q(3, G, STATED, False, 1)]),
    # Compact copy of welsh-banner.txt: no numbers, no blank lines, "- " bullets, no date,
    # grade line right after the headline, one area for improvement fewer in Q1.
    Case(fx("2016-legitimacy-compact.txt"), "gwent", "2016", "legitimacy", LEGITIMACY_2015_2017,
         None, G, STATED, "Gwent Police has been assessed as good",
         [Q(1, G, STATED, False, 1), Q(2, RI, STATED, False, 2), Q(3, G, STATED, False, 1)]),
    # Leadership: "Ungraded" after the date, no "Questions for" line, all questions ungraded
    # (Q1 prose says "is good at").
    Case(fx("2016-leadership-ungraded.txt"), "cheshire", "2016", "leadership",
         "How well does the force understand, develop and display leadership?",
         dt.date(2016, 12, 8), None, None, "Cheshire Constabulary’s chief officers",
         [Q(1, None, None, False, 0), Q(2, None, None, False, 1), Q(3, None, None, False, 0)]),
    # Everything printed (2018/19): Welsh strapline and a consultation banner on an English
    # force's page; a sentence about one question before the pillar sentence; Q2 carried
    # over though it prints its grade line; last year's findings quoted without a heading.
    Case(fx("2018-legitimacy-everything-printed.txt"), "kent", "2018/19", "legitimacy",
         "How legitimately does the force treat the public and its workforce?",
         dt.date(2019, 9, 27), G, STATED, "Kent Police is outstanding at treating the public",
         [Q(1, O, STATED, False, 0), Q(2, G, STATED, True, 0), Q(3, RI, STATED, False, 2)]),
    # "Not being graded" pillar line (a prose "is good at" must not grade it); a compact
    # copy that keeps its label, leaves out Q1 (numbers from the framework), has "- " lists
    # in a narrative, single newlines, trailing spaces, and "carried last year's grade
    # forward" naming the grade in prose.
    Case(fx("2017-efficiency-compact-gaps.txt"), "norfolk", "2017", "efficiency",
         "How efficient is the force at keeping people safe and reducing crime?",
         dt.date(2017, 11, 9), None, None, "Norfolk Constabulary is good at planning ahead",
         [Q(2, None, None, False, 1), Q(3, G, CARRIED, True, 0)]),
    # A question sentence before the pillar one ("judges that … requires improvement"),
    # earlier judgments listed as summary bullets, "not been inspected or graded in 2015",
    # and an earlier area for improvement quoted inside a narrative.
    Case(fx("2015-legitimacy-not-inspected.txt"), "essex", "2015", "legitimacy",
         LEGITIMACY_2015_2017, dt.date(2016, 2, 11), RI, PROSE,
         "Essex Police is good at treating the people it serves",
         [Q(1, G, STATED, False, 0), Q(2, None, None, False, 0), Q(3, RI, STATED, False, 1)]),
    # "Further insights on …" sections before the questions are summary; 2014 repeats the
    # question under its grade.
    Case(fx("2014-effectiveness-further-insights.txt"), "suffolk", "2014", "effectiveness",
         "How well the force tackles crime", dt.date(2014, 11, 27), None, None,
         "Suffolk Constabulary is good at reducing crime",
         [Q(1, G, STATED, False, 0), Q(2, RI, STATED, False, 1)]),
    # 2015 leadership page labelled "Other inspections", with "Questions for Leadership":
    # the leadership pillar, ungraded.
    Case(fx("2015-leadership-other-inspections.txt"), "lincolnshire", "2015", "leadership",
         "How well led is the force?", dt.date(2016, 2, 15), None, None,
         "Lincolnshire Police has a settled chief officer team",
         [Q(1, None, None, False, 0), Q(2, None, None, False, 0)]),
    # No date, grade line after the headline; Q1 carried over naming its grade, Q4 carried
    # over without one, Q5 specialist capabilities ungraded.
    Case(fx("2017-effectiveness-carried-over.txt"), "metropolitan", "2017", "effectiveness",
         EFFECTIVENESS_2015_2017, None, RI, STATED, "The Metropolitan Police Service needs",
         [Q(1, G, CARRIED, True, 0), Q(2, RI, STATED, False, 2), Q(3, RI, STATED, False, 3),
          Q(4, None, None, True, 0), Q(5, None, None, False, 0)]),
    # Pillar grade in prose ("requires improvement in"); Q2 one cause paragraph + lead-in and
    # three recommendation bullets; Q3 two cause bullets + one prose recommendation.
    Case(fx("2017-efficiency-causes-of-concern.txt"), "cleveland", "2017", "efficiency",
         "How efficient is the force at keeping people safe and reducing crime?",
         dt.date(2017, 11, 9), RI, PROSE, "Cleveland Police requires improvement",
         [Q(1, RI, STATED, False, 1), Q(2, I, STATED, False, 0, 1, 3),
          Q(3, RI, STATED, False, 0, 2, 1)]),
    # "PEEL 2018" = 2018/19, no question numbers, Q1 carried over ("rated as good"),
    # detailed findings with sub-headings, national recommendation bullets in Q2 narrative.
    Case(fx("2018-legitimacy-detailed-findings.txt"), "staffordshire", "2018/19", "legitimacy",
         "How legitimately does the force treat the public and its workforce?",
         dt.date(2019, 5, 2), G, STATED, "Staffordshire Police has a strong ethical culture",
         [Q(1, G, CARRIED, True, 0), Q(2, G, STATED, False, 1), Q(3, RI, STATED, False, 2)]),
    # Consultation banner, no label (pillar from the 2018/19 headline), pillar grade in prose
    # ("to require improvement"), detailed findings in Q1.
    Case(fx("2018-efficiency-no-pillar-label.txt"), "suffolk", "2018/19", "efficiency",
         "How efficiently does the force operate and how sustainable are its services to the "
         "public?", dt.date(2018, 9, 27), RI, PROSE,
         "We judge Suffolk Constabulary to require improvement",
         [Q(1, RI, STATED, False, 2), Q(2, G, STATED, False, 0)]),
    # The two real samples.
    Case(SAMPLES / "hampshire-2016-legitimacy.txt", "hampshire", "2016", "legitimacy",
         LEGITIMACY_2015_2017, dt.date(2016, 12, 8), G, STATED,
         "Hampshire Constabulary has been assessed as good",
         [Q(1, G, STATED, False, 2), Q(2, G, STATED, False, 3), Q(3, RI, STATED, False, 2)]),
    Case(SAMPLES / "hertfordshire-2016-legitimacy.txt", "hertfordshire", "2016", "legitimacy",
         LEGITIMACY_2015_2017, dt.date(2016, 12, 8), G, STATED,
         "Hertfordshire Constabulary has been assessed as good",
         [Q(1, G, STATED, False, 0), Q(2, RI, STATED, False, 1, 1, 4),
          Q(3, G, STATED, False, 1)]),
]

CASE_PARAMS = [pytest.param(c, id=c.path.stem) for c in CASES]


def raw(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def parse(path: Path) -> Report:
    return parse_text(raw(path))


def raw_lines(path: Path) -> list[str]:
    return [line.strip() for line in raw(path).splitlines()]


def everything_shown(report: Report) -> str:
    """All the text a reader of the parsed report can see."""
    parts = [report.headline, report.summary]
    for q in report.questions:
        parts += [q.text, q.narrative]
        for f in q.findings:
            parts += [f.text, f.lead_in]
    return "\n".join(parts)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def question(path: Path, number: int):
    report = parse(path)
    matching = [q for q in report.questions if q.number == number]
    assert len(matching) == 1, f"question {number} of {path.name}"
    return matching[0]


# ---------------------------------------------------------------------------------------------
# The table


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_report_identity_date_and_pillar_grade(case: Case):
    report = parse(case.path)
    assert report.force_id == case.force
    assert report.cycle == case.cycle
    assert report.pillar == case.pillar
    assert report.key == f"{case.force}/{case.cycle}/{case.pillar}"
    assert report.headline == case.headline
    assert report.last_updated == case.updated
    assert report.grade == case.grade
    assert report.grade_source == case.source


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_summary_starts_with_the_first_summary_paragraph(case: Case):
    # Nothing from the banner, title, label, headline, date or grade line leaks in front.
    assert parse(case.path).summary.startswith(case.summary_start)


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_questions_grades_and_finding_counts(case: Case):
    report = parse(case.path)
    seen = [
        Q(q.number, q.grade, q.grade_source, q.carried_over, len(q.areas_for_improvement),
          len(q.causes_of_concern), len(q.recommendations))
        for q in report.questions
    ]
    assert seen == case.questions


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_question_texts_are_question_lines_of_the_page(case: Case):
    lines = raw_lines(case.path)
    for q in parse(case.path).questions:
        assert q.text.endswith("?")
        assert q.text in lines
        assert q.text != case.headline


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_findings_and_paragraphs_are_clean(case: Case):
    report = parse(case.path)
    question_texts = [q.text for q in report.questions]
    for para in paragraphs(report.summary):
        assert Grade.from_label(para) is None, "a grade line leaked into the summary"
        assert not para.startswith("Last updated")
        assert not para.startswith("Questions for")
    for q in report.questions:
        for para in paragraphs(q.narrative):
            assert Grade.from_label(para) is None, f"a grade line leaked into Q{q.number}"
            assert para not in ("Areas for improvement", "Area for improvement",
                                "Cause of concern", "Causes of concern", "Recommendations")
            assert not para.isdigit(), f"a question number leaked into Q{q.number}"
        for f in q.findings:
            assert f.text.strip()
            assert not f.text.startswith(("•", "- ")), "bullet marker kept in a finding"
            assert not any(text in f.text for text in question_texts)
            assert Grade.from_label(f.text) is None


# ---------------------------------------------------------------------------------------------
# Lines that must disappear


DROPPED = [
    ("welsh-banner.txt", "Os hoffech chi ddarllen hwn trwy'r Gymraeg (PDF document)"),
    ("welsh-banner.txt", "Abuse of position assessment – Gwent Police"),
    ("welsh-banner.txt", "Skip to content"),
    ("welsh-banner.txt", "English Cymraeg"),
    ("welsh-banner.txt", "Independent inspection of police forces and fire and rescue services"),
    ("2016-legitimacy-compact.txt", "Abuse of position assessment – Gwent Police"),
    ("2018-legitimacy-detailed-findings.txt", "Detailed findings for question 2"),
    ("2014-effectiveness-to-be-graded.txt", "To be graded"),
    ("2016-leadership-ungraded.txt", "Ungraded"),
    ("2015-efficiency-questions-label-only.txt", "Planned website downtime"),
    ("2018-efficiency-no-pillar-label.txt", "We are consulting on our proposed inspection"),
    ("2014-efficiency-strapline.txt", "Skip to content"),
]


@pytest.mark.parametrize(("name", "line"), DROPPED, ids=[f"{n}:{ln[:24]}" for n, ln in DROPPED])
def test_link_text_placeholder_and_banner_lines_are_dropped(name: str, line: str):
    path = fx(name)
    assert any(ln.startswith(line) for ln in raw_lines(path)), "fixture no longer has the line"
    assert line not in everything_shown(parse(path))


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (SAMPLES / "hampshire-2016-legitimacy.txt",
         "Abuse of position assessment – Hampshire Constabulary"),
        (SAMPLES / "hertfordshire-2016-legitimacy.txt",
         "Abuse of position assessment – Hertfordshire Constabulary"),
    ],
    ids=["hampshire", "hertfordshire"],
)
def test_samples_lose_the_abuse_of_position_link(path: Path, line: str):
    assert line in raw_lines(path)
    assert "Abuse of position assessment" not in everything_shown(parse(path))


@pytest.mark.parametrize("name", ["2014-efficiency-strapline.txt",
                                  "2014-effectiveness-to-be-graded.txt"])
def test_2014_repeated_question_subheading_is_not_narrative(name: str):
    text = raw(fx(name))
    repeated = 0
    for q in parse(fx(name)).questions:
        if text.count(q.text) == 2:  # printed again under its grade line
            repeated += 1
        assert q.text not in q.narrative
        assert q.narrative.strip(), f"Q{q.number} lost its narrative"
    assert repeated == 3  # three graded questions in each of the two fixtures


# ---------------------------------------------------------------------------------------------
# Grades that are absent, in prose, carried over or deliberately withheld


@pytest.mark.parametrize(
    ("name", "number", "phrase"),
    [
        # Ungraded kinds keep no grade even when their prose reads like a judgment.
        ("2015-legitimacy-crime-recording-ungraded.txt", 2, "is good at recording"),
        ("2016-leadership-ungraded.txt", 1, "is good at gathering"),
    ],
)
def test_ungraded_kinds_ignore_grade_words_in_prose(name: str, number: int, phrase: str):
    q = question(fx(name), number)
    assert phrase in q.narrative
    assert (q.grade, q.grade_source, q.carried_over) == (None, None, False)


@pytest.mark.parametrize(
    ("name", "number", "sentence"),
    [
        ("2017-effectiveness-carried-over.txt", 1, "This judgment has been carried over."),
        ("2017-effectiveness-carried-over.txt", 4, "has been carried over."),
        ("2018-legitimacy-detailed-findings.txt", 1, "that judgment has been carried over."),
    ],
)
def test_carried_over_sentence_stays_in_the_narrative(name: str, number: int, sentence: str):
    q = question(fx(name), number)
    assert q.carried_over
    assert sentence in q.narrative


def test_question_grade_read_from_prose_when_its_grade_line_is_missing():
    q = question(fx("2016-effectiveness-no-pillar-label.txt"), 3)
    assert (q.grade, q.grade_source) == (G, PROSE)
    assert paragraphs(q.narrative)[0].startswith("Durham Constabulary is good at protecting")


def test_question_number_right_after_the_last_bullet_starts_the_next_question():
    path = fx("2016-effectiveness-no-pillar-label.txt")
    assert "arrested suspects.\n3\n" in raw(path)
    q2, q3 = question(path, 2), question(path, 3)
    assert q2.areas_for_improvement[-1].endswith("arrested suspects.")
    assert q3.text.startswith("How effective is the force at protecting from harm")


# ---------------------------------------------------------------------------------------------
# Findings that are not the force's own, and detailed findings


NATIONAL_BULLETS = [
    "be able to monitor every computer system they use, to spot staff who may be abusing their "
    "position for a sexual purpose; and",
    "have enough trained investigators in their counter-corruption units to act on intelligence "
    "without delay.",
]


def test_national_recommendation_bullets_are_narrative_not_findings():
    path = fx("2018-legitimacy-detailed-findings.txt")
    report = parse(path)
    q2 = question(path, 2)
    assert "In our 2017 legitimacy report, we recommended that all forces should:" in q2.narrative
    for bullet in NATIONAL_BULLETS:
        assert "  • " + bullet in raw(path)
        assert "• " + bullet in q2.narrative
        for q in report.questions:
            for f in q.findings:
                assert bullet[:40] not in f.text
                assert "all forces" not in f.lead_in
    assert q2.areas_for_improvement == [
        "The force should ensure that all officers and staff receive refresher training on the "
        "standards of professional behaviour every two years."
    ]
    assert q2.recommendations == []
    assert q2.causes_of_concern == []


@pytest.mark.parametrize(
    ("name", "number", "subheadings"),
    [
        ("2018-legitimacy-detailed-findings.txt", 2,
         ["Maintaining an ethical culture", "Tackling corruption"]),
        ("2018-legitimacy-detailed-findings.txt", 3,
         ["Supporting workforce wellbeing", "Managing performance and development"]),
        ("2018-efficiency-no-pillar-label.txt", 1,
         ["Assessing current demand", "Using resources to manage current demand"]),
    ],
)
def test_detailed_findings_subheadings_stay_in_their_question(name, number, subheadings):
    path = fx(name)
    report = parse(path)
    q = question(path, number)
    paras = paragraphs(q.narrative)
    assert any(p.startswith("We set out our detailed findings below.") for p in paras)
    for heading in subheadings:
        assert heading in paras
        assert heading not in [other.text for other in report.questions]
    # The paragraphs after the sub-headings are narrative, not extra findings.
    assert len(q.findings) == len(q.areas_for_improvement)


# ---------------------------------------------------------------------------------------------
# Causes of concern and recommendations


def test_cause_paragraph_then_lead_in_and_recommendation_bullets():
    q = question(fx("2017-efficiency-causes-of-concern.txt"), 2)
    assert len(q.causes_of_concern) == 1
    assert q.causes_of_concern[0].startswith("The force’s resources are not matched to demand")
    recs = [f for f in q.findings if f.kind == "recommendation"]
    starts = ["review its shift patterns", "carry out an audit", "use the results of that audit"]
    assert [any(r.text.startswith(s) for r in recs) for s in starts] == [True, True, True]
    assert [r.text.split()[0] for r in recs] == ["review", "carry", "use"]
    for r in recs:
        assert r.lead_in.startswith("By 31 March 2018, Cleveland Police should")


def test_cause_bullets_then_a_prose_recommendation():
    q = question(fx("2017-efficiency-causes-of-concern.txt"), 3)
    assert [c.split(" ", 4)[:4] for c in q.causes_of_concern] == [
        ["The", "force", "has", "no"], ["The", "force", "does", "not"]]
    recs = [f for f in q.findings if f.kind == "recommendation"]
    assert len(recs) == 1
    assert recs[0].text.startswith("The force should produce, by June 2018, a plan")
    assert recs[0].lead_in == ""


# ---------------------------------------------------------------------------------------------
# Two copies of one report


def test_compact_copy_is_the_same_logical_report_as_the_full_copy():
    full = parse(fx("welsh-banner.txt"))
    compact = parse(fx("2016-legitimacy-compact.txt"))
    assert compact.key == full.key == "gwent/2016/legitimacy"
    assert compact.grade == full.grade == G
    assert [q.text for q in compact.questions] == [q.text for q in full.questions]
    assert [q.grade for q in compact.questions] == [q.grade for q in full.questions]
    assert full.last_updated is not None
    assert compact.last_updated is None
    assert (compact.finding_count, full.finding_count) == (4, 5)
    full_texts = {f.text for q in full.questions for f in q.findings}
    assert {f.text for q in compact.questions for f in q.findings} <= full_texts


# ---------------------------------------------------------------------------------------------
# Pages that are not PEEL pillar pages


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        ("other-inspections.txt", ["not a peel pillar page"]),
        ("other-reports.txt", ["not a peel pillar page"]),
        ("meeting-notes.txt", ["peel"]),
    ],
)
def test_pages_that_are_not_pillar_pages_are_refused_with_the_reason(name, reasons):
    with pytest.raises(ParseError) as caught:
        parse(fx(name))
    message = str(caught.value).lower()
    for reason in reasons:
        assert reason in message


# ---------------------------------------------------------------------------------------------
# The real samples, beyond the table


def test_hampshire_q2_keeps_the_national_overview_paragraph():
    q2 = question(SAMPLES / "hampshire-2016-legitimacy.txt", 2)
    assert any(p.startswith("In our 2016 national overview") for p in paragraphs(q2.narrative))
    assert "Abuse of position assessment" not in q2.narrative


def test_hertfordshire_q2_cause_and_alliance_recommendations():
    path = SAMPLES / "hertfordshire-2016-legitimacy.txt"
    q2 = question(path, 2)
    assert len(q2.causes_of_concern) == 1
    assert q2.causes_of_concern[0].startswith("The risks that HMIC identified in 2014")
    recs = [f for f in q2.findings if f.kind == "recommendation"]
    starts = ["review the capacity", "establish", "ensure", "improve"]
    assert len(recs) == 4
    for rec, start in zip(recs, starts, strict=True):
        assert rec.text.startswith(start)
        assert rec.lead_in.startswith("Hertfordshire Constabulary, together with")
    # The next question follows the last bullet with no blank line; it is still question 3.
    assert question(path, 3).text.startswith("To what extent does the force treat its workforce")


def test_a_declared_ungraded_pillar_is_not_graded_by_its_prose():
    report = parse(fx("2017-efficiency-compact-gaps.txt"))
    assert "is good at planning ahead" in report.summary
    assert (report.grade, report.grade_source) == (None, None)


def test_a_copy_that_leaves_out_a_question_numbers_the_rest_by_the_framework():
    report = parse(fx("2017-efficiency-compact-gaps.txt"))
    assert [q.number for q in report.questions] == [2, 3]
    assert "question numbers from the PEEL framework: this copy leaves out question 1" in (
        report.warnings)
    assert "• it has merged two control rooms;" in report.questions[0].narrative


def test_a_question_not_inspected_or_graded_is_not_graded_and_not_carried():
    q2 = question(fx("2015-legitimacy-not-inspected.txt"), 2)
    assert (q2.grade, q2.carried_over, q2.graded) == (None, False, False)


def test_findings_quoted_from_earlier_years_are_narrative_not_findings():
    q2 = question(fx("2018-legitimacy-everything-printed.txt"), 2)
    assert q2.findings == ()
    assert "• The force should make sure all staff are vetted" in q2.narrative
    report = parse(fx("2015-legitimacy-not-inspected.txt"))
    assert "• good at treating people fairly;" in report.summary


@pytest.mark.parametrize("width", [60, 72, 100])
@pytest.mark.parametrize("name", ["hampshire-2016-legitimacy.txt",
                                  "hertfordshire-2016-legitimacy.txt"])
def test_a_copy_with_line_breaks_inside_paragraphs_gives_the_same_facts(name, width):
    import textwrap

    text = (SAMPLES / name).read_text(encoding="utf-8")
    wrapped = "\n".join("\n".join(textwrap.wrap(line, width)) if len(line) > width else line
                        for line in text.split("\n"))
    assert wrapped != text

    def facts(report):
        return (report.grade, [(q.number, q.text, q.grade, len(q.areas_for_improvement),
                                len(q.causes_of_concern), len(q.recommendations))
                               for q in report.questions])

    assert facts(parse(SAMPLES / name)) == facts(parse_text(wrapped))


def test_single_newlines_and_no_full_stops_never_swallow_a_question():
    page = ("Norfolk PEEL 2017\nEfficiency\n"
            "How efficient is the force at keeping people safe and reducing crime?\n"
            "Last updated 09/11/2017\nGood\n"
            "Norfolk Constabulary is good at planning ahead and its finances are secure\n"
            "How well does the force use its resources to meet demand?\n"
            "The force has moved officers to the teams with the most demand\n"
            "Areas for improvement\n"
            "- The force should understand the skills of its workforce much better than now\n"
            "How well is the force planning for demand in the future?\nThe force plans well.\n")
    report = parse_text(page)
    assert [(q.text[:26], len(q.areas_for_improvement)) for q in report.questions] == [
        ("How well does the force us", 1), ("How well is the force plan", 0)]
