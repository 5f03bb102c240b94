"""The National tab: bars of grade counts, the chosen force marked on them, a segment's forces
listed, and a force opened from the list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from peelviewer.core.grid import CellCode
from peelviewer.core.model import Grade, Question, Report
from peelviewer.core.national import national_picture, statements
from peelviewer.core.store import Store
from peelviewer.ui.national import NationalView
from peelviewer.ui.palette import Palette
from peelviewer.ui.safe_text import tooltip
from tests.workbench_data import fill, modern_report, pillar_report

pytestmark = pytest.mark.gui


@pytest.fixture
def store(workbench_store):
    return workbench_store


@pytest.fixture
def make_view(qtbot):
    def make(store, cycle="2023-25", section="force", force_id="kent"):
        view = NationalView(store, Palette())
        qtbot.addWidget(view)
        view.resize(1100, 650)
        view.show()
        qtbot.waitExposed(view)
        view.show(cycle, section, force_id)
        return view

    return make


def area_grades(store, cycle="2023-25") -> dict[str, dict[str, Grade | None]]:
    """{area key: {force: grade}}, read with the test's own SQL."""
    found: dict[str, dict[str, Grade | None]] = {}
    for key, force_id, grade in store.db.execute(
            "select q.key, r.force_id, q.grade from reports r join questions q "
            "on q.report_id = r.id where r.cycle = ? and r.section = 'force'", [cycle]):
        found.setdefault(key, {})[force_id] = Grade.from_label(grade) if grade else None
    return found


def list_texts(view) -> list[str]:
    return [view.forces.item(i).text() for i in range(view.forces.count())]


def click_segment(qtbot, view, index, code):
    rect = view.chart.segment_rect(index, code)
    assert rect is not None
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def double_click(qtbot, view, item):
    """As a mouse does it: QTest's double-click alone lacks the first press."""
    centre = view.forces.visualItemRect(item).center()
    qtbot.mouseClick(view.forces.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.forces.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_title_and_a_bar_per_area(store, make_view):
    view = make_view(store)
    assert view.title.text() == "PEEL 2023-25, areas of policing: five forces in the library"
    assert view.pages.currentIndex() == 1
    grades = area_grades(store)
    assert {bar.key for bar in view.picture.bars} == set(grades)
    for index, bar in enumerate(view.picture.bars):
        shown = dict(view.chart.segments(index))
        expected = {int(g): n for g, n in
                    ((g, list(grades[bar.key].values()).count(g)) for g in Grade) if n}
        assert shown == expected


def test_the_chosen_force_is_marked_on_every_bar(store, make_view):
    view = make_view(store)
    grades = area_grades(store)
    marked = view.chart.marked()
    assert marked == {i: int(grades[bar.key]["kent"]) for i, bar in
                      enumerate(view.picture.bars)}
    assert "Kent's grade is outlined" in view.marker_note.text()
    view.show("2023-25", "force", "essex")
    assert view.chart.marked() == {i: int(grades[bar.key]["essex"]) for i, bar in
                                   enumerate(view.picture.bars)}
    view.show("2023-25", "force", None)
    assert view.chart.marked() == {}
    assert view.statements.text() == "Choose one force in the Forces list to see where it stands."


def test_clicking_a_segment_lists_its_forces_chosen_force_first(store, make_view, qtbot):
    view = make_view(store, "2017", "legitimacy", "surrey")
    # Q3 of 2017: every force good; Surrey comes first, then the others by name
    click_segment(qtbot, view, 2, int(Grade.GOOD))
    assert list_texts(view) == ["Surrey Police (chosen)", "Essex Police",
                                "Hampshire Constabulary", "Kent Police", "Sussex Police"]
    assert view.forces.item(0).font().bold()
    assert view.list_heading.text() == ("Good for Q3 Developing a positive workplace: five "
                                        "forces")
    assert view.chart.current == (2, int(Grade.GOOD))


def test_double_clicking_a_force_opens_its_question(store, make_view, qtbot):
    view = make_view(store)
    index = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "investigating-crime")
    essex = area_grades(store)["investigating-crime"]["essex"]
    click_segment(qtbot, view, index, int(essex))
    assert list_texts(view) == ["Essex Police"]
    number = store.db.execute(
        "select q.number from questions q join reports r on r.id = q.report_id where "
        "r.force_id = 'essex' and r.cycle = '2023-25' and q.key = 'investigating-crime'"
    ).fetchone()[0]
    item = view.forces.item(0)
    with qtbot.waitSignal(view.forceChosen) as signal:
        double_click(qtbot, view, item)
    assert signal.args == ["essex", "2023-25", "force", number]


