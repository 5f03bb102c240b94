"""The Compare view as a user opens and drives it."""

from PySide6.QtCore import QItemSelectionModel, Qt

from peelviewer.core.store import Store
from tests.ui.conftest import add_reports, graded_report


def select_forces(window, force_ids):
    forces = window.force_list
    selection = forces.tree.selectionModel()
    selection.clearSelection()
    for force_id in force_ids:
        index = forces.proxy.mapFromSource(forces._items[force_id].index())
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)


def test_compare_opens_from_the_force_list_with_two_forces(make_window, samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    assert not window.compare_action.isEnabled()
    select_forces(window, ["hampshire", "hertfordshire"])
    assert window.compare_action.isEnabled()
    window.compare_action.trigger()
    assert window.tabs.currentWidget() is window.compare_view
    view = window.compare_view
    assert view.title.text() == ("Hampshire Constabulary · PEEL 2016 Legitimacy   ⟷   "
                                 "Hertfordshire Constabulary · PEEL 2016 Legitimacy")
    assert [view.sections.itemData(i) for i in range(view.sections.count())] == [
        "summary", "q1", "q2", "q3"]


def test_q3_shows_both_grades_and_aligns_what_the_texts_share(make_window, samples_store):
    window = make_window(samples_store)
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016",
                                                        "legitimacy"), "q3")
    view = window.compare_view
    assert view.sections.currentData() == "q3"
    text = view.browser.toPlainText()
    assert "Requires improvement" in text
    assert "Good" in text
    section = view.section
    assert (section.left.grade.label, section.right.grade.label) == ("Requires improvement",
                                                                     "Good")
    q2 = view.comparison.section("q2")
    shared = [row for row in q2.comparison.rows if row.kind == "equal"]
    assert shared  # the national-overview paragraph both pages carry
    # Changes are counted over the whole report, every section in one scroll.
    total = sum(len(s.comparison.changes()) for s in view.comparison.sections)
    assert len(section.comparison.changes()) < total
    assert view.position.text() == f"{total} changes"


def test_compare_with_from_the_question_pane(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(window.grid.row_of("hertfordshire"), 1)
    menu = window.detail.compare_menu
    assert [a.text() for a in menu.actions()] == ["Hampshire Constabulary"]
    menu.actions()[0].trigger()
    view = window.compare_view
    assert window.tabs.currentWidget() is view
    assert view.keys == (("hertfordshire", "2016", "legitimacy"),
                         ("hampshire", "2016", "legitimacy"))
    assert view.sections.currentData() == "q2"


def test_next_and_previous_change_move_the_view(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.resize(1200, 500)
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016",
                                                        "legitimacy"), "q2")
    view = window.compare_view
    view.finish()
    count = view.change_count()
    assert count > 3
    # Opened at Q2: the first step goes to Q2's first change, after those of the sections
    # above it.
    before = sum(len(s.comparison.changes()) for s in view.comparison.sections[:2])
    scroll = view.browser.verticalScrollBar()
    assert scroll.value() > 0  # Q2's heading at the top
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert view.position.text() == f"change {before + 2} of {count}"
    last = count - 1
    for _ in range(last - 1 - before):
        qtbot.mouseClick(view.next_change, Qt.MouseButton.LeftButton)
    assert view.position.text() == f"change {count} of {count}"
    assert scroll.value() > 0
    far = scroll.value()
    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.position.text() == f"change {count - 1} of {count}"
    assert scroll.value() <= far


def test_toggles_rerun_the_diff(make_window, tmp_path):
    store = Store.open(tmp_path / "toggles.peeldb")
    kent = graded_report("kent", "2017", "legitimacy", [None],
                         narrative="Kent Police is good at treating people fairly.")
    surrey = graded_report("surrey", "2017", "legitimacy", [None],
                           narrative="Surrey Police is good at treating people fairly.")
    add_reports(store, [kent, surrey])
    window = make_window(store)
    window.compare(("kent", "2017", "legitimacy"), ("surrey", "2017", "legitimacy"), "q1")
    view = window.compare_view
    assert view.placeholders.isChecked()
    assert [row.kind for row in view.section.comparison.rows] == ["equal"]
    view.placeholders.setChecked(False)
    assert [row.kind for row in view.section.comparison.rows] == ["replace"]
    assert view.sections.currentData() == "q1"
    assert "Kent Police" in view.browser.toPlainText()
    store.close()


def test_comparing_with_a_missing_report_says_which(make_window, samples_store):
    window = make_window(samples_store)
    window.compare(("hampshire", "2016", "legitimacy"), ("kent", "2016", "legitimacy"))
    assert window.tabs.currentWidget() is not window.compare_view
    assert window.compare_view.title.text() == (
        "Not in the library: Kent Police · PEEL 2016 Legitimacy")
