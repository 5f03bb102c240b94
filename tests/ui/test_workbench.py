"""The workbench in the window: the Timeline, Findings and National tabs follow what the
user chooses, open questions in the Question pane, and keep up with imports; template text
is indexed on a thread and marked."""

from PySide6.QtWidgets import QApplication

from peelviewer.core.store import Store
from peelviewer.core.template_text import pending
from peelviewer.ui.workbench import FINDINGS, NATIONAL, TABS, TIMELINE
from tests.ui.test_compare import select_forces
from tests.workbench_data import pillar_report


def test_the_tabs_are_there_and_each_view_is_built_when_first_shown(make_window,
                                                                    workbench_store):
    window = make_window(workbench_store)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Grades", "Compare", *TABS]
    assert window.workbench.timeline is None  # nothing built until it is wanted
    window.show_tab(TIMELINE)
    assert window.workbench.timeline is not None
    assert window.workbench.tracker is None
    assert window.workbench.national is None


def test_the_timeline_follows_the_chosen_force_and_opens_a_question(make_window,
                                                                    workbench_store):
    window = make_window(workbench_store)
    window.show_tab(TIMELINE)
    timeline = window.workbench.timeline
    assert timeline.timeline is None  # no force chosen yet: a hint instead
    select_forces(window, ["kent"])
    assert timeline.timeline.force_id == "kent"
    assert timeline.timeline.cycles == ("2016", "2017", "2023-25")
    timeline.cellChosen.emit("kent", "2017", "legitimacy", 2)
    assert window.cycle == "2017"
    assert window.pillar == "legitimacy"
    assert window.detail.report.force_id == "kent"
    assert window.detail.question.number == 2
    assert window.tabs.currentWidget() is window.workbench.slots[TIMELINE]  # still in view
    select_forces(window, ["kent", "essex"])  # two forces: not one to follow
    assert timeline.timeline is None


def test_the_tracker_follows_the_force_and_opens_a_finding_s_question(make_window,
                                                                       workbench_store):
    window = make_window(workbench_store)
    select_forces(window, ["essex"])
    window.show_tab(FINDINGS)
    tracker = window.workbench.tracker
    assert {row.force_id for row in tracker.rows} == {"essex"}
    tracker.findingChosen.emit("essex", "2023-25", "force", 3)
    assert window.cycle == "2023-25"
    assert window.detail.question.number == 3


def test_the_national_picture_follows_the_toolbar_and_the_force(make_window,
                                                                 workbench_store):
    window = make_window(workbench_store)
    window.reload(cycle="2016", pillar="legitimacy")
    select_forces(window, ["surrey"])
    window.show_tab(NATIONAL)
    national = window.workbench.national
    assert (national.picture.cycle, national.picture.section) == ("2016", "legitimacy")
    window.reload(cycle="2023-25", pillar="force")
    assert (national.picture.cycle, national.picture.section) == ("2023-25", "force")
    national.forceChosen.emit("sussex", "2023-25", "force", 1)
    assert window.detail.report.force_id == "sussex"


def test_an_import_reaches_the_built_views(make_window, workbench_store, qtbot):
    window = make_window(workbench_store)
    select_forces(window, ["kent"])
    window.show_tab(TIMELINE)
    timeline = window.workbench.timeline
    assert "2015" not in timeline.timeline.cycles
    report = pillar_report("kent", "2015", "effectiveness", [])
    workbench_store.add_report(report, sha256="2015", file_name="kent-2015.txt",
                               kind="text", size=1)
    window.importFinished.emit(None)
    assert "2015" in timeline.timeline.cycles


def test_a_hidden_tab_catches_up_with_the_force_and_the_library_when_shown(
        make_window, workbench_store):
    window = make_window(workbench_store)
    select_forces(window, ["kent"])
    window.show_tab(TIMELINE)
    window.show_tab("Grades")
    select_forces(window, ["essex"])
    report = pillar_report("essex", "2015", "effectiveness", [])
    workbench_store.add_report(report, sha256="2015", file_name="essex-2015.txt",
                               kind="text", size=1)
    window.importFinished.emit(None)
    window.show_tab(TIMELINE)
    shown = window.workbench.timeline.timeline
    assert shown.force_id == "essex"
    assert "2015" in shown.cycles


def test_under_all_pillars_the_national_picture_has_every_pillar(make_window,
                                                                 workbench_store):
    from peelviewer.core.grid import ALL_PILLARS

    report = pillar_report("kent", "2016", "effectiveness", [])
    workbench_store.add_report(report, sha256="e", file_name="e.txt", kind="text", size=1)
    window = make_window(workbench_store)
    window.reload(cycle="2016", pillar=ALL_PILLARS)
    assert window.pillar == ALL_PILLARS
    window.show_tab(NATIONAL)
    assert window.workbench.national.picture.section == ALL_PILLARS


