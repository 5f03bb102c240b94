"""Pairing reports for comparison and rendering it: questions matched across years, library
references, and HTML that never lets report text become markup."""

import dataclasses

import pytest

from peelviewer.core.comparison.compare import compare_reports, pair_questions, parse_reference
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.html import section_html, sentence_rows_html, table_rows
from peelviewer.core.importer import parse_file
from peelviewer.core.model import AREA_FOR_IMPROVEMENT, Finding, Grade, Question, Report


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
        ("hertfordshire/2023-25", ("hertfordshire", "2023-25", "force")),
        ("Hertfordshire/2023–2025", ("hertfordshire", "2023-25", "force")),
        ("kent/2021/22", ("kent", "2021/22", "force")),
        ("kent/2025-27", ("kent", "2025-27", "force")),
        ("kent/2023-25/legitimacy", None),  # whole-force cycles have no pillars
        ("kent/2016", None),  # pillar cycles need one
        ("kent/2020", None),
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


def whole_force(cycle: str, areas: list[tuple[str, str, Grade | None]]) -> Report:
    return Report(force_id="kent", cycle=cycle, pillar=None, questions=tuple(
        Question(number=n, text=text, key=key, grade=grade, narrative=f"About {text}.")
        for n, (key, text, grade) in enumerate(areas, start=1)))


def test_areas_pair_by_key_whatever_their_order_and_wording():
    older = whole_force("2021/22", [
        ("treatment-of-public", "Engaging with and treating the public with fairness and "
                                "respect", Grade.GOOD),
        ("investigating-crime", "Investigating crime", Grade.REQUIRES_IMPROVEMENT),
        ("use-of-resources", "Good use of resources", Grade.ADEQUATE)])
    newer = whole_force("2023-25", [
        ("leadership-management", "Leadership and force management", Grade.GOOD),
        ("investigating-crime", "Investigating crime", Grade.ADEQUATE),
        ("treatment-of-public", "Police powers and public treatment", Grade.GOOD)])
    pairs = pair_questions(older, newer)
    keyed = {(a.key if a else None, b.key if b else None) for a, b in pairs}
    assert keyed == {("treatment-of-public", "treatment-of-public"),
                     ("investigating-crime", "investigating-crime"),
                     ("use-of-resources", None), (None, "leadership-management")}
    comparison = compare_reports(older, newer)
    assert not comparison.scales_differ
    investigating = next(s for s in comparison.sections if s.title == "Investigating crime")
    assert (investigating.left.grade, investigating.right.grade) == (
        Grade.REQUIRES_IMPROVEMENT, Grade.ADEQUATE)


def test_a_pillar_question_pairs_with_the_area_that_follows_it(hertfordshire):
    pillar_page = parse_file(hertfordshire)
    newer = whole_force("2023-25", [
        ("positive-workplace", "Developing a positive workplace", Grade.GOOD),
        ("treatment-of-public", "Police powers and public treatment", Grade.GOOD)])
    comparison = compare_reports(pillar_page, newer)
    assert comparison.scales_differ
    paired = {(s.left.label if s.left else None, s.right.label if s.right else None)
              for s in comparison.sections[1:]}
    assert ("Q1 (2016)", "Treatment of the public (2023-25)") in paired
    assert ("Q3 (2016)", "Developing a positive workplace (2023-25)") in paired
    assert ("Q2 (2016)", None) in paired  # ethics has no area of its own
    html = section_html(comparison.sections[1], "A", "B",
                        scales_differ=comparison.scales_differ)
    assert "Grades on different scales" in html


def test_each_section_opens_with_both_grades_and_the_change(hampshire, hertfordshire):
    comparison = compare_reports(parse_file(hampshire), parse_file(hertfordshire))
    html = section_html(comparison.section("q3"), "Hampshire", "Hertfordshire")
    grade_row = html[html.index("<p><b>Grade:</b>"):]
    grade_row = grade_row[:grade_row.index("</p>")]
    assert grade_row.index("Requires improvement") < grade_row.index("Good")
    assert "↑ higher on the right" in grade_row
    assert html.index("<p><b>Grade:</b>") < html.index("<table")


def test_findings_are_marked_in_words_and_escaped(hampshire):
    older = parse_file(hampshire)
    q3 = older.questions[2]
    newer_q3 = dataclasses.replace(q3, findings=(
        q3.findings[1], Finding(AREA_FOR_IMPROVEMENT, "Act on <b>grievances</b> & appeals.")))
    newer = dataclasses.replace(older, cycle="2017", questions=(*older.questions[:2], newer_q3))
    html = section_html(compare_reports(older, newer).section("q3"), "2016", "2017")
    findings = html[html.index("<p><b>Findings</b></p>"):]
    assert "− no longer listed</b> The force should improve its workforce’s access" in findings
    assert "= persisting</b> The force should improve how it manages" in findings
    assert "+ new</b> Act on &lt;b&gt;grievances&lt;/b&gt; &amp; appeals." in findings
    assert "<b>grievances" not in findings


def test_topic_pairs_are_shown_level_in_one_row(hampshire, hertfordshire):
    section = compare_reports(parse_file(hampshire), parse_file(hertfordshire)).section("q3")
    rows = sentence_rows_html(section).split("\n")
    assert len(rows) == len(section.comparison.rows)  # one table row per row of the diff
    wellbeing = next(row for row in rows if "Hertfordshire Constabulary understands and values"
                     in row)
    assert "But it does not yet have the means to collate all information" in wellbeing
    assert wellbeing.count("≈</b>") == 2  # the mark on both sides, not only a tint
    assert "paired by topic" in section_html(section, "A", "B")


def test_packed_rows_lay_one_sided_runs_side_by_side(hampshire, hertfordshire):
    section = compare_reports(parse_file(hampshire), parse_file(hertfordshire),
                              options=DiffOptions(force_placeholders=True)).section("q3")
    rows = section.comparison.rows
    packed = table_rows(rows, packed=True)
    assert table_rows(rows) == [(i, i) for i in range(len(rows))]
    assert len(packed) < len(rows)  # fewer table rows, fewer half-empty ones
    # Every sentence still shows once, each side in the same order as unpacked.
    for side, column in (("left", 0), ("right", 1)):
        shown = [getattr(rows[cells[column]], side) for cells in packed
                 if cells[column] is not None and getattr(rows[cells[column]], side)]
        assert shown == [getattr(row, side) for row in rows if getattr(row, side)]
    # Pairs stay pairs; a packed row never puts a pair beside anything else.
    for left, right in packed:
        if left is not None and right is not None and left != right:
            assert (rows[left].right, rows[right].left) == (None, None)
    html = sentence_rows_html(section, packed=True)
    assert html.count("<tr>") == len(packed)
    assert [f'name="change-{k}"' in html for k in range(len(section.comparison.changes()))] \
        == [True] * len(section.comparison.changes())
    assert "This inhibits the force’s ability" in section_html(section, "A", "B", packed=True)
