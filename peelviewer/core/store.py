"""The library: an SQLite file (via sqlite-utils) of reports, questions, findings, sources."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from peelviewer.core.forces import FORCES
from peelviewer.core.model import FINDING_KINDS, Finding, Grade, Question, Report, grade_label

SCHEMA_VERSION = 1
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
# Markers around matched words in search snippets; callers render them as they like.
MATCH_START, MATCH_END = "\x02", "\x03"

migrations = sqlite_utils.Migrations("peelviewer")


@migrations()
def m001_schema(db: sqlite_utils.Database) -> None:
    db["forces"].create(
        {"id": str, "name": str, "short_name": str, "region": str, "country": str}, pk="id"
    )
    db["forces"].insert_all(
        {"id": f.id, "name": f.name, "short_name": f.short_name, "region": f.region,
         "country": f.country}
        for f in FORCES
    )
    db["reports"].create(
        {
            "id": int, "force_id": str, "cycle": str, "pillar": str, "headline": str,
            "grade": str, "grade_source": str, "last_updated": str, "summary": str,
            "warnings": str, "imported_at": str,
        },
        pk="id",
        foreign_keys=[("force_id", "forces", "id")],
    )
    db["reports"].create_index(["force_id", "cycle", "pillar"], unique=True)
    db["questions"].create(
        {
            "id": int, "report_id": int, "number": int, "text": str, "grade": str,
            "grade_source": str, "carried_over": int, "narrative": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["questions"].create_index(["report_id", "number"])
    db["findings"].create(
        {
            "id": int, "report_id": int, "question_id": int, "kind": str, "position": int,
            "text": str, "lead_in": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("question_id", "questions", "id")],
    )
    db["findings"].create_index(["question_id"])
    db["findings"].create_index(["report_id"])
    db["sources"].create(
        {"sha256": str, "report_id": int, "file_name": str, "kind": str, "size": int,
         "imported_at": str},
        pk="sha256",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["sources"].create_index(["report_id"])
    # The sqlite-utils FTS convention, so Datasette offers search on these tables too.
    db["reports"].enable_fts(["headline", "summary"], create_triggers=True, tokenize="porter")
    db["questions"].enable_fts(["text", "narrative"], create_triggers=True, tokenize="porter")
    db["findings"].enable_fts(["text"], create_triggers=True, tokenize="porter")


class StoreError(Exception):
    """The library file cannot be used; str() is the reason for the user."""


@dataclass(frozen=True)
class SearchHit:
    force_id: str
    force_name: str
    cycle: str
    pillar: str
    question_number: int | None
    question_text: str | None
    field: str  # "summary", "question" or a finding kind
    snippet: str  # matched words between MATCH_START and MATCH_END


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store:
    """One open library. Every write is one transaction; reads never change anything."""

    def __init__(self, db: sqlite_utils.Database, *, path: Path | None = None):
        self.db = db
        self.path = path
        self._prepare()

    @classmethod
    def open(cls, path: str | os.PathLike) -> Store:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite_utils.Database(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{path.name} is not a PEEL Viewer library or is damaged ({error})"
            ) from None
        except OSError as error:
            raise StoreError(f"cannot open {path}: {error.strerror or error}") from None
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(
                f"{path.name} was written by a newer PEEL Viewer (library format {version}; "
                f"this version reads up to {SCHEMA_VERSION}): update PEEL Viewer to open it"
            )
        try:
            return cls(db, path=path)
        except StoreError:
            db.close()
            raise
        except sqlite3.DatabaseError as error:
            db.close()
            raise StoreError(f"{path.name} cannot be used as a library: {error}") from None

    @classmethod
    def memory(cls) -> Store:
        return cls(sqlite_utils.Database(memory=True))

    def _prepare(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 5000")
        foreign = [t for t in self.db.table_names() if not t.startswith("_")]
        if foreign and "reports" not in foreign:
            raise StoreError("the file is an SQLite database but not a PEEL Viewer library")
        if self.path is not None:
            self.db.enable_wal()
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    # Writing

    def has_source(self, sha256: str) -> bool:
        return bool(self.db.execute("select 1 from sources where sha256 = ?", [sha256]).fetchone())

    def add_report(self, report: Report, *, sha256: str, file_name: str, kind: str,
                   size: int) -> str:
        """Store one parsed file in one transaction; returns added, updated or unchanged."""
        conn = self.db.conn
        with self.db.atomic():
            if self.has_source(sha256):
                return UNCHANGED
            row = conn.execute(
                "select id from reports where force_id = ? and cycle = ? and pillar = ?",
                [report.force_id, report.cycle, report.pillar],
            ).fetchone()
            if row is None:
                report_id, outcome = self._insert_report(report), ADDED
            elif report.richness > self._richness(row[0]):
                report_id, outcome = row[0], UPDATED
                self._replace_report(report_id, report)
            else:
                report_id, outcome = row[0], UNCHANGED
            conn.execute(
                "insert into sources (sha256, report_id, file_name, kind, size, imported_at) "
                "values (?, ?, ?, ?, ?, ?)",
                [sha256, report_id, file_name, kind, size, _now()],
            )
            return outcome

    def _report_values(self, report: Report) -> list:
        return [
            report.headline, grade_label(report.grade), report.grade_source,
            report.last_updated.isoformat() if report.last_updated else None,
            report.summary, json.dumps(list(report.warnings)), _now(),
        ]

    def _insert_report(self, report: Report) -> int:
        cursor = self.db.conn.execute(
            "insert into reports (force_id, cycle, pillar, headline, grade, grade_source, "
            "last_updated, summary, warnings, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report.force_id, report.cycle, report.pillar, *self._report_values(report)],
        )
        self._insert_questions(cursor.lastrowid, report)
        return cursor.lastrowid

    def _replace_report(self, report_id: int, report: Report) -> None:
        conn = self.db.conn
        conn.execute("delete from findings where report_id = ?", [report_id])
        conn.execute("delete from questions where report_id = ?", [report_id])
        conn.execute(
            "update reports set headline = ?, grade = ?, grade_source = ?, last_updated = ?, "
            "summary = ?, warnings = ?, imported_at = ? where id = ?",
            [*self._report_values(report), report_id],
        )
        self._insert_questions(report_id, report)

    def _insert_questions(self, report_id: int, report: Report) -> None:
        conn = self.db.conn
        for q in report.questions:
            question_id = conn.execute(
                "insert into questions (report_id, number, text, grade, grade_source, "
                "carried_over, narrative) values (?, ?, ?, ?, ?, ?, ?)",
                [report_id, q.number, q.text, grade_label(q.grade), q.grade_source,
                 int(q.carried_over), q.narrative],
            ).lastrowid
            conn.executemany(
                "insert into findings (report_id, question_id, kind, position, text, lead_in) "
                "values (?, ?, ?, ?, ?, ?)",
                [(report_id, question_id, f.kind, i, f.text, f.lead_in)
                 for i, f in enumerate(q.findings, start=1)],
            )

    def _richness(self, report_id: int) -> tuple[int, int, int, int, int]:
        """The same ordering as Report.richness, computed from stored rows."""
        row = self.db.execute(
            """select
                 (select count(*) from questions where report_id = r.id
                    and grade is not null) + (r.grade is not null),
                 (select count(*) from findings where report_id = r.id),
                 r.last_updated is not null,
                 (select count(*) from questions where report_id = r.id
                    and grade_source = 'stated') + (r.grade_source = 'stated'),
                 (select count(*) from questions where report_id = r.id)
               from reports r where r.id = ?""",
            [report_id],
        ).fetchone()
        return tuple(row)

    # Reading

    def counts(self) -> dict[str, int]:
        return {t: self.db[t].count for t in ("reports", "questions", "findings", "sources")}

    def report_rows(self) -> list[dict]:
        """Every report with its force and question grades, ordered by force, cycle, pillar."""
        rows = self.db.query(
            """select r.id, r.force_id, f.name as force_name, f.region, r.cycle, r.pillar,
                      r.grade, r.grade_source, r.last_updated,
                      (select json_group_array(json_object('number', q.number,
                          'grade', q.grade, 'grade_source', q.grade_source,
                          'carried_over', q.carried_over))
                       from (select * from questions where report_id = r.id
                             order by number) q) as questions,
                      (select count(*) from findings where report_id = r.id) as findings
               from reports r join forces f on f.id = r.force_id
               order by f.name, r.cycle, r.pillar"""
        )
        result = []
        for row in rows:
            row["questions"] = json.loads(row["questions"])
            for q in row["questions"]:
                q["carried_over"] = bool(q["carried_over"])
            result.append(row)
        return result

    def report(self, force_id: str, cycle: str, pillar: str) -> Report | None:
        """The stored report for a (force, cycle, pillar), rebuilt as a Report."""
        rows = list(self.db.query(
            "select * from reports where force_id = ? and cycle = ? and pillar = ?",
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
                Finding(f["kind"], f["text"], f["lead_in"] or "")
                for f in self.db.query(
                    "select * from findings where question_id = ? order by kind, position",
                    [q["id"]],
                )
            )
            findings = tuple(sorted(findings, key=lambda f: FINDING_KINDS.index(f.kind)))
            questions.append(Question(
                number=q["number"], text=q["text"], grade=_grade(q["grade"]),
                grade_source=q["grade_source"], carried_over=bool(q["carried_over"]),
                narrative=q["narrative"], findings=findings,
            ))
        return Report(
            force_id=r["force_id"], cycle=r["cycle"], pillar=r["pillar"],
            headline=r["headline"],
            last_updated=_dt.date.fromisoformat(r["last_updated"]) if r["last_updated"] else None,
            grade=_grade(r["grade"]), grade_source=r["grade_source"], summary=r["summary"],
            questions=tuple(questions), warnings=tuple(json.loads(r["warnings"] or "[]")),
        )

    def sources(self, report_id: int) -> list[dict]:
        return list(self.db.query(
            "select * from sources where report_id = ? order by imported_at", [report_id]
        ))

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search over summaries, questions, narratives and findings, best first."""
        match = fts_query(query)
        if not match:
            return []
        snippet = "snippet({t}_fts, -1, '" + MATCH_START + "', '" + MATCH_END + "', '…', 14)"
        sql = f"""
            select hits.field, hits.snippet, r.force_id, f.name, r.cycle, r.pillar,
                   q.number, q.text
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
        cursor = self.db.execute(sql, {"q": match, "limit": limit})
        return [
            SearchHit(force_id=force_id, force_name=name, cycle=cycle, pillar=pillar,
                      question_number=number, question_text=text, field=field,
                      snippet=snippet)
            for field, snippet, force_id, name, cycle, pillar, number, text in cursor
        ]


def _grade(label: str | None) -> Grade | None:
    return Grade.from_label(label) if label else None


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word must match; "quoted phrases" and
    a trailing * for prefixes work; FTS operators typed by accident do no harm."""
    terms = []
    for token in re.findall(r'"[^"]*"|\S+', text):
        prefix = token.endswith("*")
        words = re.sub(r"[^\w\s’']+", " ", token).split()
        if not words:
            continue
        phrase = '"' + " ".join(words).replace('"', "") + '"'
        terms.append(phrase + ("*" if prefix else ""))
    return " ".join(terms)
