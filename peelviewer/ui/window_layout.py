"""The main window's place on the screen and its parts that are not views: the size on
first run, a saved size fitted back onto a smaller screen, a dock that scrolls, a centred
note."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QScrollArea, QStyle, QWidget

# Room left for the window manager's frame, which Qt cannot know before the window is shown:
# a title bar above, a border at each side and below.
_TITLE_BAR, _BORDER = 32, 8
_FIRST_SIZE = QSize(1300, 760)  # wanted on first run if the screen has room, up to…
_LARGEST_FIRST_SIZE = QSize(1600, 1000)  # …nine tenths of the screen, never more than this
FORCES_WIDTH, DETAIL_WIDTH = 280, 400  # the docks beside the centre on first run


def _room(available: QRect) -> QSize:
    return QSize(available.width() - 2 * _BORDER, available.height() - _TITLE_BAR - _BORDER)


def first_run_geometry(available: QRect) -> QRect:
    """The window on first run: nine tenths of the screen's free area, but at least
    _FIRST_SIZE while the screen has room for it (a 1366x768 laptop needs most of its
    width), at most _LARGEST_FIRST_SIZE; centred, frame included."""
    room = _room(available)
    width = min(max(available.width() * 9 // 10, min(room.width(), _FIRST_SIZE.width())),
                room.width(), _LARGEST_FIRST_SIZE.width())
    height = min(max(available.height() * 9 // 10, min(room.height(), _FIRST_SIZE.height())),
                 room.height(), _LARGEST_FIRST_SIZE.height())
    left = available.left() + (available.width() - width) // 2
    top = available.top() + (room.height() - height) // 2 + _TITLE_BAR
    return QRect(left, top, width, height)


def fitted_geometry(geometry: QRect, available: QRect) -> QRect:
    """A saved geometry made to fit the screen: no larger than its free area, moved inside."""
    room = _room(available)
    size = geometry.size().boundedTo(room)
    left = min(max(geometry.left(), available.left() + _BORDER),
               available.right() + 1 - _BORDER - size.width())
    top = min(max(geometry.top(), available.top() + _TITLE_BAR),
              available.bottom() + 1 - _BORDER - size.height())
    return QRect(QPoint(left, top), size)


class ScrollingDock(QDockWidget):
    """A dock whose content scrolls when the window is shorter than the content's minimum
    height. The Question pane's labels and finding lists add up to more height than a
    1366x768 screen leaves, and a dock's minimum would push the window's bottom (and its
    status bar) off the screen."""

    def setWidget(self, widget: QWidget) -> None:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As wide as the content needs, with room for the scroll bar when it shows.
        bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        area.setMinimumWidth(max(widget.minimumWidth(), widget.minimumSizeHint().width())
                             + bar)
        area.setWidget(widget)
        super().setWidget(area)


def centred_note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label
