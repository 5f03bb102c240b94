"""Compare as a whole-report reader: every section in one scroll, a box that goes to a
section, F7 across questions with the current change framed, an overview strip of the
changes, and toggles that redraw only what they changed."""

from html import escape

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider

from peelviewer.core.comparison.compare import compare_reports
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.importer import parse_file
from peelviewer.ui.compare_pieces import section_pieces
from tests.conftest import SAMPLES

pytestmark = pytest.mark.gui

HAMPSHIRE = ("hampshire", "2016", "legitimacy")
HERTFORDSHIRE = ("hertfordshire", "2016", "legitimacy")
HEADINGS = ("Summary", "Q1. To what extent does the force treat all of the people",
            "Q2. How well does the force ensure that its workforce behaves",
            "Q3. To what extent does the force treat its workforce")


@pytest.fixture
def view(make_window, samples_store):
    window = make_window(samples_store)
    window.resize(1366, 768)
    window.compare(HAMPSHIRE, HERTFORDSHIRE)
    window.compare_view.finish()
    return window.compare_view


def lines_in_view(view) -> list[str]:
    browser = view.browser
    return [browser.cursorForPosition(QPoint(10, y)).block().text()
            for y in range(0, browser.viewport().height(), 4)]


def heading_in_view(view, heading: str) -> bool:
    return any(line.startswith(heading) for line in lines_in_view(view))


def changed_sentences(section) -> set[str]:
    return {sentence.text for index in section.comparison.changes()
            for sentence in (section.comparison.rows[index].left,
                             section.comparison.rows[index].right) if sentence is not None}


def framed_text(view) -> str:
    """The text inside the frame the view draws round the current change."""
    framed = view.browser.framed
    scroll = view.browser.verticalScrollBar().value()
    texts = {view.browser.cursorForPosition(QPoint(round(x), round(framed.center().y())
                                                   - scroll)).block().text()
             for x in (framed.left() + 20, framed.center().x() + 20)}
    return " ".join(sorted(texts))


def test_every_section_is_in_one_scroll_under_its_heading(view):
    text = view.browser.toPlainText()
    places = [text.find(heading) for heading in HEADINGS]
    assert -1 not in places
    assert places == sorted(places)
    assert view.sections.count() == 4
    assert view.change_count() == sum(len(section.comparison.changes())
                                      for section in view.comparison.sections)


def test_the_section_box_goes_to_a_heading_and_follows_the_reader(view, qtbot):
    view.sections.setCurrentIndex(view.sections.findData("q3"))
    assert heading_in_view(view, HEADINGS[3])
    assert not heading_in_view(view, HEADINGS[0])
    view.browser.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert view.sections.currentData() == "summary"
    assert heading_in_view(view, HEADINGS[0])


def test_f7_goes_from_the_last_change_of_one_question_to_the_first_of_the_next(view, qtbot):
    q2, q3 = (view.comparison.section(key) for key in ("q2", "q3"))
    view.sections.setCurrentIndex(view.sections.findData("q2"))
    view.browser.setFocus()
    for _ in q2.comparison.changes():
        qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    last_of_q2 = view.position.text()
    assert view.sections.currentData() == "q2"
    assert any(sentence in framed_text(view) for sentence in changed_sentences(q2))

    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert view.sections.currentData() == "q3"
    number = int(last_of_q2.split()[1]) + 1
    assert view.position.text() == f"change {number} of {view.change_count()}"
    assert any(sentence in framed_text(view) for sentence in changed_sentences(q3))
    framed = view.browser.framed.translated(0, -view.browser.verticalScrollBar().value())
    assert 0 <= framed.top() < view.browser.viewport().height()  # on screen

    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.position.text() == last_of_q2
    assert view.sections.currentData() == "q2"


