"""Library search in `make bench`: ranking first and snippets for the shown hits only, against
the single query that made a snippet for every match, on a library of 10,000 reports; and what
the window does for a search: the count and the first page, a filtered one, a page deep in
the list."""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from peelviewer.core.forces import FORCES
from peelviewer.core.model import PILLARS, Finding, Grade, Question, Report
from peelviewer.core.queries import MATCH_END, MATCH_START, SearchHit, fts_query
from peelviewer.core.search import SearchFilters
from peelviewer.core.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "peelviewer" / "resources" / "samples"
REPORTS = 10_000
LIMIT = 100  # what the window asks for at a time (ui.search_worker.PAGE)
TARGET_RATIO = 7.0  # at least this many times faster than the snippet-every-match query
DEEP = 5_000  # the offset of a page far down the list
# What people look for: common words (the worst case for a snippet per match), two words,
# a phrase and a prefix.
QUERIES = ("improve", "vetting workforce", '"fairness and respect"', "wellbe*")
KINDS = ("area_for_improvement", "cause_of_concern", "recommendation", "practice")


def sample_sentences() -> list[str]:
    """Real report sentences from the bundled samples, long enough to read as prose."""
    sentences = []
    for page in sorted(SAMPLES.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            sentence = " ".join(sentence.split())
            if len(sentence.split()) >= 8 and sentence.endswith((".", "!", "?")):
                sentences.append(sentence)
    return sentences


def build_library(path: Path, reports: int = REPORTS, *, seed: int = 14) -> None:
    """`reports` reports with summaries, question narratives and findings of real sentences:
    43 forces x 3 pillars per synthetic cycle, as in the reliability checks' big library."""
    rng = random.Random(seed)
    sentences = sample_sentences()

    def prose(count: int) -> str:
        return " ".join(rng.choice(sentences) for _ in range(count))

    batch: list[Report] = []
    with Store.open(path) as store:
        count = 0
        cycle_number = 0
        while count < reports:
            cycle = f"S{cycle_number:03d}"
            for force in FORCES:
                for pillar in PILLARS[:3]:
                    if count == reports:
                        break
                    questions = tuple(
                        Question(number=number, text=f"How well does the force {prose(1)}",
                                 grade=Grade(rng.randrange(1, 5)), grade_source="stated",
                                 narrative=prose(rng.randrange(2, 6)),
                                 findings=tuple(Finding(rng.choice(KINDS), prose(1))
                                                for _ in range(rng.randrange(0, 3))))
                        for number in range(1, rng.randrange(3, 6))
                    )
                    batch.append(Report(
                        force_id=force.id, cycle=cycle, pillar=pillar,
                        headline=f"How {pillar} is the force?", grade=questions[0].grade,
                        grade_source="stated", summary=prose(rng.randrange(2, 5)),
                        questions=questions))
                    count += 1
                    if len(batch) == 500:  # one transaction per 500 reports
                        store.add_reports(batch, sha256=f"{count:064x}", file_name="generated",
                                          kind="txt", size=1)
                        batch = []
            cycle_number += 1
        if batch:
            store.add_reports(batch, sha256=f"{count:064x}", file_name="generated", kind="txt",
                              size=1)


def search_every_snippet(store: Store, query: str, *, limit: int = LIMIT) -> list[SearchHit]:
    """The search as it was: one query that makes a snippet for every match, then ranks."""
    match = fts_query(query)
    if not match:
        return []
    snippet = "snippet({t}_fts, -1, '" + MATCH_START + "', '" + MATCH_END + "', '…', 14)"
    sql = f"""
        select hits.field, hits.snippet, r.force_id, f.name, r.cycle, r.section,
               q.number, q.text, q.key
        from (
          select 'summary' as field, t.id as report_id, null as question_id,
                 {snippet.format(t="reports")} as snippet, reports_fts.rank as rank
            from reports_fts join reports t on t.rowid = reports_fts.rowid
           where reports_fts match :q
          union all
          select 'question', t.report_id, t.id, {snippet.format(t="questions")},
                 questions_fts.rank
            from questions_fts join questions t on t.rowid = questions_fts.rowid
           where questions_fts match :q
          union all
          select t.kind, t.report_id, t.question_id, {snippet.format(t="findings")},
                 findings_fts.rank
            from findings_fts join findings t on t.rowid = findings_fts.rowid
           where findings_fts match :q
        ) hits
        join reports r on r.id = hits.report_id
        join forces f on f.id = r.force_id
        left join questions q on q.id = hits.question_id
        order by hits.rank limit :limit"""
    return [
        SearchHit(force_id=force_id, force_name=name, cycle=cycle, pillar=pillar,
                  question_number=number, question_text=text, question_key=key,
                  field=field, snippet=snippet)
        for field, snippet, force_id, name, cycle, pillar, number, text, key
        in store.db.execute(sql, {"q": match, "limit": limit})
    ]


def _medians_ms(store: Store, query: str, runs: int) -> tuple[float, float]:
    """Median milliseconds of the new search and the old, runs interleaved so drift on the
    machine hits both alike."""
    new, old = [], []
    for _ in range(runs):
        for search, times in ((lambda: store.search(query, limit=LIMIT), new),
                              (lambda: search_every_snippet(store, query), old)):
            start = time.perf_counter()
            search()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(new), statistics.median(old)


def _median_ms(search, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        search()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def first_page(store: Store, query: str, filters: SearchFilters | None = None) -> int:
    """What the window does for a search: the first page of hits and, when it is full, the
    count of them all (as ui.search_worker.fetch_page, without Qt)."""
    filters = filters or SearchFilters()
    hits = store.search(query, filters=filters, limit=LIMIT)
    return store.search_count(query, filters) if len(hits) == LIMIT else len(hits)


def search_rows(runs: int, reports: int = REPORTS) -> list[tuple]:
    """Table rows (figure, value, baseline, ratio, target, met): one per query, the total
    over all of them, then the count with the first page, a filtered search and a deep
    page."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="peel-search-bench-") as scratch:
        library = Path(scratch) / "search.peeldb"
        build_library(library, reports)
        with Store.open(library) as store:
            totals = [0.0, 0.0]
            for query in QUERIES:
                # Also the warm-up: the same hits in the same order, or the timing means nothing.
                new = store.search(query, limit=LIMIT)
                assert new == search_every_snippet(store, query), query
                new_ms, old_ms = _medians_ms(store, query, max(runs, 5))
                totals[0] += new_ms
                totals[1] += old_ms
                matches = _match_count(store, query)
                rows.append((f"search {query} ({matches:,} matches, {reports:,} reports)",
                             f"{new_ms:.1f} ms", f"{old_ms:.1f} ms", f"{old_ms / new_ms:.1f}",
                             "(no target)", None))
            new_ms, old_ms = totals
            rows.append((f"search, {len(QUERIES)} queries, {reports:,} reports, top {LIMIT}",
                         f"{new_ms:.1f} ms", f"{old_ms:.1f} ms", f"{old_ms / new_ms:.1f}",
                         f">= {TARGET_RATIO:.0f}x faster", old_ms / new_ms >= TARGET_RATIO))
            rows += _window_rows(store, max(runs, 5), old_ms, reports)
    return rows


def _window_rows(store: Store, runs: int, old_ms: float, reports: int) -> list[tuple]:
    """The window's searches: count and first page (against the old query, which listed
    no count at all), one with filters, one page far down."""
    counted = sum(_median_ms(lambda q=query: first_page(store, q), runs) for query in QUERIES)
    filters = SearchFilters(cycle="S010", kind="finding")
    filtered = sum(_median_ms(lambda q=query: first_page(store, q, filters), runs)
                   for query in QUERIES)
    deep = sum(_median_ms(lambda q=query: store.search(q, limit=LIMIT, offset=DEEP), runs)
               for query in QUERIES)
    what = f"{len(QUERIES)} queries, {reports:,} reports"
    return [
        (f"search count + first page of {LIMIT}, {what}", f"{counted:.1f} ms",
         f"{old_ms:.1f} ms", f"{old_ms / counted:.1f}", f">= {TARGET_RATIO:.0f}x faster",
         old_ms / counted >= TARGET_RATIO),
        (f"search count + first page, one cycle's findings, {what}", f"{filtered:.1f} ms",
         "", "", "(no target)", None),
        (f"search page at hit {DEEP:,}, {what}", f"{deep:.1f} ms", "", "", "(no target)",
         None),
    ]


def _match_count(store: Store, query: str) -> int:
    match = fts_query(query)
    return sum(store.db.execute(f"select count(*) from {table}_fts where {table}_fts match ?",
                                [match]).fetchone()[0]
               for table in ("reports", "questions", "findings"))


if __name__ == "__main__":
    from .table import print_table

    print_table(search_rows(3))
