"""Library search: the hits and their order, pages and the count, filters, where the words stand
in a report, removing a report, the query built from what users type, and the search command's
--limit and filters."""

import subprocess
import sys

import pytest

from peelviewer.cli import main
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import (
    FINDING_KINDS,
    FINDING_LABELS,
    FINDING_TITLES,
    Finding,
    Grade,
    Question,
    Report,
)
from peelviewer.core.queries import MATCH_END, MATCH_START, SearchHit, fts_query
from peelviewer.core.search import SearchFilters, marked_spans
from peelviewer.core.store import Store, StoreError
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
KEYS = ("positive-workplace", "treatment-of-public", None)  # questions 1, 2 and 3


def small_library(store) -> None:
    """Six forces (three in 2016, three in 2017), two pillars each: summaries, narratives and
    findings of every kind built from the same few sentences in different mixes; two of
    each report's three questions have catalogue keys."""
    reports = []
    for index, force_id in enumerate(FORCE_IDS):
        for offset, pillar in enumerate(("legitimacy", "efficiency")):
            pick = index + offset

            def text(count: int, start: int) -> str:
                return " ".join(SENTENCES[(start + i) % len(SENTENCES)] for i in range(count))

            questions = tuple(
                Question(number=n, text=f"How well does the force look after {pillar} {n}?",
                         key=KEYS[n - 1],
                         grade=Grade.GOOD, grade_source="stated", narrative=text(n + 1, pick + n),
                         findings=(Finding("area_for_improvement", text(1, pick + n)),
                                   Finding("recommendation", text(1, pick + 2 * n))))
                for n in (1, 2, 3)
            )
            reports.append(Report(force_id=force_id, cycle=("2016", "2017")[index % 2],
                                  pillar=pillar,
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


def test_the_search_command_lists_at_most_limit_hits_and_says_how_many_in_all(store, capsys):
    small_library(store)
    total = store.search_count("wellbeing")
    store.close()
    assert main(["search", "wellbeing", "--limit", "2", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"\n2 of {total} hits\n")
    assert out.count("\n    ") == 2  # one snippet line per hit
    assert main(["search", "wellbeing", "--limit", str(total), "--db", str(store.path)]) == 0
    assert capsys.readouterr().out.endswith(f"\n{total} hits\n")


def test_a_bad_limit_is_no_traceback_from_the_real_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "peelviewer", "search", "vetting", "--limit", "lots",
         "--db", str(tmp_path / "lib.peeldb")],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr == ("peelviewer: --limit must be a whole number from 1 to 10000, "
                             "not 'lots'\n")


# Pages, the count and the filters

SMALL_QUERIES = ("wellbeing", "force", "improve stop", '"fairness and respect"', "vet*")


@pytest.mark.parametrize("query", SMALL_QUERIES)
@pytest.mark.parametrize("page", [1, 4, 7])
def test_pages_put_together_are_every_hit_in_order_and_the_count_says_how_many(store, query,
                                                                               page):
    small_library(store)
    everything = reference_search(store, query, 10_000)
    pages = [store.search(query, limit=page, offset=offset)
             for offset in range(0, len(everything) + page, page)]
    assert [hit for hits in pages for hit in hits] == everything
    assert pages[-1] == []  # past the end
    assert store.search_count(query) == len(everything)


FILTERS = [
    (SearchFilters(cycle="2017"), lambda h: h.cycle == "2017"),
    (SearchFilters(section="efficiency"), lambda h: h.pillar == "efficiency"),
    (SearchFilters(area="positive-workplace"), lambda h: h.question_key == "positive-workplace"),
    (SearchFilters(kind="summary"), lambda h: h.field == "summary"),
    (SearchFilters(kind="narrative"), lambda h: h.field == "question"),
    (SearchFilters(kind="finding"), lambda h: h.field in FINDING_KINDS),
    (SearchFilters(kind="recommendation"), lambda h: h.field == "recommendation"),
    (SearchFilters(cycle="2016", section="legitimacy", kind="area_for_improvement"),
     lambda h: (h.cycle, h.pillar, h.field) == ("2016", "legitimacy", "area_for_improvement")),
    (SearchFilters(area="treatment-of-public", kind="narrative", cycle="2017"),
     lambda h: (h.question_key, h.field, h.cycle) == ("treatment-of-public", "question", "2017")),
]


@pytest.mark.parametrize(("filters", "keeps"), FILTERS)
@pytest.mark.parametrize("query", SMALL_QUERIES)
def test_filters_keep_exactly_the_hits_they_name_in_rank_order(store, filters, keeps, query):
    small_library(store)
    expected = [hit for hit in reference_search(store, query, 10_000) if keeps(hit)]
    assert store.search(query, filters=filters, limit=10_000) == expected
    assert store.search_count(query, filters) == len(expected)
    assert store.search(query, filters=filters, limit=3, offset=2) == expected[2:5]


def test_filters_that_leave_nothing_find_nothing(store):
    small_library(store)
    for filters in (SearchFilters(area="positive-workplace", kind="summary"),
                    SearchFilters(cycle="2099"), SearchFilters(section="force")):
        assert store.search("force", filters=filters) == []
        assert store.search_count("force", filters) == 0


@pytest.mark.parametrize("wrong", [{"kind": "findings"}, {"section": "Legitimacy"}])
def test_a_filter_that_is_no_choice_is_refused(wrong):
    with pytest.raises(ValueError, match="must be one of"):
        SearchFilters(**wrong)


def test_an_offset_before_the_first_hit_is_refused(store):
    with pytest.raises(ValueError, match="offset must be 0 or more"):
        store.search("force", offset=-1)


def test_the_filters_offer_what_the_library_holds(store):
    small_library(store)
    assert store.search_choices() == (["2016", "2017"], ["efficiency", "legitimacy"],
                                      ["positive-workplace", "treatment-of-public"])


# Where the words stand


def words_marked(marks: dict, text: str) -> list[str]:
    return [text[start:end] for start, end in marks.get(text, ())]


def test_marks_find_the_words_as_the_search_matched_them(store):
    """Stems, prefixes and phrases, in every text of the report, and only in that report."""
    narrative = ("Officers are vetted before they start; vetting is renewed. Staff wellbeing "
                 "comes first, with <b>fairness</b> and respect & fairness and respect.")
    finding = "The force should vet contractors."
    report = Report(force_id="kent", cycle="2016", pillar="legitimacy", headline="Legitimacy",
                    grade=Grade.GOOD, grade_source="stated", summary="Wellbeing is good.",
                    questions=(Question(number=1, text="How does it vet its staff?",
                                        grade=Grade.GOOD, grade_source="stated",
                                        narrative=narrative,
                                        findings=(Finding("recommendation", finding),)),))
    other = Report(force_id="essex", cycle="2016", pillar="legitimacy", headline="Legitimacy",
                   grade=Grade.GOOD, grade_source="stated", summary="Vetting is done.",
                   questions=())
    for index, each in enumerate((report, other)):
        store.add_report(each, sha256=f"{index:064d}", file_name="x.txt", kind="txt", size=1)
    marks = store.search_marks('vet wellbe* "fairness and respect"', "kent", "2016",
                               "legitimacy")
    assert words_marked(marks, narrative) == ["vetted", "vetting", "wellbeing",
                                              "fairness and respect"]
    assert words_marked(marks, finding) == ["vet"]
    assert words_marked(marks, "How does it vet its staff?") == ["vet"]
    assert words_marked(marks, "Wellbeing is good.") == ["Wellbeing"]
    assert "Vetting is done." not in marks  # another report's
    assert store.search_marks("", "kent", "2016", "legitimacy") == {}
    assert store.search_marks("vet", "kent", "2099", "legitimacy") == {}


@pytest.mark.parametrize(("marked", "plain", "spans"), [
    ("no marks", "no marks", ()),
    (f"{MATCH_START}a{MATCH_END} b {MATCH_START}cd{MATCH_END}", "a b cd", ((0, 1), (4, 6))),
    (f"x {MATCH_START}y z{MATCH_END}", "x y z", ((2, 5),)),
])
def test_marked_text_gives_its_plain_text_and_spans(marked, plain, spans):
    assert marked_spans(marked) == (plain, spans)


# Removing a report


def test_a_removed_report_is_gone_with_its_rows_and_from_every_search_index(store):
    small_library(store)
    before = store.counts()
    report = store.report("kent", "2017", "legitimacy")
    assert store.search_count("wellbeing", SearchFilters(cycle="2017"))
    assert store.remove_report("kent", "2017", "legitimacy")
    assert store.report("kent", "2017", "legitimacy") is None
    after = store.counts()
    assert after["reports"] == before["reports"] - 1
    assert after["questions"] == before["questions"] - len(report.questions)
    assert after["findings"] == before["findings"] - sum(len(q.findings) for q in report.questions)
    assert after["sources"] == before["sources"] - 1
    for query in ("wellbeing", "force", "vet*"):
        hits = store.search(query, limit=10_000)
        assert ("kent", "2017", "legitimacy") not in {(h.force_id, h.cycle, h.pillar)
                                                      for h in hits}
        assert hits == reference_search(store, query, 10_000)
    for table in ("reports", "questions", "findings"):
        store.db.execute(f"insert into {table}_fts({table}_fts) values ('integrity-check')")
    assert store.report("kent", "2017", "efficiency") is not None  # its neighbours stay
    assert not store.remove_report("kent", "2017", "legitimacy")


def test_a_damaged_library_removes_nothing(store):
    small_library(store)
    store.damage = "lib.peeldb is damaged"
    with pytest.raises(StoreError, match="never writes to a damaged library"):
        store.remove_report("kent", "2017", "legitimacy")
    assert store.report("kent", "2017", "legitimacy") is not None


# The command's filters


def test_the_search_command_filters_by_cycle_pillar_area_and_kind(store, capsys):
    small_library(store)
    filters = SearchFilters(cycle="2017", section="legitimacy", area="positive-workplace",
                            kind="area_for_improvement")
    expected = store.search("force", filters=filters, limit=10_000)
    assert expected
    store.close()
    assert main(["search", "force", "--cycle", "2017", "--pillar", "Legitimacy", "--area",
                 "Developing a positive workplace", "--kind", "area-for-improvement",
                 "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n    ") == len(expected)
    assert out.endswith(f"\n{len(expected)} hit{'s' * (len(expected) != 1)}\n")
    assert all(" · 2017 legitimacy · " in line and line.endswith("area for improvement")
               for line in out.splitlines() if not line.startswith("    ") and " · " in line)


@pytest.mark.parametrize(("option", "value", "error"), [
    ("--cycle", "1999", "unknown PEEL cycle '1999'"),
    ("--pillar", "bravery", "unknown pillar 'bravery'"),
    ("--area", "Knitting", "unknown question or area 'Knitting'"),
    ("--kind", "gossip", "unknown kind 'gossip'"),
])
def test_the_search_command_refuses_an_unknown_filter_in_one_line(store, capsys, option, value,
                                                                  error):
    store.close()
    assert main(["search", "force", option, value, "--db", str(store.path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"peelviewer: {error}")
    assert err.count("\n") == 1


def test_every_kind_of_finding_a_search_can_keep_has_a_title_and_a_label():
    """Titles head a list of findings (and the kind filter), labels name one: a new kind of
    finding needs both."""
    assert set(FINDING_TITLES) == set(FINDING_LABELS) == set(FINDING_KINDS)
    assert all(FINDING_TITLES[kind] != FINDING_LABELS[kind] for kind in FINDING_KINDS)
