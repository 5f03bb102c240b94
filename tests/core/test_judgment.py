"""A grade and how it is known, in the one set of words every view uses."""

from peelviewer.core.model import (
    CARRIED,
    PROSE,
    STATED,
    TABLE,
    Grade,
    Judgment,
    Question,
    Report,
)


def test_a_stated_grade_is_its_label_and_unmarked():
    for source in (STATED, TABLE):
        judgment = Judgment(Grade.GOOD, source)
        assert judgment.describe() == "Good"
        assert not judgment.marked
        assert judgment.label == "G"
        assert judgment.note == ""


def test_a_carried_over_grade_says_so_and_is_marked():
    for judgment in (Judgment(Grade.GOOD, CARRIED), Judgment(Grade.GOOD, STATED, True)):
        assert judgment.describe() == "Good (carried over)"
        assert judgment.marked
        assert judgment.label == "G*"
        assert judgment.note == "carried over"


def test_a_grade_read_from_the_text_says_so_and_is_marked():
    judgment = Judgment(Grade.REQUIRES_IMPROVEMENT, PROSE)
    assert judgment.describe() == "Requires improvement (read from the text)"
    assert judgment.marked
    assert judgment.label == "RI*"
    assert judgment.abbreviation == "RI"
    assert judgment.note == "read from the text"


def test_a_changed_grade_names_the_earlier_one():
    judgment = Judgment(Grade.GOOD, STATED, previous=Grade.INADEQUATE)
    assert judgment.describe() == "Good; changed from Inadequate"
    carried = Judgment(Grade.GOOD, CARRIED, previous=Grade.INADEQUATE)
    assert carried.describe() == "Good (carried over); changed from Inadequate"


def test_no_grade_says_why():
    assert Judgment().describe() == "not graded"
    assert Judgment().label == "–"
    assert Judgment().abbreviation == ""
    assert Judgment().note == ""
    assert not Judgment().marked
    assert Judgment().describe(graded=False) == (
        "not graded (the inspectorate does not grade this)")
    carried = Judgment(carried_over=True)
    assert carried.describe() == "not graded (carried over, grade not stated)"
    assert carried.describe(graded=False) == (
        "not graded (the inspectorate does not grade this)")
    assert carried.note == ""


def test_questions_and_reports_give_their_judgment():
    question = Question(2, "How fair?", Grade.GOOD, CARRIED, True,
                        previous_grade=Grade.ADEQUATE)
    assert question.judgment == Judgment(Grade.GOOD, CARRIED, True, Grade.ADEQUATE)
    assert question.judgment.describe() == "Good (carried over); changed from Adequate"
    report = Report("kent", "2016", "legitimacy", grade=Grade.INADEQUATE, grade_source=PROSE)
    assert report.judgment == Judgment(Grade.INADEQUATE, PROSE)
    assert report.judgment.describe() == "Inadequate (read from the text)"
    assert Report("kent", "2023-25", None).judgment == Judgment()