def test_after_going_to_a_section_the_steps_start_there(view, qtbot):
    q1, q3 = (view.comparison.section(key) for key in ("q1", "q3"))
    view.sections.setCurrentIndex(view.sections.findData("q3"))
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert view.sections.currentData() == "q3"
    up_to_q2 = sum(len(s.comparison.changes()) for s in view.comparison.sections[:3])
    assert view.position.text() == f"change {up_to_q2 + 1} of {view.change_count()}"
    assert any(sentence in framed_text(view) for sentence in changed_sentences(q3))
    view.sections.setCurrentIndex(view.sections.findData("q2"))
    assert view.browser.framed is None  # the change left behind is no longer current
    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.sections.currentData() == "q1"
    up_to_q1 = sum(len(s.comparison.changes()) for s in view.comparison.sections[:2])
    assert view.position.text() == f"change {up_to_q1} of {view.change_count()}"
    assert any(sentence in framed_text(view) for sentence in changed_sentences(q1))


def test_the_overview_marks_every_change_and_a_click_goes_there(view, qtbot):
    view._update_overview()  # the marks are drawn once the event loop turns
    marks = view.overview.marks
    assert len(marks) == view.change_count()
    assert [mark.top for mark in marks] == sorted(mark.top for mark in marks)
    assert marks[0].top >= 0
    assert marks[-1].top + marks[-1].height <= 1.001
    bar = view.browser.verticalScrollBar()
    assert bar.value() == 0
    strip = view.overview
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton,
                     pos=QPoint(strip.width() // 2, strip.height() - 2))
    assert bar.value() == bar.maximum()
    assert view.sections.currentData() == "q3"
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, 1))
    assert bar.value() == 0


def test_a_toggle_redraws_only_what_changed_and_keeps_the_reader_in_place(view, qtbot):
    view.sections.setCurrentIndex(view.sections.findData("q3"))
    pieces, filled = len(view.browser.pieces.pieces), view.browser.pieces.filled
    view.ignore_punctuation.setChecked(True)
    assert heading_in_view(view, HEADINGS[3])
    view.finish()
    # Only pieces whose text the option changed were drawn again.
    assert 0 < view.browser.pieces.filled - filled < pieces / 2
    assert heading_in_view(view, HEADINGS[3])
    # What the patched text reads is what a fresh comparison with the same toggles shows.
    patched = view.browser.toPlainText()
    view.compare(HAMPSHIRE, HERTFORDSHIRE)
    view.finish()
    assert view.ignore_punctuation.isChecked()
    assert view.browser.toPlainText() == patched


def test_by_topic_is_on_between_two_forces_and_switches_to_reading_order(view):
    assert view.by_topic.isVisible()
    assert view.by_topic.isChecked()
    assert "paired by topic" in view.browser.toPlainText()
    view.by_topic.setChecked(False)
    view.finish()
    text = view.browser.toPlainText()
    assert "in reading order" in text
    assert "paired by topic" not in text


def test_sections_are_cut_into_pieces_that_keep_every_row():
    left = parse_file(SAMPLES / "hampshire-2016-legitimacy.txt")
    right = parse_file(SAMPLES / "hertfordshire-2016-legitimacy.txt")
    comparison = compare_reports(left, right, options=DiffOptions(force_placeholders=True))
    for index, section in enumerate(comparison.sections):
        pieces, shown_at = section_pieces(section, index, "Hampshire", "Hertfordshire")
        assert pieces[0].heading
        assert pieces[0].html.startswith(f"<h3>{section.title}"[:20])
        rows = [piece for piece in pieces if piece.rows]
        shown = sum(piece.rows for piece in rows)
        assert [piece.first_row for piece in rows] == [
            sum(piece.rows for piece in rows[:k]) for k in range(len(rows))]
        assert all(piece.html.count("<tr>") == piece.rows for piece in rows)
        # Every sentence row is on a row as shown; one-sided ones may share one.
        assert len(shown_at) == len(section.comparison.rows)
        assert set(shown_at) == set(range(shown))
        text = "".join(piece.html for piece in rows)
        for row in section.comparison.rows:
            if row.words:  # word highlights cut the text into spans
                continue
            for sentence in (row.left, row.right):
                if sentence is not None:
                    assert escape(sentence.text) in text
