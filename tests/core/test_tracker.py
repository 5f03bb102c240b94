"""The findings tracker: the user's notes outlive re-imports, richer copies and removals;
"raised before" links rewordings across cycles and not unrelated findings; values are
checked; exports hold what was tracked."""

import csv
import dataclasses
import datetime as dt

import pytest

from peelviewer.core import tracker, tracker_export, tracker_links
from peelviewer.core.importer import import_paths
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    PRACTICE,
    RECOMMENDATION,
    Finding,
    Grade,
)
from peelviewer.core.tracker import TrackedFinding, finding_key, tracker_rows
from peelviewer.core.tracker_links import LINK_THRESHOLD, raised_before
from tests.conftest import FIXTURES, SAMPLES
from tests.workbench_data import FIRST_AREA, LATER_AREA, fill, pillar_report


@pytest.fixture
def filled(store):
    fill(store)
    return store


def add(store, report, sha="a"):
    return store.add_report(report, sha256=sha * 64, file_name="r.txt", kind="txt", size=1)


def kent_2017(store) -> list[TrackedFinding]:
    return [r for r in tracker_rows(store.db.conn, "kent") if r.cycle == "2017"]


def with_findings(report, number, findings):
    questions = tuple(dataclasses.replace(q, findings=findings) if q.number == number else q
                      for q in report.questions)
    return dataclasses.replace(report, questions=questions)


def made(force_id, cycle, kind, text, *, number=1, key=None) -> TrackedFinding:
    return TrackedFinding(finding_key(force_id, cycle, "legitimacy", kind, text), force_id,
                          cycle, "legitimacy", number, None, "", kind, text)


# Keys

def test_a_key_folds_case_quotes_punctuation_and_spacing_and_reads_as_the_finding():
    one = finding_key("kent", "2016", "legitimacy", AREA_FOR_IMPROVEMENT,
                      "The force’s  vetting should improve.")
    other = finding_key("kent", "2016", "legitimacy", AREA_FOR_IMPROVEMENT,
                        "the force's vetting should improve")
    assert one == other
    assert one.startswith("kent:2016:legitimacy:area_for_improvement:the-forces-vetting")
    assert one != finding_key("kent", "2016", "legitimacy", AREA_FOR_IMPROVEMENT,
                              "The force's vetting should improve now.")
    assert one != finding_key("essex", "2016", "legitimacy", AREA_FOR_IMPROVEMENT,
                              "The force's vetting should improve.")


def test_rows_are_the_three_kinds_of_finding_with_their_question(store):
    report = pillar_report("kent", "2017", "legitimacy", [Grade.GOOD, Grade.GOOD], later=True,
                           cause=True)
    report = with_findings(report, 2, (Finding(PRACTICE, "The force does well."),))
    add(store, report)
    rows = tracker_rows(store.db.conn, "kent")
    assert {r.kind for r in rows} == {AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION}
    recommendation = next(r for r in rows if r.kind == RECOMMENDATION)
    assert recommendation.lead_in == "To address this cause of concern:"
    assert recommendation.question_number == 1
    assert recommendation.question_key == "treatment-of-public"
    assert recommendation.question == "1. Treatment of the public"
    assert (recommendation.status, recommendation.rag, recommendation.notes) == ("", "", "")
    assert tracker_rows(store.db.conn, "essex") == []


# The user's data outlives imports

def test_a_status_outlives_a_richer_copy_and_a_removal_and_re_import(store):
    report = pillar_report("kent", "2017", "legitimacy", [Grade.GOOD, Grade.GOOD], later=True)
    add(store, dataclasses.replace(report, last_updated=None), "a")
    first = kent_2017(store)[0]
    tracker.set_fields(store, first, status="in progress", rag="amber", owner="DCI Smith",
                       due="2025-06-30", notes="Board in March")
    richer = with_findings(report, 2, (*report.questions[1].findings,
                                       Finding(AREA_FOR_IMPROVEMENT, "A new finding.")))
    assert add(store, richer, "b") == "updated"
    rows = kent_2017(store)
    assert len(rows) == 3
    kept = next(r for r in rows if r.text == first.text)
    assert (kept.status, kept.rag, kept.owner, kept.due, kept.notes) == (
        "in progress", "amber", "DCI Smith", "2025-06-30", "Board in March")
    assert store.remove_report("kent", "2017", "legitimacy")
    assert tracker_rows(store.db.conn, "kent") == []
    assert [o.text for o in tracker.orphans(store.db.conn, "kent")] == [first.text]
    add(store, richer, "c")
    again = next(r for r in kent_2017(store) if r.text == first.text)
    assert again.status == "in progress"
    assert again.notes == "Board in March"
    assert tracker.orphans(store.db.conn, "kent") == []


