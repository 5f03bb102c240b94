"""The analyst's workbench in the window's tabs: Timeline (one force across cycles), Findings
(the tracker) and National (a cycle's grades across forces). Each view is built the first
time its tab is shown, so the window's start pays nothing for them; after that each follows
the force chosen in the Forces list and the cycle and pillar of the toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget

from peelviewer.core.grid import ALL_PILLARS
from peelviewer.ui.library_guard import guarded

if TYPE_CHECKING:
    from peelviewer.ui.main_window import MainWindow

TIMELINE, FINDINGS, NATIONAL = "Timeline", "Findings", "National"
TABS = (TIMELINE, FINDINGS, NATIONAL)
TIPS = {
    TIMELINE: "The chosen force across every PEEL cycle in the library",
    FINDINGS: "Areas for improvement, causes of concern and recommendations, tracked to "
              "closure",
    NATIONAL: "How many forces had each grade in the chosen cycle, and where the chosen "
              "force stands",
}


class _Slot(QStackedWidget):
    """A tab's place: a note until the view is built into it."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.view = None
        note = QLabel(f"Opening the {name.lower()}…")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(note)


class Workbench(QObject):
    """Owns the three tabs of one library, following the window's force list (built
    first), cycle and pillar; `detach` takes them away again."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self.slots = {name: _Slot(name) for name in TABS}
        for name, slot in self.slots.items():
            index = window.tabs.addTab(slot, name)
            window.tabs.setTabToolTip(index, TIPS[name])
        window.tabs.currentChanged.connect(self._tab_shown)
        window.force_list.forcesSelected.connect(self.force_chosen)
        window.gridChanged.connect(self.view_changed)
        window.importFinished.connect(self.library_changed)

    def window(self) -> MainWindow:
        """The window whose library errors the views' slots report (library_guard)."""
        return self._window

    @property
    def timeline(self):
        return self.slots[TIMELINE].view

    @property
    def tracker(self):
        return self.slots[FINDINGS].view

    @property
    def national(self):
        return self.slots[NATIONAL].view

    def show_tab(self, name: str) -> None:
        """Bring a workbench tab forward, building its view if it is not built yet."""
        self._window.tabs.setCurrentWidget(self.slots[name])

    def detach(self) -> None:
        window = self._window
        tabs = window.tabs
        tabs.currentChanged.disconnect(self._tab_shown)
        window.force_list.forcesSelected.disconnect(self.force_chosen)
        window.gridChanged.disconnect(self.view_changed)
        window.importFinished.disconnect(self.library_changed)
        for slot in self.slots.values():
            tabs.removeTab(tabs.indexOf(slot))
            slot.deleteLater()
        self.slots = {}

    @guarded
    def _tab_shown(self, index: int) -> None:
        widget = self._window.tabs.widget(index)
        for name, slot in self.slots.items():
            if widget is slot and slot.view is None:
                slot.view = self._build(name)
                slot.addWidget(slot.view)
                slot.setCurrentWidget(slot.view)
                self._follow(name)

    def _build(self, name: str):
        window = self._window
        store, palette, dialogs = window.store, window.palette, window.dialogs
        if name == TIMELINE:
            from peelviewer.ui.timeline import TimelineView

            view = TimelineView(store, palette, dialogs)
            view.cellChosen.connect(window.open_question)
        elif name == FINDINGS:
            from peelviewer.ui.tracker import TrackerView

            view = TrackerView(store, palette, dialogs)
            view.findingChosen.connect(window.open_question)
        else:
            from peelviewer.ui.national import NationalView

            view = NationalView(store, palette)
            view.forceChosen.connect(window.open_question)
        return view

    # Following the window

    def _chosen_force(self) -> str | None:
        chosen = self._window.force_list.selected_force_ids()
        return chosen[0] if len(chosen) == 1 else None

    def _follow(self, name: str) -> None:
        """Show in one built view what the window has chosen."""
        force_id = self._chosen_force()
        if name == TIMELINE and self.timeline is not None:
            self.timeline.show_force(force_id)
        elif name == FINDINGS and self.tracker is not None:
            self.tracker.show_force(force_id)
        elif name == NATIONAL and self.national is not None:
            window = self._window
            if window.cycle:
                self.national.show(window.cycle, self._section(), force_id)

    def _section(self) -> str:
        window = self._window
        if window.pillar != ALL_PILLARS:
            return window.pillar
        sections = window.store.sections(window.cycle)
        return sections[0] if sections else ALL_PILLARS

    @guarded
    def force_chosen(self, *_ignored) -> None:
        for name in (TIMELINE, FINDINGS, NATIONAL):
            self._follow(name)

    @guarded
    def view_changed(self, *_ignored) -> None:
        self._follow(NATIONAL)

    @guarded
    def library_changed(self, *_ignored) -> None:
        """After an import or a removal: every built view reads the library again."""
        for view in (self.timeline, self.tracker, self.national):
            if view is not None:
                view.refresh()
