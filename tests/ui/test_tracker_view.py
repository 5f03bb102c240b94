"""The Findings tab: filters and sort, edits saved to the library as they are made, links
unlinked and linked again, notes no longer in the library, exports of what is shown, and a
finding opened by a double-click or Enter."""

import csv
import dataclasses
import sqlite3

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from peelviewer.core import tracker
from peelviewer.core.model import AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, Finding, Grade
from peelviewer.core.store import Store
from peelviewer.core.tracker_links import raised_before
from peelviewer.ui.palette import Palette
from peelviewer.ui.tracker import ALL, HINT, TrackerView
from peelviewer.ui.tracker_model import CYCLE, DUE, FINDING, KIND, NOTES, RAG, STATUS
from tests.ui.conftest import RecordingDialogs
from tests.workbench_data import fill, pillar_report


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "l.peeldb"
    store = Store.open(path)
    fill(store)
    yield store
    store.close()


@pytest.fixture
def view(qtbot, library):
    view = TrackerView(library, Palette(), RecordingDialogs())
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show_force("kent")
    view.show()
    qtbot.waitExposed(view)
    return view


def choose(box: QComboBox, data) -> None:
    box.setCurrentIndex(box.findData(data))


def row_index(view, predicate, column=FINDING):
    for number in range(view.proxy.rowCount()):
        index = view.proxy.index(number, column)
        if predicate(view.model.rows[view.proxy.mapToSource(index).row()]):
            return index
    raise AssertionError("no such row shown")


def kent_area_2017(row):
    return row.cycle == "2017" and row.kind == "area_for_improvement" and row.question_number == 1


def test_one_force_s_findings_with_a_count(view):
    assert {row.force_id for row in view.rows} == {"kent"}
    assert len(view.rows) == 16  # 3 + 9 + 4; no practice
    assert view.count.text() == "16 findings (16 shown)"
    assert view.table.isColumnHidden(0)  # one force: no Force column
    view.scope.setCurrentIndex(view.scope.findData(ALL))
    assert {row.force_id for row in view.rows} == {"kent", "essex", "surrey", "sussex",
                                                  "hampshire"}
    assert not view.table.isColumnHidden(0)


def test_all_forces_only_when_the_user_chooses_them_and_then_they_stay(view):
    view.show_force(None)  # the window has no one force chosen: the last force stays
    assert {row.force_id for row in view.rows} == {"kent"}
    assert view.scope.currentText() == "Kent Police"
    view.show_force("essex")
    assert {row.force_id for row in view.rows} == {"essex"}
    assert view.scope.currentText() == "Essex Police"
    view.scope.setCurrentIndex(view.scope.findData(ALL))
    view.show_force("kent")
    assert len({row.force_id for row in view.rows}) == 5
    view.show_force(None)
    assert len({row.force_id for row in view.rows}) == 5
    view.scope.setCurrentIndex(0)
    assert {row.force_id for row in view.rows} == {"kent"}


def test_before_any_force_a_hint_says_what_to_choose(qtbot, library):
    view = TrackerView(library, Palette(), RecordingDialogs())
    qtbot.addWidget(view)
    view.show_force(None)
    view.show()
    qtbot.waitExposed(view)
    assert view.hint.isVisible()
    assert view.hint.text() == HINT == "Choose a force in the Forces list, or All forces above"
    assert view.rows == []
    assert not view.table.isVisible()
    assert not view.count.isVisible()  # no "No findings": nothing was asked for yet
    view.scope.setCurrentIndex(view.scope.findData(ALL))
    assert len({row.force_id for row in view.rows}) == 5
    assert not view.hint.isVisible()
    assert view.table.isVisible()


