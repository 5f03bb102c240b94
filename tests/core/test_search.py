"""Library search: the hits and their order, the query built from what users type, and the
search command's --limit."""

import subprocess
import sys

import pytest

from peelviewer.cli import main
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import Finding, Grade, Question, Report
from peelviewer.core.queries import MATCH_END, MATCH_START, SearchHit, fts_query
from peelviewer.core.store import Store
from tests.bench.search_bench import QUERIES, build_library, search_every_snippet

# Sentences repeated across reports, so many matches tie on rank.
SENTENCES = (
    "The force understands the importance of workforce wellbeing.",
    "Officers and staff are vetted to the national standard before they start.",
    "The force should improve how it supervises stop and search.",
    "Wellbeing support is offered to every officer after a traumatic incident.",
    "Leaders treat the workforce with fairness and respect.",
)
FORCE_IDS = ("hampshire", "kent", "essex", "durham", "dorset", "cumbria")


def small_library(store) -> None:
    """Six forces, two pillars each: summaries, narratives and findings of every kind built
    from the same few sentences in different mixes."""
    reports = []
    for index, force_id in enumerate(FORCE_IDS):
        for offset, pillar in enumerate(("legitimacy", "efficiency")):
            pick = index + offset

            def text(count: int, start: int) -> str:
                return " ".join(SENTENCES[(start + i) % len(SENTENCES)] for i in range(count))

            questions = tuple(
                Question(number=n, text=f"How well does the force look after {pillar} {n}?",
                         grade=Grade.GOOD, grade_source="stated", narrative=text(n + 1, pick + n),
                         findings=(Finding("area_for_improvement", text(1, pick + n)),
                                   Finding("recommendation", text(1, pick + 2 * n))))
                for n in (1, 2, 3)
            )
            reports.append(Report(force_id=force_id, cycle="2016", pillar=pillar,
                                  headline=f"How {pillar} is the force?", grade=Grade.GOOD,
                                  grade_source="stated", summary=text(2, pick),
                                  questions=questions))
    for index, report in enumerate(reports):
        store.add_report(report, sha256=f"{index:064d}", file_name=f"{report.force_id}.txt",
                         kind="txt", size=1)


def reference_search(store, query: str, limit: int) -> list[SearchHit]:
    """Every match of every table with its snippet, sorted by rank (then table, then row)
    and cut to `limit`: what search lists, done the plain way."""
    match = fts_query(query)
    snippet = "snippet({t}_fts, -1, '" + MATCH_START + "', '" + MATCH_END + "', '…', 14)"
    rows = []
    for order, sql in enumerate((
        f"""select reports_fts.rank, reports_fts.rowid, r.force_id, f.name, r.cycle,
                   r.section, null, null, null, 'summary', {snippet.format(t="reports")}
              from reports_fts join reports r on r.rowid = reports_fts.rowid
              join forces f on f.id = r.force_id where reports_fts match ?""",
        f"""select questions_fts.rank, questions_fts.rowid, r.force_id, f.name, r.cycle,
                   r.section, q.number, q.text, q.key, 'question',
                   {snippet.format(t="questions")}
              from questions_fts join questions q on q.rowid = questions_fts.rowid
              join reports r on r.id = q.report_id join forces f on f.id = r.force_id
             where questions_fts match ?""",
        f"""select findings_fts.rank, findings_fts.rowid, r.force_id, f.name, r.cycle,
                   r.section, q.number, q.text, q.key, t.kind, {snippet.format(t="findings")}
              from findings_fts join findings t on t.rowid = findings_fts.rowid
              join reports r on r.id = t.report_id join forces f on f.id = r.force_id
              left join questions q on q.id = t.question_id where findings_fts match ?""",
    )):
        for rank, rowid, *fields in store.db.execute(sql, [match]):
            rows.append(((rank, order, rowid), SearchHit(*fields)))
    rows.sort(key=lambda row: row[0])
    return [hit for _key, hit in rows[:limit]]


