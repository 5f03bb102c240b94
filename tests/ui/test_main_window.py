"""The main window as a user drives it: forces, heatmap, question pane, search, settings."""

import html
import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from peelviewer.core.grid import ALL_PILLARS
from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from peelviewer.ui.application import open_window
from peelviewer.ui.search import snippet_html
from tests.ui.conftest import add_reports, graded_report, with_narrative

G, RI = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT
OUT, INA = Grade.OUTSTANDING, Grade.INADEQUATE


def test_the_force_list_has_43_forces_in_10_regions(make_window, fixtures_store):
    window = make_window(fixtures_store)
    forces = window.force_list
    assert forces.proxy.rowCount() == 10
    assert len(forces.visible_force_ids()) == 43


def test_filtering_by_name_or_alias_leaves_the_force(make_window, fixtures_store, qtbot):
    window = make_window(fixtures_store)
    window.focus_filter()
    for text in ("herts", "Hertford", "HERTFORDSHIRE CONSTABULARY"):
        window.force_list.filter_box.clear()
        qtbot.keyClicks(window.force_list.filter_box, text)
        assert window.force_list.visible_force_ids() == ["hertfordshire"]
    window.force_list.filter_box.setText("Devon & Cornwall")
    assert window.force_list.visible_force_ids() == ["devon-and-cornwall"]
    window.force_list.filter_box.clear()
    assert len(window.force_list.visible_force_ids()) == 43