def reworded(report, number, text):
    question = report.questions[number - 1]
    changed = (dataclasses.replace(question.findings[0], text=text), *question.findings[1:])
    return with_findings(report, number, changed)


def test_a_finding_reworded_by_a_re_import_takes_its_notes_along(store):
    report = pillar_report("kent", "2017", "legitimacy", [Grade.GOOD, Grade.GOOD], later=True)
    add(store, dataclasses.replace(report, last_updated=dt.date(2018, 1, 1)), "a")
    first = kent_2017(store)[0]
    tracker.set_fields(store, first, notes="Raised at the board")
    # A later copy corrects a typing slip in the finding (and a grade, so it replaces).
    fixed = reworded(report, 1, first.text.replace("the way", "the way that"))
    fixed = dataclasses.replace(fixed, questions=(
        dataclasses.replace(fixed.questions[0], grade=Grade.OUTSTANDING),
        *fixed.questions[1:]))
    assert add(store, fixed, "b") == "updated"
    assert len(tracker.orphans(store.db.conn, "kent")) == 1
    assert tracker.reattach(store) == 1
    row = next(r for r in kent_2017(store) if r.question_number == 1)
    assert "the way that" in row.text
    assert row.notes == "Raised at the board"
    assert tracker.orphans(store.db.conn, "kent") == []


def one_finding_report(force_id, cycle, pillar, text):
    report = pillar_report(force_id, cycle, pillar, [Grade.GOOD])
    return with_findings(report, 1, (Finding(AREA_FOR_IMPROVEMENT, text),))


DOMESTIC = "The force should improve how it supervises investigations of domestic abuse."
CHILD = "The force should improve how it supervises investigations of child abuse."


def test_notes_stay_with_their_report_when_it_is_removed_not_moved_to_another_pillar(store):
    """Kent 2017: effectiveness says "domestic abuse", efficiency "child abuse" (93% alike).
    Removing the effectiveness report keeps the owner as an orphan of it."""
    add(store, one_finding_report("kent", "2017", "effectiveness", DOMESTIC), "a")
    add(store, one_finding_report("kent", "2017", "efficiency", CHILD), "b")
    domestic = next(r for r in tracker_rows(store.db.conn, "kent") if r.text == DOMESTIC)
    tracker.set_fields(store, domestic, owner="DI Patel")
    assert store.remove_report("kent", "2017", "effectiveness")
    assert tracker.reattach(store) == 0
    (child,) = tracker_rows(store.db.conn, "kent")
    assert child.owner == ""
    (orphan,) = tracker.orphans(store.db.conn, "kent")
    assert (orphan.text, orphan.owner) == (DOMESTIC, "DI Patel")


@pytest.mark.parametrize(("before", "after"), [
    (DOMESTIC, CHILD),
    ("The force should ensure that it records crime accurately.",
     "The force should ensure that it records hate crime accurately."),
    ("The force should improve how it supervises investigations of domestic abuse.",
     "The force should not improve how it supervises investigations of domestic abuse."),
])
def test_notes_do_not_move_to_a_finding_of_another_topic_in_the_same_report(store, before,
                                                                             after):
    add(store, one_finding_report("kent", "2017", "effectiveness", before), "a")
    (row,) = tracker_rows(store.db.conn, "kent")
    tracker.set_fields(store, row, notes="Board in May")
    store.remove_report("kent", "2017", "effectiveness")
    add(store, one_finding_report("kent", "2017", "effectiveness", after), "b")
    assert tracker.reattach(store) == 0
    assert tracker_rows(store.db.conn, "kent")[0].notes == ""
    assert tracker.orphans(store.db.conn, "kent")[0].notes == "Board in May"


