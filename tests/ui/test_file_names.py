"""File names in the window: a name that is not UTF-8, or that holds a line break, and a
folder that cannot be read, as the import results and the report's facts show them."""

import os
import shutil

import pytest

from peelviewer.core.store import Store
from peelviewer.ui.dialog_windows import ImportResultsDialog
from tests.core.test_importer import refuse_to_list

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_store(tmp_path):
    store = Store.open(tmp_path / "library.peeldb")
    yield store
    store.close()


def test_the_window_shows_odd_names_escaped_and_an_unreadable_folder_failed(
        make_window, empty_store, qtbot, tmp_path, hampshire, hertfordshire, monkeypatch):
    folder = tmp_path / "reports"
    (folder / "private").mkdir(parents=True)
    shutil.copy(hampshire, folder / os.fsdecode(b"hampshire-\xff.txt"))
    shutil.copy(hertfordshire, folder / "herts\n2016.txt")
    refuse_to_list(monkeypatch, folder / "private")  # as root reads everything
    window = make_window(empty_store)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as finished:
        window.start_import([folder])
    summary = finished.args[0]
    assert summary.line() == "2 added, 0 updated, 0 unchanged, 1 failed"
    assert window.dialogs.results == [summary]  # the failure is listed for the user

    dialog = ImportResultsDialog(window, summary)
    qtbot.addWidget(dialog)
    rows = [[dialog.files.topLevelItem(i).text(c) for c in range(4)]
            for i in range(dialog.files.topLevelItemCount())]
    assert rows == [
        ["private", "failed", "", "permission denied: cannot read this folder"],
        ["hampshire-\\xff.txt", "added", "hampshire/2016/legitimacy", ""],
        ["herts\\n2016.txt", "added", "hertfordshire/2016/legitimacy", ""],
    ]
    assert str(folder) in dialog.files.topLevelItem(0).toolTip(0)
    assert dialog.text().splitlines()[1:3] == [
        "added: hampshire-\\xff.txt (hampshire/2016/legitimacy)",
        "added: herts\\n2016.txt (hertfordshire/2016/legitimacy)"]

    assert window.detail.show_question("hampshire", "2016", "legitimacy")
    assert "Source: hampshire-\\xff.txt" in window.detail.facts.text()
    assert window.detail.show_question("hertfordshire", "2016", "legitimacy")
    assert "Source: herts\\n2016.txt" in window.detail.facts.text()


def test_the_import_progress_shows_a_name_on_one_line(make_window, empty_store):
    window = make_window(empty_store)
    window.importer._import_progress(0, 3, "two\nlines\u202e.txt")
    assert window.statusBar().currentMessage() == "Importing 1 of 3: two\\nlines\\u202e.txt"
