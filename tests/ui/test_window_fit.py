"""The window on a laptop's screen: sized from the screen on first run, a saved size from a
bigger monitor fitted back, nothing off screen or clipped at 1366x768, and files handed over
leaving a maximised window maximised."""

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QComboBox, QTabBar, QToolBar, QToolButton, QWidget

from peelviewer.core.forces import FORCES
from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from peelviewer.ui.application import _bring_files
from peelviewer.ui.main_window import MainWindow
from peelviewer.ui.window_layout import first_run_geometry, fitted_geometry
from tests.ui.conftest import RecordingDialogs, add_reports, graded_report

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40 px task bar
DESKTOP = QRect(0, 0, 1600, 960)  # 1600x1000 less a task bar
TITLE_BAR, BORDER = 32, 8  # what the sizing leaves for the window manager's frame


def with_frame(geometry: QRect) -> QRect:
    return geometry.adjusted(-BORDER, -TITLE_BAR, BORDER, BORDER)


@pytest.mark.parametrize("available", [LAPTOP, DESKTOP, QRect(0, 0, 1920, 1040),
                                       QRect(0, 0, 1024, 600), QRect(1920, 0, 2560, 1400)])
def test_the_first_window_fits_the_screen_it_opens_on(available):
    geometry = first_run_geometry(available)
    assert available.contains(with_frame(geometry))
    assert geometry.width() >= min(available.width() * 0.9, 1600) - 2 * BORDER
    assert geometry.height() >= min(available.height() * 0.9, 1000) - TITLE_BAR - BORDER
    assert geometry.width() <= 1600
    assert geometry.height() <= 1000
    centre = with_frame(geometry).center()
    assert abs(centre.x() - available.center().x()) <= 1
    assert abs(centre.y() - available.center().y()) <= 1


@pytest.mark.parametrize("saved", [QRect(100, 80, 2400, 1300), QRect(2000, 900, 900, 600),
                                   QRect(-500, -300, 800, 600), QRect(200, 150, 900, 500)])
def test_a_saved_geometry_is_fitted_back_onto_a_smaller_screen(saved):
    fitted = fitted_geometry(saved, LAPTOP)
    assert LAPTOP.contains(with_frame(fitted))
    if LAPTOP.contains(with_frame(saved)):
        assert fitted == saved  # one that fits is left alone


@pytest.fixture
def screen_of(monkeypatch):
    """Pretend every screen has the given free area."""
    def pretend(available: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(available))
    return pretend


@pytest.fixture
def all_forces_store(tmp_path):
    store = Store.open(tmp_path / "forces.peeldb")
    grades = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE, None]
    add_reports(store, [
        graded_report(force.id, "2017", "effectiveness",
                      [grades[(index + number) % len(grades)] for number in range(5)])
        for index, force in enumerate(FORCES)])
    yield store
    store.close()


def open_first_time(qtbot, store, settings) -> MainWindow:
    window = MainWindow(store, settings=settings, dialogs=RecordingDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.reload(cycle="2017", pillar="effectiveness")
    window.open_cell(3, 1)
    return window


def behind_tabs(window: MainWindow) -> list[QWidget]:
    """Docks tabbed behind another: Qt keeps them "visible", parked outside the window."""
    current = {bar.tabText(bar.currentIndex()) for bar in window.findChildren(QTabBar)
               if bar.parent() is window}
    return [dock for dock in (window.forces_dock, window.search_dock, window.detail_dock)
            if window.tabifiedDockWidgets(dock) and dock.windowTitle() not in current]


def outside(window: MainWindow) -> list[str]:
    """The visible widgets that reach past the window's edges."""
    found = []
    parked = behind_tabs(window)
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow():
            continue
        if any(dock is child or dock.isAncestorOf(child) for dock in parked):
            continue
        rect = QRect(child.mapTo(window, child.rect().topLeft()), child.size())
        if not window.rect().contains(rect):
            found.append(f"{type(child).__name__} {child.accessibleName()!r} at {rect}")
    return found


@pytest.mark.parametrize("available", [LAPTOP, DESKTOP])
def test_nothing_is_off_screen_or_clipped(qtbot, settings, all_forces_store, screen_of,
                                          available):
    screen_of(available)
    window = open_first_time(qtbot, all_forces_store, settings)
    assert available.contains(with_frame(window.geometry()))
    QApplication.processEvents()  # the status bar lays out its size grip when asked
    assert outside(window) == []
    # What went missing at 1366x768: the key, the dock tabs, the status bar.
    key = next(w for w in window.heatmap.findChildren(QWidget) if w.accessibleName() == "Key")
    assert key.isVisible()
    assert key.visibleRegion().boundingRect().size() == key.size()
    tab_bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()
                and bar.parent() is window]
    assert [bar.tabText(i) for bar in tab_bars for i in range(bar.count())] == [
        "Forces", "Search"]
    window.statusBar().showMessage("Ready")
    assert window.statusBar().isVisible()
    assert window.statusBar().height() > 0
    # Every toolbar control is on the bar, none in an overflow menu, none cut short.
    bar = window.findChild(QToolBar, "GradesToolbar")
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if widget is not None and not action.isSeparator():
            assert widget.isVisible(), action.text()
    for combo in bar.findChildren(QComboBox):
        assert combo.width() >= combo.sizeHint().width(), combo.accessibleName()
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                      for i in range(combo.count()))
        assert combo.width() >= longest + 20, combo.accessibleName()
    for button in window.detail.findChildren(QToolButton):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
    # The heatmap keeps readable rows and scrolls rather than squeezing the 43 forces.
    assert window.heatmap.row_height >= 18


def test_a_window_saved_on_a_big_monitor_opens_inside_the_laptop_screen(
        qtbot, tmp_path, all_forces_store, screen_of):
    settings = QSettings(str(tmp_path / "moved.ini"), QSettings.Format.IniFormat)
    screen_of(QRect(0, 0, 2560, 1400))
    big = MainWindow(all_forces_store, settings=settings, dialogs=RecordingDialogs())
    qtbot.addWidget(big)
    big.setGeometry(300, 200, 2200, 1150)
    big.close()  # saves the geometry
    screen_of(LAPTOP)
    window = MainWindow(all_forces_store, settings=settings, dialogs=RecordingDialogs())
    qtbot.addWidget(window)
    assert LAPTOP.contains(with_frame(window.geometry()))


def test_handing_files_over_keeps_a_maximised_window_maximised(qtbot, make_window,
                                                              samples_store):
    window = make_window(samples_store)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    _bring_files(window, [])
    assert window.isMaximized()


def test_handing_files_over_restores_a_minimised_window(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.showMinimized()
    assert window.isMinimized()
    _bring_files(window, [])
    assert not window.isMinimized()
    assert window.isVisible()


@pytest.mark.parametrize("tab", ["Timeline", "Findings", "National"])
def test_the_workbench_tabs_fit_the_laptop_screen_too(qtbot, settings, all_forces_store,
                                                      screen_of, tab):
    screen_of(LAPTOP)
    window = open_first_time(qtbot, all_forces_store, settings)
    forces = window.force_list
    # The longest force name in the scope box of the Findings tab.
    forces.tree.setCurrentIndex(forces.proxy.mapFromSource(
        forces._items["hampshire"].index()))
    window.show_tab(tab)
    QApplication.processEvents()
    assert LAPTOP.contains(with_frame(window.geometry()))
    assert outside(window) == []
