"""Full-text search of the library: a count, pages of hits best first (snippets made only for
the page asked for), filters applied in SQL, and where the words stand in a report's texts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from peelviewer.core.model import FINDING_KINDS, SECTIONS

# Markers around matched words in snippets; callers render them as they like.
MATCH_START, MATCH_END = "\x02", "\x03"
MAX_SEARCH_HITS = 10_000  # the most hits one page holds

# Where a hit was found, as the kind filter names it; each finding kind is a kind too.
SUMMARY, NARRATIVE, FINDING = "summary", "narrative", "finding"
SEARCH_KINDS = (SUMMARY, NARRATIVE, FINDING, *FINDING_KINDS)

Marks = tuple[tuple[int, int], ...]  # (start, end) of each matched word in a text


@dataclass(frozen=True)
class SearchHit:
    force_id: str
    force_name: str
    cycle: str
    pillar: str  # the report's section: a pillar, or "force" from 2021/22
    question_number: int | None
    question_text: str | None
    question_key: str | None
    field: str  # "summary", "question" or a finding kind
    snippet: str  # matched words between MATCH_START and MATCH_END


@dataclass(frozen=True)
class SearchFilters:
    """Which hits a search keeps; None keeps all. `section` is a pillar or "force" (the
    whole-force reports of 2021/22 on), `area` a question's or area's catalogue key (the same
    topic in every cycle), `kind` one of SEARCH_KINDS."""

    cycle: str | None = None
    section: str | None = None
    area: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in SEARCH_KINDS:
            raise ValueError(f"kind must be one of {', '.join(SEARCH_KINDS)}, not {self.kind!r}")
        if self.section is not None and self.section not in SECTIONS:
            raise ValueError(f"section must be one of {', '.join(SECTIONS)}, "
                             f"not {self.section!r}")

    def conditions(self, source: int) -> list[str] | None:
        """SQL conditions on one table's matches (aliases: r the report, q the question,
        t the finding), or None when these filters leave nothing of that table."""
        kind = self.kind
        if source == _REPORTS and (kind not in (None, SUMMARY) or self.area):
            return None  # a summary belongs to no question or area
        if source == _QUESTIONS and kind not in (None, NARRATIVE):
            return None
        if source == _FINDINGS and kind in (SUMMARY, NARRATIVE):
            return None
        found = []
        if self.cycle:
            found.append("r.cycle = :cycle")
        if self.section:
            found.append("r.section = :section")
        if self.area:
            found.append("q.key = :area")
        if kind in FINDING_KINDS:
            found.append("t.kind = :kind")
        return found

    def parameters(self) -> dict[str, str | None]:
        return {"cycle": self.cycle, "section": self.section, "area": self.area,
                "kind": self.kind}


NO_FILTERS = SearchFilters()
_REPORTS, _QUESTIONS, _FINDINGS = range(3)
_TABLES = ("reports", "questions", "findings")
# A filtered table's matches joined to what the filters ask about.
_JOINS = (
    "join reports r on r.rowid = reports_fts.rowid",
    "join questions q on q.rowid = questions_fts.rowid join reports r on r.id = q.report_id",
    "join findings t on t.rowid = findings_fts.rowid join reports r on r.id = t.report_id "
    "left join questions q on q.id = t.question_id",
)


def _matches(source: int, conditions: list[str], columns: str) -> str:
    """`columns` of one table's matches that meet `conditions`: with none, FTS alone."""
    table = _TABLES[source]
    joins = _JOINS[source] if conditions else ""
    where = "".join(f" and {condition}" for condition in conditions)
    return f"select {columns} from {table}_fts {joins} where {table}_fts match :q{where}"


def _ranked(source: int, conditions: list[str]) -> str:
    table = _TABLES[source]
    columns = f"{source} as source, {table}_fts.rowid as rowid, {table}_fts.rank as rank"
    return (f"select * from ({_matches(source, conditions, columns)} "
            "order by rank, rowid limit :end)")


_SNIPPET = "snippet({t}_fts, -1, '" + MATCH_START + "', '" + MATCH_END + "', '…', 14)"
# Each row: the FTS rowid, then SearchHit's fields in order. The match is scanned again and
# filtered on rowid (the "+" keeps FTS5 from seeking each rowid, which is slower), so only
# the wanted rows get a snippet.
_HIT_DETAILS = [
    f"""select r.rowid, r.force_id, f.name, r.cycle, r.section, null, null, null, 'summary',
               {_SNIPPET.format(t="reports")}
          from reports_fts join reports r on r.rowid = reports_fts.rowid
          join forces f on f.id = r.force_id
         where reports_fts match ? and +reports_fts.rowid in (select value from json_each(?))""",
    f"""select t.rowid, r.force_id, f.name, r.cycle, r.section, t.number, t.text, t.key,
               'question', {_SNIPPET.format(t="questions")}
          from questions_fts join questions t on t.rowid = questions_fts.rowid
          join reports r on r.id = t.report_id join forces f on f.id = r.force_id
         where questions_fts match ?
           and +questions_fts.rowid in (select value from json_each(?))""",
    f"""select t.rowid, r.force_id, f.name, r.cycle, r.section, q.number, q.text, q.key,
               t.kind, {_SNIPPET.format(t="findings")}
          from findings_fts join findings t on t.rowid = findings_fts.rowid
          join reports r on r.id = t.report_id join forces f on f.id = r.force_id
          left join questions q on q.id = t.question_id
         where findings_fts match ?
           and +findings_fts.rowid in (select value from json_each(?))""",
]

def _highlight(table: str, column: int) -> str:
    return f"highlight({table}_fts, {column}, '{MATCH_START}', '{MATCH_END}')"


