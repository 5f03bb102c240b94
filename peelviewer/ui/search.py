"""The Search dock: full-text search of the library with a count of the hits, filters by cycle,
pillar or area and kind, and every hit reachable (pages load as the list scrolls). Searches
run on a thread of their own; the newest query wins."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.framework import short_label
from peelviewer.core.model import FINDING_TITLES, section_label
from peelviewer.core.search import FINDING, NARRATIVE, SUMMARY, SearchFilters, SearchHit
from peelviewer.core.store import Store
from peelviewer.ui.search_results import (  # noqa: F401 (snippet_html: for callers)
    HIT,
    SNIPPET_COLUMN,
    HitDelegate,
    SearchResults,
    snippet_html,
)
from peelviewer.ui.search_worker import SearchRequest, SearchThread, fetch_page

SEARCHING = "Searching…"
NO_MATCHES = "No matches"
KIND_LABELS = {"": "All kinds", SUMMARY: "Summaries", NARRATIVE: "Questions and narratives",
               FINDING: "All findings", **FINDING_TITLES}


def count_text(total: int) -> str:
    return NO_MATCHES if not total else f"{total:,} hit" + ("" if total == 1 else "s")


class SearchPane(QWidget):
    """Signals: hitChosen(SearchHit, query) when the user opens a hit (one click, or Enter);
    searched(hits) when the first page of a search started with start_search() is listed
    (an empty list after a failure)."""

    hitChosen = Signal(object, str)
    searched = Signal(object)
    _requested = Signal(int, object)  # (generation, SearchRequest) to the worker's thread

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._generation = 0  # of the newest search; older results are dropped
        self._pending = False
        self._request = SearchRequest("")  # of the hits listed
        self._search_thread: SearchThread | None = None
        self._choices_filled = False
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search all reports: words, \"a phrase\", prefix*")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the library")
        self.cycle_box = self._filter_box("Cycle")
        self.where_box = self._filter_box("Pillar or area")
        self.kind_box = self._filter_box("Kind")
        for kind, label in KIND_LABELS.items():
            self.kind_box.addItem(label, kind)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Search hits")
        self.model = SearchResults(self)
        self.results = QTreeView()
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)  # 30,000 rows lay out without measuring each
        # One column painted in full (place, then snippet): the model's others are for
        # screen readers and tests.
        self.results.setHeaderHidden(True)
        for column in range(1, self.model.columnCount()):
            self.results.setColumnHidden(column, True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setAllColumnsShowFocus(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setItemDelegateForColumn(0, HitDelegate(self.results))
        self.query.returnPressed.connect(self.start_search)
        self.results.clicked.connect(self._open)
        self.results.activated.connect(self._open)
        self.model.moreWanted.connect(self._fetch_more)
        for box in (self.cycle_box, self.where_box, self.kind_box):
            box.activated.connect(self._filters_changed)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.cycle_box, 2)
        filters.addWidget(self.kind_box, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.where_box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    @staticmethod
    def _filter_box(name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(f"Only hits of this {name.lower()}")
        box.setMinimumContentsLength(8)  # the dock may be narrow; the list opens wider
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return box

    # Filters

    @property
    def filters(self) -> SearchFilters:
        where, _, name = (self.where_box.currentData() or "").partition(":")
        return SearchFilters(cycle=self.cycle_box.currentData() or None,
                             section=name if where == "section" else None,
                             area=name if where == "area" else None,
                             kind=self.kind_box.currentData() or None)

    def set_filters(self, filters: SearchFilters) -> None:
        """Choose filters as the user would (the next search applies them)."""
        self.fill_choices()
        where = (f"section:{filters.section}" if filters.section else
                 f"area:{filters.area}" if filters.area else "")
        for box, data in ((self.cycle_box, filters.cycle or ""), (self.where_box, where),
                          (self.kind_box, filters.kind or "")):
            box.setCurrentIndex(max(0, box.findData(data)))

    def fill_choices(self) -> None:
        """The cycles, pillars and areas the library holds, keeping what is chosen."""
        # "" for "all": a separator's data is None, so None would find the separator.
        cycle = self.cycle_box.currentData() or ""
        where = self.where_box.currentData() or ""
        cycles, sections, keys = self._store.search_choices()
        self.cycle_box.clear()
        self.cycle_box.addItem("All cycles", "")
        for name in cycles:
            self.cycle_box.addItem(name, name)
        self.where_box.clear()
        self.where_box.addItem("All pillars and areas", "")
        for section in sections:
            self.where_box.addItem(section_label(section), f"section:{section}")
        if keys:
            self.where_box.insertSeparator(self.where_box.count())
        for label, key in sorted((short_label(key, key), key) for key in keys):
            self.where_box.addItem(label, f"area:{key}")  # the same topic in every cycle
        self.cycle_box.setCurrentIndex(max(0, self.cycle_box.findData(cycle)))
        self.where_box.setCurrentIndex(max(0, self.where_box.findData(where)))
        self._choices_filled = True

    def choices_changed(self, *_why) -> None:
        """The library changed (an import, a removal): the filters' choices are read again
        now if the pane is in view, else when it comes into view."""
        if self.isVisible():
            self.fill_choices()
        else:
            self._choices_filled = False

    def showEvent(self, event) -> None:
        # Filled when first seen, not at start-up: the dock starts behind the force list.
        if not self._choices_filled:
            self.fill_choices()
        super().showEvent(event)

    def _filters_changed(self) -> None:
        if self.query.text().strip():
            self.start_search()

    # Searching

    @property
    def searching(self) -> bool:
        """Whether a search started with start_search() has not been listed yet."""
        return self._pending

    def run(self) -> list[SearchHit]:
        """Search for the typed query here, on this thread, and list the first page of hits
        (returned); the rest load as the list scrolls. Any search still running on the
        thread is superseded."""
        self._generation += 1
        self._pending = False
        if self._search_thread is not None:
            self._search_thread.worker.supersede(self._generation)
        request = SearchRequest(self.query.text(), self.filters)
        total, hits = fetch_page(self._store, request)
        self._show(request, total, hits)
        return hits

    def start_search(self) -> None:
        """Search for the typed query on the search thread: "Searching…" until the hits come
        (searched); a search still running is superseded and its hits never shown."""
        self._generation += 1
        text = self.query.text()
        if not text.strip():
            self._pending = False
            if self._search_thread is not None:
                self._search_thread.worker.supersede(self._generation)
            self.model.reset(0, [])
            self.status.setText("")
            return
        self._pending = True
        self.model.reset(0, [])
        self.status.setText(SEARCHING)
        self._ask(SearchRequest(text, self.filters))

    def _ask(self, request: SearchRequest) -> None:
        if self._search_thread is None:
            self._search_thread = SearchThread(self._store.path)
            worker = self._search_thread.worker
            self._requested.connect(worker.search)
            worker.found.connect(self._found)
            worker.failed.connect(self._failed)
            # The thread must end before the pane's C++ object is gone; the handler holds
            # the thread, never the pane.
            self.destroyed.connect(self._search_thread.stop)
        self._search_thread.start()
        self._search_thread.worker.supersede(self._generation)
        self._requested.emit(self._generation, request)

    def _fetch_more(self, offset: int) -> None:
        """The list scrolled to its end: the next page, on the search thread."""
        request = self._request
        self._ask(SearchRequest(request.query, request.filters, offset))

    def stop(self) -> None:
        """End the search thread now (it also ends when the pane is destroyed); its
        connection to the library closes with it."""
        if self._search_thread is not None:
            self._search_thread.stop()

    def _found(self, generation: int, request: SearchRequest, total: int,
               hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # a newer search was started since
        if request.offset:
            self.model.add_page(request.offset, hits)
            return
        self._pending = False
        self._show(request, total, hits)
        self.searched.emit(hits)

    def _failed(self, generation: int, reason: str) -> None:
        if generation != self._generation:
            return
        self.status.setText("Search failed: " + " ".join(reason.split()))
        if not self._pending:  # a later page: what is listed stays
            self.model.page_failed()
            return
        self._pending = False
        self.model.reset(0, [])
        self.searched.emit([])

    def _show(self, request: SearchRequest, total: int, hits: list[SearchHit]) -> None:
        self._request = request
        self.model.reset(total, hits)
        self.status.setText(count_text(total) if request.query.strip() else "")

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT)
        if hit is not None:
            self.hitChosen.emit(hit, self._request.query)