def test_ctrl_and_a_number_go_to_a_tab(make_window, workbench_store, qtbot):
    window = make_window(workbench_store)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    actions = {a.text(): a for a in view.actions()}
    assert actions["Go to National"].shortcut().toString() == "Ctrl+5"
    actions["Go to National"].trigger()
    assert window.tabs.currentWidget() is window.workbench.slots[NATIONAL]
    actions["Go to Grades"].trigger()
    assert window.tabs.currentIndex() == 0


def test_reports_are_indexed_for_template_text_once_the_window_is_open(make_window, tmp_path,
                                                                         qtbot):
    store = Store.open(tmp_path / "unindexed.peeldb")
    for report in (pillar_report(force, "2016", "legitimacy", [])
                   for force in ("kent", "essex", "surrey")):
        store.add_report(report, sha256=report.key, file_name="x.txt", kind="text", size=1)
    assert pending(store.db.conn) == 3
    try:
        window = make_window(store, show=False)  # indexing starts once events run
        with qtbot.waitSignal(window.templatesIndexed, timeout=10000) as indexed:
            window.show()
        assert indexed.args == [3]
        assert pending(store.db.conn) == 0
    finally:
        store.close()


def test_a_damaged_library_is_not_indexed(make_window, workbench_store, monkeypatch):
    from peelviewer.ui import workers

    started = []
    monkeypatch.setattr(workers, "IndexJob", lambda *args: started.append(args))
    workbench_store.damage = "database disk image is malformed"
    make_window(workbench_store)
    QApplication.processEvents()  # the moment at which indexing would start
    assert started == []


def test_dimming_template_text_is_a_setting_that_lasts(make_window, workbench_store,
                                                       settings):
    window = make_window(workbench_store)
    assert window.dim_template_action.isChecked()
    window.dim_template_action.setChecked(False)
    assert settings.value("view/dim_template", type=bool) is False
    window.close()
    again = make_window(workbench_store)
    assert not again.dim_template_action.isChecked()


def test_a_window_switched_to_another_library_has_the_tabs_of_the_new_one(
        make_window, workbench_store, tmp_path):
    window = make_window(workbench_store)
    window.show_tab(TIMELINE)
    other = Store.open(tmp_path / "other.peeldb")
    try:
        window.switch_library(other)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == ["Grades", "Compare", *TABS]
        assert window.workbench.timeline is None
    finally:
        window.close()
        other.close()


def test_a_status_set_in_the_tracker_outlives_removing_and_importing_the_report_again(
        make_window, samples_store, hampshire, qtbot):
    from peelviewer.core.tracker import set_fields

    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    select_forces(window, ["hampshire"])
    window.show_tab(FINDINGS)
    tracker = window.workbench.tracker
    finding = tracker.rows[0]
    set_fields(samples_store, finding, status="in progress", owner="Chief of staff")
    # The report goes (Remove report on the Question pane)…
    window.detail.show_question("hampshire", "2016", "legitimacy")
    window.library_menu.remove_action.trigger()
    assert tracker.rows == []
    assert [orphan.key for orphan in tracker.orphans] == [finding.key]
    assert "1 tracked finding" in tracker.orphan_note.text()
    # …and comes back when the page is dropped on the window again.
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.start_import([hampshire])
    again = next(row for row in tracker.rows if row.key == finding.key)
    assert (again.status, again.owner) == ("in progress", "Chief of staff")
    assert tracker.orphans == []


def test_a_force_with_no_report_in_one_cycle_is_shown_when_the_cycle_changes(
        make_window, workbench_store):
    report = pillar_report("essex", "2015", "effectiveness", [])
    workbench_store.add_report(report, sha256="e", file_name="e.txt", kind="text", size=1)
    window = make_window(workbench_store)
    window.reload(cycle="2015")
    select_forces(window, ["kent"])
    assert window.detail.report is None  # Kent has no 2015 report: the pane says so
    window.cycle_box.setCurrentIndex(window.cycle_box.findData("2016"))
    assert window.detail.report.force_id == "kent"
    assert window.detail.report.cycle == "2016"


def test_an_import_the_library_stopped_starts_no_indexing(make_window, workbench_store,
                                                          monkeypatch, qtbot):
    from peelviewer.core.importer import ImportSummary
    from peelviewer.core.library_errors import StoreError
    from peelviewer.ui import workers

    window = make_window(workbench_store, show=False)
    with qtbot.waitSignal(window.templatesIndexed, timeout=10000):
        window.show()  # the indexing at start, with nothing left to index
    started = []

    class Recorded:
        def __init__(self, *args):
            started.append(args)
            self.done = self.failed = self

        def connect(self, slot):
            pass

        def start(self):
            pass

    monkeypatch.setattr(workers, "IndexJob", Recorded)
    window.indexing.start(ImportSummary(stopped=StoreError("disk full", StoreError.DISK_FULL)))
    assert started == []
    window.indexing.start(ImportSummary())
    assert len(started) == 1
    window.indexing.job = None  # the stand-in has nothing to stop