def test_the_overall_bar_opens_the_report_with_no_question(store, make_view, qtbot):
    view = make_view(store, "2016", "legitimacy", "kent")
    overall = len(view.picture.bars) - 1
    assert view.picture.bars[overall].label == "Overall"
    click_segment(qtbot, view, overall, int(Grade.INADEQUATE))  # Kent and Hampshire
    assert list_texts(view) == ["Kent Police (chosen)", "Hampshire Constabulary"]
    item = view.forces.item(1)
    with qtbot.waitSignal(view.forceChosen) as signal:
        double_click(qtbot, view, item)
    assert signal.args == ["hampshire", "2016", "legitimacy", None]


def test_the_keys_move_between_segments_and_enter_lists(store, make_view, qtbot):
    view = make_view(store, "2017", "legitimacy", "kent")
    chart = view.chart
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    # Focus starts on Kent's segment of the first bar: requires improvement
    assert chart.current == (0, int(Grade.REQUIRES_IMPROVEMENT))
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.current == (0, int(Grade.GOOD))
    qtbot.keyClick(chart, Qt.Key.Key_Left)  # the first segment: stays
    assert chart.current == (0, int(Grade.GOOD))
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current == (1, int(Grade.GOOD))
    assert view.forces.count() == 0
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    good = [f for f, g in grades_2017_q2(store).items() if g == Grade.GOOD]
    assert [view.forces.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(view.forces.count())] == good
    assert "Current: Good: 1 force" in chart.accessibleDescription()


def grades_2017_q2(store) -> dict[str, Grade]:
    return {f: Grade.from_label(g) for f, g in store.db.execute(
        "select r.force_id, q.grade from reports r join questions q on q.report_id = r.id "
        "where r.cycle = '2017' and r.section = 'legitimacy' and q.number = 2")}


def test_the_tooltip_counts_the_forces(store, make_view):
    view = make_view(store, "2016", "legitimacy", "kent")
    assert view.chart.describe_segment(0, int(Grade.GOOD)).splitlines() == [
        "Good: 5 forces", "Q1 Treatment of the public",
        "How good is the force at treatment of the public?", "Includes Kent"]
    assert view.chart.describe_segment(2, int(Grade.OUTSTANDING)).splitlines()[0] == (
        "Outstanding: 1 force")
    assert view.chart.segment_at(view.chart.segment_rect(0, int(Grade.GOOD)).center()) == (
        0, int(Grade.GOOD))


def test_the_sentences_are_plain_selectable_text(store, make_view, qtbot):
    view = make_view(store)
    picture = national_picture(store, "2023-25", "force")
    assert view.statements.text() == "\n".join(statements(picture, "kent"))
    assert view.statements.textFormat() == Qt.TextFormat.PlainText
    assert view.statements.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    click_segment(qtbot, view, 0, view.chart.marked()[0])
    assert view.statements.text() == "\n".join(
        statements(picture, "kent", picture.bars[0].key))
    assert view.statements_heading.text() == (
        f"Where Kent Police stands among the five forces in the library: "
        f"{picture.bars[0].label}")


def test_four_grades_before_2021_and_five_after(store, make_view):
    view = make_view(store, "2016", "legitimacy")
    assert view.legend.words() == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert "one force adequate" not in view.chart.accessibleDescription()
    assert ("Q3 Developing a positive workplace: one force outstanding, one force good, "
            "one force requires improvement, two forces inadequate.") in \
        view.chart.accessibleDescription()
    view.show("2023-25", "force", "kent")
    assert view.legend.words() == ["Outstanding", "Good", "Adequate", "Requires improvement",
                                   "Inadequate"]
    assert "one force adequate" in view.chart.accessibleDescription()


def test_a_force_with_no_grade_for_an_area(store, make_view, qtbot):
    store.add_report(modern_report("dorset", "2023-25", {
        "investigating-crime": Grade.GOOD, "protecting-vulnerable": Grade.GOOD,
        "responding-to-public": Grade.OUTSTANDING}), sha256="dorset", file_name="d.txt",
        kind="txt", size=1)
    view = make_view(store, force_id="dorset")
    index = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "leadership-management")
    assert view.chart.marked()[index] == CellCode.NO_REPORT  # its report leaves the area out
    assert view.picture.bars[index].grade_of("dorset") is None
    click_segment(qtbot, view, index, CellCode.NO_REPORT)
    assert list_texts(view) == ["Dorset Police (chosen)"]
    assert view.list_heading.text() == ("Not in the report for Leadership and force management: "
                                        "one force")
    assert view.statements.text().startswith(
        "The library holds no grade for Dorset Police for Leadership and force management: "
        "its report does not cover it.")
    assert "Not in the report" in view.legend.words()
    assert "Not graded" not in view.legend.words()


