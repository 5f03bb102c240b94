"""Long texts never hold the window up: the question pane and Compare show the start at once
and the rest piece by piece while the event loop runs; Cancel stops a PDF being read."""

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from peelviewer.core.store import Store
from peelviewer.ui.workers import ImportJob
from tests.conftest import print_to_pdf
from tests.ui.conftest import add_reports, graded_report, with_narrative

pytestmark = pytest.mark.gui

KENT = ("kent", "2017", "legitimacy")
SURREY = ("surrey", "2017", "legitimacy")
MARKUP = "The panel wrote <b>urgent</b> & <img src=x onerror=alert(1)>."
# 180,000 characters in 3,000 paragraphs: long, and within what a report may hold.
LONG_NARRATIVE = "\n\n".join(f"Paragraph {n} says that the force listens to the public."
                             for n in range(3_000)) + "\n\n" + MARKUP


def sentences(verdict: str, count: int = 600) -> str:
    return " ".join(f"Sentence number {n} says the force did {verdict}." for n in range(count))


@pytest.fixture
def long_store(tmp_path):
    store = Store.open(tmp_path / "long.peeldb")
    kent = with_narrative(graded_report(*KENT, [None, None]), 1,
                          sentences("well") + "\n\n" + MARKUP)
    surrey = with_narrative(graded_report(*SURREY, [None, None]), 1,
                            sentences("badly") + "\n\n" + MARKUP)
    add_reports(store, [kent, surrey, with_narrative(graded_report(
        "essex", "2017", "legitimacy", [None, None]), 1, LONG_NARRATIVE)])
    yield store
    store.close()


class Ticks:
    """A 0 ms timer counting the turns of the event loop."""

    def __init__(self):
        self.count = 0
        self._timer = QTimer(interval=0)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self):
        self.count += 1

    def at(self, signal) -> list[int]:
        """The tick counts whenever `signal` is emitted from now on."""
        seen: list[int] = []
        signal.connect(lambda: seen.append(self.count))
        return seen


def test_a_long_narrative_shows_its_start_at_once_and_all_of_it_while_the_window_runs(
        make_window, long_store, qtbot):
    window = make_window(long_store)
    pane = window.detail
    ticks = Ticks()
    rendered_at = ticks.at(pane.narrative_text.rendered)
    with qtbot.waitSignal(pane.narrative_text.rendered, timeout=20_000):
        pane.show_question("essex", "2017", "legitimacy", 1)
        shown = pane.narrative.toPlainText()
        assert shown.startswith("Paragraph 0 says that the force listens to the public.")
        assert "Paragraph 2999" not in shown
    assert rendered_at[0] > 0  # the event loop went on while the text arrived
    assert pane.narrative.toPlainText() == LONG_NARRATIVE  # markup as its characters


def test_a_paragraph_longer_than_a_piece_shows_every_word(make_window, tmp_path, qtbot):
    store = Store.open(tmp_path / "paragraph.peeldb")
    paragraph = " ".join(f"word{n}" for n in range(25_000))  # 163,890 characters, no break
    add_reports(store, [with_narrative(graded_report(*KENT, [None]), 1, paragraph)])
    window = make_window(store)
    with qtbot.waitSignal(window.detail.narrative_text.rendered, timeout=20_000):
        window.detail.show_question(*KENT, 1)
    assert window.detail.narrative.toPlainText().split() == paragraph.split()
    store.close()


def test_another_question_replaces_a_long_narrative_still_arriving(make_window, long_store,
                                                                  qtbot):
    window = make_window(long_store)
    pane = window.detail
    pane.show_question("essex", "2017", "legitimacy", 1)
    pane.step(1)
    ticks = Ticks()
    qtbot.waitUntil(lambda: ticks.count > 50)  # turns enough for the old text to arrive
    assert pane.narrative.toPlainText() == "The force does its work."


