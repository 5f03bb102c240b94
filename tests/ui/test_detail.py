"""The Question pane on its own: what it shows of a question, a report and a library."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from peelviewer.core.model import Finding, Grade, Question, Report
from peelviewer.core.store import Store
from peelviewer.ui.detail import DetailPane
from peelviewer.ui.palette import Palette
from tests.ui.conftest import add_reports

G, RI, INA = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
MARKUP = "Staff said <b>bold</b> & <a href='x'>linked</a> things."


def kent_2017() -> Report:
    first = Question(
        number=1, text="How well does the force treat the public?", grade=G,
        grade_source="stated", narrative="Officers are polite.\n\nThey listen.",
        findings=(
            Finding("area_for_improvement", "The force should record stop and search."),
            Finding("area_for_improvement", "The force should train its supervisors."),
            Finding("recommendation", "Publish the data.", lead_in="By March 2018, the force "
                    "should:", detail="The data should be monthly."),
            Finding("recommendation", "Tell the public.", lead_in="By March 2018, the force "
                    "should:"),
        ))
    second = Question(number=2, text="How ethical is the <i>workforce</i>?", grade=RI,
                      grade_source="stated", carried_over=True, narrative=MARKUP,
                      findings=(Finding("cause_of_concern", "Vetting is <u>late</u>."),))
    third = Question(number=3, text="How well does it support its workforce?", grade=INA,
                     grade_source="prose", previous_grade=G, narrative="Morale is low.")
    return Report(force_id="kent", cycle="2017", pillar="legitimacy", grade=RI,
                  grade_source="stated", last_updated=dt.date(2018, 3, 22),
                  summary="Kent Police requires improvement.",
                  questions=(first, second, third))


def whole_force() -> Report:
    areas = tuple(Question(number=i, text=name, grade=grade, grade_source="stated",
                           narrative=f"About {name.lower()}.")
                  for i, (name, grade) in enumerate([("Investigating crime", G),
                                                     ("Protecting vulnerable people", RI)],
                                                    start=1))
    return Report(force_id="kent", cycle="2023-25", pillar=None, published=dt.date(2024, 5, 9),
                  summary="An inspection of Kent Police.", questions=areas)


@pytest.fixture
def library(tmp_path):
    store = Store.open(tmp_path / "detail.peeldb")
    add_reports(store, [
        kent_2017(),
        Report(force_id="kent", cycle="2016", pillar="legitimacy", grade=G,
               grade_source="stated", questions=(Question(1, "Q?", G, "stated"),)),
        whole_force(),
        Report(force_id="essex", cycle="2017", pillar="legitimacy", grade=G,
               grade_source="stated", questions=(Question(1, "Q?", G, "stated"),)),
        # A partial copy: the top of the page only.
        Report(force_id="surrey", cycle="2017", pillar="legitimacy", grade=G,
               grade_source="stated", summary="Surrey Police is good."),
    ])
    yield store
    store.close()


@pytest.fixture
def pane(qtbot, library, settings):
    widget = DetailPane(library, Palette(settings))
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_narrative(pane: DetailPane) -> str:
    pane.narrative_text.finish()
    return pane.narrative.toPlainText()


def test_a_question_shows_force_facts_grades_narrative_and_findings(pane, qtbot):
    with qtbot.waitSignal(pane.questionShown) as shown:
        assert pane.show_question("kent", "2017", "legitimacy", 1)
    assert shown.args == ["kent", "2017", "legitimacy", 1]
    assert pane.force_title.text() == "Kent Police"
    assert pane.facts.text().splitlines() == [
        "PEEL 2017 · Legitimacy · last updated 22 March 2018",
        "Graded on four grades",
        "Source: kent.txt",
    ]
    assert pane.report_grade.text() == "Pillar grade: Requires improvement"
    assert pane.question_text.text() == "Q1. How well does the force treat the public?"
    assert pane.question_grade.text() == "Grade: Good"
    assert shown_narrative(pane) == "Officers are polite.\n\nThey listen."
    assert pane.summary.toPlainText() == "Kent Police requires improvement."
    assert pane.tabs.tabText(1) == "Findings (4)"
    areas = pane.finding_lists["area_for_improvement"]
    assert [areas.item(i).text() for i in range(areas.count())] == [
        "• The force should record stop and search.", "• The force should train its supervisors."]
    assert pane.finding_titles["area_for_improvement"].text() == "Areas for improvement (2)"
    recommendations = pane.finding_lists["recommendation"]
    # One lead-in heads the recommendations it introduces; it cannot be selected.
    assert [recommendations.item(i).text() for i in range(recommendations.count())] == [
        "By March 2018, the force should:", "• Publish the data.\nThe data should be monthly.",
        "• Tell the public."]
    assert recommendations.item(0).flags() == Qt.ItemFlag.NoItemFlags
    assert pane.finding_titles["recommendation"].text() == "Recommendations (2)"
    assert pane.finding_titles["cause_of_concern"].text() == "Causes of concern (0)"
    assert not pane.finding_lists["cause_of_concern"].isVisible()
    assert pane.questions.count() == 3
    assert pane.reports.currentText() == "PEEL 2017 · Legitimacy · Requires improvement"


def test_the_grade_chip_says_how_the_grade_is_known_in_the_grades_colours(pane, settings):
    pane.show_question("kent", "2017", "legitimacy", 2)
    assert pane.question_grade.text() == "Grade: Requires improvement (carried over)"
    pane.show_question("kent", "2017", "legitimacy", 3)
    assert pane.question_grade.text() == ("Grade: Inadequate (read from the text); changed "
                                          "from Good")
    fill = Palette(settings).fill(int(INA)).name()
    assert f"background:{fill}" in pane.question_grade.styleSheet()


def test_previous_and_next_walk_the_questions_and_stop_at_the_ends(pane, qtbot):
    pane.show_question("kent", "2017", "legitimacy")
    assert pane.question.number == 1
    assert not pane.previous_button.isEnabled()
    assert pane.next_button.isEnabled()
    with qtbot.waitSignal(pane.questionShown) as shown:
        qtbot.mouseClick(pane.next_button, Qt.MouseButton.LeftButton)
    assert shown.args[3] == 2
    assert pane.questions.currentIndex() == 1
    assert pane.tabs.tabText(1) == "Findings (1)"
    assert pane.finding_titles["area_for_improvement"].text() == "Areas for improvement (0)"
    qtbot.mouseClick(pane.next_button, Qt.MouseButton.LeftButton)
    assert pane.question.number == 3
    assert shown_narrative(pane) == "Morale is low."
    assert not pane.next_button.isEnabled()
    pane.step(1)  # past the last: nothing changes
    assert pane.question.number == 3
    qtbot.mouseClick(pane.previous_button, Qt.MouseButton.LeftButton)
    assert pane.question.number == 2
    assert pane.previous_button.isEnabled()
    assert pane.next_button.isEnabled()


def test_a_report_with_no_questions_shows_its_summary(pane, qtbot):
    with qtbot.waitSignal(pane.questionShown) as shown:
        assert pane.show_question("surrey", "2017", "legitimacy")
    assert shown.args == ["surrey", "2017", "legitimacy", 0]
    assert pane.force_title.text() == "Surrey Police"
    assert pane.question_text.text() == ("This copy of the page holds no questions, only the "
                                         "summary.")
    assert pane.question_grade.text() == ""
    assert pane.tabs.currentWidget() is pane.summary
    assert pane.summary.toPlainText() == "Surrey Police is good."
    assert not any(b.isEnabled() for b in (pane.questions, pane.previous_button,
                                           pane.next_button))


def test_a_whole_force_report_shows_areas_and_no_overall_grade(pane):
    assert pane.show_question("kent", "2023-25", "force", 2)
    assert pane.facts.text().splitlines()[:2] == [
        "PEEL 2023-25 · Areas of policing · published 9 May 2024",
        "Graded on five grades (not comparable with the four of 2014 to 2018/19)"]
    assert pane.report_grade.isHidden()
    assert pane.question_text.text() == "Protecting vulnerable people"
    assert [pane.questions.itemText(i) for i in range(pane.questions.count())] == [
        "Investigating crime", "Protecting vulnerable people"]
    assert pane.tabs.tabText(2) == "Summary"
    # The force's other reports, the whole-force one without a grade.
    assert [pane.reports.itemText(i) for i in range(pane.reports.count())] == [
        "PEEL 2023-25 · Areas of policing", "PEEL 2017 · Legitimacy · Requires improvement",
        "PEEL 2016 · Legitimacy · Good"]  # the newest first
    assert pane.reports.currentIndex() == 0


def test_a_missing_report_and_clear_say_so_and_disable_the_controls(pane):
    pane.show_question("kent", "2017", "legitimacy")
    assert not pane.show_question("kent", "2015", "efficiency")
    assert pane.report is None
    assert pane.force_title.text() == "Kent Police: no PEEL 2015 efficiency report in the library."
    assert pane.reports.isEnabled()  # the force's reports stay there to choose from
    pane.clear("Nothing to show.")
    assert pane.force_title.text() == "Nothing to show."
    assert (pane.facts.text(), pane.question_text.text(), pane.question_grade.text()) == (
        "", "", "")
    assert shown_narrative(pane) == ""
    assert pane.finding_titles["area_for_improvement"].text() == "Areas for improvement"
    assert all(w.count() == 0 and w.isHidden() for w in pane.finding_lists.values())
    assert all(not w.isEnabled() for w in (pane.reports, pane.questions, pane.previous_button,
                                           pane.next_button, pane.compare_button))


def test_choosing_another_report_of_the_force_opens_it(pane, qtbot):
    pane.show_question("kent", "2017", "legitimacy", 2)
    index = pane.reports.findText("PEEL 2023-25 · Areas of policing")
    pane.reports.setCurrentIndex(index)
    pane.reports.activated.emit(index)
    assert pane.report.key == "kent/2023-25"
    assert pane.question.text == "Investigating crime"


def test_compare_with_offers_the_forces_other_years_then_other_forces(pane, qtbot):
    pane.show_question("kent", "2017", "legitimacy", 2)
    actions = pane.compare_menu.actions()
    assert [a.text() if not a.isSeparator() else "---" for a in actions] == [
        "Kent Police, PEEL 2023-25", "Kent Police, PEEL 2016", "---", "Essex Police",
        "Surrey Police"]
    assert pane.compare_button.isEnabled()
    with qtbot.waitSignal(pane.compareRequested) as asked:
        actions[3].trigger()
    assert asked.args == [("kent", "2017", "legitimacy"), ("essex", "2017", "legitimacy"), "q2"]
    with qtbot.waitSignal(pane.compareRequested) as asked:
        actions[0].trigger()
    assert asked.args == [("kent", "2017", "legitimacy"), ("kent", "2023-25", "force"), "q2"]


def test_a_report_alone_in_its_cycle_and_force_has_nothing_to_compare(tmp_path, qtbot,
                                                                       settings):
    store = Store.open(tmp_path / "alone.peeldb")
    add_reports(store, [kent_2017()])
    alone = DetailPane(store, Palette(settings))
    qtbot.addWidget(alone)
    alone.show_question("kent", "2017", "legitimacy")
    assert alone.compare_menu.isEmpty()
    assert not alone.compare_button.isEnabled()
    store.close()


def test_report_text_that_looks_like_markup_is_shown_as_text(pane):
    pane.show_question("kent", "2017", "legitimacy", 2)
    assert pane.question_text.textFormat() == Qt.TextFormat.PlainText
    assert pane.question_text.text() == "Q2. How ethical is the <i>workforce</i>?"
    assert shown_narrative(pane) == MARKUP
    causes = pane.finding_lists["cause_of_concern"]
    assert causes.item(0).text() == "• Vetting is <u>late</u>."
    for label in (pane.force_title, pane.facts, pane.report_grade, pane.question_grade):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_search_highlight_in_the_question_keeps_its_markup_as_text(pane):
    pane.show_question("kent", "2017", "legitimacy", 2, highlight="workforce")
    # Rich text to mark the word; the report's own angle brackets are escaped in it.
    assert pane.question_text.textFormat() == Qt.TextFormat.RichText
    assert "&lt;i&gt;" in pane.question_text.text()
    assert "<i>" not in pane.question_text.text()
    pane.step(1)  # something else opened: the highlight goes, the text stays plain
    pane.step(-1)
    assert pane.question_text.textFormat() == Qt.TextFormat.PlainText


def test_no_tab_keeps_the_counts_or_title_of_what_was_shown_before(pane):
    pane.show_question("kent", "2023-25", "force", 2)
    assert pane.tabs.tabText(2) == "Summary"
    pane.show_question("kent", "2017", "legitimacy", 2)
    assert pane.tabs.tabText(1).startswith("Findings (")
    # A copy with no questions has no findings to count.
    pane.show_question("surrey", "2017", "legitimacy")
    assert pane.tabs.tabText(1) == "Findings"
    assert all(w.isHidden() for w in pane.finding_lists.values())
    assert pane.finding_titles["area_for_improvement"].text() == "Areas for improvement"
    pane.show_question("kent", "2023-25", "force", 2)
    pane.clear("Nothing to show.")
    assert [pane.tabs.tabText(i) for i in (1, 2)] == ["Findings", "Pillar summary"]
