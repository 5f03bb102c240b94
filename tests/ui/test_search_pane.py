"""The Search dock as a user drives it: Enter searches without holding up the window, the
newest query wins, and closing the window mid-search ends cleanly."""

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

from peelviewer.core.store import Store
from peelviewer.ui.application import dispose
from peelviewer.ui.main_window import MainWindow
from peelviewer.ui.search import SEARCHING, SearchPane
from tests.ui.conftest import RecordingDialogs

pytestmark = pytest.mark.gui

WAIT = 10  # seconds a held search waits for the test before giving up on its own
# Runs until interrupted: a search the next one, or closing the window, has to stop.
ENDLESS = ("with recursive n(i) as (select 1 union all select i + 1 from n) "
           "select count(*) from n")


class HeldSearches:
    """Stands in for Store.search: the query "hold" waits until released and finds nothing,
    "endless" runs an SQL statement that never ends, "broken" fails; each records the name
    of the thread it ran on."""

    def __init__(self, monkeypatch):
        self.threads: list[str] = []
        self.entered = threading.Event()
        self.released = threading.Event()
        real = Store.search

        def search(store, query, *, limit=50):
            thread = QThread.currentThread()
            on_window_thread = thread == QApplication.instance().thread()
            self.threads.append("window" if on_window_thread else thread.objectName())
            if query == "hold":
                self.entered.set()
                assert self.released.wait(WAIT)
                return []
            elif query == "endless":
                self.entered.set()
                store.db.execute(ENDLESS).fetchall()
            elif query == "broken":
                raise sqlite3.DatabaseError("database disk image is malformed")
            return real(store, query, limit=limit)

        monkeypatch.setattr(Store, "search", search)


@pytest.fixture
def held(monkeypatch):
    return HeldSearches(monkeypatch)


@pytest.fixture
def pane(qtbot, samples_store):
    pane = SearchPane(samples_store)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    pane.stop()


def rows(pane) -> list[str]:
    return [pane.results.topLevelItem(i).text(0) for i in range(pane.results.topLevelItemCount())]


def press_enter(qtbot, pane, text: str) -> None:
    pane.query.setText(text)
    qtbot.keyClick(pane.query, Qt.Key.Key_Return)


def test_enter_shows_searching_then_the_hits(qtbot, pane, held):
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        press_enter(qtbot, pane, "wellbeing")
        assert rows(pane) == [SEARCHING]
    hits = searched.args[0]
    assert hits
    assert {h.force_name for h in hits} == {"Hampshire Constabulary", "Hertfordshire Constabulary"}
    assert rows(pane) == [h.force_name for h in hits]
    assert not pane.searching
    assert held.threads == ["search"]  # the pane's own thread, not the window's


def test_the_window_keeps_working_while_a_search_runs(qtbot, pane, held):
    press_enter(qtbot, pane, "hold")
    qtbot.waitUntil(held.entered.is_set)
    # The search is stuck, yet the window paints and takes typing.
    assert rows(pane) == [SEARCHING]
    pane.results.grab()
    qtbot.keyClicks(pane.query, " more")
    assert pane.query.text() == "hold more"
    with qtbot.waitSignal(pane.searched, timeout=10000):
        held.released.set()
    assert rows(pane) == ["No matches"]


def test_a_newer_search_replaces_one_still_running(qtbot, pane, held, samples_store):
    shown = []
    pane.searched.connect(shown.append)
    press_enter(qtbot, pane, "hold")
    qtbot.waitUntil(held.entered.is_set)
    press_enter(qtbot, pane, "vetting")
    assert rows(pane) == [SEARCHING]
    held.released.set()
    qtbot.waitUntil(lambda: len(held.threads) == 2 and not pane.searching)
    assert held.threads == ["search", "search"]
    [hits] = shown  # the held search's hits (none) were dropped, never listed
    assert hits == samples_store.search("vetting")
    assert rows(pane) == [h.force_name for h in hits]


def test_a_newer_search_stops_one_that_would_never_end(qtbot, pane, held):
    press_enter(qtbot, pane, "endless")
    qtbot.waitUntil(held.entered.is_set)
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        press_enter(qtbot, pane, "vetting")
    assert searched.args[0]
    assert held.threads == ["search", "search"]


def test_a_failed_search_says_why(qtbot, pane, held):
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        press_enter(qtbot, pane, "broken")
    assert searched.args[0] == []
    assert rows(pane) == ["Search failed: the library could not be searched: "
                          "database disk image is malformed"]
    pane.results.grab()  # paints the spanned row


def test_enter_on_an_empty_box_clears_the_list_without_searching(qtbot, pane, held):
    pane.query.setText("vetting")
    assert pane.run()
    press_enter(qtbot, pane, "   ")
    assert rows(pane) == []
    assert held.threads == ["window"]  # only run(), which stays on the caller's thread


def test_closing_the_window_during_a_search_ends_the_search(qtbot, samples_store, settings,
                                                           held):
    window = MainWindow(samples_store, settings=settings, dialogs=RecordingDialogs())
    try:
        window.show()
        window.focus_search()
        press_enter(qtbot, window.search, "endless")
        qtbot.waitUntil(held.entered.is_set)
        search_thread = window.search._search_thread
    finally:
        dispose(window)  # as the app ends: close, then delete the window at once
    assert not search_thread.running


def test_a_hit_found_in_the_window_opens_its_report(qtbot, make_window, fixtures_store):
    window = make_window(fixtures_store)
    window.focus_search()
    with qtbot.waitSignal(window.search.searched, timeout=10000) as searched:
        press_enter(qtbot, window.search, "occupational health")
    assert {h.force_id for h in searched.args[0]} == {"hampshire"}
    item = window.search.results.topLevelItem(0)
    window.search.results.itemActivated.emit(item, 0)
    assert window.detail.report.key == "hampshire/2016/legitimacy"
