"""The Search dock as a user drives it: Enter searches without holding up the window, the
newest query wins, closing the window mid-search ends cleanly, the count and the filters, every
hit reachable by scrolling, one click opens a hit with its words highlighted."""

import sqlite3
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThread
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from peelviewer.core.model import FINDING_KINDS
from peelviewer.core.search import NO_FILTERS, SearchFilters, SearchHit
from peelviewer.core.store import Store
from peelviewer.ui.application import dispose
from peelviewer.ui.highlight import HIGHLIGHT_COLOUR
from peelviewer.ui.main_window import MainWindow
from peelviewer.ui.search import HIT, SEARCHING, SearchPane, count_text
from peelviewer.ui.search_worker import PAGE
from tests.bench.search_bench import build_library
from tests.ui.conftest import RecordingDialogs, add_reports, formatted_runs, with_narrative

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

        def search(store, query, *, filters=NO_FILTERS, limit=50, offset=0):
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
            return real(store, query, filters=filters, limit=limit, offset=offset)

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
    """The force of each hit listed."""
    return [pane.model.index(row, 0).data() for row in range(pane.model.rowCount())]


def click_row(qtbot, pane, row: int, column: int = 0) -> None:
    """One click on a listed hit, as the user makes it."""
    view = pane.results
    index = pane.model.index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())


def press_enter(qtbot, pane, text: str) -> None:
    pane.query.setText(text)
    qtbot.keyClick(pane.query, Qt.Key.Key_Return)


def test_enter_shows_searching_then_the_hits(qtbot, pane, held):
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        press_enter(qtbot, pane, "wellbeing")
        assert pane.status.text() == SEARCHING
        assert rows(pane) == []
    hits = searched.args[0]
    assert hits
    assert {h.force_name for h in hits} == {"Hampshire Constabulary", "Hertfordshire Constabulary"}
    assert rows(pane) == [h.force_name for h in hits]
    assert pane.status.text() == f"{len(hits)} hits"
    assert not pane.searching
    assert held.threads == ["search"]  # the pane's own thread, not the window's


def test_the_window_keeps_working_while_a_search_runs(qtbot, pane, held):
    press_enter(qtbot, pane, "hold")
    qtbot.waitUntil(held.entered.is_set)
    # The search is stuck, yet the window paints and takes typing.
    assert pane.status.text() == SEARCHING
    pane.results.grab()
    qtbot.keyClicks(pane.query, " more")
    assert pane.query.text() == "hold more"
    with qtbot.waitSignal(pane.searched, timeout=10000):
        held.released.set()
    assert rows(pane) == []
    assert pane.status.text() == "No matches"


def test_a_newer_search_replaces_one_still_running(qtbot, pane, held, samples_store):
    shown = []
    pane.searched.connect(shown.append)
    press_enter(qtbot, pane, "hold")
    qtbot.waitUntil(held.entered.is_set)
    press_enter(qtbot, pane, "vetting")
    assert pane.status.text() == SEARCHING
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
    assert rows(pane) == []
    assert pane.status.text() == ("Search failed: the library could not be searched: "
                                  "database disk image is malformed")
    pane.results.grab()  # paints the spanned row


def test_enter_on_an_empty_box_clears_the_list_without_searching(qtbot, pane, held):
    pane.query.setText("vetting")
    assert pane.run()
    press_enter(qtbot, pane, "   ")
    assert rows(pane) == []
    assert pane.status.text() == ""
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
    click_row(qtbot, window.search, 0)
    assert window.detail.report.key == "hampshire/2016/legitimacy"


# The count, every hit, the filters


@pytest.fixture
def big_pane(qtbot, tmp_path):
    """A pane on a library where a common word has several pages of hits."""
    library = tmp_path / "big.peeldb"
    build_library(library, 130)
    store = Store.open(library)
    pane = SearchPane(store)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane, store
    pane.stop()
    store.close()


def test_the_count_says_how_many_and_scrolling_reaches_every_hit(qtbot, big_pane):
    pane, store = big_pane
    with qtbot.waitSignal(pane.searched, timeout=10000):
        press_enter(qtbot, pane, "improve")
    total = store.search_count("improve")
    assert total > 3 * PAGE
    assert pane.status.text() == f"{total:,} hits"
    assert pane.model.rowCount() == PAGE  # snippets made for the first page only
    while pane.model.rowCount() < total:
        loaded = pane.model.rowCount()
        pane.results.scrollToBottom()
        qtbot.waitUntil(lambda loaded=loaded: pane.model.rowCount() > loaded, timeout=10000)
    listed = [pane.model.index(row, 0).data(HIT) for row in range(total)]
    assert listed == store.search("improve", limit=total)
    assert not pane.model.canFetchMore(QModelIndex())
    pane.results.grab()  # paints the hits (place and snippet): an exception fails the test
    with qtbot.waitSignal(pane.hitChosen) as chosen:
        click_row(qtbot, pane, total - 1)  # the last hit opens like the first
    assert chosen.args == [listed[-1], "improve"]


def choose(qtbot, box, text: str) -> None:
    """Pick a filter with the keyboard, as a user does: Home, then Down to it."""
    target = box.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert target >= 0, text
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentIndex() < target:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentIndex() == target