@pytest.mark.parametrize("after", [
    # "should" -> "must": the same finding, put more firmly.
    "The force must improve how it supervises investigations of domestic abuse.",
    "The force should improve how it supervises the investigations of domestic abuse.",
    "The force should improve how it supervises investigation of domestic abuse.",
    "The force should improve how it supervises investigations of domestic abuse well.",
])
def test_notes_follow_a_trivial_rewording_in_their_report(store, after):
    add(store, one_finding_report("kent", "2017", "effectiveness", DOMESTIC), "a")
    (row,) = tracker_rows(store.db.conn, "kent")
    tracker.set_fields(store, row, notes="Board in May")
    store.remove_report("kent", "2017", "effectiveness")
    add(store, one_finding_report("kent", "2017", "effectiveness", after), "b")
    assert tracker.reattach(store) == 1
    (moved,) = tracker_rows(store.db.conn, "kent")
    assert (moved.text, moved.notes) == (after, "Board in May")


def test_an_unlink_follows_either_finding_reworded_by_a_re_import(filled):
    area = next(r for r in kent_2017(filled) if r.kind == AREA_FOR_IMPROVEMENT)
    (link,) = raised_before(tracker_rows(filled.db.conn, "kent"))[area.key]
    tracker.unlink(filled, area, link)
    grades = [Grade.GOOD] * 3
    # The later finding retyped ("the way" -> "the way that")...
    filled.remove_report("kent", "2017", "legitimacy")
    later = pillar_report("kent", "2017", "legitimacy", grades, later=True, cause=True)
    add(filled, reworded(later, 1, area.text.replace("the way", "the way that")), "b")
    assert tracker.reattach(filled) == 1
    rows = tracker_rows(filled.db.conn, "kent")
    retyped = next(r for r in rows if "the way that" in r.text)
    assert retyped.unlinked == {link.key}
    assert link.key not in {found.key for found in raised_before(rows).get(retyped.key, ())}
    # ...and then the earlier one ("how it" -> "how the force").
    filled.remove_report("kent", "2016", "legitimacy")
    earlier = pillar_report("kent", "2016", "legitimacy", grades)
    add(filled, reworded(earlier, 1, link.text.replace("should", "must")), "c")
    assert tracker.reattach(filled) == 1
    rows = tracker_rows(filled.db.conn, "kent")
    retyped = next(r for r in rows if "the way that" in r.text)
    (unlinked,) = retyped.unlinked
    assert next(r for r in rows if r.key == unlinked).text.startswith("The force must")
    assert raised_before(rows).get(retyped.key, ()) == ()
    assert tracker.orphans(filled.db.conn, "kent") == []  # an unlink is no orphan to list


def test_notes_on_a_finding_rewritten_beyond_recognition_stay_as_an_orphan(store):
    report = pillar_report("kent", "2017", "legitimacy", [Grade.GOOD], later=True)
    add(store, report, "a")
    first = kent_2017(store)[0]
    tracker.set_fields(store, first, status="closed")
    store.remove_report("kent", "2017", "legitimacy")
    add(store, reworded(report, 1, "The force should recruit more detectives."), "b")
    assert tracker.reattach(store) == 0
    (orphan,) = tracker.orphans(store.db.conn, "kent")
    assert orphan.text == first.text
    assert orphan.status == "closed"


# Raised before

def test_rewordings_of_2016_findings_in_2017_link_and_unrelated_findings_do_not(filled):
    rows = tracker_rows(filled.db.conn, "kent")
    links = raised_before(rows)
    for row in rows:
        if row.cycle == "2017" and row.kind == AREA_FOR_IMPROVEMENT:
            (link,) = links[row.key]
            assert link.cycle == "2016"
            assert link.text == FIRST_AREA.format(topic=row.question_label.lower())
            assert link.score >= 90
        if row.cycle == "2016":
            assert row.key not in links  # nothing earlier
        if row.kind == CAUSE_OF_CONCERN:  # about another thing than the 2016 areas
            assert row.key not in links
    assert all(link.score >= LINK_THRESHOLD for found in links.values() for link in found)