def test_filters_narrow_the_table_and_the_count_says_so(view, library):
    choose(view.kind_box, CAUSE_OF_CONCERN)
    assert {row.kind for row in view.shown_rows()} == {CAUSE_OF_CONCERN}
    assert view.count.text() == "16 findings (3 shown)"
    choose(view.kind_box, "")
    choose(view.cycle_box, "2023-25")
    assert len(view.shown_rows()) == 4
    choose(view.cycle_box, "")
    view.words.setText("ethical LAWFUL")
    assert {row.question_label for row in view.shown_rows()} == {"Ethical and lawful behaviour"}
    view.words.clear()
    tracker.set_fields(library, view.rows[0], status="open", rag="red")
    view.refresh()
    choose(view.status_box, "open")
    assert [row.key for row in view.shown_rows()] == [view.rows[0].key]
    choose(view.status_box, "")
    choose(view.rag_box, "\x00not set")
    assert len(view.shown_rows()) == 15


def test_every_column_sorts(view, library):
    tracker.set_fields(library, view.rows[5], rag="green")
    tracker.set_fields(library, view.rows[9], rag="red")
    view.refresh()
    view.table.sortByColumn(RAG, Qt.SortOrder.AscendingOrder)
    assert [row.rag for row in view.shown_rows()[:3]] == ["red", "green", ""]
    view.table.sortByColumn(CYCLE, Qt.SortOrder.DescendingOrder)
    assert view.shown_rows()[0].cycle == "2023-25"
    assert view.shown_rows()[-1].cycle == "2016"
    view.table.sortByColumn(KIND, Qt.SortOrder.DescendingOrder)
    assert view.shown_rows()[0].kind == "recommendation"


def test_a_status_chosen_in_the_table_is_in_the_library(view, library, qtbot):
    index = row_index(view, kent_area_2017, STATUS)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.viewport().findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData("closed"))
    editor.activated.emit(editor.currentIndex())
    assert index.data() == "Closed"
    path = library.path
    with Store.open(path) as again:
        saved = next(r for r in tracker.tracker_rows(again.db.conn, "kent")
                     if kent_area_2017(r))
    assert saved.status == "closed"


def test_a_refused_due_date_says_why_and_is_not_kept(view, library):
    index = row_index(view, kent_area_2017, DUE)
    assert not view.proxy.setData(index, "next Tuesday")
    assert view.message.text() == ("Not saved: 'next Tuesday' is not a date (write it as "
                                   "2025-03-31)")
    assert all(row.due == "" for row in tracker.tracker_rows(library.db.conn, "kent"))
    view.table.edit(index)
    editor = view.table.viewport().findChild(QLineEdit)
    editor.setText("2025-09-30")
    view.table.commitData(editor)
    assert index.data() == "2025-09-30"
    assert view.message.text() == ""
    assert any(row.due == "2025-09-30" for row in tracker.tracker_rows(library.db.conn, "kent"))


def test_double_click_and_enter_open_the_finding_s_question(view, qtbot):
    index = row_index(view, kent_area_2017)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.findingChosen) as chosen:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert chosen.args == ["kent", "2017", "legitimacy", 1]
    modern = row_index(view, lambda row: row.cycle == "2023-25" and row.question_number == 3)
    view.table.setCurrentIndex(modern)
    with qtbot.waitSignal(view.findingChosen) as chosen:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert chosen.args == ["kent", "2023-25", "force", 3]


def test_the_panel_shows_links_that_can_be_unlinked_and_linked_again(view, library):
    view.table.setCurrentIndex(row_index(view, kent_area_2017))
    panel = view.panel
    assert panel.text.text().startswith("The force should improve the way it records")
    assert panel.text.textFormat() == Qt.TextFormat.PlainText
    (label,) = panel.link_labels
    assert label.text().startswith("2016 (97%), Area for improvement: The force should "
                                   "improve how it records")
    panel.buttons[0].click()
    row = next(r for r in tracker.tracker_rows(library.db.conn, "kent") if kent_area_2017(r))
    assert len(row.unlinked) == 1
    assert [b.text() for b in panel.buttons][-1] == "Link again"
    assert "2016 (97%)" not in row_index(view, kent_area_2017, 5).data()
    panel.buttons[-1].click()
    row = next(r for r in tracker.tracker_rows(library.db.conn, "kent") if kent_area_2017(r))
    assert row.unlinked == frozenset()
    assert [b.text() for b in panel.buttons] == ["Unlink"]
    assert row_index(view, kent_area_2017, 5).data() == "2016 (97%)"