def test_a_long_comparison_shows_its_first_rows_at_once_and_all_while_the_window_runs(
        make_window, long_store, qtbot):
    window = make_window(long_store)
    view = window.compare_view
    ticks = Ticks()
    rendered_at = ticks.at(view.rendered)
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        window.compare(KENT, SURREY, "q1")
        shown = view.browser.toPlainText()
        assert "Sentence number 0 says the force did well." in shown
        assert "Sentence number 599" not in shown
    assert rendered_at[0] > 0
    shown = view.browser.toPlainText()
    assert shown.count("Sentence number") == 2 * 600
    assert "Sentence number 599 says the force did badly." in shown
    assert shown.count(MARKUP) == 2  # markup in report text stays characters
    # and the findings after the sentences
    assert "Areas for improvement (1 left · 1 right)" in shown


def framed_in_view(view) -> bool:
    """The current change's frame is drawn, and within the visible part of the text."""
    if view.browser.framed is None:
        return False
    top = view.browser.framed.top() - view.browser.verticalScrollBar().value()
    return top >= 0 and top + view.browser.framed.height() <= view.browser.viewport().height()


def test_the_previous_change_shows_at_once_framed_and_stays_in_view_as_the_rest_arrives(
        make_window, long_store, qtbot):
    window = make_window(long_store)
    window.resize(1200, 500)
    view = window.compare_view
    scroll = view.browser.verticalScrollBar()
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        window.compare(KENT, SURREY, "q1")
        qtbot.mouseClick(view.previous_change, Qt.MouseButton.LeftButton)  # the last change
        count = view.change_count()
        assert count >= 600
        assert view.position.text() == f"change {count} of {count}"
        shown = view.browser.toPlainText()
        assert "Sentence number 599 says the force did badly." in shown  # its row first
        assert "Sentence number 300 " not in shown  # the rows between still to come
        assert framed_in_view(view)
    assert scroll.value() > scroll.maximum() // 2
    assert framed_in_view(view)  # the rows that arrived above it moved the scroll with it


def test_going_to_a_section_while_rows_arrive_shows_it_and_keeps_it_in_view(
        make_window, long_store, qtbot):
    window = make_window(long_store)
    window.resize(1200, 500)
    view = window.compare_view
    window.compare(KENT, SURREY, "q1")
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.sections.setCurrentIndex(view.sections.findData("q2"))
        assert "Sentence number 300 " not in view.browser.toPlainText()
        assert heading_in_view(view, "Q2. How well does the force do task 2?")
    assert heading_in_view(view, "Q2. How well does the force do task 2?")
    assert view.sections.currentData() == "q2"


def heading_in_view(view, heading: str) -> bool:
    """A line starting with `heading` is within the visible part of the text."""
    for y in range(0, view.browser.viewport().height(), 4):
        if view.browser.cursorForPosition(QPoint(10, y)).block().text().startswith(heading):
            return True
    return False


def test_another_comparison_replaces_one_still_arriving(make_window, long_store, qtbot):
    for number, force_id in enumerate(("sussex", "norfolk")):
        long_store.add_report(graded_report(force_id, "2017", "legitimacy", [None, None]),
                              sha256=f"{number + 10:064d}", file_name=f"{force_id}.txt",
                              kind="txt", size=1)
    window = make_window(long_store)
    view = window.compare_view
    window.compare(KENT, SURREY, "q1")
    with qtbot.waitSignal(view.rendered):
        window.compare(("sussex", "2017", "legitimacy"), ("norfolk", "2017", "legitimacy"))
    ticks = Ticks()
    qtbot.waitUntil(lambda: ticks.count > 50)  # turns enough for the old rows to arrive
    shown = view.browser.toPlainText()
    assert "The force does its work." in shown
    assert "Sentence number" not in shown


def test_cancel_stops_a_pdf_being_read_and_stores_nothing_of_it(qtbot, tmp_path, hampshire):
    pdf = print_to_pdf(hampshire.read_text(encoding="utf-8"), tmp_path / "hampshire.pdf")
    library = tmp_path / "library.peeldb"
    Store.open(library).close()
    job = ImportJob(library, [pdf])
    # On the worker's thread as the file starts: the cancel lands while the PDF is read.
    job.worker.progress.connect(lambda *_: job.cancel(), Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(job.done, timeout=30_000) as done:
        job.start()
    summary = done.args[0]
    assert [result.line() for result in summary.results] == ["failed: hampshire.pdf: cancelled"]
    assert summary.cancelled
    store = Store.open(library)
    assert store.counts()["reports"] == 0
    store.close()
