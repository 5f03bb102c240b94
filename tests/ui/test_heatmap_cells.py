"""What the heatmap paints in its cells and around them, as a user sees it: the user's own
grade colours, hatching on grades not stated, region headers between the rows, the key's
note on the scale, and the column headings' hover text."""

import dataclasses

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QTextDocumentFragment
from PySide6.QtWidgets import QToolTip

from peelviewer.core.colours import GRADE_COLOURS
from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from tests.ui.conftest import add_reports, graded_report

G, RI, OUT = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.OUTSTANDING


def carried(report, number: int):
    """The report with question `number`'s grade carried over from an earlier inspection."""
    questions = tuple(dataclasses.replace(q, carried_over=True, grade_source="carried")
                      if q.number == number else q for q in report.questions)
    return dataclasses.replace(report, questions=questions)


@pytest.fixture
def store(tmp_path):
    library = Store.open(tmp_path / "cells.peeldb")
    add_reports(library, [
        carried(graded_report("kent", "2017", "efficiency", [G, G, RI]), 2),
        graded_report("surrey", "2017", "efficiency", [G, G, RI]),
        graded_report("cumbria", "2017", "efficiency", [OUT, RI, G]),
        graded_report("gwent", "2017", "efficiency", [RI, RI, G]),
    ])
    yield library
    library.close()


def corner_colours(heatmap, row: int, column: int) -> list[str]:
    """The colours in the upper-left quarter of a cell, away from its letters."""
    image = heatmap.view.grab().toImage()
    centre = heatmap.cell_center(row, column)
    half = int(heatmap.row_height / 2)
    return [QColor(image.pixel(centre.x() - dx, centre.y() - dy)).name()
            for dx in range(12, 22) for dy in range(half - 8, half - 3)]


def test_the_users_own_grade_colours_fill_the_cells(make_window, store, settings):
    settings.setValue("colours/good", "#2a6f97")
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    heatmap = window.heatmap
    surrey = window.grid.row_of("surrey")
    assert set(corner_colours(heatmap, surrey, 0)) == {"#2a6f97"}
    assert set(corner_colours(heatmap, surrey, 2)) == {
        QColor(GRADE_COLOURS[Grade.REQUIRES_IMPROVEMENT]).name()}


def test_a_carried_over_grade_is_hatched_and_a_stated_one_is_not(make_window, store):
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    heatmap, grid = window.heatmap, window.grid
    kent, surrey = grid.row_of("kent"), grid.row_of("surrey")
    assert grid.cells[kent][1].label == "G*"
    good = QColor(GRADE_COLOURS[Grade.GOOD]).name()
    assert set(corner_colours(heatmap, surrey, 1)) == {good}
    hatched = corner_colours(heatmap, kent, 1)
    assert hatched.count(good) < len(hatched) * 0.9  # lines run across the fill
    assert good in hatched  # on the grade's colour
    assert set(corner_colours(heatmap, kent, 0)) == {good}
    assert "carried over" in heatmap.tooltip_for(kent, 1)


def test_region_headers_sit_between_the_groups_and_open_nothing(make_window, store, qtbot):
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    window.group_action.setChecked(True)
    grid, heatmap = window.grid, window.heatmap
    assert [r.key for r in grid.rows] == ["kent", "surrey", "cumbria", "gwent"]
    assert grid.group_starts == (0, 2, 3)
    centres = [heatmap.cell_center(row, 0).y() for row in range(len(grid.rows))]
    step = centres[1] - centres[0]
    # A header row above North West and above Wales, none inside the South East.
    assert centres[2] - centres[1] == pytest.approx(2 * step, abs=2)
    assert centres[3] - centres[2] == pytest.approx(2 * step, abs=2)
    clicked = []
    heatmap.cellClicked.connect(lambda row, column: clicked.append((row, column)))
    header = QPoint(heatmap.cell_center(2, 1).x(), int(centres[2] - step))
    qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=header)
    assert clicked == []
    assert window.detail.report is None
    qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=heatmap.cell_center(3, 1))
    assert clicked == [(3, 1)]
    assert window.detail.report.force_id == "gwent"
    assert window.detail.question.number == 2


def test_the_key_names_the_scale_of_the_cycle(make_window, store):
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    assert window.heatmap.scale_note.text() == "Four grades (2014 to 2018/19)"
    chips = [label.text() for label in window.heatmap.findChildren(type(window.heatmap
                                                                        .scale_note))
             if label.isVisibleTo(window)]
    assert "A  Adequate" not in chips
    assert "G  Good" in chips


def test_hovering_a_column_heading_shows_the_whole_question(make_window, store, qtbot):
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    heatmap = window.heatmap
    centre = heatmap.cell_center(window.grid.row_of("cumbria"), 1)
    above = QPoint(centre.x(), centre.y() - int(heatmap.row_height / 2) - 12)
    heatmap.view.scene().sigMouseMoved.emit(QPointF(heatmap.view.mapToScene(above)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert shown_tip() == "Q2: How well does the force do task 2?"
    heatmap.view.scene().sigMouseMoved.emit(QPointF(heatmap.view.mapToScene(centre)))
    qtbot.waitUntil(lambda: shown_tip().startswith("Cumbria Constabulary · 2017"))
    assert shown_tip().splitlines()[1:3] == ["Q2: How well does the force do task 2?",
                                             "Grade: Requires improvement"]
    QToolTip.hideText()


def shown_tip() -> str:
    """The tooltip's words as the user reads them."""
    return QTextDocumentFragment.fromHtml(QToolTip.text()).toPlainText()
