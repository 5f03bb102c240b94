"""Template sentences in the comparison HTML: each side's looked up in its own cycle, dimmed
around escaped text with a note, the diff untouched, and in the PDF's document on request."""

import re
from html import unescape

import pytest

from peelviewer.core.comparison.compare import compare_reports
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.document import build_document, build_pair_document
from peelviewer.core.comparison.html import (
    CHANGED_INK,
    TEMPLATE_INK,
    section_html,
    template_marks,
)
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import Grade, Question, Report
from peelviewer.core.store import Store
from peelviewer.core.template_text import index_all
from tests.workbench_data import OWN, TEMPLATE, fill

KENT = force_by_id("kent").name
ESSEX = force_by_id("essex").name
DIMMED = re.compile(rf'<span style="color:{TEMPLATE_INK};" title="([^"]*)">')
SPAN = re.compile(r"<span\b|</span>")


@pytest.fixture
def store(workbench_store):
    return workbench_store


def reports(store, *keys):
    return [store.report(*key) for key in keys]


def dimmed(html: str) -> list[tuple[str, str]]:
    """(note, text) of each dimmed sentence, the text without our tags."""
    found = []
    for match in DIMMED.finditer(html):
        depth = 1
        for tag in SPAN.finditer(html, match.end()):
            depth += 1 if tag.group() == "<span" else -1
            if not depth:
                body = html[match.end():tag.start()]
                found.append((unescape(match.group(1)), unescape(re.sub("<[^>]*>", "", body))))
                break
    return found


def test_each_side_is_looked_up_in_its_own_cycle(store):
    older, newer = reports(store, ("kent", "2016", "legitimacy"), ("kent", "2017", "legitimacy"))
    marks = template_marks(store.db.conn, older, newer)
    assert marks
    section = compare_reports(older, newer).section("q1")
    html = section_html(section, "2016", "2017", templates=marks)
    assert dimmed(html) == [
        ("Template text: in 5 forces' reports of PEEL 2016", TEMPLATE.format(name=KENT)),
        ("Template text: in 5 forces' reports of PEEL 2017", TEMPLATE.format(name=KENT))]
    assert OWN.format(name=KENT, count=len(KENT) * 7 + 1) in html  # not dimmed


def test_without_marks_the_html_is_as_before(store):
    left, right = reports(store, ("kent", "2016", "legitimacy"), ("essex", "2016", "legitimacy"))
    section = compare_reports(left, right).section("q2")
    assert dimmed(section_html(section, "A", "B")) == []
    assert TEMPLATE_INK not in section_html(section, "A", "B")


def test_a_changed_template_sentence_keeps_its_change_marks_at_full_ink(store):
    left, right = reports(store, ("kent", "2016", "legitimacy"), ("essex", "2016", "legitimacy"))
    comparison = compare_reports(left, right, options=DiffOptions(force_placeholders=False))
    marks = template_marks(store.db.conn, left, right)
    section = comparison.section("summary")
    plain = section_html(section, "A", "B")
    html = section_html(section, "A", "B", templates=marks)
    assert [text for _note, text in dimmed(html)] == [
        TEMPLATE.format(name=KENT), TEMPLATE.format(name=ESSEX)]
    assert f"line-through; color:{CHANGED_INK};\">Kent</span>" in html
    assert f"underline; color:{CHANGED_INK};\">Essex</span>" in html
    # Only our spans were added: the words and the change marks are those of the plain HTML.
    assert re.sub("<[^>]*>", "", html) == re.sub("<[^>]*>", "", plain)
    assert plain.count("line-through") == html.count("line-through")


def test_report_text_and_notes_stay_escaped(tmp_path):
    store = Store.open(tmp_path / "markup.peeldb")
    template = "We read <b>every</b> file & <img src=x onerror=alert(1)> that {name} keeps."
    for force_id in ("kent", "essex", "surrey"):
        narrative = template.format(name=force_by_id(force_id).name)
        store.add_report(Report(
            force_id=force_id, cycle="2015", pillar="legitimacy", headline="Legitimacy",
            grade=Grade.GOOD, grade_source="stated", summary="",
            questions=(Question(number=1, text="How fair?", grade=Grade.GOOD,
                                grade_source="stated", narrative=narrative),)),
            sha256=force_id, file_name=f"{force_id}.txt", kind="text", size=1)
    index_all(store)
    left, right = reports(store, ("kent", "2015", "legitimacy"), ("essex", "2015", "legitimacy"))
    html = section_html(compare_reports(left, right).section("q1"), "A", "B",
                        templates=template_marks(store.db.conn, left, right))
    assert "<b>every" not in html
    assert "<img" not in html
    assert [text for _note, text in dimmed(html)] == [
        template.format(name=KENT), template.format(name=ESSEX)]
    store.close()


def test_the_pdf_document_dims_template_text_only_when_asked(store):
    keys = (("kent", "2016", "legitimacy"), ("kent", "2017", "legitimacy"))
    plain = build_pair_document(store, *keys).body_html
    assert dimmed(plain) == []
    assert "template wording" not in plain
    dimmed_html = build_pair_document(store, *keys, dim_template=True).body_html
    assert len(dimmed(dimmed_html)) == 8  # the summary and three questions, both sides
    assert "grey text</span>: template wording found in at least 3 forces" in dimmed_html
    several = build_document(store, ["kent", "essex", "surrey"], cycle="2016",
                             pillar="legitimacy", dim_template=True).body_html
    assert len(dimmed(several)) == 2 * 8  # Kent beside Essex, then beside Surrey
    assert dimmed(build_document(store, ["kent", "essex"], cycle="2016",
                                 pillar="legitimacy").body_html) == []


def test_two_forces_alone_have_no_template_text(store, tmp_path):
    small = Store.open(tmp_path / "two.peeldb")
    fill(small, forces=("kent", "essex"))
    left, right = reports(small, ("kent", "2016", "legitimacy"), ("essex", "2016", "legitimacy"))
    assert not template_marks(small.db.conn, left, right)
    small.close()
