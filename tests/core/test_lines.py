"""What one line of a pillar page is: the table of lines the parser relies on, dates as the
pages print them, and the tests that tell a question from prose."""

from __future__ import annotations

import datetime as dt

import pytest

from peelviewer.core.lines import (
    Kind,
    classify,
    fold,
    is_dropped,
    looks_like_question,
    parse_date,
    same_text,
)
from peelviewer.core.model import Grade


@pytest.mark.parametrize(("raw", "kind", "text"), [
    ("Hampshire PEEL 2016", Kind.TITLE, "Hampshire PEEL 2016"),
    ("Hampshire Constabulary PEEL: 2018/19", Kind.TITLE, "Hampshire Constabulary PEEL: 2018/19"),
    ("Areas for improvement:", Kind.IMPROVEMENT_AREAS, "Areas for improvement:"),
    ("Area for improvement", Kind.IMPROVEMENT_AREAS, "Area for improvement"),
    ("Causes of concern", Kind.CAUSES, "Causes of concern"),
    ("Recommendations", Kind.RECOMMENDATIONS, "Recommendations"),
    ("Notable practice", Kind.PRACTICE, "Notable practice"),
    ("Questions for Legitimacy", Kind.QUESTIONS_FOR, "legitimacy"),
    ("To be graded", Kind.UNGRADED, "To be graded"),
    ("Not yet graded.", Kind.UNGRADED, "Not yet graded."),
    ("Skip to content", Kind.DROP, "Skip to content"),
    ("Back to top", Kind.DROP, "Back to top"),
    ("Hampshire PEEL 2016 (PDF document)", Kind.DROP, "Hampshire PEEL 2016 (PDF document)"),
    ("• The force should improve vetting", Kind.BULLET, "The force should improve vetting"),
    ("-  A dash and spaces", Kind.BULLET, "A dash and spaces"),
    ("-hyphenated start", Kind.TEXT, "-hyphenated start"),
    ("  The force\tis   good at this.  ", Kind.TEXT, "The force is good at this."),
])
def test_each_kind_of_line_is_told_apart(raw, kind, text):
    line = classify(raw)
    assert (line.kind, line.text) == (kind, text)


@pytest.mark.parametrize(("raw", "grade"), [
    ("Outstanding", Grade.OUTSTANDING),
    ("Good", Grade.GOOD),
    ("requires improvement", Grade.REQUIRES_IMPROVEMENT),
    ("Inadequate", Grade.INADEQUATE),
])
def test_a_grade_line_carries_its_grade(raw, grade):
    line = classify(raw)
    assert (line.kind, line.grade) == (Kind.GRADE, grade)


@pytest.mark.parametrize(("raw", "number"), [("3", 3), ("3.", 3), ("Question 12", 12)])
def test_a_question_number_alone_on_its_line(raw, number):
    line = classify(raw)
    assert (line.kind, line.number) == (Kind.NUMBER, number)


def test_a_numbered_question_on_one_line_keeps_its_words_without_the_number():
    line = classify("2. How well does the force treat the people it serves?")
    assert (line.kind, line.number, line.text) == (
        Kind.NUMBERED_QUESTION, 2, "How well does the force treat the people it serves?")
    long = "2. How well " + "and fairly " * 15 + "does the force treat people?"
    assert classify(long).kind is Kind.NUMBERED_QUESTION


def test_a_numbered_sentence_that_asks_nothing_is_prose():
    assert classify("2. The force treats people well.").kind is Kind.TEXT


def test_the_last_updated_line_gives_its_date_or_says_it_is_invalid():
    line = classify("Last updated: 08/12/2016")
    assert (line.kind, line.date, line.invalid_date) == (Kind.DATE, dt.date(2016, 12, 8), False)
    assert classify("Last updated 8 December 2016").date == dt.date(2016, 12, 8)
    wrong = classify("Last updated: 31/02/2016")
    assert (wrong.kind, wrong.date, wrong.invalid_date) == (Kind.DATE, None, True)


def test_blank_lines_are_nothing():
    assert classify("") is None
    assert classify(" \t ") is None


def test_a_long_line_is_prose_unless_it_is_link_text():
    prose = "The force " + "works well with partners " * 10 + "in Hampshire."
    assert classify(prose).kind is Kind.TEXT
    assert classify("Download the report " + "x" * 120 + " (PDF document)").kind is Kind.DROP
    assert classify("• " + "a long bullet " * 12).kind is Kind.BULLET


def test_a_heading_or_grade_word_inside_prose_is_prose():
    assert classify("Recommendations were made last year.").kind is Kind.TEXT
    assert classify("Good work was seen in Kent").kind is Kind.TEXT


def test_fold_collapses_tabs_and_runs_of_spaces():
    assert fold("The\tforce   is \t good") == "The force is good"


def test_link_text_and_page_furniture_are_dropped():
    assert is_dropped("Print this page")
    assert is_dropped("Hampshire PEEL 2016 (Word document)")
    assert not is_dropped("The force prints its plans")


@pytest.mark.parametrize(("text", "date"), [
    ("08/12/2016", dt.date(2016, 12, 8)),
    ("8.12.2016", dt.date(2016, 12, 8)),
    ("8 December 2016.", dt.date(2016, 12, 8)),
    ("8 december 2016", dt.date(2016, 12, 8)),
    ("31/02/2016", None),
    ("8 Decembre 2016", None),
    ("2016-12-08", None),
    ("yesterday", None),
])
def test_dates_as_the_pages_print_them(text, date):
    assert parse_date(text) == date


def test_a_question_asks_something_and_ends_with_a_question_mark():
    assert looks_like_question("How well does the force understand demand?")
    assert looks_like_question("To what extent is the force efficient?")
    assert not looks_like_question("The force asked why?")
    assert not looks_like_question("How well does the force understand demand")
    assert not looks_like_question("How " + "very " * 70 + "well?")


def test_same_text_ignores_case_spacing_and_punctuation_only():
    assert same_text("How effective is the force?", "how effective is  the force")
    assert not same_text("How effective is the force?", "How efficient is the force?")
    assert not same_text("Legitimacy", "Legitimacy of the force and its people")
