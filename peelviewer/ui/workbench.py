"""The analyst's workbench in the window's tabs: Timeline (one force across cycles), Findings
(the tracker) and National (a cycle's grades across forces). Each view is built the first
time its tab is shown, so the window's start pays nothing for them; after that each follows
the force chosen in the Forces list and the cycle and pillar of the toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget

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
    """A tab's place: a note until the view is built into it. `unfollowed`: the window's
    choice changed while the tab was hidden; `outdated`: the library did."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.view = None
        self.unfollowed = self.outdated = False
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
        """Build the view on its first showing; catch up with what changed while hidden."""
        widget = self._window.tabs.widget(index)
        for name, slot in self.slots.items():
            if widget is not slot:
                continue
            if slot.view is None:
                slot.view = self._build(name)
                slot.addWidget(slot.view)
                slot.setCurrentWidget(slot.view)
                slot.unfollowed = True
            if slot.unfollowed:  # showing the new choice reads the library afresh
                self._follow(name)
            elif slot.outdated:
                slot.view.refresh()
            slot.unfollowed = slot.outdated = False

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

    def _visible(self, name: str) -> bool:
        return self._window.tabs.currentWidget() is self.slots[name]

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
        """The toolbar's pillar; under All pillars, the national picture of every pillar."""
        return self._window.pillar

    # Only the tab in view follows at once (a hidden tracker of all forces would make every
    # click in the force list wait for it); a hidden one catches up when shown.

    @guarded
    def force_chosen(self, *_ignored) -> None:
        self._changed((TIMELINE, FINDINGS, NATIONAL), follow=True)

    @guarded
    def view_changed(self, *_ignored) -> None:
        self._changed((NATIONAL,), follow=True)

    @guarded
    def library_changed(self, *_ignored) -> None:
        """After an import or a removal: every built view reads the library again."""
        self._changed(TABS, follow=False)

    def _changed(self, names, *, follow: bool) -> None:
        for name in names:
            slot = self.slots[name]
            if slot.view is None:
                continue
            if not self._visible(name):
                if follow:
                    slot.unfollowed = True
                else:
                    slot.outdated = True
            elif follow:
                self._follow(name)
            else:
                slot.view.refresh()