def test_filters_narrow_the_hits_and_the_count_and_rerun_the_search(qtbot, make_window,
                                                                     fixtures_store):
    window = make_window(fixtures_store)
    window.focus_search()
    pane = window.search
    with qtbot.waitSignal(pane.searched, timeout=10000):
        press_enter(qtbot, pane, "force")
    everything = fixtures_store.search_count("force")
    assert pane.status.text() == f"{everything} hits"
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        choose(qtbot, pane.kind_box, "Areas for")
    assert {h.field for h in searched.args[0]} == {"area_for_improvement"}
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        choose(qtbot, pane.cycle_box, "2016")
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        choose(qtbot, pane.where_box, "Legitimacy")
    filters = SearchFilters(cycle="2016", section="legitimacy", kind="area_for_improvement")
    assert pane.filters == filters
    expected = fixtures_store.search("force", filters=filters, limit=10_000)
    assert 0 < len(expected) < everything
    assert searched.args[0] == expected
    assert pane.status.text() == count_text(len(expected))
    with qtbot.waitSignal(pane.searched, timeout=10000) as searched:
        choose(qtbot, pane.where_box, "Developing a positive")
    assert pane.filters.area == "positive-workplace"
    assert searched.args[0] == fixtures_store.search(
        "force", filters=SearchFilters(cycle="2016", area="positive-workplace",
                                       kind="area_for_improvement"), limit=10_000)


def test_the_filters_offer_the_librarys_cycles_pillars_and_areas(qtbot, pane):
    def texts(box):
        return [box.itemText(i) for i in range(box.count()) if box.itemText(i)]

    assert texts(pane.cycle_box) == ["All cycles", "2016"]
    assert texts(pane.where_box) == ["All pillars and areas", "Legitimacy",
                                     "Developing a positive workplace",
                                     "Ethical and lawful behaviour", "Treatment of the public"]
    assert texts(pane.kind_box) == ["All kinds", "Summaries", "Questions and narratives",
                                    "All findings", "Areas for improvement", "Causes of concern",
                                    "Recommendations", "Innovative and promising practice"]


# One click opens a hit, its words highlighted


def highlighted(box) -> list[str]:
    """The runs of text shown with the search highlight in a text box."""
    colour = QColor(HIGHLIGHT_COLOUR)
    return formatted_runs(box, lambda text_format: text_format.background().color() == colour)


def search_and_click(qtbot, window, query: str, row: int = 0) -> SearchHit:
    window.focus_search()
    with qtbot.waitSignal(window.search.searched, timeout=10000):
        press_enter(qtbot, window.search, query)
    click_row(qtbot, window.search, row)
    return window.search.model.hit(row)


def test_one_click_opens_a_hit_with_the_matched_words_highlighted(qtbot, make_window,
                                                                  samples_store):
    window = make_window(samples_store)
    hit = search_and_click(qtbot, window, "grievances")
    assert hit.field == "question"
    detail = window.detail
    assert (detail.report.force_id, detail.question.number) == (hit.force_id,
                                                                hit.question_number)
    assert detail.tabs.currentWidget() is detail.narrative
    words = highlighted(detail.narrative)
    assert words
    assert {w.lower() for w in words} <= {"grievance", "grievances"}
    assert detail.narrative.toPlainText() == detail.question.narrative  # text unchanged
    # Opening something else clears the highlight.
    detail.step(1 if detail.question.number == 1 else -1)
    assert highlighted(detail.narrative) == []
    window.open_cell(0, 0)
    assert highlighted(detail.narrative) == []


def test_a_summary_hit_highlights_the_summary_until_another_question_opens(qtbot, make_window,
                                                                           samples_store):
    window = make_window(samples_store)
    window.search.set_filters(SearchFilters(kind="summary"))
    search_and_click(qtbot, window, "wellbeing")
    detail = window.detail
    assert detail.tabs.currentWidget() is detail.summary
    assert {w.lower() for w in highlighted(detail.summary)} == {"wellbeing"}
    detail.questions.activated.emit(1)  # the user picks another question
    assert highlighted(detail.summary) == []
    assert detail.summary.toPlainText() == detail.report.summary


def test_a_finding_hit_marks_the_finding_it_was_found_in(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.search.set_filters(SearchFilters(kind="finding"))
    hit = search_and_click(qtbot, window, "vetting")
    assert hit.field in FINDING_KINDS
    detail = window.detail
    assert detail.tabs.currentIndex() == 1
    items = detail.finding_lists[hit.field]
    marked = [items.item(i).text() for i in range(items.count())
              if items.item(i).background().color() == QColor(HIGHLIGHT_COLOUR)]
    assert marked
    assert all("vetting" in text.lower() for text in marked)


def test_highlighted_report_text_stays_text(qtbot, make_window, tmp_path, hertfordshire_report):
    store = Store.open(tmp_path / "markup.peeldb")
    narrative = "The panel wrote <b>urgent</b> & <img src=x onerror=alert(1)>\n\nurgent again."
    add_reports(store, [with_narrative(hertfordshire_report, 1, narrative)])
    window = make_window(store)
    search_and_click(qtbot, window, "urgent")
    assert window.detail.narrative.toPlainText() == narrative
    assert highlighted(window.detail.narrative) == ["urgent", "urgent"]
    store.close()


def test_a_long_narrative_is_highlighted_piece_by_piece(qtbot, make_window, tmp_path,
                                                        hertfordshire_report):
    store = Store.open(tmp_path / "long.peeldb")
    paragraph = "Leaders review demand every week. " * 40 + "The force tracks grievances.\n"
    narrative = paragraph * 200  # far more than one piece
    add_reports(store, [with_narrative(hertfordshire_report, 1, narrative)])
    window = make_window(store)
    search_and_click(qtbot, window, "grievances")
    detail = window.detail
    with qtbot.waitSignal(detail.narrative_text.rendered, timeout=10000):
        pass
    assert detail.narrative.toPlainText() == narrative
    assert highlighted(detail.narrative) == ["grievances"] * 200
    store.close()
