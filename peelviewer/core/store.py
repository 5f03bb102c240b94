"""The library: an SQLite file (via sqlite-utils) of reports, questions, findings, sources."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from peelviewer.core.forces import FORCES
from peelviewer.core.model import Report, grade_label
from peelviewer.core.queries import StoreQueries

SCHEMA_VERSION = 1
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
                    and grade_source = 'stated') + (r.grade_source is 'stated'),
                 (select count(*) from questions where report_id = r.id)
               from reports r where r.id = ?""",
            [report_id],
        ).fetchone()
        return tuple(row)


