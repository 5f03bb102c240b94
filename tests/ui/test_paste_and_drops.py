"""Importing from wherever the report is: Edit > Paste report, a browser's selection or link
dropped on the window, and links fetched from a server the test starts on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QByteArray, QMimeData, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton

from peelviewer.core.store import Store
from peelviewer.ui.drop import MOZ_URL, NOTHING_TO_PASTE
from tests.conftest import FIXTURES, SAMPLES
from tests.core import test_fetch
from tests.ui.test_import import drag_and_drop

local_web = test_fetch.local_web  # the web server fixture
HAMPSHIRE_TEXT = (SAMPLES / "hampshire-2016-legitimacy.txt").read_text("utf-8")
KENT_HTML = (FIXTURES / "html" / "kent-2017-legitimacy.html").read_text("utf-8")
STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"


@pytest.fixture
def empty_store(tmp_path):
    store = Store.open(tmp_path / "library.peeldb")
    yield store
    store.close()


def sources(store) -> list[tuple[str, str]]:
    return [(row["file_name"], row["kind"])
            for row in store.db.query("select file_name, kind from sources order by rowid")]


def on_clipboard(mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)


@pytest.fixture(autouse=True)
def _clipboard_emptied(qapp):
    """The clipboard owns what a test puts on it; left there, the offscreen platform frees it
    again when the interpreter exits, which crashes the test run after its last test."""
    yield
    QApplication.clipboard().clear()


def text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def kent_selection() -> QMimeData:
    """What a browser's selection of a report page carries: HTML and its plain text (the
    text here is not a report, so only reading the HTML can add Kent)."""
    body = KENT_HTML[KENT_HTML.index("<body"):KENT_HTML.rindex("</body>")]
    mime = QMimeData()
    mime.setHtml("<meta charset='utf-8'>" + body[body.index(">") + 1:])
    mime.setText("Kent, selected")
    return mime


def paste(window, qtbot):
    with qtbot.waitSignal(window.importFinished, timeout=20000) as finished:
        window.paste_action.trigger()
    return finished.args[0]


def test_edit_paste_report_sits_between_file_and_view_on_ctrl_v(make_window, empty_store):
    window = make_window(empty_store)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["&File", "&Edit", "&View"]
    assert window.paste_action.text() == "&Paste report"
    assert window.paste_action.shortcut().toString() == "Ctrl+V"
    assert window.paste_action.isEnabled()


def test_pasted_text_is_imported_with_pasted_and_the_time_as_source(make_window, empty_store,
                                                                   qtbot):
    window = make_window(empty_store)
    on_clipboard(text_mime(HAMPSHIRE_TEXT))
    summary = paste(window, qtbot)
    assert summary.line() == "1 added, 0 updated, 0 unchanged, 0 failed"
    assert window.statusBar().currentMessage() == (
        "added: the pasted text (hampshire/2016/legitimacy)")
    [(name, kind)] = sources(empty_store)
    assert re.fullmatch(f"pasted {STAMP} \\(text\\)", name)
    assert kind == "txt"
    assert [r.key for r in window.grid.rows] == ["hampshire"]
    # The Question pane names the paste as the report's source.
    window.detail.show_question("hampshire", "2016", "legitimacy", 1)
    assert f"Source: {name}" in window.detail.facts.text()
    # The same text again changes nothing, as the same file would.
    paste(window, qtbot)
    assert window.statusBar().currentMessage() == "unchanged: the pasted text: already imported"
    assert len(sources(empty_store)) == 1
    assert window.dialogs.shown == []


def test_pasted_html_is_read_like_a_saved_page_and_preferred_to_its_text(
        make_window, empty_store, qtbot):
    window = make_window(empty_store)
    on_clipboard(kent_selection())
    paste(window, qtbot)
    assert window.statusBar().currentMessage() == "added: the pasted text (kent/2017/legitimacy)"
    [(name, kind)] = sources(empty_store)
    assert re.fullmatch(f"pasted {STAMP} \\(HTML\\)", name)
    assert kind == "html"


def test_pasted_text_that_is_no_report_is_refused_in_one_line(make_window, empty_store, qtbot):
    window = make_window(empty_store)
    on_clipboard(text_mime("Minutes of the meeting\n\nNothing about policing here."))
    paste(window, qtbot)
    [(title, text)] = window.dialogs.shown
    assert title == "Import failed"
    assert text.startswith("failed: the pasted text: not a PEEL report page")
    assert "\n" not in text
    assert window.dialogs.results == []
    assert empty_store.counts()["reports"] == 0


@pytest.mark.parametrize("content", ["image", "nothing", "blank text"])
def test_a_clipboard_without_text_says_so_and_imports_nothing(make_window, empty_store,
                                                              qtbot, content):
    window = make_window(empty_store)
    mime = QMimeData()
    if content == "image":
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        image.fill(0)
        mime.setImageData(image)
    elif content == "blank text":
        mime.setText("  \n ")
    on_clipboard(mime)
    with qtbot.assertNotEmitted(window.importFinished):
        window.paste_action.trigger()
    assert window.statusBar().currentMessage() == NOTHING_TO_PASTE
    assert window.import_job is None
    assert empty_store.counts()["reports"] == 0


def test_a_dropped_browser_selection_is_imported_from_its_html(make_window, empty_store,
                                                               qtbot):
    window = make_window(empty_store)
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        assert drag_and_drop(window, kent_selection()) == (True, True)
    assert window.statusBar().currentMessage() == (
        "added: the dropped text (kent/2017/legitimacy)")
    [(name, kind)] = sources(empty_store)
    assert re.fullmatch(f"dropped {STAMP} \\(HTML\\)", name)
    assert kind == "html"


def uri_list(link: str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(link)])
    mime.setText(link)
    return mime


def moz_url(link: str) -> QMimeData:
    """Firefox's own link format only: "link\\ntitle" in UTF-16."""
    mime = QMimeData()
    mime.setData(MOZ_URL, QByteArray(f"{link}\nHampshire PEEL 2016".encode("utf-16")))
    return mime


