"""The accessible table: sorted by a column when its heading is clicked."""

from PySide6.QtCore import QPoint, Qt

from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from tests.ui.conftest import add_reports, graded_report

G, RI, OUT, INA = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.OUTSTANDING, Grade.INADEQUATE


def click_heading(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def forces_in_order(table) -> list[str]:
    model = table.model()
    return [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]


def test_clicking_a_heading_sorts_by_that_column_and_activation_still_opens_the_cell(
        make_window, tmp_path, qtbot):
    store = Store.open(tmp_path / "table.peeldb")
    add_reports(store, [
        graded_report("surrey", "2017", "efficiency", [RI, OUT]),
        graded_report("kent", "2017", "efficiency", [OUT, INA]),
        graded_report("cumbria", "2017", "efficiency", [INA, G]),
        graded_report("gwent", "2017", "efficiency", [None, G]),
    ])
    window = make_window(store)
    window.reload(cycle="2017", pillar="efficiency")
    window.table_action.trigger()
    table = window.table
    assert forces_in_order(table) == ["Cumbria Constabulary", "Gwent Police",
                                      "Kent Police", "Surrey Police"]  # the grid's order
    click_heading(qtbot, table, 1)  # Q1: best first, not graded last
    assert forces_in_order(table) == ["Kent Police", "Surrey Police", "Cumbria Constabulary",
                                      "Gwent Police"]
    click_heading(qtbot, table, 1)
    assert forces_in_order(table)[0] == "Gwent Police"
    click_heading(qtbot, table, 0)  # Region, in the usual order: South East, North West, Wales
    assert forces_in_order(table) == ["Kent Police", "Surrey Police", "Cumbria Constabulary",
                                      "Gwent Police"]
    click_heading(qtbot, table, 2)  # Q2
    model = table.model()
    assert forces_in_order(table)[0] == "Surrey Police"
    assert model.data(model.index(0, 2)) == "Outstanding"
    table.activated.emit(model.index(0, 2))
    assert window.detail.report.force_id == "surrey"
    assert window.detail.question.number == 2
    store.close()
