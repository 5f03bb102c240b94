"""The Timeline tab: a force's grades across cycles in colour and letters, the scale break,
a cell opening its question by click or Enter, the hint with no force, and the exports."""

import csv
import dataclasses

import pypdfium2
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from peelviewer.core.importer import import_paths
from peelviewer.core.model import Grade, Question, Report
from peelviewer.core.store import Store
from peelviewer.ui.palette import Palette
from peelviewer.ui.timeline import HINT, RULE, TimelineView
from tests.conftest import SAMPLES
from tests.ui.conftest import RecordingDialogs
from tests.workbench_data import modern_report, pillar_report


@pytest.fixture
def library(workbench_store):
    return workbench_store


@pytest.fixture
def make_view(qtbot, settings):
    def make(store):
        view = TimelineView(store, Palette(settings), RecordingDialogs())
        qtbot.addWidget(view)
        view.resize(1100, 650)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


@pytest.fixture
def view(make_view, library):
    view = make_view(library)
    view.show_force("kent")
    return view


def index_of(view, label, cycle):
    rows = [row.label for row in view.timeline.rows]
    return view.model.index(rows.index(label), view.timeline.cycles.index(cycle))


def shown(view, label, cycle) -> str:
    return index_of(view, label, cycle).data()


def click(qtbot, view, index):
    view.table.scrollTo(index)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_force_across_its_cycles_with_a_title_and_the_scale_in_the_headings(view):
    assert view.pages.currentWidget() is not view.hint
    assert view.title.text() == "Kent Police: three cycles, three reports"
    headings = [view.model.headerData(i, Qt.Orientation.Horizontal)
                for i in range(view.model.columnCount())]
    assert headings == ["2016\n4 grades", "2017", "2023-25\n5 grades"]
    labels = [view.model.headerData(i, Qt.Orientation.Vertical)
              for i in range(view.model.rowCount())]
    assert labels[0] == "Legitimacy"
    assert "Treatment of the public" in labels
    assert "five grades" in view.key.text()
    assert shown(view, "Legitimacy", "2016") == "I"
    assert shown(view, "Treatment of the public", "2017") == "RI"
    assert shown(view, "Responding to the public", "2023-25") == "A"
    assert shown(view, "Responding to the public", "2016") == ""


def test_cells_are_painted_in_the_palette_s_colours_with_the_rule_at_the_break(view, qtbot):
    image = view.table.viewport().grab().toImage()
    palette = view.palette
    legitimacy_2016 = view.table.visualRect(index_of(view, "Legitimacy", "2016"))
    assert image.pixelColor(legitimacy_2016.topLeft() + QPoint(6, 8)) == palette.fill(
        int(Grade.INADEQUATE))
    area = view.table.visualRect(index_of(view, "Responding to the public", "2023-25"))
    assert image.pixelColor(area.topLeft() + QPoint(8, 8)) == palette.fill(int(Grade.ADEQUATE))
    assert image.pixelColor(area.topLeft() + QPoint(1, 8)) == RULE  # the thick line
    before = view.table.visualRect(index_of(view, "Responding to the public", "2017"))
    assert image.pixelColor(before.topLeft() + QPoint(1, 8)) != RULE


def test_tooltips_and_screen_readers_get_the_grade_in_words(view, library):
    report = pillar_report("kent", "2018/19", "legitimacy", [Grade.GOOD])
    question = dataclasses.replace(report.questions[0], carried_over=True,
                                   grade_source="carried")
    library.add_report(dataclasses.replace(report, questions=(question,)),
                       sha256="carried", file_name="k.txt", kind="text", size=1)
    view.refresh()
    index = index_of(view, "Treatment of the public", "2018/19")
    assert index.data() == "G*"
    assert "2018/19: Good (carried over)" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Treatment of the public, 2018/19: Good (carried over)")
    empty = index_of(view, "Treatment of the public", "2023-25")
    tip = empty.data(Qt.ItemDataRole.ToolTipRole)
    assert "2023-25: not in the force&#x27;s 2023-25 reports" in tip
    assert view.table.accessibleName() == "Grades across PEEL cycles"


def test_clicking_a_cell_opens_its_question(view, qtbot):
    with qtbot.waitSignal(view.cellChosen) as chosen:
        click(qtbot, view, index_of(view, "Ethical and lawful behaviour", "2017"))
    assert chosen.args == ["kent", "2017", "legitimacy", 2]
    with qtbot.waitSignal(view.cellChosen) as chosen:
        click(qtbot, view, index_of(view, "Investigating crime", "2023-25"))
    assert chosen.args == ["kent", "2023-25", "force", 1]
    with qtbot.waitSignal(view.cellChosen) as chosen:
        click(qtbot, view, index_of(view, "Legitimacy", "2016"))
    assert chosen.args == ["kent", "2016", "legitimacy", None]  # the report's overall grade


