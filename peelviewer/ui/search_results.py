"""The hits of one search as a lazy table: pages arrive as the list scrolls; each hit is painted
with its place and its snippet, the matched words in bold, never as markup."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from peelviewer.core.forces import force_by_id
from peelviewer.core.framework import short_label
from peelviewer.core.model import WHOLE_FORCE
from peelviewer.core.search import MATCH_END, MATCH_START, SearchHit
from peelviewer.ui.safe_text import tooltip

HIT = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Force", "Report", "Where", "Text")
SNIPPET_COLUMN = 3

_Index = QModelIndex | QPersistentModelIndex


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


def plain_snippet(snippet: str) -> str:
    return " ".join(snippet.replace(MATCH_START, "").replace(MATCH_END, "").split())


def hit_place(hit: SearchHit) -> tuple[str, str]:
    """The report ("2016 legitimacy", or "2023-25") and where in it ("Q2 · recommendation")."""
    if not hit.question_number:
        where = "Summary"
    elif hit.pillar == WHOLE_FORCE:  # an area of policing, by its short name
        where = short_label(hit.question_key, hit.question_text or "")
    else:
        where = f"Q{hit.question_number}"
    if hit.field not in ("summary", "question"):
        where += " · " + hit.field.replace("_", " ")
    report = hit.cycle if hit.pillar == WHOLE_FORCE else f"{hit.cycle} {hit.pillar}"
    return report, where


class SearchResults(QAbstractTableModel):
    """Every hit of one search, of which the first pages are loaded. When the view wants
    more it asks with moreWanted(offset); add_page() then adds that page.
    Signals: moreWanted(offset)."""

    moreWanted = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._rows: list[tuple[str, str, str, str]] = []
        self._total = 0
        self._asking = False  # a page is on its way

    @property
    def total(self) -> int:
        """How many hits the search found, loaded or not."""
        return self._total

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def reset(self, total: int, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._total = max(total, len(hits))
        self._hits, self._rows, self._asking = [], [], False
        self._extend(hits)
        self.endResetModel()

    def add_page(self, offset: int, hits: list[SearchHit]) -> None:
        """The hits from `offset` on; a page that is not the next one is dropped."""
        if offset != len(self._hits):
            return
        self._asking = False
        if not hits:  # rows removed since the count: nothing more to fetch
            self._total = len(self._hits)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(hits) - 1)
        self._extend(hits)
        self.endInsertRows()

    def page_failed(self) -> None:
        """The page asked for never came: stop asking for more of this search."""
        self._asking = False
        self._total = len(self._hits)

    def _extend(self, hits: list[SearchHit]) -> None:
        self._hits.extend(hits)
        self._rows.extend((hit.force_name, *hit_place(hit), plain_snippet(hit.snippet))
                          for hit in hits)

    # The model's interface to the view

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == HIT:
            return self._hits[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            force, report, where, snippet = self._rows[row]
            return tooltip(f"{force} · {report} · {where}\n{snippet}")
        if role == Qt.ItemDataRole.AccessibleTextRole:  # the one column the list shows
            return ", ".join(self._rows[row])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._asking and len(self._hits) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._asking = True
            self.moreWanted.emit(len(self._hits))


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as where it is (force, report, question) on one line and its snippet,
    the matched words in bold, on up to three more: a narrow dock still shows the words."""

    SNIPPET_LINES = 3  # a snippet's 14 words, in a dock at its narrowest

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HIT)
        if hit is None:
            super().paint(painter, option, index)
            return
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        area = option.rect.adjusted(4, 2, -4, -2)
        line = option.fontMetrics.lineSpacing()
        bold = QFont(option.font)
        bold.setBold(True)
        place = " · ".join((force_by_id(hit.force_id).short_name, *hit_place(hit)))
        painter.save()
        painter.setPen(ink)
        painter.setFont(bold)
        painter.drawText(QRect(area.x(), area.y(), area.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(place, Qt.TextElideMode.ElideRight,
                                                       area.width()))
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setHtml(snippet_html(hit.snippet))
        document.setTextWidth(area.width())
        painter.translate(area.x(), area.y() + line)
        painter.setClipRect(QRect(0, 0, area.width(), line * self.SNIPPET_LINES))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, ink)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(240, line * (1 + self.SNIPPET_LINES) + 6)
