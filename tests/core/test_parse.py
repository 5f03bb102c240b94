"""Parser behaviour beyond the fixtures: robustness on any text and small layout variants."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peelviewer.core.model import Grade
from peelviewer.core.parse import ParseError, parse_text
from tests.conftest import SAMPLES

HERTFORDSHIRE_LINES = (SAMPLES / "hertfordshire-2016-legitimacy.txt").read_text(
    encoding="utf-8").splitlines()

PAGE_LINES = st.sampled_from([
    "", "Skip to content", "Kent PEEL 2017", "Gwent PEEL 2018", "Legitimacy", "Efficiency",
    "How legitimate is the force at keeping people safe and reducing crime?",
    "Last updated 31/02/2017", "Last updated 01/03/2017", "Good", "Requires improvement",
    "Inadequate", "To be graded", "Questions for Legitimacy", "1", "2", "3", "12",
    "How well does the force treat people?", "2. Does it act fairly?",
    "Areas for improvement", "Cause of concern", "Recommendations", "The force should:",
    "In our 2017 report we recommended that all forces should:", "  • do a thing",
    "- another thing", "The force is good at listening.", "This judgment has been carried over.",
    "Abuse of position assessment – Kent Police", "Detailed findings for question 1",
    "Kent Other inspections",
])


@given(st.text(max_size=3000))
def test_any_text_gives_a_report_or_a_parse_error(text):
    try:
        parse_text(text)
    except ParseError as error:
        assert str(error)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(st.lists(PAGE_LINES, max_size=60))
def test_any_arrangement_of_real_page_lines_gives_a_report_or_a_parse_error(lines):
    try:
        report = parse_text("\n".join(lines))
    except ParseError as error:
        assert str(error)
    else:
        assert report.questions or any("a partial copy" in w for w in report.warnings)
        assert all(q.text for q in report.questions)


@settings(max_examples=150)
@given(st.data())
def test_dropping_lines_from_a_real_page_never_crashes(data):
    lines = HERTFORDSHIRE_LINES
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    text = "\n".join(line for line, kept in zip(lines, keep, strict=True) if kept)
    try:
        parse_text(text)
    except ParseError as error:
        assert str(error)


PAGE = """{title}
Efficiency
How efficient is the force at keeping people safe and reducing crime?
Last updated 02/11/2017
Good
Kent Police is judged to be good at running its services.
Questions for Efficiency
1. How well does the force understand demand?
Good
It understands demand well.
2. How well does the force use its resources?
Outstanding
It plans ahead."""


@pytest.mark.parametrize(
    ("title", "force_id", "cycle"),
    [
        ("Kent PEEL 2017", "kent", "2017"),
        ("Kent PEEL: 2017", "kent", "2017"),
        ("Kent Police PEEL 2017", "kent", "2017"),
        ("Met PEEL 2015", "metropolitan", "2015"),
        ("Avon & Somerset PEEL 2014", "avon-and-somerset", "2014"),
        ("Kent PEEL 2018", "kent", "2018/19"),
        ("Kent PEEL 2018/19", "kent", "2018/19"),
    ],
)
def test_titles_name_force_and_cycle(title, force_id, cycle):
    report = parse_text(PAGE.format(title=title))
    assert (report.force_id, report.cycle, report.pillar) == (force_id, cycle, "efficiency")


def test_question_number_and_text_on_one_line_as_pdf_copies_print_them():
    report = parse_text(PAGE.format(title="Kent PEEL 2017"))
    assert [(q.number, q.grade) for q in report.questions] == [(1, Grade.GOOD),
                                                               (2, Grade.OUTSTANDING)]
    assert report.questions[0].text == "How well does the force understand demand?"


def test_tabs_and_runs_of_spaces_from_pdf_text_are_folded():
    page = PAGE.format(title="Kent\tPEEL  2017").replace("It plans ahead.", "It\tplans   ahead.")
    assert parse_text(page).questions[1].narrative == "It plans ahead."


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("Gotham PEEL 2016", "unknown police force 'Gotham'"),
        ("Kent PEEL 2020", "no PEEL cycle in 2020"),
        ("Kent PEEL 2012", "PEEL began in 2014"),
    ],
)
def test_titles_we_cannot_use_are_refused_with_the_reason(title, reason):
    with pytest.raises(ParseError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_text(PAGE.format(title=title))


def test_a_page_with_a_title_and_nothing_else_is_refused():
    with pytest.raises(ParseError, match="no questions found, and no summary or grade"):
        parse_text("Kent PEEL 2016\n\nLegitimacy\n")


def test_a_copy_of_the_top_of_a_page_imports_what_it_states():
    report = parse_text("Kent PEEL 2016\n\nLegitimacy\n\nLast updated 02/11/2016\nGood\n\n"
                        "Kent Police is good at treating people fairly.\n")
    assert (report.force_id, report.cycle, report.pillar, report.grade) == (
        "kent", "2016", "legitimacy", Grade.GOOD)
    assert report.summary == "Kent Police is good at treating people fairly."
    assert report.questions == ()
    assert "a partial copy: no questions, only the pillar's summary" in report.warnings


def test_an_invalid_date_is_a_warning_not_a_wrong_date():
    report = parse_text(PAGE.format(title="Kent PEEL 2017").replace("02/11/2017", "31/02/2017"))
    assert report.last_updated is None
    assert "unreadable date 'Last updated 31/02/2017'" in report.warnings


def test_markup_in_report_text_stays_literal_text():
    page = PAGE.format(title="Kent PEEL 2017").replace(
        "It plans ahead.", "It plans <b>ahead</b> <script>alert(1)</script> & more.")
    assert parse_text(page).questions[1].narrative == (
        "It plans <b>ahead</b> <script>alert(1)</script> & more.")


def test_a_forces_overview_page_is_refused_saying_what_it_is():
    page = ("Kent PEEL 2017\n\nEffectiveness\nGood\n\nEfficiency\nGood\n\nLegitimacy\n"
            "Outstanding\n\nLeadership\nThis part of PEEL is not graded.\n")
    with pytest.raises(ParseError, match="a force's overview page listing its pillars "
                                         r"\(Effectiveness, Efficiency, Legitimacy, "
                                         r"Leadership\), not one pillar's report"):
        parse_text(page)
