"""The window on 2021/22-onwards reports: the areas heatmap, the question pane, compare
across forces, years and the 2021 change of framework, and the export of what Compare shows."""

import pypdfium2
from PySide6.QtCore import Qt

from peelviewer.core.grid import ALL_PILLARS
from peelviewer.ui.dialogs import ExportChoice


def test_a_modern_cycle_shows_forces_by_areas_with_short_names(make_window, modern_store):
    window = make_window(modern_store)
    window.reload(cycle="2023-25")
    assert window.pillar_box.currentText() == "Areas of policing"
    assert ALL_PILLARS not in [window.pillar_box.itemData(i)
                               for i in range(window.pillar_box.count())]
    grid = window.grid
    labels = [c.label for c in grid.columns]
    assert labels[:3] == ["Leadership", "Workplace", "Treatment"]
    assert "Investigation" in labels
    assert "Victims" in labels
    herts = grid.row_of("hertfordshire")
    prevention = labels.index("Prevention")
    assert grid.cell(herts, prevention).label == "O"
    victims = grid.cell(herts, labels.index("Victims"))
    assert victims.describe().startswith("not graded (the inspectorate does not grade")
    assert window.heatmap.scale_note.text().startswith("Five grades")
    assert window.heatmap._adequate_chip.isVisibleTo(window)


def test_areas_line_up_by_area_whatever_order_each_report_prints_them(make_window,
                                                                      modern_store):
    window = make_window(modern_store)
    window.reload(cycle="2023-25")
    column = [c.key for c in window.grid.columns].index("investigating-crime")
    for row, grid_row in enumerate(window.grid.rows):
        cell = window.grid.cell(row, column)
        report = modern_store.report(grid_row.key, "2023-25", "force")
        question = next(q for q in report.questions if q.number == cell.number)
        assert question.key == "investigating-crime"


def test_clicking_an_area_opens_it_with_its_grade_and_findings(make_window, modern_store,
                                                               qtbot):
    window = make_window(modern_store)
    window.reload(cycle="2023-25")
    column = [c.key for c in window.grid.columns].index("positive-workplace")
    point = window.heatmap.cell_center(window.grid.row_of("hertfordshire"), column)
    qtbot.mouseClick(window.heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    detail = window.detail
    assert detail.force_title.text() == "Hertfordshire Constabulary"
    assert detail.question_text.text() == "Developing a positive workplace"
    assert detail.question_grade.text() == "Grade: Requires improvement"
    assert "Graded on five grades" in detail.facts.text()
    assert not detail.report_grade.isVisibleTo(detail)  # no overall grade any more
    causes = detail.finding_lists["cause_of_concern"]
    assert causes.count() == 1
    recommendations = detail.finding_lists["recommendation"]
    assert recommendations.count() == 3  # the lead-in, then two recommendations
    improvements = detail.finding_lists["area_for_improvement"]
    statement, explanation = improvements.item(0).text().split("\n", 1)
    assert statement.startswith("• The constabulary needs to improve")
    assert explanation  # the paragraph that explains it, under the statement


def test_the_force_list_counts_each_forces_grades_in_a_modern_cycle(make_window,
                                                                    modern_store):
    from peelviewer.ui.force_list import CHIPS

    window = make_window(modern_store)
    window.reload(cycle="2023-25")
    chips = window.force_list._items["hertfordshire"].data(CHIPS)
    assert [text for text, _code, _tip in chips] == ["1O", "4G", "2A", "1RI"]


def test_a_pilot_forces_changed_grade_says_from_what(make_window, modern_store):
    window = make_window(modern_store)
    window.reload(cycle="2021/22")
    window.detail.show_question("suffolk", "2021/22", "force")
    questions = window.detail.questions
    index = next(i for i in range(questions.count())
                 if questions.itemText(i) == "Responding to the public")
    window.detail._question_chosen(index)
    assert window.detail.question_grade.text() == (
        "Grade: Adequate; changed from Requires improvement")


def test_compare_with_offers_other_forces_and_the_forces_other_years(make_window,
                                                                     modern_store):
    window = make_window(modern_store)
    window.detail.show_question("hertfordshire", "2023-25", "force")
    actions = [a.text() for a in window.detail.compare_menu.actions() if a.text()]
    assert actions[:2] == ["Hertfordshire Constabulary, PEEL 2021/22",  # newest first
                           "Hertfordshire Constabulary, PEEL 2016 Legitimacy"]
    assert "Kent Police" in actions


def test_one_force_across_years_pairs_areas_and_marks_the_scale_change(make_window,
                                                                       modern_store):
    window = make_window(modern_store)
    window.compare(("hertfordshire", "2021/22", "force"), ("hertfordshire", "2023-25", "force"))
    view = window.compare_view
    titles = [view.sections.itemText(i).split(" · ")[0] for i in range(view.sections.count())]
    assert "Investigating crime" in titles
    responding = view.comparison.section(next(
        s.key for s in view.comparison.sections if s.title == "Responding to the public"))
    assert responding.left.label == "Responding to the public (2021/22)"
    assert responding.right.label == "Responding to the public (2023-25)"
    assert "Grades on different scales" not in view.browser.toPlainText()
    window.compare(("hertfordshire", "2016", "legitimacy"), ("hertfordshire", "2023-25", "force"))
    view.sections.setCurrentIndex(next(
        i for i in range(view.sections.count())
        if view.sections.itemText(i).startswith("Q3 / Developing a positive workplace")))
    assert "Grades on different scales" in view.browser.toPlainText()


def test_the_window_exports_a_year_on_year_comparison(qtbot, make_window, modern_store,
                                                      tmp_path):
    window = make_window(modern_store)
    window.compare(("hertfordshire", "2021/22", "force"), ("hertfordshire", "2023-25", "force"))
    out = tmp_path / "years.pdf"
    window.dialogs.export_choice = ExportChoice(out, landscape=False, open_when_done=False)
    with qtbot.waitSignal(window.exportFinished, timeout=60000):
        window.export_pdf_action.trigger()
    assert window.dialogs.suggested.name == "peel-hertfordshire-2021-22-hertfordshire-2023-25.pdf"
    document = pypdfium2.PdfDocument(out)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split())
                    for page in document)
    assert "Hertfordshire Constabulary · PEEL 2021/22 and Hertfordshire Constabulary · PEEL " \
           "2023-25" in text
    assert "Responding to the public" in text
    assert "Heatmap" not in text  # two years of one force: the grade table says it all


