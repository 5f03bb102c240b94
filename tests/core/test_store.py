import sqlite3

import pytest

from peelviewer.core.importer import parse_file
from peelviewer.core.model import Grade
from peelviewer.core.store import ADDED, SCHEMA_VERSION, UNCHANGED, UPDATED, Store, StoreError
from tests.workbench_data import pillar_report


def add(store, path, sha="a" * 64):
    return store.add_report(parse_file(path), sha256=sha, file_name=path.name, kind="txt",
                            size=path.stat().st_size)


def test_a_new_library_has_the_schema_the_forces_and_the_version(store):
    assert set(store.db.table_names()) >= {"forces", "reports", "questions", "findings",
                                           "sources", "reports_fts", "questions_fts",
                                           "findings_fts"}
    assert store.db["forces"].count == 43
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_stored_report_reads_back_equal_to_the_parsed_one(store, hertfordshire):
    report = parse_file(hertfordshire)
    assert add(store, hertfordshire) == ADDED
    assert store.report("hertfordshire", "2016", "legitimacy") == report


def test_report_rows_list_grades_per_question(store, hampshire):
    add(store, hampshire)
    [row] = store.report_rows()
    assert (row["force_name"], row["cycle"], row["pillar"], row["grade"]) == (
        "Hampshire Constabulary", "2016", "legitimacy", "Good")
    assert [q["grade"] for q in row["questions"]] == ["Good", "Good", "Requires improvement"]
    assert row["findings"] == 7


def test_the_same_bytes_twice_change_nothing(store, hampshire):
    assert add(store, hampshire) == ADDED
    assert add(store, hampshire) == UNCHANGED
    assert store.counts() == {"reports": 1, "questions": 3, "findings": 7, "sources": 1}


def test_a_richer_copy_replaces_a_poorer_one_and_both_sources_are_kept(store, hampshire):
    full = parse_file(hampshire)
    poorer = full.__class__(**{**full.__dict__, "questions": full.questions[:2],
                               "last_updated": None})
    assert store.add_report(poorer, sha256="1" * 64, file_name="compact.txt", kind="txt",
                            size=1) == ADDED
    assert add(store, hampshire, sha="2" * 64) == UPDATED
    assert store.report("hampshire", "2016", "legitimacy") == full
    assert store.counts()["reports"] == 1
    assert store.counts()["sources"] == 2
    # ...and the poorer copy arriving later does not overwrite the full one.
    assert store.add_report(poorer, sha256="3" * 64, file_name="again.txt", kind="txt",
                            size=1) == UNCHANGED
    assert store.report("hampshire", "2016", "legitimacy") == full


def test_search_finds_words_in_findings_narratives_and_summaries(store, hampshire,
                                                                 hertfordshire):
    add(store, hampshire, sha="1" * 64)
    add(store, hertfordshire, sha="2" * 64)
    hits = store.search("occupational health")
    assert {h.force_id for h in hits} == {"hampshire"}
    assert {h.field for h in hits} >= {"summary", "question", "area_for_improvement"}
    vetting = store.search("vetting")
    assert {h.force_id for h in vetting} == {"hampshire", "hertfordshire"}
    recs = [h for h in store.search("corruption prevention policies") if
            h.field == "recommendation"]
    assert [(h.force_id, h.question_number) for h in recs] == [("hertfordshire", 2)]
    assert "\x02" in recs[0].snippet


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "a*b:c", "(((", "-", "NEAR("])
def test_search_never_fails_on_what_users_type(store, hampshire, query):
    add(store, hampshire)
    assert isinstance(store.search(query), list)


def test_a_library_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.peeldb"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer PEEL Viewer"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.peeldb"
    path.write_text("shopping list: milk, eggs\n" * 100)
    with pytest.raises(StoreError, match="not a PEEL Viewer library"):
        Store.open(path)


def test_an_unrelated_sqlite_database_is_refused_not_modified(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices (id integer primary key)")
    with pytest.raises(StoreError, match="not a PEEL Viewer library"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert (tables, journal) == ({"invoices"}, "delete")


def test_grades_are_stored_as_words_a_sqlite_browser_shows(store, hertfordshire):
    add(store, hertfordshire)
    grades = [r[0] for r in store.db.execute("select grade from questions order by number")]
    assert grades == [Grade.GOOD.label, Grade.REQUIRES_IMPROVEMENT.label, Grade.GOOD.label]


def test_stored_richness_orders_copies_as_the_parsed_reports_do(store, hampshire,
                                                                hertfordshire):
    for i, path in enumerate((hampshire, hertfordshire)):
        report = parse_file(path)
        add(store, path, sha=str(i) * 64)
        [row] = store.db.execute("select id from reports where force_id = ?",
                                 [report.force_id]).fetchall()
        assert store._richness(row[0]) == report.richness


def test_a_full_copy_with_a_prose_grade_beats_a_compact_copy_with_fewer_findings(store):
    from tests.conftest import FIXTURES

    compact, full = FIXTURES / "2016-legitimacy-compact.txt", FIXTURES / "welsh-banner.txt"
    assert add(store, compact, sha="1" * 64) == ADDED
    assert add(store, full, sha="2" * 64) == UPDATED
    stored = store.report("gwent", "2016", "legitimacy")
    assert stored == parse_file(full)
    assert add(store, compact, sha="3" * 64) == UNCHANGED


def test_an_up_to_date_library_opens_while_another_program_is_writing(tmp_path, hampshire):
    path = tmp_path / "busy.peeldb"
    first = Store.open(path)
    add(first, hampshire)
    first.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # Datasette, a SQLite browser, a script…
    try:
        opened = Store.open(path)
        assert opened.counts()["reports"] == 1
        opened.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_folder_is_not_a_library(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a library file"):
        Store.open(tmp_path)


def test_an_unrelated_database_with_a_high_version_is_called_foreign_not_newer(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices (id integer primary key)")
        conn.execute("PRAGMA user_version = 7")
    with pytest.raises(StoreError, match="not a PEEL Viewer library") as caught:
        Store.open(path)
    assert caught.value.kind == StoreError.FOREIGN


def test_the_section_to_show_is_one_every_chosen_force_has(store):
    def add_report(force_id, pillar, sha):
        store.add_report(pillar_report(force_id, "2016", pillar, [Grade.GOOD]),
                         sha256=sha * 64, file_name=f"{sha}.txt", kind="txt", size=1)

    add_report("kent", "legitimacy", "a")
    add_report("kent", "effectiveness", "b")
    add_report("essex", "legitimacy", "c")
    assert store.shared_sections(["kent"], "2016") == ["effectiveness", "legitimacy"]
    assert store.shared_sections(["kent", "essex"], "2016") == ["legitimacy"]
    assert store.shared_sections(["kent", "essex"], "2017") == []
    assert store.shared_sections([], "2016") == []
    assert store.section_to_show(["kent"], "2016", "legitimacy") == "legitimacy"
    assert store.section_to_show(["kent"], "2016", "efficiency") == "effectiveness"
    assert store.section_to_show(["kent"], "2016") == "effectiveness"
    assert store.section_to_show(["kent", "essex"], "2016", "effectiveness") == "legitimacy"
    assert store.section_to_show(["essex", "surrey"], "2016", "legitimacy") is None
