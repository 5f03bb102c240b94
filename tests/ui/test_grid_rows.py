"""A grade grid's rows can be anything graded: here one force's cycles, as its timeline holds
them, drawn by the same heatmap and accessible table as the Grades view's forces."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from peelviewer.core.colours import GRADE_COLOURS, MISSING_COLOUR
from peelviewer.core.framework import topic
from peelviewer.core.grid import Cell, Column, GradeGrid, GridRow
from peelviewer.core.model import Grade, scale_of
from peelviewer.core.store import Store
from peelviewer.core.timeline import force_timeline
from peelviewer.ui.grade_table import GradeTableView
from peelviewer.ui.heatmap import GradeHeatmap
from peelviewer.ui.palette import Palette
from tests.workbench_data import fill


@pytest.fixture
def kent_by_cycle(tmp_path):
    """Kent's timeline turned on its side: a row per cycle, a column per question or area,
    the cycles grouped by their grade scale."""
    store = Store.open(tmp_path / "l.peeldb")
    fill(store)
    timeline = force_timeline(store.db.conn, "kent")
    store.close()
    rows = tuple(GridRow(cycle, f"PEEL {cycle}", cycle,
                         f"{scale_of(cycle)} grades") for cycle in timeline.cycles)
    columns = tuple(Column(row.key, topic(row.key).column if topic(row.key) else row.label,
                           row.heading) for row in timeline.rows)
    cells = tuple(tuple(row.cells[cycle].as_grid_cell() if cycle in row.cells else Cell()
                        for row in timeline.rows) for cycle in timeline.cycles)
    starts = tuple(i for i, row in enumerate(rows) if i == 0 or rows[i - 1].group != row.group)
    return GradeGrid("", "legitimacy", rows, columns, cells, starts, group_title="Scale")


def column_of(grid: GradeGrid, key: str) -> int:
    return [c.key for c in grid.columns].index(key)


def test_the_heatmap_draws_a_grid_of_cycles(qtbot, kent_by_cycle):
    grid = kent_by_cycle
    heatmap = GradeHeatmap(Palette())
    qtbot.addWidget(heatmap)
    heatmap.resize(1100, 650)
    heatmap.show()
    qtbot.waitExposed(heatmap)
    heatmap.set_grid(grid)
    left = [label for _, label in heatmap._plot.getAxis("left")._tickLevels[0]]
    assert left == ["2016", "2017", "2023-25"]
    assert [name for _, name in heatmap._labels._headers] == ["4 grades", "5 grades"]

    treatment = column_of(grid, "treatment-of-public")
    assert grid.cell(grid.row_of("2016"), treatment).label == "G"
    assert heatmap.tooltip_for(grid.row_of("2017"), treatment).splitlines()[0] == "PEEL 2017"
    image = heatmap.view.grab().toImage()
    expected = {("2016", "treatment-of-public"): GRADE_COLOURS[Grade.GOOD],
                ("2017", "treatment-of-public"): GRADE_COLOURS[Grade.REQUIRES_IMPROVEMENT],
                ("2023-25", "investigating-crime"): GRADE_COLOURS[Grade.INADEQUATE],
                ("2016", "investigating-crime"): MISSING_COLOUR}
    for (cycle, key), colour in expected.items():
        centre = heatmap.cell_center(grid.row_of(cycle), column_of(grid, key))
        # Off the centre, where the letters are not: the fill alone.
        assert QColor(image.pixel(centre.x() - 12, centre.y() - 5)).name() == colour.lower()

    heatmap.select_cell(grid.row_of("2017"), treatment)
    assert heatmap.selected_cell == (grid.row_of("2017"), treatment)


def test_the_table_lists_a_grid_of_cycles(qtbot, kent_by_cycle):
    grid = kent_by_cycle
    table = GradeTableView(Palette())
    qtbot.addWidget(table)
    table.set_grid(grid)
    model = table.model()
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "PEEL 2016", "PEEL 2017", "PEEL 2023-25"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Scale"
    assert model.data(model.index(2, 0)) == "5 grades"
    column = column_of(grid, "ethical-behaviour") + 1
    index = model.index(grid.row_of("2017"), column)
    assert model.data(index) == "Requires improvement"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).name() == (
        GRADE_COLOURS[Grade.REQUIRES_IMPROVEMENT].lower())

    activated = []
    table.cellActivated.connect(lambda row, col: activated.append((row, col)))
    table.sortByColumn(column, Qt.SortOrder.AscendingOrder)  # best first: 2016's Good
    assert model.headerData(0, Qt.Orientation.Vertical) == "PEEL 2016"
    table.activated.emit(model.index(1, column))
    assert activated == [(grid.row_of("2017"), column - 1)]
