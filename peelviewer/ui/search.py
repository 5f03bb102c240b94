"""The Search dock: full-text search of the library, hits listed with their place in it. The
search runs on a thread of its own; the newest query wins."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.framework import short_label
from peelviewer.core.model import WHOLE_FORCE
from peelviewer.core.queries import MATCH_END, MATCH_START, SearchHit
from peelviewer.core.store import Store
from peelviewer.ui.safe_text import tooltip
from peelviewer.ui.search_worker import SearchThread

HIT = Qt.ItemDataRole.UserRole + 1
SNIPPET_COLUMN = 3
LIMIT = 50  # hits listed for one search
SEARCHING = "Searching…"


def snippet_html(snippet: str) -> str:
    """Escaped snippet text with the matched words in bold: report text never becomes markup."""
    pieces = []
    for index, part in enumerate(snippet.split(MATCH_START)):
        if index == 0:
            pieces.append(html.escape(part))
            continue
        matched, _, rest = part.partition(MATCH_END)
        pieces.append(f"<b>{html.escape(matched)}</b>{html.escape(rest)}")
    return " ".join("".join(pieces).split())


class _SnippetDelegate(QStyledItemDelegate):
    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(HIT) is None:  # the "No matches" row
            super().paint(painter, option, index)
            return
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(snippet_html(index.data(HIT).snippet))
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     option.palette.color(QPalette.ColorRole.HighlightedText))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 10))


class SearchPane(QWidget):
    """Signals: hitChosen(SearchHit) when the user opens a hit; searched(hits) when the hits
    of a search started with start_search() are listed (an empty list after a failure)."""

    hitChosen = Signal(object)
    searched = Signal(object)
    _requested = Signal(int, str)  # (generation, query) to the worker's thread

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._generation = 0  # of the newest search; older results are dropped
        self._pending = False
        self._searched_text = ""
        self._search_thread: SearchThread | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search all reports: words, \"a phrase\", prefix*")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the library")
        self.results = QTreeWidget()
        self.results.setAccessibleName("Search results")
        self.results.setHeaderLabels(["Force", "Cycle", "Where", "Text"])
        self.results.setRootIsDecorated(False)
        self.results.setItemDelegateForColumn(SNIPPET_COLUMN, _SnippetDelegate(self.results))
        self.query.returnPressed.connect(self.start_search)
        self.results.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)

    @property
    def searching(self) -> bool:
        """Whether a search started with start_search() has not been listed yet."""
        return self._pending

    def run(self) -> list[SearchHit]:
        """Search for the typed query here, on this thread, and list the hits. Any search
        still running on the thread is superseded."""
        self._generation += 1
        self._pending = False
        if self._search_thread is not None:
            self._search_thread.worker.supersede(self._generation)
        text = self.query.text()
        hits = self._store.search(text, limit=LIMIT)
        self._show(hits, text)
        return hits

    def start_search(self) -> None:
        """Search for the typed query on the search thread: "Searching…" until the hits come
        (searched); a search still running is superseded and its hits never shown."""
        self._generation += 1
        text = self.query.text()
        if not text.strip():
            self._pending = False
            self.results.clear()
            return
        if self._search_thread is None:
            self._search_thread = SearchThread(self._store.path, limit=LIMIT)
            worker = self._search_thread.worker
            self._requested.connect(worker.search)
            worker.found.connect(self._found)
            worker.failed.connect(self._failed)
            # The thread must end before the pane's C++ object is gone; the handler holds
            # the thread, never the pane.
            self.destroyed.connect(self._search_thread.stop)
        self._search_thread.start()
        self._search_thread.worker.supersede(self._generation)
        self._pending = True
        self.results.clear()
        self._add_note(SEARCHING)
        self._searched_text = text
        self._requested.emit(self._generation, text)

    def stop(self) -> None:
        """End the search thread now (it also ends when the pane is destroyed)."""
        if self._search_thread is not None:
            self._search_thread.stop()

    def _found(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # a newer search was started since
        self._pending = False
        self._show(hits, self._searched_text)
        self.searched.emit(hits)

    def _failed(self, generation: int, reason: str) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self.results.clear()
        self._add_note("Search failed: " + " ".join(reason.split()))
        self.searched.emit([])

    def _show(self, hits: list[SearchHit], text: str) -> None:
        self.results.clear()
        for hit in hits:
            if not hit.question_number:
                where = "Summary"
            elif hit.pillar == WHOLE_FORCE:  # an area of policing, by its short name
                where = short_label(hit.question_key, hit.question_text or "")
            else:
                where = f"Q{hit.question_number}"
            if hit.field not in ("summary", "question"):
                where += " · " + hit.field.replace("_", " ")
            plain = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
            report = hit.cycle if hit.pillar == WHOLE_FORCE else f"{hit.cycle} {hit.pillar}"
            item = QTreeWidgetItem([hit.force_name, report, where, ""])
            item.setData(0, HIT, hit)
            item.setData(SNIPPET_COLUMN, HIT, hit)
            item.setToolTip(SNIPPET_COLUMN, tooltip(" ".join(plain.split())))
            self.results.addTopLevelItem(item)
        for column in range(SNIPPET_COLUMN):
            self.results.resizeColumnToContents(column)
        if not hits and text.strip():
            self._add_note("No matches")

    def _add_note(self, text: str) -> None:
        """A row that is not a hit: "Searching…", "No matches" or why the search failed."""
        item = QTreeWidgetItem([text, "", "", ""])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.results.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)  # only once in the tree

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        hit = item.data(0, HIT)
        if hit is not None:
            self.hitChosen.emit(hit)