def test_notes_whose_finding_left_the_library_are_counted_and_listed(view, library):
    tracker.set_fields(library, next(r for r in view.rows if kent_area_2017(r)),
                       notes="Chased in May")
    library.remove_report("kent", "2017", "legitimacy")
    view.refresh()
    assert view.orphan_note.text() == "1 tracked finding no longer in the library"
    view.show_orphans.click()
    title, text = view.dialogs.shown[-1]
    assert title == "No longer in the library"
    assert "notes: Chased in May" in text
    library.add_report(pillar_report("kent", "2017", "legitimacy", [Grade.GOOD] * 3,
                                     later=True, cause=True),
                       sha256="x" * 64, file_name="k.txt", kind="txt", size=1)
    view.refresh()
    assert view.orphan_note.isHidden()


def test_all_forces_get_their_links_without_holding_up_the_table(view, qtbot):
    view.scope.setCurrentIndex(view.scope.findData(ALL))
    assert len(view.rows) == 56  # kent 16, four forces of 10
    essex = next(r for r in view.rows if r.force_id == "essex" and kent_area_2017(r))
    qtbot.waitUntil(lambda: essex.key in view.links)
    assert view.links[essex.key][0].cycle == "2016"


def test_exports_hold_what_the_filters_show(view, library, tmp_path):
    tracker.set_fields(library, next(r for r in view.rows if kent_area_2017(r)),
                       status="in progress", owner="<b>Ann</b>", rag="amber",
                       notes='=HYPERLINK("http://x.example","Open")')
    view.refresh()
    choose(view.cycle_box, "2017")
    choose(view.kind_box, "area_for_improvement")
    view.dialogs.save_paths = {"csv": tmp_path / "f.csv", "pdf": tmp_path / "f.pdf"}
    view.export_csv.click()
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.DictReader(file))
    assert [line["Cycle"] for line in read] == ["2017"] * 3
    assert read[0]["Owner"] == "<b>Ann</b>"
    assert read[0]["Notes"] == "'=HYPERLINK(\"http://x.example\",\"Open\")"  # no formula
    assert read[0]["Raised before"].startswith("2016 (97%): The force should improve how")
    view.export_pdf.click()
    pdf = pypdfium2.PdfDocument(tmp_path / "f.pdf")
    text = " ".join("".join(pdf[i].get_textpage().get_text_range()
                            for i in range(len(pdf))).split())
    assert "Findings tracker: Kent Police" in text
    assert "Kent Police; Area for improvement; 2017" in text
    assert "<b>Ann</b>" in text.replace(" ", "")
    assert "In progress" in text
    assert "Amber" in text
    assert "The force does not understand" not in text  # causes of concern filtered out
    assert text.count("The force should improve the way") == 3


def test_a_finding_s_words_are_shown_as_they_are(qtbot, tmp_path):
    with Store.open(tmp_path / "m.peeldb") as store:
        report = pillar_report("kent", "2016", "legitimacy", [None])
        odd = Finding("area_for_improvement", "Use <b>bold</b> & <a href='x'>links</a>.")
        question = dataclasses.replace(report.questions[0], findings=(odd,))
        report = dataclasses.replace(report, questions=(question,))
        store.add_report(report, sha256="m" * 64, file_name="m.txt", kind="txt", size=1)
        view = TrackerView(store, Palette(), RecordingDialogs())
        qtbot.addWidget(view)
        view.show_force("kent")
        view.table.setCurrentIndex(view.proxy.index(0, FINDING))
        assert view.panel.text.text() == "Use <b>bold</b> & <a href='x'>links</a>."
        assert view.panel.text.textFormat() == Qt.TextFormat.PlainText


