"""Pairing reports for comparison and rendering it: questions matched across years, library
references, and HTML that never lets report text become markup."""

import dataclasses

import pytest

from peelviewer.core.compare import compare_reports, pair_questions, parse_reference
from peelviewer.core.diff import DiffOptions
from peelviewer.core.importer import parse_file
from peelviewer.core.model import Grade, Question, Report
from peelviewer.core.report_html import section_html


def report(cycle: str, questions: list[tuple[int, str]], force="kent") -> Report:
    return Report(force_id=force, cycle=cycle, pillar="legitimacy", questions=tuple(
        Question(number=n, text=text, narrative=f"Narrative of {text}") for n, text in questions))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hampshire/2016/legitimacy", ("hampshire", "2016", "legitimacy")),
        ("Avon & Somerset/2018/19/efficiency", ("avon-and-somerset", "2018/19", "efficiency")),
        ("kent/2018/effectiveness", ("kent", "2018/19", "effectiveness")),
        ("kent/2016/politeness", None),
        ("gotham/2016/legitimacy", None),
        ("reports/kent.txt", None),
    ],
)
def test_library_references(text, expected):
    assert parse_reference(text) == expected


def test_questions_pair_by_number_within_a_cycle(hampshire, hertfordshire):
    pairs = pair_questions(parse_file(hampshire), parse_file(hertfordshire))
    assert [(a.number, b.number) for a, b in pairs] == [(1, 1), (2, 2), (3, 3)]


def test_questions_pair_by_wording_across_cycles():
    older = report("2016", [(1, "To what extent does the force treat all of the people it "
                                "serves with fairness and respect?"),
                            (2, "How well does the force ensure that its workforce behaves "
                                "ethically and lawfully?"),
                            (3, "How well does the force record crime?")])
    newer = report("2018/19", [(1, "How well does the force ensure its workforce behaves "
                                   "ethically and lawfully?"),
                               (2, "To what extent does the force treat all the people it "
                                   "serves with fairness and respect?"),
                               (3, "How well does the force support the wellbeing of its "
                                   "workforce?")])
    pairs = pair_questions(older, newer)
    assert [(a and a.number, b and b.number) for a, b in pairs] == [
        (1, 2), (2, 1), (3, None), (None, 3)]


def test_a_comparison_has_the_summary_then_each_question_with_both_grades(hampshire,
                                                                          hertfordshire):
    comparison = compare_reports(parse_file(hampshire), parse_file(hertfordshire),
                                 options=DiffOptions(force_placeholders=True))
    assert [s.key for s in comparison.sections] == ["summary", "q1", "q2", "q3"]
    q3 = comparison.section("q3")
    assert (q3.left.grade, q3.right.grade) == (Grade.REQUIRES_IMPROVEMENT, Grade.GOOD)
    assert comparison.options.left_force == "hampshire"
    q2 = comparison.section("q2")
    equal = [row.left.text for row in q2.comparison.rows if row.kind == "equal"]
    assert any(text.startswith("In our 2016 national overview") for text in equal)


def test_comparison_html_escapes_report_text(hampshire, hertfordshire):
    left = parse_file(hampshire)
    q1 = dataclasses.replace(left.questions[0],
                             narrative="The panel wrote <b>urgent</b> & <img src=x>.")
    left = dataclasses.replace(left, questions=(q1, *left.questions[1:]))
    section = compare_reports(left, parse_file(hertfordshire)).section("q1")
    html = section_html(section, "A <i>", "B")
    assert "&lt;b&gt;urgent&lt;/b&gt; &amp; &lt;img src=x&gt;" in html
    assert "<img" not in html
    assert "A &lt;i&gt;" in html


def test_word_highlights_mark_only_the_changed_word():
    left = report("2016", [(1, "How fair is it?")])
    right = report("2016", [(1, "How fair is it?")], force="surrey")
    long = ("The force has a clear plan to improve how it records the use of force by its "
            "officers in custody and on the street.")
    left = dataclasses.replace(left, questions=(dataclasses.replace(left.questions[0],
                                                                     narrative=long),))
    right = dataclasses.replace(right, questions=(dataclasses.replace(
        right.questions[0], narrative=long.replace("clear", "vague")),))
    html = section_html(compare_reports(left, right).section("q1"), "A", "B")
    assert ">clear</span>" in html
    assert ">vague</span>" in html
    assert html.count("text-decoration:line-through;\">") == 1


def test_two_pillars_pair_their_questions_by_wording_with_distinct_keys(hampshire):
    left = parse_file(hampshire)
    other = dataclasses.replace(report("2016", [(1, "How well does the force tackle crime?"),
                                                (2, "How well does it protect people?")]),
                                pillar="effectiveness")
    keys = [s.key for s in compare_reports(left, other).sections]
    assert len(keys) == len(set(keys))