def test_the_heatmap_for_the_samples_has_the_right_grade_in_every_cell(make_window,
                                                                     samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    grid = window.grid
    assert [r.key for r in grid.rows] == ["hampshire", "hertfordshire"]
    assert [c.heading for c in grid.columns] == ["Q1 Treatment", "Q2 Ethics", "Q3 Workplace",
                                                 "Overall"]
    assert [[cell.grade for cell in row] for row in grid.cells] == [[G, G, RI, G],
                                                                   [G, RI, G, G]]
    assert [[cell.label for cell in row] for row in grid.cells] == [["G", "G", "RI", "G"],
                                                                   ["G", "RI", "G", "G"]]
    assert grid.columns[1].text == ("How well does the force ensure that its workforce behaves "
                                    "ethically and lawfully?")


def test_clicking_a_cell_opens_the_question(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    heatmap = window.heatmap
    point = heatmap.cell_center(window.grid.row_of("hertfordshire"), 1)
    qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    detail = window.detail
    assert detail.force_title.text() == "Hertfordshire Constabulary"
    assert "Requires improvement" in detail.question_grade.text()
    assert detail.question_text.text().startswith("Q2. How well does the force ensure")
    causes = detail.finding_lists["cause_of_concern"]
    assert causes.count() == 1
    assert causes.item(0).text().startswith("• The risks that HMIC identified in 2014")
    recommendations = detail.finding_lists["recommendation"]
    assert recommendations.item(0).text().startswith("Hertfordshire Constabulary, together")
    assert recommendations.count() == 5  # the lead-in, then four recommendations


def test_a_click_outside_the_cells_opens_nothing(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    qtbot.mouseClick(window.heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert window.detail.report is None


def test_hovering_a_cell_describes_force_question_grade_and_findings(make_window,
                                                                    samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    tip = window.heatmap.tooltip_for(window.grid.row_of("hertfordshire"), 1)
    assert tip.splitlines() == [
        "Hertfordshire Constabulary · 2016",
        "Q2: How well does the force ensure that its workforce behaves ethically and lawfully?",
        "Grade: Requires improvement",
        "1 areas for improvement, 1 causes of concern, 4 recommendations",
    ]


def test_previous_and_next_walk_the_questions(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(window.grid.row_of("hampshire"), 0)
    detail = window.detail
    assert not detail.previous_button.isEnabled()
    qtbot.mouseClick(detail.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(detail.next_button, Qt.MouseButton.LeftButton)
    assert detail.question.number == 3
    assert "Requires improvement" in detail.question_grade.text()
    assert not detail.next_button.isEnabled()
    assert detail.summary.toPlainText().startswith("Hampshire Constabulary has been assessed")


def test_sort_by_grade_and_group_by_region_reorder_rows(make_window, tmp_path):
    store = Store.open(tmp_path / "sorting.peeldb")
    add_reports(store, [
        graded_report("surrey", "2017", "efficiency", [RI, RI, G]),
        graded_report("kent", "2017", "efficiency", [OUT, OUT, G]),
        graded_report("cumbria", "2017", "efficiency", [INA, RI, RI]),
        graded_report("gwent", "2017", "efficiency", [G, G, G]),
    ])
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")

    def rows():
        return [r.key for r in window.grid.rows]

    assert rows() == ["cumbria", "gwent", "kent", "surrey"]  # by name
    window.sort_box.setCurrentIndex(window.sort_box.findData("grade"))
    assert rows() == ["kent", "gwent", "surrey", "cumbria"]
    window.group_action.setChecked(True)
    assert rows() == ["kent", "surrey", "cumbria", "gwent"]  # South East, North West, Wales
    assert window.grid.group_starts == (0, 2, 3)
    window.sort_box.setCurrentIndex(window.sort_box.findData("region"))
    window.group_action.setChecked(False)
    assert rows() == ["kent", "surrey", "cumbria", "gwent"]
    store.close()


def test_all_pillars_shows_pillar_grades(make_window, tmp_path):
    store = Store.open(tmp_path / "pillars.peeldb")
    add_reports(store, [graded_report("kent", "2017", "efficiency", [OUT, G]),
                        graded_report("kent", "2017", "legitimacy", [RI, G])])
    window = make_window(store)
    window.reload(cycle="2017", pillar=ALL_PILLARS)
    assert [c.label for c in window.grid.columns] == ["Efficiency", "Legitimacy"]
    assert [cell.grade for cell in window.grid.cells[0]] == [OUT, RI]
    window.open_cell(0, 1)
    assert window.detail.report.pillar == "legitimacy"
    store.close()


def test_report_text_with_markup_shows_the_literal_characters(make_window, tmp_path,
                                                             hertfordshire_report):
    store = Store.open(tmp_path / "markup.peeldb")
    marked = with_narrative(hertfordshire_report, 1,
                            "The panel wrote <b>urgent</b> & <img src=x onerror=alert(1)>.")
    add_reports(store, [marked])
    window = make_window(store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(0, 0)
    assert window.detail.narrative.toPlainText() == (
        "The panel wrote <b>urgent</b> & <img src=x onerror=alert(1)>.")
    window.search.query.setText("urgent")
    [hit] = window.search.run()
    html = snippet_html(hit.snippet)
    assert "&lt;b&gt;" in html
    assert "<img" not in html
    store.close()


def test_search_lists_hits_and_opens_the_chosen_one(make_window, fixtures_store):
    window = make_window(fixtures_store)
    window.focus_search()
    window.search.query.setText("occupational health")
    hits = window.search.run()
    assert {h.force_id for h in hits} == {"hampshire"}
    first = window.search.model.index(0, 0)
    assert first.data() == "Hampshire Constabulary"
    window.search.results.clicked.emit(first)
    assert window.detail.report.key == "hampshire/2016/legitimacy"
    assert (window.cycle, window.pillar) == ("2016", "legitimacy")


def test_the_accessible_table_shows_the_same_grades(make_window, samples_store, qtbot):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.table_action.trigger()
    assert window.centre.currentWidget() is window.table
    model = window.table.model()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Q1 Treatment"
    assert model.headerData(1, Qt.Orientation.Vertical) == "Hertfordshire Constabulary"
    assert model.data(model.index(1, 2)) == "Requires improvement"
    assert model.data(model.index(1, 0)) == "Eastern"
    window.table.activated.emit(model.index(1, 2))
    assert window.detail.question.number == 2


def test_settings_bring_back_cycle_pillar_sort_and_question(qtbot, make_window, fixtures_store,
                                                           settings):
    window = make_window(fixtures_store)
    window.reload(cycle="2017", pillar="efficiency")
    window.sort_box.setCurrentIndex(window.sort_box.findData("grade"))
    window.open_cell(window.grid.row_of("cleveland"), 1)
    window.close()
    again = make_window(fixtures_store)
    assert (again.cycle, again.pillar) == ("2017", "efficiency")
    assert again.sort_box.currentData() == "grade"
    assert again.detail.report.key == "cleveland/2017/efficiency"
    assert again.detail.question.number == 2


def test_first_run_loads_the_samples_and_says_so(qtbot, tmp_path, settings):
    store = Store.open(tmp_path / "empty.peeldb")
    window = open_window(store, settings=settings)
    qtbot.addWidget(window)
    assert store.counts()["reports"] == 2
    assert "loaded 2 bundled sample reports" in window.statusBar().currentMessage()
    assert window.grid.cycle == "2016"
    store.close()


def test_about_and_help_go_through_the_dialogs(make_window, samples_store):
    window = make_window(samples_store)
    about = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    for action in about.actions():
        action.trigger()
    assert [title for title, _ in window.dialogs.shown] == ["help", "about"]
    assert window.dialogs.shown[1][1] == str(samples_store.path)


def test_a_screenshot_of_the_window_with_the_samples(make_window, samples_store, tmp_path,
                                                    qtbot):
    window = make_window(samples_store)
    window.resize(1400, 850)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(1, 1)
    path = tmp_path / "main-window.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (window.width(), window.height())


def test_moving_the_mouse_over_a_cell_shows_its_tooltip(make_window, samples_store, qtbot):
    from PySide6.QtWidgets import QToolTip

    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    point = window.heatmap.cell_center(window.grid.row_of("hampshire"), 2)
    viewport = window.heatmap.view.viewport()
    qtbot.mouseMove(viewport, point)
    qtbot.mouseMove(viewport, point + QPoint(1, 1))
    qtbot.waitUntil(QToolTip.isVisible)
    shown = html.unescape(re.sub(r"<[^>]+>", "", QToolTip.text()))
    assert shown.startswith("Hampshire Constabulary · 2016\nQ3: To what extent")
    assert "Grade: Requires improvement" in shown


def test_a_search_without_matches_paints(make_window, samples_store):
    window = make_window(samples_store)
    window.search.query.setText("zzzzqqq")
    assert window.search.run() == []
    assert window.search.status.text() == "No matches"
    window.search.results.grab()  # paints the row: an exception here fails the test


def test_question_text_in_tooltips_is_never_markup(make_window, tmp_path, qtbot):
    store = Store.open(tmp_path / "markup.peeldb")
    report = graded_report("kent", "2017", "legitimacy", [G])
    odd = report.questions[0].__class__(**{**report.questions[0].__dict__,
                                           "text": "How <b>well</b> does it work?"})
    add_reports(store, [report.__class__(**{**report.__dict__, "questions": (odd,)})])
    window = make_window(store)
    window.reload(cycle="2017", pillar="legitimacy")
    window.table_action.trigger()  # the table is filled when it is shown
    model = window.table.model()
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;well&lt;/b&gt;" in tip
    assert "<b>" not in tip
    window.table_action.trigger()  # back to the heatmap
    from PySide6.QtWidgets import QToolTip

    viewport = window.heatmap.view.viewport()
    point = window.heatmap.cell_center(0, 0)
    qtbot.mouseMove(viewport, point)
    qtbot.mouseMove(viewport, point + QPoint(1, 1))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "How &lt;b&gt;well&lt;/b&gt; does it work?" in QToolTip.text()
    store.close()
