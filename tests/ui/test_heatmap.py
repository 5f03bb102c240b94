"""The heatmap as a user reads it: readable rows that scroll, short column names, the overall
grade, the chosen cell outlined, cells kept apart by gridlines, the shared grade colours."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from peelviewer.core.colours import GRADE_COLOURS
from peelviewer.core.forces import FORCES
from peelviewer.core.grid import PILLAR_GRADE
from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from peelviewer.ui.heatmap import MIN_ROW_HEIGHT
from tests.ui.conftest import add_reports, graded_report

G, RI, OUT, INA = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.OUTSTANDING, Grade.INADEQUATE
CYCLE = [OUT, G, RI, INA, G, None]


@pytest.fixture
def all_forces_store(tmp_path):
    """Every force with a 2017 effectiveness report of five questions, grades varied."""
    store = Store.open(tmp_path / "forces.peeldb")
    add_reports(store, [
        graded_report(force.id, "2017", "effectiveness",
                      [CYCLE[(index + number) % len(CYCLE)] for number in range(5)])
        for index, force in enumerate(FORCES)])
    yield store
    store.close()


def top_labels(heatmap) -> list[str]:
    return [label for _, label in heatmap._plot.getAxis("top")._tickLevels[0]]


def test_43_forces_keep_readable_rows_and_scroll(make_window, all_forces_store, qtbot):
    window = make_window(all_forces_store)
    window.reload(cycle="2017", pillar="effectiveness")
    heatmap = window.heatmap
    assert len(window.grid.rows) == 43
    assert heatmap.view.height() < 43 * 18  # they cannot all fit at a readable height…
    assert heatmap.scroll_bar.isVisible()  # …so they scroll
    first, second = heatmap.cell_center(0, 0), heatmap.cell_center(1, 0)
    assert second.y() - first.y() >= 18
    assert heatmap.row_height >= 18
    # The last force is reached by scrolling, and a click on it opens its question.
    last = len(window.grid.rows) - 1
    point = heatmap.cell_center(last, 2)
    assert heatmap.scroll_bar.value() == heatmap.scroll_bar.maximum()
    assert heatmap.view.viewport().rect().contains(point)
    qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.detail.report.force_id == window.grid.rows[last].key
    assert window.detail.question.number == 3


def test_the_mouse_wheel_scrolls_the_rows(make_window, all_forces_store, qtbot):
    window = make_window(all_forces_store)
    window.reload(cycle="2017", pillar="effectiveness")
    heatmap = window.heatmap
    heatmap.scroll_bar.setValue(0)
    viewport = heatmap.view.viewport()
    centre = viewport.rect().center()
    wheel = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert heatmap.scroll_bar.value() == 3 * MIN_ROW_HEIGHT


def test_few_forces_fill_the_height_without_a_scroll_bar(make_window, samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    assert not window.heatmap.scroll_bar.isVisible()
    assert window.heatmap.row_height >= 18


def test_columns_carry_the_questions_short_names_and_the_overall_grade(make_window,
                                                                     samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    assert top_labels(window.heatmap) == ["Q1\nTreatment", "Q2\nEthics", "Q3\nWorkplace",
                                          "Overall"]
    overall = [c.key for c in window.grid.columns].index(PILLAR_GRADE)
    herts = window.grid.row_of("hertfordshire")
    assert window.grid.cell(herts, overall).grade == Grade.GOOD
    tip = window.heatmap.tooltip_for(herts, overall)
    assert tip.splitlines()[1].startswith("Overall: How legitimate is the force")


def test_sorting_by_pillar_grade_from_the_toolbar(make_window, tmp_path):
    store = Store.open(tmp_path / "overall.peeldb")
    reports = [graded_report("kent", "2017", "efficiency", [OUT, OUT, OUT]),
               graded_report("surrey", "2017", "efficiency", [G, G, G]),
               graded_report("gwent", "2017", "efficiency", [RI, RI, RI])]
    # The overall grades run against the questions': Gwent best, Kent worst.
    overall = {"kent": INA, "surrey": G, "gwent": OUT}
    add_reports(store, [r.__class__(**{**r.__dict__, "grade": overall[r.force_id]})
                        for r in reports])
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    window.sort_box.setCurrentIndex(window.sort_box.findData("grade"))
    assert [r.key for r in window.grid.rows] == ["kent", "surrey", "gwent"]
    window.sort_box.setCurrentIndex(window.sort_box.findData("pillar"))
    assert window.sort_box.currentText() == "Sort by pillar grade"
    assert [r.key for r in window.grid.rows] == ["gwent", "surrey", "kent"]
    store.close()


def test_the_clicked_cell_is_outlined_and_stays_with_its_force(make_window, tmp_path, qtbot):
    store = Store.open(tmp_path / "outline.peeldb")
    add_reports(store, [graded_report("kent", "2017", "efficiency", [OUT, OUT]),
                        graded_report("surrey", "2017", "efficiency", [RI, G])])
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    heatmap = window.heatmap
    assert not heatmap.selection.isVisible()
    surrey = window.grid.row_of("surrey")
    qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=heatmap.cell_center(surrey, 1))
    assert heatmap.selection.isVisible()
    assert heatmap.selected_cell == (surrey, 1)
    frame = heatmap.selection.cell_rect
    assert (frame.x(), frame.y(), frame.width(), frame.height()) == (1, surrey, 1, 1)
    # The frame is drawn: dark at the cell's edge, whatever the fill.
    image = heatmap.view.grab().toImage()
    centre = heatmap.cell_center(surrey, 1)
    edge = QPoint(centre.x(), centre.y() - int(heatmap.row_height / 2) + 2)
    assert QColor(image.pixel(edge)).name() == "#0b0c0c"
    window.sort_box.setCurrentIndex(window.sort_box.findData("grade"))  # Kent first now
    assert window.grid.row_of("surrey") == 1
    assert heatmap.selected_cell == (1, 1)
    store.close()


def test_gridlines_part_neighbouring_cells_of_one_grade(make_window, tmp_path):
    store = Store.open(tmp_path / "grid.peeldb")
    add_reports(store, [graded_report("kent", "2017", "efficiency", [G, G]),
                        graded_report("surrey", "2017", "efficiency", [G, G])])
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    heatmap = window.heatmap
    image = heatmap.view.grab().toImage()
    left, right = heatmap.cell_center(0, 0), heatmap.cell_center(0, 1)
    below = heatmap.cell_center(1, 0)
    good = QColor(GRADE_COLOURS[Grade.GOOD]).name()
    # Near each cell's corner (away from its letter) the fill is the shared Good colour…
    assert QColor(image.pixel(left + QPoint(-12, -5))).name() == good
    # …and between two Good cells, across and down, runs a white line.
    between = (left.x() + right.x()) // 2
    line = [QColor(image.pixel(x, left.y() - 5)).name() for x in range(between - 2, between + 3)]
    assert "#ffffff" in line
    boundary = (left.y() + below.y()) // 2
    line = [QColor(image.pixel(left.x() - 12, y)).name() for y in range(boundary - 2,
                                                                       boundary + 3)]
    assert "#ffffff" in line
    store.close()