@pytest.mark.parametrize(("earlier", "later"), [
    ("The force should ensure that all staff understand the Code of Ethics.",
     "The force should ensure its workforce understands the Code of Ethics and how it "
     "applies to their work."),
    ("The force does not understand the demand it faces from domestic abuse.",
     "The force should improve its understanding of the demand it faces from domestic "
     "abuse."),
    ("The force should ensure that it complies with the national vetting policy.",
     "The force should ensure that all its officers and staff are vetted in line with the "
     "national vetting policy."),
])
def test_a_finding_that_returns_in_other_words_links(earlier, later):
    rows = [made("kent", "2016", CAUSE_OF_CONCERN, earlier),
            made("kent", "2017", AREA_FOR_IMPROVEMENT, later)]
    assert raised_before(rows)[rows[1].key][0].key == rows[0].key


@pytest.mark.parametrize(("earlier", "later"), [
    ("The force should improve its vetting of new recruits.",
     "The force should ensure that it records crime accurately."),
    ("The force should improve how it supervises stop and search.",
     "The force should improve how it supervises the investigation of crime."),
    ("The force should ensure that its workforce understands the Code of Ethics.",
     "The force should ensure that its workforce has confidence in the grievance process."),
    ("The force should improve its understanding of the demand it faces.",
     "The force should improve its understanding of the wellbeing needs of its workforce."),
])
def test_findings_about_other_things_do_not_link(earlier, later):
    rows = [made("kent", "2016", AREA_FOR_IMPROVEMENT, earlier),
            made("kent", "2017", AREA_FOR_IMPROVEMENT, later)]
    assert raised_before(rows) == {}


def test_links_stay_within_a_force_and_point_back_in_time_best_of_each_cycle():
    text = "The force should improve how it supervises stop and search."
    rows = [made("kent", "2015", AREA_FOR_IMPROVEMENT, text),
            made("kent", "2016", AREA_FOR_IMPROVEMENT, text.replace("how", "the way")),
            made("kent", "2016", AREA_FOR_IMPROVEMENT, text.replace(".", " powers.")),
            made("kent", "2017", AREA_FOR_IMPROVEMENT, text),
            made("essex", "2014", AREA_FOR_IMPROVEMENT, text)]
    links = raised_before(rows)
    assert [(link.cycle, link.text) for link in links[rows[3].key]] == [
        ("2016", rows[2].text), ("2015", text)]  # newest first; 2016's best of two
    assert [link.cycle for link in links[rows[1].key]] == ["2015"]
    assert rows[0].key not in links
    assert rows[4].key not in links


def test_unlinking_takes_a_link_away_and_relinking_gives_it_back(filled):
    rows = kent_2017(filled)
    area = next(r for r in rows if r.kind == AREA_FOR_IMPROVEMENT)
    every = tracker_rows(filled.db.conn, "kent")
    (link,) = raised_before(every)[area.key]
    tracker.unlink(filled, area, link)
    every = tracker_rows(filled.db.conn, "kent")
    again = next(r for r in every if r.key == area.key)
    assert again.unlinked == {link.key}
    assert area.key not in raised_before(every)
    assert [u.key for u in tracker_links.unlinked_links(again, every)] == [link.key]
    assert tracker.tracker_rows(filled.db.conn, "essex")[0].unlinked == frozenset()
    tracker.relink(filled, area, link)
    every = tracker_rows(filled.db.conn, "kent")
    assert raised_before(every)[area.key] == (link,)


def test_after_an_unlink_no_other_finding_of_that_cycle_takes_its_place():
    text = "The force should improve how it supervises stop and search."
    rows = [made("kent", "2015", AREA_FOR_IMPROVEMENT, text),
            made("kent", "2016", AREA_FOR_IMPROVEMENT, text.replace("how", "the way")),
            made("kent", "2016", AREA_FOR_IMPROVEMENT, text.replace(".", " powers.")),
            made("kent", "2017", AREA_FOR_IMPROVEMENT, text)]
    best = raised_before(rows)[rows[3].key][0]
    assert best.key == rows[2].key
    rows[3] = dataclasses.replace(rows[3], unlinked=frozenset({best.key}))
    assert [link.cycle for link in raised_before(rows)[rows[3].key]] == ["2015"]
    assert [link.key for link in raised_before(rows, include_unlinked=True)[rows[3].key]] == [
        rows[2].key, rows[0].key]


# Writing

