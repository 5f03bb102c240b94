"""Template text as a reader meets it: sentences many forces' reports of a cycle share are
dimmed in the Question pane and in Compare (with a note saying so), the force's own are not;
the search highlight, long texts shown piece by piece and Compare's changes all still show;
with the setting off, nothing is dimmed."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextFormat

from peelviewer.core.colours import TEMPLATE_INK, contrast
from peelviewer.core.comparison.html import CHANGED_INK
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import Grade, Question, Report
from peelviewer.core.template_text import index_all
from peelviewer.ui.compare import CompareView
from peelviewer.ui.detail import DetailPane
from peelviewer.ui.highlight import HIGHLIGHT_COLOUR, dim_ink
from peelviewer.ui.palette import Palette
from peelviewer.ui.reading_box import PIECE_CHARS
from tests.ui.conftest import formatted_runs
from tests.workbench_data import OWN, TEMPLATE

pytestmark = pytest.mark.gui

KENT_2016 = ("kent", "2016", "legitimacy")
KENT_2017 = ("kent", "2017", "legitimacy")
ESSEX_2016 = ("essex", "2016", "legitimacy")
KENT = force_by_id("kent").name
ESSEX = force_by_id("essex").name
KENT_TEMPLATE = TEMPLATE.format(name=KENT)
KENT_OWN = OWN.format(name=KENT, count=len(KENT) * 7 + 1)  # question 1's
DELETED_BACKGROUND = "#f2b2a8"  # comparison.html.DELETED_WORDS
INSERTED_BACKGROUND = "#a9d8b4"  # comparison.html.INSERTED_WORDS
KEY = " · grey text: template wording found in at least 3 forces' reports of the cycle"


@pytest.fixture
def store(workbench_store):
    return workbench_store


@pytest.fixture
def pane(qtbot, store, settings):
    pane = DetailPane(store, Palette(settings))
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show()
    return pane


@pytest.fixture
def view(qtbot, store):
    view = CompareView(store)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    return view


def dimmed(box) -> list[str]:
    """The runs of text shown in the template grey."""
    colour = QColor(TEMPLATE_INK)
    return formatted_runs(box, lambda text_format: text_format.foreground().color() == colour)


def formats(box, phrase: str, at: int | None = None) -> list:
    """The character format of each place `phrase` is shown, at its character `at` (its
    middle by default)."""
    found, cursor = [], QTextCursor(box.document())
    while True:
        cursor = box.document().find(phrase, cursor)
        if cursor.isNull():
            return found
        middle = QTextCursor(box.document())
        middle.setPosition(cursor.selectionStart() + (len(phrase) // 2 if at is None else at))
        found.append(middle.charFormat())


def is_dimmed(text_format) -> bool:
    return text_format.foreground().color() == QColor(TEMPLATE_INK)


def has_own_ink(text_format) -> bool:
    """Shown in the box's own text colour: no colour of ours."""
    return not text_format.hasProperty(QTextFormat.Property.ForegroundBrush)


# The Question pane


def test_the_template_sentence_is_dimmed_with_a_note_and_the_forces_own_is_not(pane):
    pane.show_question(*KENT_2016, 1)
    box = pane.narrative
    assert box.toPlainText() == f"{KENT_TEMPLATE} {KENT_OWN}"  # the text as it is
    [template] = formats(box, "keeps people safe and reduces crime")
    assert is_dimmed(template)
    assert template.toolTip() == "Template text: in 5 forces' reports of PEEL 2016"
    [own] = formats(box, "new patrol cars")
    assert has_own_ink(own)
    assert "".join(dimmed(box)) == KENT_TEMPLATE
    assert box.note.isVisible()
    assert box.note.text() == ("1 of 2 sentences is template text (dimmed): wording found in "
                               "at least 3 forces' reports of this cycle")
    base = box.palette().color(QPalette.ColorRole.Base).name()
    assert contrast(TEMPLATE_INK, base) >= 4.5
    # The pillar summary is the template sentence alone.
    assert "".join(dimmed(pane.summary)) == KENT_TEMPLATE
    assert pane.summary.note.text().startswith("1 of 1 sentence is template text")


def test_the_note_follows_the_question_shown(pane):
    pane.show_question(*KENT_2016, 1)
    pane.step(1)
    assert pane.narrative.toPlainText() == (
        f"{KENT_TEMPLATE} {OWN.format(name=KENT, count=len(KENT) * 7 + 2)}")
    assert "".join(dimmed(pane.narrative)) == KENT_TEMPLATE
    assert pane.narrative.note.text().startswith("1 of 2 sentences")
    pane.clear("Nothing shown")
    assert not pane.narrative.note.isVisible()
    assert dimmed(pane.narrative) == []


