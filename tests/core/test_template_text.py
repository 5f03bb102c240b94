"""Template text: the sentence index that imports keep, and which sentences count as the
inspectorate's template."""

import sqlite3

import pytest

from peelviewer.core.forces import force_by_id
from peelviewer.core.library_errors import StoreError
from peelviewer.core.model import Grade
from peelviewer.core.store import SCHEMA_VERSION, Store
from peelviewer.core.template_text import (
    TEMPLATE_FORCES,
    index_all,
    pending,
    sentence_hash,
    template_spans,
)
from tests.workbench_data import FORCES, OWN, TEMPLATE, fill, pillar_report

KENT = force_by_id("kent").name


def _spans(store, force_id, cycle, text):
    return template_spans(store.db.conn, force_id, cycle, text)


def test_a_sentence_every_force_shares_is_template_text_and_a_force_s_own_is_not(store):
    fill(store)
    narrative = store.report("kent", "2016", "legitimacy").questions[0].narrative
    spans = _spans(store, "kent", "2016", narrative)
    assert [narrative[s.start:s.end] for s in spans] == [TEMPLATE.format(name=KENT)]
    assert spans[0].forces == len(FORCES)
    assert OWN.split("{")[0] in narrative  # the force's own sentence is there, unmarked


def test_template_text_is_a_matter_of_one_cycle(store):
    fill(store)
    narrative = store.report("kent", "2016", "legitimacy").questions[0].narrative
    assert _spans(store, "kent", "2015", narrative) == []


def test_two_forces_sharing_a_sentence_are_not_many(store):
    fill(store, forces=FORCES[:TEMPLATE_FORCES - 1])
    narrative = store.report("kent", "2016", "legitimacy").questions[0].narrative
    assert _spans(store, "kent", "2016", narrative) == []


def test_the_force_s_names_are_a_placeholder_and_case_and_spacing_are_folded():
    kent = sentence_hash("We found that Kent Police  keeps good records of crime.", "kent")
    essex = sentence_hash("We found that essex police keeps good records of crime!", "essex")
    assert kent == essex is not None
    # Another force's name in a sentence is part of its wording, not the placeholder.
    assert sentence_hash("We found that Essex Police keeps good records of crime.",
                         "kent") != kent


def test_short_sentences_are_never_template_text():
    assert sentence_hash("This is good.", "kent") is None


def test_removing_a_report_forgets_its_sentences(store):
    fill(store)
    store.remove_report("kent", "2016", "legitimacy")
    counted = store.db.execute(
        "select count(*) from report_sentences where force_id = 'kent' and cycle = '2016'"
    ).fetchone()[0]
    assert counted == 0
    narrative = pillar_report("kent", "2016", "legitimacy", []).summary
    # Four forces still hold the sentence: still template text.
    assert len(_spans(store, "kent", "2016", narrative)) == 1


def test_imports_leave_the_index_to_be_made_later_and_a_richer_copy_is_indexed_again(store):
    fill(store, forces=("kent",))
    counted = "select count(*) from report_sentences where cycle = '2016'"
    # The template sentence and the force's own sentence of each of three questions.
    assert store.db.execute(counted).fetchone()[0] == 1 + 3
    assert pending(store.db.conn) == 0
    fuller = pillar_report("kent", "2016", "legitimacy", [Grade.GOOD] * 4)
    assert store.add_report(fuller, sha256="richer", file_name="richer.txt", kind="text",
                            size=1) == "updated"
    assert store.db.execute(counted).fetchone()[0] == 0
    assert pending(store.db.conn) == 1
    assert index_all(store) == 1
    # The fuller copy has four questions: one more sentence of the force's own.
    assert store.db.execute(counted).fetchone()[0] == 1 + 4


def test_an_older_library_is_indexed_after_it_is_upgraded(tmp_path):
    path = tmp_path / "old.peeldb"
    with Store.open(path) as store:
        fill(store)
    with sqlite3.connect(path) as conn:  # as a format-3 library was
        for table in ("tracked_findings", "finding_unlinks", "report_sentences",
                      "indexed_reports"):
            conn.execute(f"drop table {table}")
        conn.execute("delete from _sqlite_migrations where name = 'm004_workbench'")
        conn.execute("PRAGMA user_version = 3")
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("select count(*) from tracked_findings").fetchone()[0] == 0
        assert pending(store.db.conn) == 15
        assert index_all(store) == 15
        narrative = store.report("kent", "2016", "legitimacy").questions[0].narrative
        assert len(_spans(store, "kent", "2016", narrative)) == 1


def test_reports_indexed_by_an_older_hashing_are_indexed_again(store, monkeypatch):
    from peelviewer.core import template_text

    fill(store)
    monkeypatch.setattr(template_text, "INDEX_VERSION", template_text.INDEX_VERSION + 1)
    assert pending(store.db.conn) == 15
    assert index_all(store) == 15
    assert pending(store.db.conn) == 0
    narrative = store.report("essex", "2017", "legitimacy").questions[1].narrative
    assert len(_spans(store, "essex", "2017", narrative)) == 1


def test_a_damaged_library_is_never_indexed(store):
    fill(store, forces=("kent",))
    store.damage = "database disk image is malformed"
    with pytest.raises(StoreError):
        index_all(store)