@pytest.mark.parametrize("query", [
    "wellbeing", "workforce", "force", "improve stop", '"fairness and respect"', "vet*",
    "officers staff", "wellbeing Wellbeing wellbeing"])
@pytest.mark.parametrize("limit", [1, 3, 10, 50, 10_000])
def test_search_lists_the_best_hits_with_snippets_in_rank_order(store, query, limit):
    small_library(store)
    expected = reference_search(store, query, limit)
    assert expected  # every query matches something in this library
    assert store.search(query, limit=limit) == expected


def test_search_lists_what_the_single_snippet_per_match_query_listed(tmp_path):
    """Against the search as it was before ranking came first (kept in the benchmark), on
    reports of real sentences."""
    library = tmp_path / "bench.peeldb"
    build_library(library, 200)
    with Store.open(library) as store:
        for query in (*QUERIES, "force", "the police"):
            for limit in (5, 50, 500):
                assert store.search(query, limit=limit) == search_every_snippet(
                    store, query, limit=limit), (query, limit)


def test_hits_name_their_force_report_question_and_kind(store):
    small_library(store)
    hits = store.search("vetted national standard", limit=10_000)
    assert {h.field for h in hits} == {"summary", "question", "area_for_improvement",
                                       "recommendation"}
    finding = next(h for h in hits if h.field == "recommendation")
    assert finding.force_name == force_by_id(finding.force_id).name
    assert finding.question_number in (1, 2, 3)
    assert finding.question_text.startswith("How well does the force look after")
    assert f"{MATCH_START}vetted{MATCH_END}" in finding.snippet
    summary = next(h for h in hits if h.field == "summary")
    assert (summary.question_number, summary.question_text) == (None, None)


def test_a_search_that_matches_nothing_or_has_no_words_lists_nothing(store):
    small_library(store)
    assert store.search("zzzzqqq") == []
    assert store.search('  "" ** ') == []


@pytest.mark.parametrize("limit", [0, -1, 10_001])
def test_a_limit_out_of_range_is_refused(store, limit):
    with pytest.raises(ValueError, match="limit must be from 1 to 10000"):
        store.search("wellbeing", limit=limit)


@pytest.mark.parametrize(("typed", "query"), [
    ("wellbeing wellbeing Wellbeing", '"wellbeing"'),
    ("WELLBEING support wellbeing", '"WELLBEING" "support"'),
    ('"stop and search" "Stop and  Search" stop', '"stop and search" "stop"'),
    ('vet* Vet* vet', '"vet"* "vet"'),
    ("fairness, fairness. respect", '"fairness" "respect"'),
    ('"" AND OR', '"AND" "OR"'),
])
def test_words_and_phrases_typed_twice_count_once(typed, query):
    assert fts_query(typed) == query


def test_repeating_a_word_finds_the_same_hits(store):
    small_library(store)
    assert store.search("wellbeing wellbeing Wellbeing") == store.search("wellbeing")


@pytest.mark.parametrize("limit", ["0", "10001", "-3", "abc", "2.5", ""])
def test_the_search_command_refuses_a_limit_out_of_range_in_one_line(tmp_path, capsys, limit):
    status = main(["search", "wellbeing", "--limit", limit, "--db", str(tmp_path / "x.peeldb")])
    assert status == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"peelviewer: --limit must be a whole number from 1 to 10000, "
                   f"not {limit!r}\n")


def test_the_search_command_lists_at_most_limit_hits(store, capsys):
    small_library(store)
    store.close()
    assert main(["search", "wellbeing", "--limit", "2", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("2 hits\n")
    assert out.count("\n    ") == 2  # one snippet line per hit


def test_a_bad_limit_is_no_traceback_from_the_real_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "peelviewer", "search", "vetting", "--limit", "lots",
         "--db", str(tmp_path / "lib.peeldb")],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr == ("peelviewer: --limit must be a whole number from 1 to 10000, "
                             "not 'lots'\n")