def test_with_the_setting_off_nothing_is_dimmed_and_no_note_shows(pane):
    pane.show_question(*KENT_2016, 1)
    pane.set_dim_template(False)
    assert not pane.dim_template
    for box in (pane.narrative, pane.summary):
        assert dimmed(box) == []
        assert not box.note.isVisible()
    [template] = formats(pane.narrative, "keeps people safe")
    assert has_own_ink(template)
    assert not template.toolTip()
    assert pane.narrative.toPlainText() == f"{KENT_TEMPLATE} {KENT_OWN}"
    pane.show_question(*ESSEX_2016, 2)  # stays off for what is shown next
    assert dimmed(pane.narrative) == []
    pane.set_dim_template(True)
    assert "".join(dimmed(pane.narrative)) == TEMPLATE.format(name=ESSEX)
    assert pane.narrative.note.isVisible()


def test_a_search_highlight_shows_inside_a_dimmed_sentence(pane):
    pane.show_question(*KENT_2016, 1, highlight="reduces")
    [word] = formats(pane.narrative, "reduces")
    assert word.background().color() == QColor(HIGHLIGHT_COLOUR)
    assert word.toolTip().startswith("Template text")  # still part of the template
    [around] = formats(pane.narrative, "people safe")
    assert is_dimmed(around)
    assert "".join(dimmed(pane.narrative)) == KENT_TEMPLATE.replace("reduces", "")
    pane.step(1)  # opening something else drops the highlight, not the dimming
    assert formats(pane.narrative, "reduces")[0].background().color() != QColor(
        HIGHLIGHT_COLOUR)
    assert "".join(dimmed(pane.narrative)) == KENT_TEMPLATE


@pytest.mark.parametrize(("text", "base"), [("#000000", "#ffffff"), ("#ffffff", "#1e1e1e"),
                                            ("#e0e0e0", "#303030")])
def test_the_dimmed_ink_reads_well_in_light_and_dark_themes(text, base):
    ink = dim_ink(text, base)
    assert contrast(ink, base) >= 4.5
    assert contrast(ink, base) < contrast(text, base)  # dimmer than the text around it