def test_a_cell_with_no_report_opens_nothing(view, qtbot):
    with qtbot.assertNotEmitted(view.cellChosen):
        click(qtbot, view, index_of(view, "Investigating crime", "2016"))


def test_the_keys_move_between_cells_and_enter_opens_one(view, qtbot):
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    assert view.table.currentIndex() == view.model.index(0, 0)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right):
        qtbot.keyClick(view.table, key)
    row = view.timeline.rows[2]
    with qtbot.waitSignal(view.cellChosen) as chosen:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert chosen.args == ["kent", "2017", "legitimacy", row.cells["2017"].number]


def test_no_force_shows_the_hint_and_no_exports(view):
    view.show_force(None)
    assert view.timeline is None
    assert view.pages.currentWidget() is view.hint
    assert view.hint.text() == HINT
    assert view.hint.textFormat() == Qt.TextFormat.PlainText
    assert not view.csv_button.isEnabled()
    assert not view.pdf_button.isEnabled()
    view.show_force("essex")
    assert view.csv_button.isEnabled()
    assert view.title.text().startswith("Essex Police:")


def test_a_force_with_one_cycle_and_a_force_with_none(make_view, tmp_path):
    store = Store.open(tmp_path / "one.peeldb")
    try:
        report = pillar_report("surrey", "2016", "legitimacy", [Grade.GOOD, Grade.OUTSTANDING])
        store.add_report(report, sha256="one", file_name="s.txt", kind="text", size=1)
        view = make_view(store)
        view.show_force("surrey")
        assert view.title.text() == "Surrey Police: one cycle, one report"
        assert view.model.columnCount() == 1
        assert view.model.headerData(0, Qt.Orientation.Horizontal) == "2016\n4 grades"
        assert "five grades" not in view.key.text()  # no break to explain
        assert shown(view, "Ethical and lawful behaviour", "2016") == "O"
        view.show_force("dorset")
        assert view.pages.currentWidget() is view.hint
        assert view.hint.text() == "No reports of Dorset Police in the library yet"
        assert not view.csv_button.isEnabled()  # nothing to export: no empty PDF
        assert not view.pdf_button.isEnabled()
    finally:
        store.close()


def test_going_from_force_to_force_down_to_one_without_reports(view, library):
    # Each timeline smaller than the last: the headers ask for rows and cycles that are gone.
    library.add_report(pillar_report("durham", "2016", "efficiency", [Grade.GOOD]),
                       sha256="durham", file_name="d.txt", kind="text", size=1)
    view.show_force("durham")
    assert view.title.text() == "Durham Constabulary: one cycle, one report"
    assert view.model.headerData(1, Qt.Orientation.Vertical) == "Understanding demand"
    assert view.model.headerData(5, Qt.Orientation.Vertical) is None
    assert view.model.headerData(2, Qt.Orientation.Horizontal) is None
    view.show_force("dorset")
    assert view.pages.currentWidget() is view.hint
    assert view.hint.text() == "No reports of Dorset Police in the library yet"
    view.show_force("kent")
    assert view.model.rowCount() == len(view.timeline.rows)


def test_refresh_reads_an_import(view, library):
    assert "2021/22" not in view.timeline.cycles
    report = pillar_report("kent", "2017", "efficiency", [Grade.GOOD])
    library.add_report(report, sha256="more", file_name="e.txt", kind="text", size=1)
    view.refresh()
    assert view.title.text() == "Kent Police: three cycles, four reports"
    report = modern_report("kent", "2021/22", {"treatment-of-public": Grade.ADEQUATE})
    library.add_report(report, sha256="new", file_name="k.txt", kind="text", size=1)
    view.refresh()
    assert view.timeline.cycles == ("2016", "2017", "2021/22", "2023-25")
    assert view.model.headerData(2, Qt.Orientation.Horizontal) == "2021/22\n5 grades"
    assert view.model.headerData(3, Qt.Orientation.Horizontal) == "2023-25"
    assert shown(view, "Treatment of the public", "2021/22") == "A"


def test_export_csv_writes_what_the_table_shows(view, tmp_path):
    path = tmp_path / "kent.csv"
    view.dialogs.save_paths = {"csv": path}
    view.csv_button.click()
    assert view.dialogs.suggested.name == "timeline-kent.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Question or area", "2016", "2017", "2023-25"]
    assert rows[1] == ["Grade scale", "4 grades", "4 grades", "5 grades"]
    assert ["Treatment of the public", "Good", "Requires improvement", ""] in rows
    assert view.status.text() == f"Saved the timeline to {path}"


def test_export_pdf_holds_the_force_and_its_cycles(view, tmp_path):
    path = tmp_path / "kent.pdf"
    view.dialogs.save_paths = {"pdf": path}
    view.pdf_button.click()
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    for words in ("Kent Police across PEEL cycles", "2016", "2017", "2023-25", "5 grades",
                  "Treatment of the public", "adequate was added"):
        assert words in text
    assert view.status.text() == f"Saved the timeline to {path}"


