"""Reading the library: report lists, whole reports, grade cells for the heatmap, search."""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING


from peelviewer.core.model import (
    CYCLES,
    FINDING_KINDS,
    SECTIONS,
    Finding,
    Grade,
    Question,
    Report,
    is_modern,
)
from peelviewer.core.names import escape_name

# Markers around matched words in search snippets; callers render them as they like.
MATCH_START, MATCH_END = "\x02", "\x03"
MAX_SEARCH_HITS = 10_000  # the most hits one search returns

if TYPE_CHECKING:
    from peelviewer.core.database import Database


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


_COUNTS = """(select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'area_for_improvement') as areas,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'cause_of_concern') as causes,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'recommendation') as recommendations,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'practice') as practice"""


# The best `limit` matches of the three tables, ranks only. Equal ranks keep the order of
# the tables here and then of rowids, so the same query always lists hits the same way.
_BEST_HITS = " union all ".join(
    f"""select * from (select {source} as source, rowid, rank from {table}_fts
                       where {table}_fts match :q order by rank, rowid limit :limit)"""
    for source, table in enumerate(("reports", "questions", "findings"))
) + " order by rank, source, rowid limit :limit"

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


class StoreQueries:
    """Read-only queries; Store adds the writes. Nothing here changes the library."""

    db: Database

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"select count(*) from {table}").fetchone()[0]
                for table in ("reports", "questions", "findings", "sources")}

    def cycles(self) -> list[str]:
        """Cycles that have reports, oldest first."""
        found = {row[0] for row in self.db.execute("select distinct cycle from reports")}
        return [c for c in CYCLES if c in found] + sorted(found - set(CYCLES))

    def sections(self, cycle: str) -> list[str]:
        """The pillars a cycle's reports cover, or ["force"] for a whole-force cycle."""
        found = {row[0] for row in self.db.execute(
            "select distinct section from reports where cycle = ?", [cycle])}
        return [p for p in SECTIONS if p in found]

    def pillar_cells(self, cycle: str) -> list[dict]:
        """One row per report of a cycle: its pillar grade and finding counts."""
        return list(self.db.query(
            f"""select r.id as report_id, r.force_id, r.section as column_key, null as number,
                       r.headline as text, r.grade, r.grade_source, 0 as carried_over,
                       1 as graded, null as previous_grade,
                       {_COUNTS.format(on="r.id", col="report_id")}
                from reports r where r.cycle = ?""",
            [cycle],
        ))

    def question_cells(self, cycle: str, pillar: str) -> list[dict]:
        """One row per question of a cycle and section: grade, how it is known, finding
        counts. Areas of policing are keyed by their catalogue key (forces print them in
        different orders), pillar questions by number."""
        return list(self.db.query(
            f"""select r.id as report_id, r.force_id,
                       case when q.id is null then null
                            when r.pillar is null then coalesce(q.key, q.text)
                            else q.number end as column_key,
                       q.number, q.key, q.text, q.grade, q.grade_source, q.carried_over,
                       q.graded, q.previous_grade,
                       {_COUNTS.format(on="q.id", col="question_id")}
                from reports r left join questions q on q.report_id = r.id
                where r.cycle = ? and r.section = ?""",
            [cycle, pillar],
        ))  # a partial copy with no questions gives one row with no column

    def force_pillar_grades(self, cycle: str) -> dict[str, dict[str, str | None]]:
        """{force id: {pillar: grade word or None}} for the chips of the force list; for a
        whole-force cycle, {force id: {area key: grade word or None}} of its graded areas."""
        grades: dict[str, dict[str, str | None]] = {}
        if is_modern(cycle):
            rows = self.db.execute(
                "select r.force_id, coalesce(q.key, q.text), q.grade from reports r "
                "join questions q on q.report_id = r.id "
                "where r.cycle = ? and r.section = 'force' and q.graded order by q.number",
                [cycle])
        else:
            rows = self.db.execute(
                "select force_id, section, grade from reports where cycle = ?", [cycle])
        for force_id, key, grade in rows:
            grades.setdefault(force_id, {})[key] = grade
        return grades

    def forces_with_report(self, cycle: str, pillar: str) -> list[str]:
        """Force ids with a report for this cycle and section, in force-name order."""
        return [row[0] for row in self.db.execute(
            "select r.force_id from reports r join forces f on f.id = r.force_id "
            "where r.cycle = ? and r.section = ? order by f.name", [cycle, pillar])]

    def force_reports(self, force_id: str) -> list[dict]:
        """A force's reports, newest cycle first, with their pillar grades."""
        rows = list(self.db.query(
            "select id, cycle, section as pillar, grade, grade_source, last_updated, published "
            "from reports where force_id = ?", [force_id]))
        order = {c: i for i, c in enumerate(CYCLES)}
        return sorted(rows, key=lambda r: (-order.get(r["cycle"], 99),
                                           SECTIONS.index(r["pillar"])))

    def source_names(self, force_id: str, cycle: str, pillar: str) -> list[str]:
        """The names of the files a report was read from, each as one readable line."""
        return [escape_name(row[0]) for row in self.db.execute(
            "select s.file_name from sources s join reports r on r.id = s.report_id "
            "where r.force_id = ? and r.cycle = ? and r.section = ? "
            "order by s.imported_at, s.rowid",
            [force_id, cycle, pillar])]

    def question_table(self) -> list[dict]:
        """One row per question of every report, with grades and finding counts (for CSV)."""
        return list(self.db.query(
            f"""select r.force_id, f.name as force_name, f.region, r.cycle,
                       coalesce(r.pillar, '') as pillar, r.scale,
                       r.grade as pillar_grade, r.grade_source as pillar_grade_source,
                       r.last_updated, r.published, q.number as question, q.key as question_key,
                       q.text as question_text, q.graded, q.grade, q.grade_source,
                       q.carried_over, q.previous_grade,
                       {_COUNTS.format(on="q.id", col="question_id")}
                from reports r join forces f on f.id = r.force_id
                join questions q on q.report_id = r.id
                order by f.name, r.cycle, r.section, q.number"""))

    def report_rows(self) -> list[dict]:
        """Every report with its force and question grades, ordered by force, cycle, pillar."""
        rows = self.db.query(
            """select r.id, r.force_id, f.name as force_name, f.region, r.cycle, r.pillar,
                      r.section, r.scale, r.grade, r.grade_source, r.last_updated, r.published,
                      (select json_group_array(json_object('number', q.number,
                          'key', q.key, 'grade', q.grade, 'grade_source', q.grade_source,
                          'carried_over', q.carried_over, 'graded', q.graded))
                       from (select * from questions where report_id = r.id
                             order by number) q) as questions,
                      (select count(*) from findings where report_id = r.id) as findings
               from reports r join forces f on f.id = r.force_id
               order by f.name, r.cycle, r.section"""
        )
        result = []
        for row in rows:
            row["questions"] = json.loads(row["questions"])
            for q in row["questions"]:
                q["carried_over"] = bool(q["carried_over"])
                q["graded"] = bool(q["graded"])
            result.append(row)
        return result

    def report(self, force_id: str, cycle: str, pillar: str) -> Report | None:
        """The stored report for a (force, cycle, section), rebuilt as a Report."""
        rows = list(self.db.query(
            "select * from reports where force_id = ? and cycle = ? and section = ?",
            [force_id, cycle, pillar],
        ))
        if not rows:
            return None
        r = rows[0]
        questions = []
        for q in self.db.query(
            "select * from questions where report_id = ? order by number, id", [r["id"]]
        ):
            findings = tuple(
                Finding(f["kind"], f["text"], f["lead_in"] or "", f["detail"] or "")
                for f in self.db.query(
                    "select * from findings where question_id = ? order by kind, position",
                    [q["id"]],
                )
            )
            findings = tuple(sorted(findings, key=lambda f: FINDING_KINDS.index(f.kind)))
            questions.append(Question(
                number=q["number"], text=q["text"], grade=_grade(q["grade"]),
                grade_source=q["grade_source"], carried_over=bool(q["carried_over"]),
                narrative=q["narrative"], findings=findings, key=q["key"],
                graded=bool(q["graded"]), previous_grade=_grade(q["previous_grade"]),
            ))
        return Report(
            force_id=r["force_id"], cycle=r["cycle"], pillar=r["pillar"],
            headline=r["headline"],
            last_updated=_dt.date.fromisoformat(r["last_updated"]) if r["last_updated"] else None,
            grade=_grade(r["grade"]), grade_source=r["grade_source"], summary=r["summary"],
            questions=tuple(questions), warnings=tuple(json.loads(r["warnings"] or "[]")),
            published=_dt.date.fromisoformat(r["published"]) if r["published"] else None,
        )

    def sources(self, report_id: int) -> list[dict]:
        return list(self.db.query(
            "select * from sources where report_id = ? order by imported_at", [report_id]
        ))

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search over summaries, questions, narratives and findings, best first.
        Ranks every match but makes snippets (the costly part) only for the hits returned."""
        if not 1 <= limit <= MAX_SEARCH_HITS:
            raise ValueError(f"limit must be from 1 to {MAX_SEARCH_HITS}, not {limit}")
        match = fts_query(query)
        if not match:
            return []
        best = self.db.execute(_BEST_HITS, {"q": match, "limit": limit}).fetchall()
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


def _grade(label: str | None) -> Grade | None:
    return Grade.from_label(label) if label else None


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word must match; "quoted phrases" and
    a trailing * for prefixes work; FTS operators typed by accident do no harm. A word or
    phrase typed twice (in any case) counts once: it would match the same rows, only
    slower."""
    terms: dict[str, str] = {}  # lower case -> as first typed
    for token in re.findall(r'"[^"]*"|\S+', text):
        prefix = token.endswith("*")
        words = re.sub(r"[^\w\s’']+", " ", token).split()
        if not words:
            continue
        term = '"' + " ".join(words).replace('"', "") + '"' + ("*" if prefix else "")
        terms.setdefault(term.lower(), term)
    return " ".join(terms.values())