def test_the_tooltip_of_a_dimmed_sentence_shows_under_the_mouse(pane, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    pane.show_question(*KENT_2016, 1)
    box = pane.narrative
    cursor = box.document().find("reduces")
    where = box.cursorRect(cursor).center()
    QCoreApplication.sendEvent(box.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, where, box.viewport().mapToGlobal(where)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Template text: in 5 forces' reports of PEEL 2016"
    QToolTip.hideText()


def add_pillar_reports(store, cycle: str, narratives: dict[str, str]) -> None:
    """A one-question legitimacy report of `cycle` for each force, then the index."""
    for force_id, narrative in narratives.items():
        report = Report(
            force_id=force_id, cycle=cycle, pillar="legitimacy", headline="Legitimacy",
            grade=Grade.GOOD, grade_source="stated", summary="",
            questions=(Question(number=1, text="How fair is the force?", grade=Grade.GOOD,
                                grade_source="stated", narrative=narrative),))
        store.add_report(report, sha256=f"{force_id}-{cycle}", file_name=f"{force_id}.txt",
                         kind="text", size=len(narrative))
    index_all(store)


def test_report_text_that_looks_like_markup_stays_text_when_dimmed(pane, store):
    template = "We read <b>every</b> file & <img src=x onerror=alert(1)> that {name} keeps."
    add_pillar_reports(store, "2015", {
        force_id: template.format(name=force_by_id(force_id).name)
        for force_id in ("kent", "essex", "surrey")})
    pane.show_question("kent", "2015", "legitimacy", 1)
    shown = template.format(name=KENT)
    assert pane.narrative.toPlainText() == shown
    assert "".join(dimmed(pane.narrative)) == shown


def test_a_long_narrative_is_dimmed_piece_by_piece_and_counted_whole(pane, store, qtbot):
    # Kent's own sentence and the template, in paragraphs, over three pieces.
    paragraph = (" ".join([KENT_OWN] * 5) + " " + KENT_TEMPLATE + "\n\n")
    narrative = paragraph * (2 * PIECE_CHARS // len(paragraph) + 5)
    count = narrative.count(KENT_TEMPLATE)
    store.add_report(Report(
        force_id="kent", cycle="2014", pillar="legitimacy", headline="Legitimacy",
        grade=Grade.GOOD, grade_source="stated", summary="",
        questions=(Question(number=1, text="How fair?", grade=Grade.GOOD,
                            grade_source="stated", narrative=narrative),)),
        sha256="kent-2014", file_name="kent-2014.txt", kind="text", size=1)
    add_pillar_reports(store, "2014", {
        force_id: TEMPLATE.format(name=force_by_id(force_id).name)
        for force_id in ("essex", "surrey")})
    with qtbot.waitSignal(pane.narrative_text.rendered, timeout=20_000):
        pane.show_question("kent", "2014", "legitimacy", 1)
        first = pane.narrative.toPlainText()
        assert len(first) < len(narrative)  # the rest still to come
        assert 0 < len(dimmed(pane.narrative)) < count  # the first piece, dimmed at once
    box = pane.narrative
    assert box.toPlainText() == narrative
    assert dimmed(box) == [KENT_TEMPLATE] * count
    sentences = narrative.count(KENT_OWN) + count
    assert box.note.text().startswith(f"{count} of {sentences} sentences are template text")
    # The note covers neither the text nor the scroll bar beside it.
    bar = box.verticalScrollBar()
    assert bar.isVisible()
    assert box.note.geometry().right() < bar.mapTo(box, QPoint(0, 0)).x()
    assert box.viewport().geometry().top() > box.note.geometry().bottom()


def test_a_library_of_two_forces_has_no_template_text(qtbot, samples_store, settings):
    index_all(samples_store)
    pane = DetailPane(samples_store, Palette(settings))
    qtbot.addWidget(pane)
    pane.show_question("hampshire", "2016", "legitimacy", 1)
    for box in (pane.narrative, pane.summary):
        assert box.toPlainText()
        assert dimmed(box) == []
        assert not box.note.isVisibleTo(pane)
    view = CompareView(samples_store)
    qtbot.addWidget(view)
    view.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016", "legitimacy"))
    view.finish()
    assert dimmed(view.browser) == []
    assert "template wording" not in view.browser.toPlainText()


# Compare


def test_compare_of_one_force_in_two_years_dims_the_template_on_both_sides(view):
    view.compare(KENT_2016, KENT_2017)
    view.finish()
    template = formats(view.browser, "keeps people safe and reduces crime")
    assert len(template) == 2 * 4  # each side: the summary and three questions
    assert all(is_dimmed(found) for found in template)
    assert {found.toolTip() for found in template} == {
        "Template text: in 5 forces' reports of PEEL 2016",
        "Template text: in 5 forces' reports of PEEL 2017"}
    own = formats(view.browser, "new patrol cars")
    assert own
    assert not any(is_dimmed(found) for found in own)
    assert KEY in view.browser.toPlainText()
    view.by_topic.setChecked(True)  # the other mode: the same sentences dimmed
    view.finish()
    assert all(is_dimmed(found) for found in formats(view.browser, "reduces crime"))
    assert len(formats(view.browser, "reduces crime")) == 8


def test_compare_of_two_forces_dims_both_and_a_changed_template_keeps_its_marks(view):
    view.compare(KENT_2016, ESSEX_2016)
    view.finish()
    assert view.by_topic.isChecked()
    for name in (KENT, ESSEX):
        found = formats(view.browser, f"{name} keeps people safe")
        assert len(found) == 4
        assert all(is_dimmed(f) for f in found)
    view.placeholders.setChecked(False)  # the force names now differ in the template
    view.finish()
    assert all(is_dimmed(f) for f in formats(view.browser, "keeps people safe"))
    # Each template sentence's force name is a change, marked at full ink on its tint.
    for name, background in (("Kent", DELETED_BACKGROUND), ("Essex", INSERTED_BACKGROUND)):
        changed = [f for f in formats(view.browser, f"{name} Police keeps", at=2)
                   if f.background().color() == QColor(background)]
        assert len(changed) == 4
        assert all(f.foreground().color() == QColor(CHANGED_INK) for f in changed)
        assert all(f.toolTip().startswith("Template text") for f in changed)
        assert all(f.fontStrikeOut() if name == "Kent" else f.fontUnderline()
                   for f in changed)


def test_dimming_changes_how_compare_looks_never_what_it_finds(view):
    view.compare(KENT_2016, ESSEX_2016)
    view.placeholders.setChecked(False)
    view.finish()
    changes, text = view.change_count(), view.browser.toPlainText()
    rows = [section.comparison.rows for section in view.comparison.sections]
    view.set_dim_template(False)
    view.finish()
    assert dimmed(view.browser) == []
    assert view.change_count() == changes
    assert [section.comparison.rows for section in view.comparison.sections] == rows
    assert KEY in text
    assert view.browser.toPlainText() == text.replace(KEY, "")
    view.set_dim_template(True)
    view.finish()
    assert dimmed(view.browser)
    assert view.browser.toPlainText() == text


def test_the_current_change_stays_framed_when_dimming_is_switched(view, qtbot):
    view.compare(KENT_2016, ESSEX_2016)
    view.finish()
    view.step(1)
    current = view.position.text()
    assert current.startswith("change 1 of")
    view.set_dim_template(False)
    view.finish()
    assert view.position.text() == current
    assert view.browser.framed is not None