def test_search_finds_an_area_finding_and_opens_its_area(make_window, modern_store):
    window = make_window(modern_store)
    window.focus_search()
    window.search.query.setText("promotion processes")
    hits = window.search.run()
    assert {(h.force_id, h.cycle) for h in hits} == {("gwent", "2023-25")}
    assert [window.search.model.index(0, column).data() for column in range(3)] == [
        "Gwent Police", "2023-25", "Developing a positive workplace · area for improvement"]
    window.open_hit(hits[0])
    assert (window.cycle, window.pillar) == ("2023-25", "force")
    assert window.detail.question_text.text() == "Developing a positive workplace"


def test_dropping_a_2023_25_page_its_html_and_its_pdf_gives_one_report(make_window, qtbot,
                                                                       tmp_path):
    from peelviewer.core.store import Store
    from tests.conftest import FIXTURES
    from tests.pdf_makers import print_like_browser, text_to_html
    from tests.ui.test_import import drag_and_drop, mime_with_files

    page = FIXTURES / "modern" / "2023-25-table-columns.txt"
    saved = FIXTURES / "modern" / "html" / "2023-25-hertfordshire.html"
    printed = print_like_browser(
        text_to_html(page.read_text(encoding="utf-8")), tmp_path / "herts.pdf",
        title="PEEL 2023–2025: An inspection of Hertfordshire Constabulary - HMICFRS",
        url="https://example.invalid/peel-2023-25-hertfordshire/")
    store = Store.open(tmp_path / "new.peeldb")
    window = make_window(store)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as finished:
        assert drag_and_drop(window, mime_with_files([page, saved, printed])) == (True, True)
    assert finished.args[0].line() == "1 added, 0 updated, 2 unchanged, 0 failed"
    assert (window.cycle, window.pillar) == ("2023-25", "force")
    labels = [c.label for c in window.grid.columns]
    row = window.grid.row_of("hertfordshire")
    assert window.grid.cell(row, labels.index("Prevention")).label == "O"
    assert window.grid.cell(row, labels.index("Workplace")).label == "RI"
    assert store.source_names("hertfordshire", "2023-25", "force") == [
        page.name, saved.name, printed.name]
    store.close()

