"""Every dialog goes through one Dialogs object: the test double cannot drift from it, and the
export dialog's Browse… asks it too. The exports the File menu offers come from one list."""

import ast
import inspect
from pathlib import Path

import pytest

from peelviewer.commands import EXPORTS
from peelviewer.ui.dialog_windows import ExportDialog
from peelviewer.ui.dialogs import Dialogs, DialogsLike
from tests.ui.conftest import RecordingDialogs

UI = Path(__file__).resolve().parents[2] / "peelviewer" / "ui"


def public_methods(cls) -> set[str]:
    return {name for name, value in vars(cls).items()
            if callable(value) and not name.startswith("_")}


def parameters(function) -> list[tuple]:
    """Names, kinds and defaults: what a caller relies on (annotations aside)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


PROTOCOL = sorted(public_methods(DialogsLike))


def test_the_protocol_lists_the_dialogs_the_app_shows():
    assert {"error", "progress", "export_pdf", "save_file", "open_file"} <= set(PROTOCOL)


@pytest.mark.parametrize("implementation", [Dialogs, RecordingDialogs])
def test_dialogs_and_the_test_double_have_exactly_the_protocols_methods(implementation):
    assert public_methods(implementation) == set(PROTOCOL)


@pytest.mark.parametrize("name", PROTOCOL)
@pytest.mark.parametrize("implementation", [Dialogs, RecordingDialogs])
def test_each_method_takes_the_protocols_parameters(implementation, name):
    assert parameters(getattr(implementation, name)) == parameters(getattr(DialogsLike, name))


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:  # the module, and its names
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_ui_never_imports_the_command_line():
    assert [path.name for path in sorted(UI.glob("*.py"))
            if "peelviewer.cli" in imported_modules(path)] == []


def test_the_dialog_windows_do_not_import_the_dialogs_that_show_them():
    assert "peelviewer.ui.dialogs" not in imported_modules(UI / "dialog_windows.py")


def test_browse_in_the_export_dialog_asks_the_apps_file_dialog(qtbot, tmp_path):
    dialogs = RecordingDialogs()
    dialogs.save_paths = {"pdf": tmp_path / "chosen.pdf"}
    dialog = ExportDialog(None, tmp_path / "suggested.pdf", save_file=dialogs.save_file)
    qtbot.addWidget(dialog)
    dialog.browse.click()
    assert dialogs.suggested == tmp_path / "suggested.pdf"
    assert dialog.chosen_path() == tmp_path / "chosen.pdf"


def test_browse_cancelled_keeps_the_file_name(qtbot, tmp_path):
    dialogs = RecordingDialogs()
    dialog = ExportDialog(None, tmp_path / "suggested.pdf", save_file=dialogs.save_file)
    qtbot.addWidget(dialog)
    dialog.browse.click()
    assert dialog.chosen_path() == tmp_path / "suggested.pdf"


def test_the_file_menu_offers_every_export_with_its_label(make_window, samples_store):
    window = make_window(samples_store)
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    labels = [action.text() for action in file_menu.actions()]
    assert [export.label for export in EXPORTS] == [
        label for label in labels if label in {export.label for export in EXPORTS}]
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+P"


def test_export_grades_as_csv_writes_the_file_the_user_named(make_window, samples_store,
                                                            tmp_path):
    window = make_window(samples_store)
    out = tmp_path / "grades.csv"
    window.dialogs.save_paths = {"csv": out}
    window.export_actions["export-csv"].trigger()
    assert "Hampshire" in out.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == f"Wrote {out}"


def test_every_export_of_the_menu_is_a_command_with_the_same_words():
    from peelviewer.cli import build_parser

    [commands] = [action for action in build_parser()._actions if action.choices]
    helps = {choice.dest: choice.help for choice in commands._choices_actions}
    assert {export.command: export.summary for export in EXPORTS}.items() <= helps.items()
