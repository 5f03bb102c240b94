"""Windows on libraries built from our fixtures, with settings in a temp file and no real
dialogs."""

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from peelviewer.core.importer import import_paths, parse_file
from peelviewer.core.model import Finding, Grade, Question, Report
from peelviewer.core.store import Store
from peelviewer.ui.dialogs import Dialogs
from peelviewer.ui.main_window import MainWindow
from tests.conftest import FIXTURES, SAMPLES

_UI_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Every test under tests/ui opens Qt widgets: mark it `gui`, so -m "not gui" leaves it
    out. (This hook sees the whole session's items, not only this folder's.)"""
    for item in items:
        if item.path.is_relative_to(_UI_TESTS):
            item.add_marker(pytest.mark.gui)


class RecordingDialogs:
    """Stands in for ui.dialogs.Dialogs (implements DialogsLike; test_dialogs_protocol keeps
    the two alike): records what would have been shown. The progress dialog is real
    (non-blocking) so tests can watch and cancel it."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.progress_dialogs = []
        self.results = []
        self.to_import: list = []
        self.export_choice = None
        self.save_paths: dict[str, object] = {}  # what save_file answers, by "csv" or "pdf"
        self.opened = None
        self.library_to_open = None  # what Open library… and New library… answer
        self.confirm_answer = True
        self.confirmations: list[tuple[str, str]] = []

    def error(self, parent, title, text):
        self.shown.append((title, text))

    def progress(self, parent, total):
        dialog = Dialogs().progress(parent, total)
        self.progress_dialogs.append(dialog)
        return dialog

    def import_results(self, parent, summary):
        self.results.append(summary)

    def import_files(self, parent):
        return self.to_import

    def import_folder(self, parent):
        return self.to_import

    def export_pdf(self, parent, suggested):
        self.suggested = suggested
        return self.export_choice

    def save_file(self, parent, title, suggested, kind):
        self.suggested = suggested
        return self.save_paths.get(kind)

    def open_file(self, path):
        self.opened = path

    def open_library(self, parent, folder):
        return self.library_to_open

    def new_library(self, parent, folder):
        return self.library_to_open

    def confirm(self, parent, title, text, *, action):
        self.confirmations.append((title, text))
        return self.confirm_answer

    def information(self, parent, title, text):
        self.shown.append((title, text))

    def about(self, parent, library_path):
        self.shown.append(("about", library_path))

    def help(self, parent):
        self.shown.append(("help", ""))


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def samples_store(tmp_path):
    store = Store.open(tmp_path / "samples.peeldb")
    import_paths(store, [SAMPLES])
    yield store
    store.close()


@pytest.fixture
def fixtures_store(tmp_path):
    store = Store.open(tmp_path / "fixtures.peeldb")
    # The pillar-page fixtures; the modern ones have a store of their own (modern_store).
    import_paths(store, [SAMPLES, *sorted(FIXTURES.glob("*.txt")), FIXTURES / "html"])
    yield store
    store.close()


@pytest.fixture
def make_window(qtbot, settings):
    def make(store, *, show=True):
        window = MainWindow(store, settings=settings, dialogs=RecordingDialogs())
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    return make


def graded_report(force_id: str, cycle: str, pillar: str, grades: list[Grade | None],
                  *, narrative: str = "The force does its work.") -> Report:
    """A report built in code, one question per grade."""
    questions = tuple(
        Question(number=i, text=f"How well does the force do task {i}?", grade=grade,
                 grade_source="stated" if grade else None, narrative=narrative,
                 findings=(Finding("area_for_improvement", f"The force should improve {i}."),))
        for i, grade in enumerate(grades, start=1)
    )
    return Report(force_id=force_id, cycle=cycle, pillar=pillar,
                  headline=f"How {pillar} is the force?", grade=grades[0],
                  grade_source="stated", summary="A summary.", questions=questions)


def add_reports(store: Store, reports: list[Report]) -> None:
    for index, report in enumerate(reports):
        store.add_report(report, sha256=f"{index:064d}", file_name=f"{report.force_id}.txt",
                         kind="txt", size=1)


@pytest.fixture
def hertfordshire_report():
    return parse_file(SAMPLES / "hertfordshire-2016-legitimacy.txt")


def with_narrative(report: Report, number: int, narrative: str) -> Report:
    questions = tuple(dataclasses.replace(q, narrative=narrative) if q.number == number else q
                      for q in report.questions)
    return dataclasses.replace(report, questions=questions)


@pytest.fixture
def modern_store(tmp_path):
    """The 2021/22-onwards fixtures (the saved HTML page is a second copy of one of them)
    beside the two 2016 samples."""
    store = Store.open(tmp_path / "modern.peeldb")
    import_paths(store, [SAMPLES, FIXTURES / "modern"])
    yield store
    store.close()


def formatted_runs(box, shown) -> list[str]:
    """The runs of text in a text box whose character format passes `shown(format)`: the
    words a reader sees highlighted, dimmed and so on."""
    runs = []
    block = box.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if shown(fragment.charFormat()):
                runs.append(fragment.text())
            fragments += 1
        block = block.next()
    return runs