@pytest.mark.parametrize("carrier", [uri_list, moz_url], ids=["uri-list", "x-moz-url"])
def test_a_dropped_link_is_fetched_and_recorded_by_its_link(make_window, empty_store, qtbot,
                                                            local_web, carrier):
    window = make_window(empty_store)
    link = local_web.url("/hampshire")
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        assert drag_and_drop(window, carrier(link)) == (True, True)
    assert window.statusBar().currentMessage() == f"added: {link} (hampshire/2016/legitimacy)"
    assert sources(empty_store) == [(link, "txt")]
    assert window.dialogs.progress_dialogs[0].windowTitle() == "Fetching reports"
    assert not window.dialogs.progress_dialogs[0].isVisible()  # closed at the end
    window.detail.show_question("hampshire", "2016", "legitimacy", 1)
    assert f"Source: {link}" in window.detail.facts.text()


def test_a_pasted_link_fetches_the_page(make_window, empty_store, qtbot, local_web):
    window = make_window(empty_store)
    on_clipboard(text_mime(local_web.url("/kent") + "\n"))
    paste(window, qtbot)
    assert sources(empty_store) == [(local_web.url("/kent"), "html")]


def test_a_failed_fetch_shows_one_line(make_window, empty_store, qtbot, local_web):
    window = make_window(empty_store)
    link = local_web.url("/gone")
    on_clipboard(text_mime(link))
    paste(window, qtbot)
    expected = f"failed: {link}: not found (HTTP 404)"
    assert window.dialogs.shown == [("Import failed", expected)]
    assert window.statusBar().currentMessage() == expected
    assert window.dialogs.results == []
    assert empty_store.counts()["reports"] == 0


def test_cancel_from_the_progress_dialog_leaves_the_library_as_it_was(
        make_window, empty_store, qtbot, local_web):
    window = make_window(empty_store)
    on_clipboard(text_mime(HAMPSHIRE_TEXT))
    paste(window, qtbot)
    before = (empty_store.counts(), sources(empty_store))
    on_clipboard(text_mime(local_web.url("/slow")))
    window.paste_action.trigger()
    [progress] = window.dialogs.progress_dialogs
    assert local_web.waiting.wait(10)  # the server holds the request: the fetch waits
    with qtbot.waitSignal(window.importFinished, timeout=20000) as finished:
        progress.findChild(QPushButton).click()  # the dialog's Cancel
    assert finished.args[0].cancelled
    assert window.statusBar().currentMessage() == "Cancelled: nothing was imported"
    assert window.dialogs.shown == []
    assert window.import_job is None
    assert (empty_store.counts(), sources(empty_store)) == before


def test_files_dropped_with_a_link_import_both(make_window, empty_store, qtbot, local_web):
    window = make_window(empty_store)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "hertfordshire-2016-legitimacy.txt")),
                  QUrl(local_web.url("/kent"))])
    with qtbot.waitSignals([window.importFinished, window.importFinished], timeout=20000):
        assert drag_and_drop(window, mime) == (True, True)
    assert sources(empty_store) == [("hertfordshire-2016-legitimacy.txt", "txt"),
                                    (local_web.url("/kent"), "html")]


def test_ctrl_v_in_a_text_box_pastes_there_and_elsewhere_imports(make_window, empty_store,
                                                                 qtbot):
    window = make_window(empty_store)
    window.activateWindow()
    box = window.force_list.filter_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    on_clipboard(text_mime("Kent"))
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "Kent"
    assert window.import_job is None
    on_clipboard(text_mime(HAMPSHIRE_TEXT))
    box.clearFocus()
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert empty_store.counts()["reports"] == 1
