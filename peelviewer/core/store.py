"""The library: an SQLite file (via sqlite-utils) of reports, questions, findings, sources."""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path

from peelviewer.core.database import Database
from peelviewer.core.library_errors import (
    StoreError,
    check_summary,
    damaged,
    explain,
    has_sqlite_header,
    not_a_library,
    permission_problem,
    side_files,
)
from peelviewer.core.model import Grade, Report, grade_label, scale_of
from peelviewer.core.names import escape_name, name_bytes
from peelviewer.core.queries import StoreQueries
from peelviewer.core.template_text import forget
from peelviewer.core.volumes import network_type

SCHEMA_VERSION = 4
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
BUSY_TIMEOUT_MS = 15_000  # how long a writer waits for another before "busy"

def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store(StoreQueries):
    """One open library. Every write is one transaction. Opening writes only what an older
    or new library lacks (schema, WAL mode, format number); queries never write."""

    def __init__(self, db: Database, *, path: Path, check: bool = False,
                 damaged_ok: bool = False):
        self.db = db
        self.path = path
        self.notices: list[str] = []  # what the user should hear about this library
        self.damage: str = ""  # why SQLite found this library damaged; then it is never written
        self._prepare(check=check, damaged_ok=damaged_ok)

    @classmethod
    def open(cls, path: str | os.PathLike, *, check: bool = True,
             damaged_ok: bool = False) -> Store:
        """Open (or create) the library at `path`, or StoreError saying in one line why not.

        `check` runs SQLite's quick_check first, so a damaged library is found before
        anything reads or writes it (about 25 ms for a 17 MB library). With `damaged_ok`,
        a damaged library opens for reading what can still be read: `damage` says why, and
        every write is refused."""
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a library file",
                             StoreError.NO_PERMISSION)
        existed = path.exists()
        empty = existed and path.stat().st_size == 0 and not _has_journal(path)
        problem = permission_problem(path)
        if problem:
            raise StoreError(problem, StoreError.NO_PERMISSION)
        if existed and not empty and not has_sqlite_header(path):
            raise not_a_library(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = Database(path)
        except (sqlite3.Error, OSError) as error:
            raise explain(error, path) from None
        try:
            store = cls(db, path=path, check=(check or damaged_ok) and existed and not empty,
                        damaged_ok=damaged_ok)
        except BaseException as error:
            db.close()
            if not existed:
                _remove_if_empty(path)
            if isinstance(error, (sqlite3.Error, OSError)):
                raise explain(error, path) from None
            raise
        if empty:
            store.notices.append(f"{path.name} was an empty file (0 bytes), so it is now a "
                                 "new, empty library")
        return store

    def _prepare(self, *, check: bool, damaged_ok: bool = False) -> None:
        conn = self.db.conn
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Writers queue rather than fail: a second import waits for the first's transaction.
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        tables = [t for t in self.db.table_names() if not t.startswith("_")]
        if tables and "reports" not in tables:
            raise StoreError("the file is an SQLite database but not a PEEL Viewer library",
                             StoreError.FOREIGN)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION and tables:
            raise StoreError(
                f"{self.path.name} was written by a newer PEEL Viewer (library format "
                f"{version}; this version reads up to {SCHEMA_VERSION}): update PEEL Viewer "
                "to open it", StoreError.NEWER)
        if check:
            try:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
            except sqlite3.DatabaseError as error:
                problems = [str(error)]
            if problems != ["ok"]:
                damage = damaged(self.path, check_summary(problems))
                if not damaged_ok or self._needs_update():
                    raise damage
                self.damage = str(damage)
                return  # read what can be read; write nothing, not even the journal mode
        # Write only when something is missing: an up-to-date library opens without writing,
        # so another program reading or writing it cannot make the open fail.
        self._choose_journal()
        # The format number says whether anything is due; sqlite-utils and the migrations
        # load only then.
        if version != SCHEMA_VERSION or not tables:
            self._migrate(backup=bool(tables))

    def _needs_update(self) -> bool:
        """Pending migrations, as far as a damaged library lets us tell."""
        try:
            return self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION
        except sqlite3.DatabaseError:
            return False

    def _choose_journal(self) -> None:
        """WAL on a local disk; a rollback journal on a network share, where WAL's shared
        memory index cannot work between machines."""
        share = network_type(self.path)
        wanted = "delete" if share else "wal"
        mode = self.db.journal_mode
        if mode != wanted:
            # Another program may have it open: then it keeps its mode this time.
            with contextlib.suppress(sqlite3.OperationalError):
                self.db.conn.execute(f"PRAGMA journal_mode = {wanted}")
            mode = self.db.journal_mode
        if share:
            self.notices.append(
                f"{self.path.name} is on a network share ({share}): PEEL Viewer uses a rollback "
                "journal there, since WAL needs memory shared on one machine"
                + ("" if mode == "delete" else "; another program has it open in WAL mode, "
                   "so close it elsewhere first"))

    def _migrate(self, *, backup: bool) -> None:
        """Bring the library to this version's format, in one transaction. A copy of the
        library is saved as <name>.bak first and kept until the next update succeeds."""
        copy = self.path.with_name(self.path.name + ".bak.new") if backup else None
        if copy is not None:
            try:
                self._back_up(copy)
            except (sqlite3.Error, OSError) as error:
                copy.unlink(missing_ok=True)
                reason = explain(error, copy)
                raise StoreError(f"{self.path.name} needs updating to this version's format, "
                                 f"but its backup could not be written first: {reason}",
                                 reason.kind) from None
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")  # one updater at a time; the other finds it done
            from peelviewer.core.migrations import migrations

            if migrations.pending(self.db.utils):
                migrations.apply(self.db.utils)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.commit()
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            if copy is not None:
                copy.unlink(missing_ok=True)
            raise
        if copy is not None:
            copy.replace(self.backup_path)

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def _back_up(self, target: Path) -> None:
        target.unlink(missing_ok=True)
        copy = sqlite3.connect(target)
        try:
            with copy:
                self.db.conn.backup(copy)
        finally:
            copy.close()

    @contextlib.contextmanager
    def _writing(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that the busy timeout
        applies: a transaction that read first and then wrote would fail at once, not wait,
        when another program wrote in between. Any error leaves no trace in the library."""
        if self.damage:
            raise StoreError(f"{self.damage}: PEEL Viewer never writes to a damaged library",
                             StoreError.DAMAGED)
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        try:
            yield conn
            conn.commit()
        except BaseException as error:
            if conn.in_transaction:
                conn.rollback()
            if isinstance(error, (sqlite3.Error, OSError)):
                raise explain(error, self.path) from None
            raise

    def transaction(self):
        """A write transaction for writes kept outside this class (the tracker's user data),
        under the same rules as the store's own: taken at once, refused on a damaged
        library, rolled back whole on any error. Use as `with store.transaction() as conn:`."""
        return self._writing()

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
        with self._writing() as conn:
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

    def remove_report(self, force_id: str, cycle: str, section: str) -> bool:
        """Remove one report with its questions, findings and the record of its source
        files, in one transaction (the FTS triggers drop it from the search indexes too).
        False if the library has no such report."""
        with self._writing() as conn:
            row = conn.execute("select id from reports where force_id = ? and cycle = ? "
                               "and section = ?", [force_id, cycle, section]).fetchone()
            if row is None:
                return False
            # A file that held this report and others (the 2018/19 PDF of three pillars) is
            # forgotten as a whole, so importing it again brings this report back; its other
            # reports stay, and get the file as their source again on that import.
            conn.execute("delete from sources where sha256 in (select sha256 from sources "
                         "where report_id = ?)", [row[0]])
            forget(conn, row[0])
            for table, column in (("findings", "report_id"), ("questions", "report_id"),
                                  ("reports", "id")):
                conn.execute(f"delete from {table} where {column} = ?", [row[0]])
            return True

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
        forget(conn, report_id)  # its template-text index is made again later
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


def _has_journal(path: Path) -> bool:
    """A -wal or -journal with content beside the library: SQLite will read it in."""
    return any(side.exists() and side.stat().st_size > 0 for side in side_files(path)
               if not side.name.endswith("-shm"))


def _remove_if_empty(path: Path) -> None:
    """A library this open created but could not set up leaves no 0-byte file behind."""
    try:
        if path.exists() and path.stat().st_size == 0:
            path.unlink()
            for side in side_files(path):
                side.unlink(missing_ok=True)
    except OSError:
        pass


def _grades_of(report: Report) -> dict[str, str | None]:
    return {q.key or f"#{q.number}": grade_label(q.grade) for q in report.questions}


def _later(report: Report, stored_date: str | None) -> bool:
    return (report.date is not None and stored_date is not None
            and report.date.isoformat() > stored_date)


def _same_date(report: Report, stored_date: str | None) -> bool:
    """Neither copy is later than the other (equal dates, or one or both undated)."""
    return report.date is None or stored_date is None or report.date.isoformat() == stored_date


def __getattr__(name: str):
    """`store.migrations`, for tests and tools that build libraries of earlier formats."""
    if name == "migrations":
        from peelviewer.core.migrations import migrations

        return migrations
    raise AttributeError(name)
