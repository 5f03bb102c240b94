"""The library: an SQLite file (via sqlite-utils) of reports, questions, findings, sources."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from peelviewer.core.forces import FORCES
from peelviewer.core.framework import topic_of_question
from peelviewer.core.model import Grade, Report, grade_label, scale_of
from peelviewer.core.names import escape_name, name_bytes
from peelviewer.core.prose import question_is_ungraded_kind
from peelviewer.core.queries import StoreQueries

SCHEMA_VERSION = 3
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"

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


@migrations()
def m002_sections_and_catalogue(db: sqlite_utils.Database) -> None:
    """Reports of 2021/22 onwards cover the whole force: every report gets a `section` (its
    pillar, or "force") that the unique index uses, since SQLite lets NULL pillars repeat.
    Reports carry their grade scale and publication date; questions their catalogue key,
    whether they are ever graded, and a grade an earlier copy gave; findings a detail
    paragraph; one file may be the source of several reports."""
    reports = db["reports"]
    reports.add_column("section", str, not_null_default="")
    reports.add_column("scale", int, not_null_default=4)
    reports.add_column("published", str)
    db.execute("update reports set section = coalesce(pillar, 'force')")
    db.execute("update reports set scale = 5 where cycle in ('2021/22', '2023-25', '2025-27')")
    for index in reports.indexes:
        if index.unique and index.columns == ["force_id", "cycle", "pillar"]:
            db.execute(f"drop index [{index.name}]")
    reports.create_index(["force_id", "cycle", "section"], unique=True)
    reports.create_index(["cycle", "section"])  # every view asks by cycle and section
    questions = db["questions"]
    questions.add_column("key", str)
    questions.add_column("graded", int, not_null_default=1)
    questions.add_column("previous_grade", str)
    for row in db.query("select q.id, q.text, q.grade, r.cycle, r.pillar from questions q "
                        "join reports r on r.id = q.report_id where r.pillar is not null"):
        topic = topic_of_question(row["pillar"], row["text"] or "")
        never = question_is_ungraded_kind(row["pillar"], row["text"] or "") or (
            topic is not None and not topic.is_graded(row["cycle"]))
        db.execute("update questions set key = ?, graded = ? where id = ?",
                   [topic.key if topic else None, int(row["grade"] is not None or not never),
                    row["id"]])
    questions.create_index(["key"])
    db["findings"].add_column("detail", str, not_null_default="")
    db["sources"].transform(pk=("sha256", "report_id"))
    db["sources"].create_index(["sha256"])


@migrations()
def m003_file_name_bytes(db: sqlite_utils.Database) -> None:
    """A file name that is not UTF-8 (Linux allows any bytes) is kept exactly in
    `file_name_bytes`; `file_name` then holds it readable, with escapes such as "\\xff"."""
    db["sources"].add_column("file_name_bytes", bytes)


class StoreError(Exception):
    """The library file cannot be used; str() is the reason for the user, `kind` says which
    case it is so the app can offer the right remedy."""

    DAMAGED = "damaged"  # not an SQLite file, or a corrupt one: may be moved aside
    BUSY = "busy"  # another program holds it locked: try again later, never move it
    NEWER = "newer"  # written by a newer PEEL Viewer: never touched
    FOREIGN = "foreign"  # somebody's other SQLite database: never touched
    UNREADABLE = "unreadable"  # the file system refused

    def __init__(self, message: str, kind: str = DAMAGED):
        super().__init__(message)
        self.kind = kind


def _open_error(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """The StoreError for an SQLite error met while opening: busy, read-only or damaged."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path.name} is in use by another program (it holds the library "
                          "locked); close it and try again", StoreError.BUSY)
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{path.name} is read-only: PEEL Viewer needs to write to its "
                          "library", StoreError.UNREADABLE)
    return StoreError(f"{path.name} is not a PEEL Viewer library or is damaged ({text})")


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store(StoreQueries):
    """One open library. Every write is one transaction. Opening writes only what an older
    or new library lacks (schema, WAL mode, format number); queries never write."""

    def __init__(self, db: sqlite_utils.Database, *, path: Path):
        self.db = db
        self.path = path
        self._prepare()

    @classmethod
    def open(cls, path: str | os.PathLike) -> Store:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a library file", StoreError.UNREADABLE)
        if path.exists() and not os.access(path, os.W_OK):
            raise StoreError(f"{path.name} is read-only: PEEL Viewer needs to write to its "
                             "library (check the file's permissions)", StoreError.UNREADABLE)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite_utils.Database(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise _open_error(path, error) from None
        except OSError as error:
            raise StoreError(f"cannot open {path}: {error.strerror or error}",
                             StoreError.UNREADABLE) from None
        if version > SCHEMA_VERSION and "reports" in db.table_names():
            db.close()
            raise StoreError(
                f"{path.name} was written by a newer PEEL Viewer (library format {version}; "
                f"this version reads up to {SCHEMA_VERSION}): update PEEL Viewer to open it",
                StoreError.NEWER,
            )
        try:
            return cls(db, path=path)
        except StoreError:
            db.close()
            raise
        except sqlite3.DatabaseError as error:
            db.close()
            raise _open_error(path, error) from None

    def _prepare(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 5000")
        foreign = [t for t in self.db.table_names() if not t.startswith("_")]
        if foreign and "reports" not in foreign:
            raise StoreError("the file is an SQLite database but not a PEEL Viewer library",
                             StoreError.FOREIGN)
        # Write only when something is missing: an up-to-date library opens without writing,
        # so another program reading or writing it cannot make the open fail.
        if self.db.journal_mode != "wal":
            self.db.enable_wal()
        if migrations.pending(self.db):
            migrations.apply(self.db)
        if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # Writing

    def has_source(self, sha256: str) -> bool:
        return bool(self.db.execute("select 1 from sources where sha256 = ?", [sha256]).fetchone())

    def add_report(self, report: Report, *, sha256: str, file_name: str, kind: str,
                   size: int) -> str:
        """Store one parsed report in one transaction; returns added, updated or unchanged."""
        return self.add_reports([report], sha256=sha256, file_name=file_name, kind=kind,
                                size=size)[0]

    def add_reports(self, reports: list[Report], *, sha256: str, file_name: str, kind: str,
                    size: int) -> list[str]:
        """Store every report of one file in one transaction: all of them or, on any error,
        none. Returns added, updated or unchanged for each."""
        conn = self.db.conn
        with self.db.atomic():
            if self.has_source(sha256):
                return [UNCHANGED] * len(reports)
            outcomes = []
            for report in reports:
                report_id, outcome = self._store_one(report)
                outcomes.append(outcome)
                conn.execute(
                    "insert or ignore into sources (sha256, report_id, file_name, "
                    "file_name_bytes, kind, size, imported_at) values (?, ?, ?, ?, ?, ?, ?)",
                    [sha256, report_id, *_name_columns(file_name), kind, size, _now()],
                )
            return outcomes

    def _store_one(self, report: Report) -> tuple[int, str]:
        row = self.db.conn.execute(
            "select id, coalesce(last_updated, published) from reports "
            "where force_id = ? and cycle = ? and section = ?",
            [report.force_id, report.cycle, report.section],
        ).fetchone()
        if row is None:
            return self._insert_report(report), ADDED
        report_id, stored_date = row
        richer = report.richness > self._richness(report_id)
        earlier = self._grades(report_id)
        if _later(report, stored_date):
            # The inspectorate corrects grades after publication: a later copy that grades
            # differently wins even when it holds less text.
            replace = richer or earlier != _grades_of(report)
        else:
            replace = _same_date(report, stored_date) and richer
        if replace:
            self._replace_report(report_id, report, earlier)
            return report_id, UPDATED
        return report_id, UNCHANGED

    def _grades(self, report_id: int) -> dict[str, str | None]:
        return {key or f"#{number}": grade for key, number, grade in self.db.conn.execute(
            "select key, number, grade from questions where report_id = ?", [report_id])}

    def _report_values(self, report: Report) -> list:
        return [
            report.headline, grade_label(report.grade), report.grade_source,
            report.last_updated.isoformat() if report.last_updated else None,
            report.published.isoformat() if report.published else None,
            report.summary, json.dumps(list(report.warnings)), _now(),
        ]

    def _insert_report(self, report: Report) -> int:
        cursor = self.db.conn.execute(
            "insert into reports (force_id, cycle, pillar, section, scale, headline, grade, "
            "grade_source, last_updated, published, summary, warnings, imported_at) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report.force_id, report.cycle, report.pillar, report.section,
             scale_of(report.cycle), *self._report_values(report)],
        )
        self._insert_questions(cursor.lastrowid, report, {})
        return cursor.lastrowid

    def _replace_report(self, report_id: int, report: Report,
                        earlier: dict[str, str | None]) -> None:
        """Replace a stored report; `earlier` are its grades, remembered where the new copy
        grades differently, so the reader is told that a grade changed and from what."""
        conn = self.db.conn
        conn.execute("delete from findings where report_id = ?", [report_id])
        conn.execute("delete from questions where report_id = ?", [report_id])
        conn.execute(
            "update reports set headline = ?, grade = ?, grade_source = ?, last_updated = ?, "
            "published = ?, summary = ?, warnings = ?, imported_at = ? where id = ?",
            [*self._report_values(report), report_id],
        )
        self._insert_questions(report_id, report, earlier)

    def _insert_questions(self, report_id: int, report: Report,
                          earlier: dict[str, str | None]) -> None:
        conn = self.db.conn
        for q in report.questions:
            before = Grade.from_label(earlier.get(q.key or f"#{q.number}") or "")
            previous = q.previous_grade or (before if before != q.grade else None)
            question_id = conn.execute(
                "insert into questions (report_id, number, key, text, grade, grade_source, "
                "carried_over, graded, previous_grade, narrative) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [report_id, q.number, q.key, q.text, grade_label(q.grade), q.grade_source,
                 int(q.carried_over), int(q.graded), grade_label(previous), q.narrative],
            ).lastrowid
            conn.executemany(
                "insert into findings (report_id, question_id, kind, position, text, lead_in, "
                "detail) values (?, ?, ?, ?, ?, ?, ?)",
                [(report_id, question_id, f.kind, i, f.text, f.lead_in, f.detail)
                 for i, f in enumerate(q.findings, start=1)],
            )

    def _richness(self, report_id: int) -> tuple[int, int, int, int, int]:
        """The same ordering as Report.richness, computed from stored rows."""
        row = self.db.execute(
            """select
                 (select count(*) from questions where report_id = r.id
                    and grade is not null) + (r.grade is not null),
                 (select count(*) from findings where report_id = r.id),
                 coalesce(r.last_updated, r.published) is not null,
                 (select count(*) from questions where report_id = r.id
                    and grade_source = 'stated') + (r.grade_source is 'stated'),
                 (select count(*) from questions where report_id = r.id)
               from reports r where r.id = ?""",
            [report_id],
        ).fetchone()
        return tuple(row)




def _name_columns(file_name: str) -> tuple[str, bytes | None]:
    """`file_name` and `file_name_bytes` for a source: a name that is not UTF-8 is stored
    readable (escaped) beside its exact bytes."""
    exact = name_bytes(file_name)
    return (file_name, None) if exact is None else (escape_name(file_name), exact)


def _grades_of(report: Report) -> dict[str, str | None]:
    return {q.key or f"#{q.number}": grade_label(q.grade) for q in report.questions}


def _later(report: Report, stored_date: str | None) -> bool:
    return (report.date is not None and stored_date is not None
            and report.date.isoformat() > stored_date)


def _same_date(report: Report, stored_date: str | None) -> bool:
    """Neither copy is later than the other (equal dates, or one or both undated)."""
    return report.date is None or stored_date is None or report.date.isoformat() == stored_date
