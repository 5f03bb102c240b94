"""Reading the library: report lists, whole reports, grade cells for the heatmap; search is in
core/search.py."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
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
from peelviewer.core.search import (  # noqa: F401 (the search API, as callers know it)
    MATCH_END,
    MATCH_START,
    MAX_SEARCH_HITS,
    SearchFilters,
    SearchHit,
    SearchQueries,
    fts_query,
)

if TYPE_CHECKING:
    from peelviewer.core.database import Database


_COUNTS = """(select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'area_for_improvement') as areas,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'cause_of_concern') as causes,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'recommendation') as recommendations,
                       (select count(*) from findings f where f.{col} = {on}
                          and f.kind = 'practice') as practice"""


class StoreQueries(SearchQueries):
    """Read-only queries; Store adds the writes. Nothing here changes the library."""

    db: Database

    def is_empty(self) -> bool:
        """No report at all (one row read, where counting would read them all)."""
        return not self.db.execute("select exists (select 1 from reports)").fetchone()[0]

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

    def shared_sections(self, force_ids: Sequence[str], cycle: str) -> list[str]:
        """The sections (pillars, or the whole force) every one of these forces has a report
        of in the cycle, in SECTIONS order; none for no forces."""
        wanted = sorted(set(force_ids))
        if not wanted:
            return []
        found = {row[0] for row in self.db.execute(
            f"select section from reports where cycle = ? and force_id in "
            f"({', '.join('?' * len(wanted))}) group by section "
            f"having count(distinct force_id) = ?", [cycle, *wanted, len(wanted)])}
        return [section for section in SECTIONS if section in found]

    def section_to_show(self, force_ids: Sequence[str], cycle: str,
                        chosen: str | None = None) -> str | None:
        """The chosen section when every one of the forces has a report of it in the cycle,
        else the first section they all have one of (see shared_sections); None if none."""
        shared = self.shared_sections(force_ids, cycle)
        return chosen if chosen in shared else next(iter(shared), None)

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


def _grade(label: str | None) -> Grade | None:
    return Grade.from_label(label) if label else None