# One report's texts that FTS indexes, each column with its matched words marked.
_MARKED = (
    f"""select {_highlight("reports", 0)}, {_highlight("reports", 1)} from reports_fts
         where reports_fts match :q and rowid = :report""",
    f"""select {_highlight("questions", 0)}, {_highlight("questions", 1)} from questions_fts
         where questions_fts match :q
           and rowid in (select id from questions where report_id = :report)""",
    f"""select {_highlight("findings", 0)} from findings_fts where findings_fts match :q
           and rowid in (select id from findings where report_id = :report)""",
)


class SearchQueries:
    """The search half of StoreQueries; expects `self.db`. Nothing here writes."""

    def search_count(self, query: str, filters: SearchFilters = NO_FILTERS) -> int:
        """How many summaries, questions (text or narrative) and findings match: counted by
        FTS alone, without ranking or snippets."""
        match = fts_query(query)
        counts = [_matches(source, conditions, "count(*)")
                  for source, conditions in _applicable(filters)]
        if not match or not counts:
            return 0
        sql = "select " + " + ".join(f"({count})" for count in counts)
        return self.db.execute(sql, {"q": match, **filters.parameters()}).fetchone()[0]

    def search(self, query: str, *, filters: SearchFilters = NO_FILTERS, limit: int = 50,
               offset: int = 0) -> list[SearchHit]:
        """Hits offset+1 to offset+limit of a full-text search over summaries, questions,
        narratives and findings, best first. Ranks every match but makes snippets (the
        costly part) only for the hits returned. Equal ranks keep the order of the tables,
        then of rowids, so the same query always pages the same way."""
        if not 1 <= limit <= MAX_SEARCH_HITS:
            raise ValueError(f"limit must be from 1 to {MAX_SEARCH_HITS}, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        match = fts_query(query)
        tables = _applicable(filters)
        if not match or not tables:
            return []
        sql = (" union all ".join(_ranked(source, conditions) for source, conditions in tables)
               + " order by rank, source, rowid limit :limit offset :offset")
        best = self.db.execute(sql, {"q": match, "limit": limit, "offset": offset,
                                     "end": offset + limit, **filters.parameters()}).fetchall()
        wanted: dict[int, list[int]] = {}
        for source, rowid, _rank in best:
            wanted.setdefault(source, []).append(rowid)
        found = {}
        for source, rowids in wanted.items():
            for rowid, *fields in self.db.execute(_HIT_DETAILS[source],
                                                  [match, json.dumps(rowids)]):
                found[source, rowid] = SearchHit(*fields)
        # A match whose row is gone (a library edited by hand) is left out, not a crash.
        return [found[source, rowid] for source, rowid, _rank in best
                if (source, rowid) in found]

    def search_choices(self) -> tuple[list[str], list[str], list[str]]:
        """What the filters can choose from: the cycles, sections and catalogue keys of
        questions or areas that the library holds."""
        cycles = self.cycles()
        found = {row[0] for row in self.db.execute("select distinct section from reports")}
        sections = [s for s in SECTIONS if s in found]
        keys = [row[0] for row in self.db.execute(
            "select distinct key from questions where key is not null order by key")]
        return cycles, sections, keys

    def search_marks(self, query: str, force_id: str, cycle: str, section: str
                     ) -> dict[str, Marks]:
        """Where any word of `query` stands in one report's headline, summary, question
        texts, narratives and findings, as FTS matches it (stems, prefixes, phrases):
        {text: ((start, end), ...)} for each text holding one."""
        terms = fts_terms(query)
        row = self.db.execute("select id from reports where force_id = ? and cycle = ? "
                              "and section = ?", [force_id, cycle, section]).fetchone()
        if not terms or row is None:
            return {}
        marks: dict[str, Marks] = {}
        parameters = {"q": " OR ".join(terms), "report": row[0]}
        for sql in _MARKED:
            for columns in self.db.execute(sql, parameters):
                for marked in columns:
                    text, spans = marked_spans(marked or "")
                    if spans:
                        marks[text] = spans
        return marks


def _applicable(filters: SearchFilters) -> list[tuple[int, list[str]]]:
    """The tables (by number) the filters leave something of, with their conditions."""
    found = []
    for source in range(len(_TABLES)):
        conditions = filters.conditions(source)
        if conditions is not None:
            found.append((source, conditions))
    return found


def marked_spans(marked: str) -> tuple[str, Marks]:
    """Text with MATCH_START/MATCH_END markers -> the plain text and each marked span."""
    pieces, spans, length = [], [], 0
    for index, part in enumerate(marked.split(MATCH_START)):
        if index == 0:
            pieces.append(part)
            length += len(part)
            continue
        matched, _, rest = part.partition(MATCH_END)
        spans.append((length, length + len(matched)))
        pieces.append(matched + rest)
        length += len(matched) + len(rest)
    return "".join(pieces), tuple(spans)


def fts_terms(text: str) -> list[str]:
    """A user's words as safe FTS5 terms: "quoted phrases" and a trailing * for prefixes
    work; FTS operators typed by accident do no harm. A word or phrase typed twice (in any
    case) counts once: it would match the same rows, only slower."""
    terms: dict[str, str] = {}  # lower case -> as first typed
    for token in re.findall(r'"[^"]*"|\S+', text):
        prefix = token.endswith("*")
        words = re.sub(r"[^\w\s’']+", " ", token).split()
        if not words:
            continue
        term = '"' + " ".join(words).replace('"', "") + '"' + ("*" if prefix else "")
        terms.setdefault(term.lower(), term)
    return list(terms.values())


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query in which every word must match."""
    return " ".join(fts_terms(text))
