"""File > Open library…, New library… and Remove report as a user drives them: the window
switches libraries with every view re-attached, no search thread left running and the lock
following; a library that cannot be used is said and the open one kept; a report is removed
only once the user confirms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from peelviewer.core.importer import import_paths
from peelviewer.core.library_errors import StoreError
from peelviewer.core.store import Store
from peelviewer.ui import search_worker
from peelviewer.ui.single_instance import LibraryLock
from peelviewer.ui.workbench import TABS
from tests.conftest import FIXTURES

pytestmark = pytest.mark.gui


def file_action(window, text: str):
    [action] = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == text]
    return action


@pytest.fixture
def modern_library(tmp_path):
    """A second library: the 2021/22-onwards fixtures only."""
    path = tmp_path / "modern.peeldb"
    with Store.open(path) as store:
        import_paths(store, [FIXTURES / "modern"])
    return path


def search_for(qtbot, window, text: str) -> list:
    window.focus_search()
    window.search.query.setText(text)
    with qtbot.waitSignal(window.search.searched, timeout=10000) as searched:
        qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    return searched.args[0]


def test_open_library_switches_every_view_to_it(qtbot, make_window, samples_store,
                                                modern_library):
    window = make_window(samples_store)
    old_views = (window.force_list, window.heatmap, window.detail, window.search,
                 window.compare_view)
    assert search_for(qtbot, window, "wellbeing")  # the old pane's thread and connection
    old_thread = window.search._search_thread
    window.dialogs.library_to_open = modern_library
    with qtbot.waitSignal(window.libraryAttached):
        file_action(window, "&Open library…").trigger()
    assert window.store.path == modern_library
    assert not old_thread.running
    assert search_worker._running == set()  # no search thread of the old library left
    new_views = (window.force_list, window.heatmap, window.detail, window.search,
                 window.compare_view)
    assert all(new is not old for new, old in zip(new_views, old_views, strict=True))
    assert window.forces_dock.isAncestorOf(window.force_list)
    assert window.search_dock.isAncestorOf(window.search)
    assert window.detail_dock.isAncestorOf(window.detail)
    # Grades, one Compare tab and one of each workbench tab.
    assert tab_titles(window) == ["Grades", "Compare", *TABS]
    assert window.cycle in ("2021/22", "2023-25", "2025-27")
    assert "hampshire" not in {r.key for r in window.grid.rows}
    hits = search_for(qtbot, window, "promotion processes")
    assert {h.force_id for h in hits} == {"gwent"}  # searched in the new library
    assert search_for(qtbot, window, "Hampshire") == []
    assert window.statusBar().currentMessage() == f"Opened the library {modern_library}"
    assert window.dialogs.shown == []
    window.grab()  # every view paints
    window.search.stop()
    assert search_worker._running == set()
    for store in window.library_menu.opened:
        store.close()


def test_switching_back_and_forth_leaves_one_set_of_views(qtbot, make_window, samples_store,
                                                         modern_library):
    window = make_window(samples_store)
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016", "legitimacy"))
    assert window.tabs.currentWidget() is window.compare_view
    for path in (modern_library, samples_store.path, modern_library):
        window.dialogs.library_to_open = path
        with qtbot.waitSignal(window.libraryAttached):
            window.library_menu.choose_library()
        assert window.store.path == path
    qtbot.waitUntil(lambda: len(window.findChildren(type(window.search))) == 1)
    assert tab_titles(window) == ["Grades", "Compare", *TABS]
    window.open_cell(0, 0)
    assert window.detail.report is not None
    for store in window.library_menu.opened:
        store.close()


def test_the_lock_follows_the_library_in_use(qtbot, make_window, samples_store,
                                             modern_library):
    first = LibraryLock(samples_store.path)
    assert first.acquire()
    window = make_window(samples_store)
    window.library_menu.hold(first)
    window.dialogs.library_to_open = modern_library
    window.library_menu.choose_library()
    assert window.store.path == modern_library
    assert LibraryLock(samples_store.path).acquire()  # let go of: another window may open it
    assert not LibraryLock(modern_library).acquire()  # held by this window
    window.library_menu.release()
    assert LibraryLock(modern_library).acquire()
    for store in window.library_menu.opened:
        store.close()


def test_a_library_open_in_another_window_is_refused(qtbot, make_window, samples_store,
                                                    modern_library):
    elsewhere = LibraryLock(modern_library)
    assert elsewhere.acquire()
    window = make_window(samples_store)
    window.dialogs.library_to_open = modern_library
    window.library_menu.choose_library()
    assert window.store is samples_store
    [(title, text)] = window.dialogs.shown
    assert title == "The library is in use"
    assert "Another PEEL Viewer window has" in text
    elsewhere.release()


@pytest.mark.parametrize(("content", "title"), [
    (b"this is not sqlite" * 100, "This is not a PEEL Viewer library"),
])
def test_a_file_that_is_no_library_is_said_and_the_open_library_kept(qtbot, make_window,
                                                                     samples_store, tmp_path,
                                                                     content, title):
    bad = tmp_path / "notes.peeldb"
    bad.write_bytes(content)
    window = make_window(samples_store)
    window.dialogs.library_to_open = bad
    window.library_menu.choose_library()
    assert window.store is samples_store
    assert window.dialogs.shown[0][0] == title
    assert bad.read_bytes() == content
    assert LibraryLock(bad).acquire()  # no lock kept on a library never opened
    window.open_cell(0, 0)  # the views still work
    assert window.detail.report is not None


def test_choosing_the_library_already_open_changes_nothing(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    search = window.search
    window.dialogs.library_to_open = samples_store.path
    window.library_menu.choose_library()
    assert window.search is search
    assert "is the library open already" in window.statusBar().currentMessage()


def test_cancelling_the_dialog_changes_nothing(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    search = window.search
    window.library_menu.choose_library()
    window.library_menu.create_library()
    assert window.store is samples_store
    assert window.search is search


def test_new_library_starts_an_empty_one_and_switches_to_it(qtbot, make_window, samples_store,
                                                            tmp_path):
    window = make_window(samples_store)
    window.dialogs.library_to_open = tmp_path / "fresh"  # the .peeldb is added
    with qtbot.waitSignal(window.libraryAttached):
        file_action(window, "&New library…").trigger()
    fresh = tmp_path / "fresh.peeldb"
    assert fresh.exists()
    assert window.store.path == fresh
    assert window.store.counts()["reports"] == 0  # no samples: the user fills it
    assert window.centre.currentWidget() is window.empty_hint
    assert file_action(window, "&Import files…").isEnabled()
    assert window.statusBar().currentMessage().startswith("Started a new library, fresh.peeldb")
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.start_import([FIXTURES / "welsh-banner.txt"])
    assert window.store.counts()["reports"] == 1
    for store in window.library_menu.opened:
        store.close()


def test_new_library_refuses_a_file_that_exists(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.dialogs.library_to_open = samples_store.path
    window.library_menu.create_library()
    assert window.store is samples_store
    [(title, text)] = window.dialogs.shown
    assert title == "The library already exists"
    assert text.endswith("Choose another name, or open it with File > Open library.")
    assert samples_store.counts()["reports"] == 2


def test_no_switch_while_an_import_runs(qtbot, make_window, samples_store, modern_library):
    window = make_window(samples_store)
    window.start_import([FIXTURES / "welsh-banner.txt"])
    window.dialogs.library_to_open = modern_library
    window.library_menu.choose_library()
    assert window.store is samples_store
    assert window.dialogs.shown[-1][0] == "Still working on this library"
    qtbot.waitUntil(lambda: window.import_job is None, timeout=60000)


# Remove report


def test_remove_report_asks_naming_it_then_removes_it_everywhere(qtbot, make_window,
                                                                 samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    assert search_for(qtbot, window, "occupational health")
    window.open_cell(0, 0)
    assert window.detail.report.force_id == "hampshire"
    file_action(window, "&Remove report…").trigger()
    [(title, text)] = window.dialogs.confirmations
    assert title == "Remove report"
    assert text.startswith("Remove Hampshire Constabulary, PEEL 2016 Legitimacy from the "
                           "library?")
    assert samples_store.report("hampshire", "2016", "legitimacy") is None
    assert [r.key for r in window.grid.rows] == ["hertfordshire"]
    assert window.detail.report is None
    assert "was removed" in window.detail.force_title.text()
    assert window.statusBar().currentMessage() == (
        "Removed Hampshire Constabulary, PEEL 2016 Legitimacy")
    qtbot.waitUntil(lambda: not window.search.searching)  # the list searched again
    assert window.search.model.rowCount() == 0
    assert window.search.status.text() == "No matches"


def test_cancelling_the_confirmation_keeps_the_report(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.open_cell(1, 0)
    window.dialogs.confirm_answer = False
    window.library_menu.remove_report()
    assert window.dialogs.confirmations[0][1].startswith(
        "Remove Hertfordshire Constabulary, PEEL 2016 Legitimacy")
    assert samples_store.report("hertfordshire", "2016", "legitimacy") is not None
    assert window.detail.report.force_id == "hertfordshire"


def test_the_question_panes_context_menu_offers_remove_report(qtbot, make_window,
                                                             samples_store):
    window = make_window(samples_store)
    assert window.detail.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert window.library_menu.remove_action in window.detail.actions()


def test_remove_report_with_nothing_open_says_what_to_do(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.detail.clear("nothing")
    window.library_menu.remove_report()
    assert window.dialogs.confirmations == []
    assert "Open a report in the Question pane first" in window.statusBar().currentMessage()


def test_a_damaged_library_offers_no_remove(qtbot, make_window, samples_store):
    window = make_window(samples_store)
    window.library_failed(StoreError("samples.peeldb is damaged", StoreError.DAMAGED))
    assert not file_action(window, "&Remove report…").isEnabled()


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]