def test_an_export_that_cannot_be_written_says_why_in_one_line(view, tmp_path):
    view.dialogs.save_paths = {"pdf": tmp_path, "csv": tmp_path / "missing" / "k.csv"}
    view.pdf_button.click()
    view.csv_button.click()
    assert [title for title, _ in view.dialogs.shown] == ["The PDF was not saved",
                                                          "The CSV was not saved"]
    assert all("\n" not in text for _, text in view.dialogs.shown)
    assert view.status.text() == ""


def test_a_cancelled_export_writes_nothing(view, tmp_path):
    view.csv_button.click()  # save_file answers None
    assert view.dialogs.shown == []
    assert view.status.text() == ""
    assert list(tmp_path.glob("*.csv")) == []


def test_the_real_samples_show_hampshire_s_2016_legitimacy_questions(make_view, tmp_path):
    store = Store.open(tmp_path / "samples.peeldb")
    try:
        import_paths(store, [SAMPLES])
        view = make_view(store)
        view.show_force("hampshire")
        assert view.title.text() == "Hampshire Constabulary: one cycle, one report"
        assert shown(view, "Treatment of the public", "2016") == "G"
        assert shown(view, "Ethical and lawful behaviour", "2016") == "G"
        assert shown(view, "Developing a positive workplace", "2016") == "RI"
        tip = index_of(view, "Treatment of the public", "2016").data(
            Qt.ItemDataRole.ToolTipRole)
        assert "treat all of the people it serves with fairness and respect" in tip
    finally:
        store.close()


def test_report_text_that_looks_like_markup_is_shown_as_it_is(make_view, tmp_path):
    store = Store.open(tmp_path / "markup.peeldb")
    try:
        store.add_report(Report("gwent", "2014", "efficiency", questions=(
            Question(2, "Is <b>this</b> & that <i>done</i>?", grade=Grade.GOOD,
                     grade_source="stated"),)), sha256="m", file_name="g.txt", kind="text",
            size=1)
        view = make_view(store)
        view.show_force("gwent")
        label = view.model.headerData(1, Qt.Orientation.Vertical)
        assert label == "Efficiency Q2: Is <b>this</b> & that <i>done</i>?"
        tip = view.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert "Is &lt;b&gt;this&lt;/b&gt; &amp; that" in tip  # escaped: shown, not obeyed
    finally:
        store.close()


def test_a_cycle_the_framework_does_not_know_has_no_scale_guessed_from_its_name(make_view,
                                                                               tmp_path):
    store = Store.open(tmp_path / "synthetic.peeldb")
    try:
        for number, report in enumerate((
                pillar_report("gwent", "2017", "legitimacy", [Grade.GOOD]),
                Report("gwent", "S000", None, questions=(
                    Question(1, "Investigating crime", grade=Grade.ADEQUATE,
                             grade_source="stated", key="investigating-crime"),)),
                pillar_report("gwent", "S001", "legitimacy", [Grade.GOOD]),
                pillar_report("gwent", "S001", "efficiency", [Grade.GOOD]))):
            store.add_report(report, sha256=str(number), file_name=f"{number}.txt",
                             kind="text", size=1)
        # The library says S001's two reports are on different scales: nothing to say.
        store.db.execute("update reports set scale = 5 where cycle = 'S001' "
                         "and section = 'efficiency'")
        view = make_view(store)
        view.show_force("gwent")
        headings = [view.model.headerData(i, Qt.Orientation.Horizontal)
                    for i in range(view.model.columnCount())]
        assert headings == ["2017\n4 grades", "S000\n5 grades", "S001"]
        assert "five grades" in view.key.text()  # the break before S000
    finally:
        store.close()


def test_a_shortened_question_s_row_shows_its_whole_wording_on_hover(make_view, tmp_path):
    wording = ("To what extent is the force taking the necessary steps to ensure a secure "
               "financial position for the <short> and long term?")
    store = Store.open(tmp_path / "long.peeldb")
    try:
        store.add_report(Report("gwent", "2014", "efficiency", questions=(
            Question(1, wording, grade=Grade.GOOD, grade_source="stated"),)),
            sha256="l", file_name="g.txt", kind="text", size=1)
        view = make_view(store)
        view.show_force("gwent")
        assert view.model.headerData(1, Qt.Orientation.Vertical).endswith("steps to…")
        tip = view.model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        assert "the &lt;short&gt; and long term?" in tip
    finally:
        store.close()


def test_a_user_s_colours_paint_the_cells(qtbot, library, settings):
    settings.setValue("colours/good", "#00AA00")
    view = TimelineView(library, Palette(settings), RecordingDialogs())
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    view.show_force("kent")
    qtbot.waitExposed(view)
    rect = view.table.visualRect(index_of(view, "Treatment of the public", "2016"))
    image = view.table.viewport().grab().toImage()
    assert image.pixelColor(rect.topLeft() + QPoint(6, 8)) == QColor("#00AA00")