def test_a_cycle_with_no_reports_says_so(store, make_view):
    view = make_view(store, "2021/22", "force", "kent")
    assert view.pages.currentIndex() == 0
    assert view.empty_hint.text().startswith("No PEEL 2021/22 reports in the library.")
    assert view.title.text() == "PEEL 2021/22, areas of policing: no forces in the library"
    view.show("2016", "legitimacy", "kent")
    assert view.pages.currentIndex() == 1


def test_refresh_reads_the_library_again_and_keeps_the_list(store, make_view, qtbot):
    view = make_view(store)
    index = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "investigating-crime")
    click_segment(qtbot, view, index, int(Grade.GOOD))
    assert list_texts(view) == ["Sussex Police"]
    store.add_report(modern_report("dorset", "2023-25", {"investigating-crime": Grade.GOOD}),
                     sha256="dorset", file_name="d.txt", kind="txt", size=1)
    view.refresh()
    assert view.title.text() == "PEEL 2023-25, areas of policing: six forces in the library"
    assert list_texts(view) == ["Dorset Police", "Sussex Police"]


def test_hovering_a_segment_tells_its_count(store, make_view, qtbot):
    view = make_view(store, "2016", "legitimacy", "kent")
    centre = view.chart.segment_rect(2, int(Grade.INADEQUATE)).center().toPoint()
    QApplication.sendEvent(view.chart, QHelpEvent(QEvent.Type.ToolTip, centre,
                                                  view.chart.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible)
    said = view.chart.describe_segment(2, int(Grade.INADEQUATE))
    assert QToolTip.text() == tooltip(said)  # shown as written, line breaks kept
    assert said.splitlines()[0] == "Inadequate: 2 forces"
    assert "Includes Kent" in said
    QToolTip.hideText()
    assert view.chart.segment_at(QPoint(1, 1).toPointF()) is None  # the label column


def test_a_force_with_no_report_in_the_cycle(store, make_view, qtbot):
    view = make_view(store, force_id="dorset")
    assert view.chart.marked() == {}
    assert view.marker_note.isHidden()
    assert view.statements.text() == "The library holds no PEEL 2023-25 report for Dorset Police."
    click_segment(qtbot, view, 0, view.chart.segments(0)[0][0])
    assert "(chosen)" not in " ".join(list_texts(view))


def test_the_list_survives_a_cycle_that_empties(store, make_view, qtbot):
    view = make_view(store)
    click_segment(qtbot, view, 0, view.chart.segments(0)[0][0])
    for force_id in ("kent", "essex", "surrey", "sussex", "hampshire"):
        store.remove_report(force_id, "2023-25", "force")
    view.refresh()
    assert view.pages.currentIndex() == 0
    view.refresh()  # and again, with nothing listed
    assert view.listed is None


def test_every_pillar_opens_the_pillar_of_the_force(store, make_view, qtbot):
    view = make_view(store, "2016", "all", "kent")
    assert [bar.label for bar in view.picture.bars] == ["Legitimacy"]
    click_segment(qtbot, view, 0, int(Grade.INADEQUATE))
    with qtbot.waitSignal(view.forceChosen) as signal:
        double_click(qtbot, view, view.forces.item(0))
    assert signal.args == ["kent", "2016", "legitimacy", None]


def add(store, report):
    store.add_report(report, sha256=report.key + "-extra", file_name="x.txt", kind="txt", size=1)


MARKUP = ("How well does the force use <b>stop</b> and search, and how well does it make sure "
          "that its officers and staff treat the people they serve fairly and with respect?")


def test_report_text_in_the_heading_and_tooltip_is_shown_as_it_is(store, make_view, qtbot):
    """A 2014 question with no catalogue key is labelled by its own words."""
    for force_id, grade in (("kent", Grade.GOOD), ("essex", Grade.INADEQUATE)):
        add(store, Report(force_id=force_id, cycle="2014", pillar="legitimacy",
                          headline="2014", grade=grade, grade_source="stated",
                          questions=(Question(number=1, text=MARKUP, grade=grade,
                                              grade_source="stated"),)))
    view = make_view(store, "2014", "legitimacy", "kent")
    click_segment(qtbot, view, 0, int(Grade.GOOD))
    heading = view.statements_heading
    assert "<b>stop</b>" in heading.text()
    assert heading.textFormat() == Qt.TextFormat.PlainText
    assert heading.wordWrap()
    assert heading.minimumSizeHint().width() < 400  # it wraps instead of widening the window
    centre = view.chart.segment_rect(0, int(Grade.GOOD)).center().toPoint()
    QApplication.sendEvent(view.chart, QHelpEvent(QEvent.Type.ToolTip, centre,
                                                  view.chart.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "<b>stop</b>" in view.chart.describe_segment(0, int(Grade.GOOD))
    assert QToolTip.text() == tooltip(view.chart.describe_segment(0, int(Grade.GOOD)))
    QToolTip.hideText()


def carried(report, keys: dict[str, str]):
    return replace(report, questions=tuple(
        replace(q, grade_source=keys[q.key], carried_over=keys[q.key] == "carried")
        if q.key in keys else q for q in report.questions))


def test_carried_over_and_read_grades_are_marked(store, make_view, qtbot):
    add(store, carried(modern_report("dorset", "2023-25", {
        "investigating-crime": Grade.GOOD, "protecting-vulnerable": Grade.GOOD,
        "responding-to-public": Grade.GOOD, "leadership-management": Grade.GOOD}),
        {"investigating-crime": "carried", "responding-to-public": "prose"}))
    view = make_view(store, force_id="dorset")
    index = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "investigating-crime")
    good = int(Grade.GOOD)
    assert view.chart.segment_text(index, good) == "2*"
    assert view.chart.describe_segment(index, good).splitlines()[:2] == [
        "Good: 2 forces", "One of them carried over"]
    assert "Includes Dorset, carried over" in view.chart.describe_segment(index, good)
    plain = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "protecting-vulnerable")
    assert view.chart.segment_text(plain, good) == "2"
    assert "* hatched: carried over or read from the text" in view.legend.words()
    read = next(line for line in view.chart.accessibleDescription().splitlines()
                if line.startswith("Investigating crime:"))
    assert "two forces good (one carried over)" in read
    click_segment(qtbot, view, index, good)
    assert list_texts(view)[0] == "Dorset Police (carried over, chosen)"
    assert view.statements.text().startswith(
        "Dorset Police is one of two forces in the library graded good (carried over) for "
        "Investigating crime.")
    view.show("2016", "legitimacy", "kent")
    assert "* hatched: carried over or read from the text" not in view.legend.words()


def test_every_pillar_says_which_reports_are_missing(store, make_view, qtbot):
    add(store, pillar_report("kent", "2016", "effectiveness", [Grade.GOOD, Grade.GOOD]))
    view = make_view(store, "2016", "all", "essex")
    index = next(i for i, bar in enumerate(view.picture.bars) if bar.key == "effectiveness")
    assert view.chart.marked()[index] == CellCode.NO_REPORT
    assert "The library holds no PEEL 2016 effectiveness report for Essex Police." in \
        view.statements.text().splitlines()
    assert "not in this force's report" not in view.statements.text()
    click_segment(qtbot, view, index, CellCode.NO_REPORT)
    assert view.list_heading.text() == "No report for Effectiveness: four forces"
    assert "No report" in view.legend.words()


def test_the_ungraded_segment_says_not_graded(store, make_view, qtbot):
    add(store, modern_report("dorset", "2023-25", {
        "investigating-crime": Grade.GOOD, "protecting-vulnerable": Grade.GOOD,
        "responding-to-public": Grade.GOOD, "leadership-management": None}))
    view = make_view(store, force_id="dorset")
    index = next(i for i, bar in enumerate(view.picture.bars)
                 if bar.key == "leadership-management")
    click_segment(qtbot, view, index, CellCode.UNGRADED)
    assert view.list_heading.text() == "Not graded for Leadership and force management: one force"
    assert "Not graded" in view.legend.words()
    described = view.chart.describe_segment(index, CellCode.UNGRADED)
    assert described.splitlines()[0] == "Not graded: 1 force"


def test_an_empty_library_says_to_import(tmp_path, qtbot):
    store = Store.open(tmp_path / "empty.peeldb")
    view = NationalView(store, Palette())
    qtbot.addWidget(view)
    assert view.empty_hint.text() == ("No reports in the library yet: import some to see how "
                                      "forces compare.")
    fill(store)
    view.refresh()
    assert view.empty_hint.text().startswith("Choose a cycle")
    store.close()


def test_the_scope_is_said_once(store, make_view):
    view = make_view(store, "2017", "legitimacy", "kent")
    assert view.statements_heading.text() == (
        "Where Kent Police stands among the five forces in the library")
    assert "Of the five forces" not in view.statements.text()