def plain_text(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def test_tooltips_show_the_words_as_they_are(view, library):
    row = next(r for r in view.rows if kent_area_2017(r))
    notes = "The force should review <b>Operation Bold</b> & <i>more</i>"
    tracker.set_fields(library, row, notes=notes)
    view.refresh()
    tip = row_index(view, kent_area_2017, NOTES).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip
    assert plain_text(tip) == notes
    finding_tip = row_index(view, kent_area_2017).data(Qt.ItemDataRole.ToolTipRole)
    assert plain_text(finding_tip) == row.text


def test_a_damaged_library_is_read_and_never_written(view, library):
    essex = next(r for r in tracker.tracker_rows(library.db.conn, "essex")
                 if r.cycle == "2017" and r.question_number == 1)
    tracker.set_fields(library, essex, notes="Chased in May")
    library.remove_report("essex", "2017", "legitimacy")
    report = pillar_report("essex", "2017", "legitimacy", [Grade.GOOD] * 3, later=True)
    question = report.questions[0]
    retyped = dataclasses.replace(question.findings[0],
                                  text=essex.text.replace("the way", "the way that"))
    report = dataclasses.replace(report, questions=(
        dataclasses.replace(question, findings=(retyped,)), *report.questions[1:]))
    library.add_report(report, sha256="e" * 64, file_name="e.txt", kind="txt", size=1)
    library.damage = "database disk image is malformed"
    view.show_force("essex")
    assert {row.force_id for row in view.rows} == {"essex"}
    assert view.orphan_note.text() == "1 tracked finding no longer in the library"
    assert not any(row.notes for row in view.rows)  # not moved: that would be a write


class Window(QWidget):
    """A window that hears of library failures, as the main window does."""

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.failures = []

    def library_failed(self, error):
        self.failures.append(error)


def test_a_failed_read_leaves_no_other_force_s_rows(qtbot, library, monkeypatch):
    window = Window(library)
    qtbot.addWidget(window)
    view = TrackerView(library, Palette(), RecordingDialogs(), window)
    QVBoxLayout(window).addWidget(view)
    view.show_force("kent")
    assert view.rows
    read = tracker.tracker_data

    def failing(conn, force_id):
        if force_id == "essex":
            raise sqlite3.DatabaseError("database disk image is malformed")
        return read(conn, force_id)

    monkeypatch.setattr(tracker, "tracker_data", failing)
    view.show_force("essex")
    assert len(window.failures) == 1
    assert view.rows == []
    assert view.proxy.rowCount() == 0
    assert view.count.text() == "No findings (none shown)"
    assert view.scope.currentText() == "Essex Police"


def test_an_edit_reaches_every_row_of_the_same_words(qtbot, tmp_path):
    with Store.open(tmp_path / "twice.peeldb") as store:
        report = pillar_report("kent", "2016", "legitimacy", [Grade.GOOD, Grade.GOOD])
        same = Finding(AREA_FOR_IMPROVEMENT, "The force should improve its vetting.")
        report = dataclasses.replace(report, questions=tuple(
            dataclasses.replace(q, findings=(same,)) for q in report.questions))
        store.add_report(report, sha256="t" * 64, file_name="t.txt", kind="txt", size=1)
        view = TrackerView(store, Palette(), RecordingDialogs())
        qtbot.addWidget(view)
        view.show_force("kent")
        assert view.proxy.rowCount() == 2
        assert view.proxy.setData(view.proxy.index(0, STATUS), "closed")
        assert [view.proxy.index(n, STATUS).data() for n in range(2)] == ["Closed", "Closed"]
        assert [view.proxy.index(n, 2).data() for n in range(2)] == [
            "1. Treatment of the public", "2. Ethical and lawful behaviour"]


def test_an_unlink_made_while_all_forces_are_linked_stays(view, qtbot):
    view.scope.setCurrentIndex(view.scope.findData(ALL))  # links come force by force

    def kent_s(r):
        return r.force_id == "kent" and kent_area_2017(r)

    row = next(r for r in view.rows if kent_s(r))
    (link,) = raised_before([r for r in view.rows if r.force_id == "kent"])[row.key]
    view.set_link(row, link, linked=False)
    sussex = next(r for r in view.rows if r.force_id == "sussex" and kent_area_2017(r))
    qtbot.waitUntil(lambda: sussex.key in view.links)  # the last force linked
    assert row.key not in view.links
    assert row_index(view, kent_s, 5).data() == ""