@pytest.mark.parametrize(("fields", "reason"), [
    ({"status": "done"}, "'done' is not a status"),
    ({"rag": "blue"}, "'blue' is not a RAG rating"),
    ({"due": "31/03/2025"}, "'31/03/2025' is not a date"),
    ({"due": "2025-02-30"}, "'2025-02-30' is not a date"),
    ({"colour": "red"}, "'colour' is not a field"),
])
def test_a_refused_value_says_why_in_one_line_and_writes_nothing(filled, fields, reason):
    row = kent_2017(filled)[0]
    with pytest.raises(ValueError, match=reason) as refused:
        tracker.set_fields(filled, row, owner="Someone", **fields)
    assert "\n" not in str(refused.value)
    assert kent_2017(filled)[0].owner == ""


def test_fields_are_tidied_dated_and_can_be_cleared(filled):
    row = kent_2017(filled)[0]
    tracker.set_fields(filled, row, status=" In Progress ", rag="RED", owner="  A   B ",
                       due=dt.date(2025, 3, 31))
    saved = kent_2017(filled)[0]
    assert (saved.status, saved.rag, saved.owner, saved.due) == (
        "in progress", "red", "A B", "2025-03-31")
    assert saved.updated_at
    tracker.set_fields(filled, saved.key, rag="", due="")
    cleared = kent_2017(filled)[0]
    assert (cleared.status, cleared.rag, cleared.due) == ("in progress", "", "")
    with pytest.raises(ValueError, match="no tracked data"):
        tracker.set_fields(filled, kent_2017(filled)[1].key, status="open")


# Exports

def test_the_csv_holds_every_column_and_the_links(filled, tmp_path):
    rows = tracker_rows(filled.db.conn, "kent")
    area = next(r for r in rows if r.cycle == "2017")
    tracker.set_fields(filled, area, status="open", rag="green", notes="Line one\nline two",
                       owner='=HYPERLINK("http://x.example","Click")')
    rows = tracker_rows(filled.db.conn, "kent")
    path = tmp_path / "t.csv"
    tracker_export.tracker_csv(rows, raised_before(rows), path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.DictReader(file))
    assert len(read) == len(rows)
    line = next(r for r in read if r["Key"] == area.key)
    assert line["Force"] == "Kent Police"
    assert line["Cycle"] == "2017"
    assert line["Status"] == "open"
    assert line["RAG"] == "green"
    assert line["Notes"] == "Line one\nline two"
    assert line["Owner"] == "'=HYPERLINK(\"http://x.example\",\"Click\")"  # inert: no formula
    old = FIRST_AREA.format(topic="treatment of the public")
    assert line["Raised before"] == f"2016 (97%): {old}"
    assert line["Finding"] == LATER_AREA.format(topic="treatment of the public")


def test_the_pdf_page_escapes_report_text_and_says_its_filters(filled):
    rows = tracker_rows(filled.db.conn, "kent")
    row = dataclasses.replace(rows[5], text="Use <b>bold</b> & more", owner="<i>x</i>")
    page = tracker_export.tracker_html([row, *rows[6:]], raised_before(rows), "Kent <findings>",
                                "kind: Causes of concern")
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;i&gt;x&lt;/i&gt;" in page
    assert "Kent &lt;findings&gt;" in page
    assert "<thead>" in page
    assert dt.date.today().isoformat() in page


def test_in_real_reports_only_the_findings_that_came_back_link(store):
    """Hertfordshire's 2016, 2021/22 and 2023-25 reports: two 2023-25 areas for improvement
    repeat 2021/22 ones in other words (a victim's withdrawal of support; non-emergency
    calls); nothing else of the 30 findings links."""
    import_paths(store, [SAMPLES / "hertfordshire-2016-legitimacy.txt",
                         FIXTURES / "modern" / "2021-22-later.txt",
                         FIXTURES / "modern" / "2023-25-table-columns.txt"])
    rows = tracker_rows(store.db.conn, "hertfordshire")
    assert {row.cycle for row in rows} == {"2016", "2021/22", "2023-25"}
    links = raised_before(rows)
    by_text = {row.key: row.text for row in rows}
    pairs = sorted((by_text[key][:45], link.text[:45]) for key, found in links.items()
                   for link in found)
    assert pairs == [
        ("The constabulary needs to improve how it reco",
         "The force should make sure that it records a "),
        ("The constabulary needs to reduce the time it ",
         "The force should reduce the number of non-eme"),
    ]
