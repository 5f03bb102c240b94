"""The grades as the user left them, on screen before the live heatmap can be.

The heatmap's plotting library takes most of a second to load, three times what a bare
window needs to appear. When the window closes, the Grades area is saved as a picture with
a key: the library's contents (report, question and source counts, the latest import), the
chosen cycle, pillar, sort and options, and the colours. At the next start, if the key still
matches, that picture stands in the Grades area (from its top left corner, as the heatmap is
laid out) while the live views load, and the live heatmap replaces it as soon as it is
built. Any change makes the key differ, and
then nothing is shown early: a stale picture is never shown.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from peelviewer import __version__

_VIEW_SETTINGS = ("view/cycle", "view/pillar", "view/sort", "view/group", "view/missing",
                  "view/table", "colours")


def library_signature(store) -> list:
    """What the library holds, in a few cheap counts: any import, update or removal changes
    at least one of them."""
    row = store.db.execute(
        "select (select count(*) from reports), (select max(imported_at) from reports), "
        "(select count(*) from questions), (select count(*) from findings), "
        "(select count(*) from sources), (select max(imported_at) from sources)").fetchone()
    return list(row)


def picture_key(store, settings: QSettings, ratio: float) -> str:
    # Settings read back from the file are strings ("false"); just set, they are values.
    view = {name: str(settings.value(name, "")).lower() for name in _VIEW_SETTINGS}
    parts = [__version__, str(store.path), library_signature(store), view, round(ratio, 2)]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _files(settings: QSettings) -> tuple[Path, Path]:
    folder = Path(settings.fileName()).parent
    return folder / "last-grades.png", folder / "last-grades.json"


def save(settings: QSettings, store, area: QWidget) -> None:
    """Keep a picture of the Grades area and its key; any failure only loses the picture."""
    image, key_file = _files(settings)
    try:
        image.parent.mkdir(parents=True, exist_ok=True)
        pixmap = area.grab()
        key = picture_key(store, settings, pixmap.devicePixelRatio())
        if pixmap.isNull() or not pixmap.save(str(image), "PNG"):
            return
        key_file.write_text(json.dumps({"key": key}), encoding="utf-8")
    except (OSError, ValueError):
        return


def fresh_picture(settings: QSettings, store, area: QWidget) -> QLabel | None:
    """A label showing last time's picture if it still shows this library as it is, else
    None. Reading the key costs a few milliseconds; the picture is read only if it fits."""
    image, key_file = _files(settings)
    try:
        saved = json.loads(key_file.read_text(encoding="utf-8")).get("key")
        ratio = area.devicePixelRatioF()
        if saved != picture_key(store, settings, ratio):
            return None
    except (OSError, ValueError, AttributeError):
        return None
    pixmap = QPixmap(str(image))
    if pixmap.isNull():
        return None
    label = QLabel()
    label.setObjectName("LastPicture")
    label.setPixmap(pixmap)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setAccessibleName("The grades, loading")
    return label
