"""What went wrong with the library file, told apart and said in one line.

SQLite reports a full disk, a missing permission, a lock held by another program and real
damage with error codes that are easy to confuse ("unable to open database file" covers a
read-only folder and a foreign-owned -wal alike). `explain` turns any error met while using
the library into a `StoreError` whose `kind` says which it is, so that only a library that
is proven damaged is ever moved aside.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Below this much free space a failed write is put down to a full disk.
LOW_SPACE_BYTES = 4 * 1024 * 1024

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _AUTH, _NOTADB = 13, 14, 23, 26


class StoreError(Exception):
    """The library cannot be used; str() is the reason for the user, `kind` says which case
    it is so the app offers the right remedy."""

    DAMAGED = "damaged"  # SQLite says corrupt, or quick_check fails: may be moved aside
    BUSY = "busy"  # another program holds it locked: try again later, never move it
    NEWER = "newer"  # written by a newer PEEL Viewer: never touched
    FOREIGN = "foreign"  # not a PEEL Viewer library (another database, or not SQLite)
    NO_PERMISSION = "no permission"  # the file, its folder or its -wal may not be used
    DISK_FULL = "disk full"  # no room left to write
    IO = "input/output"  # the disk or the network share failed

    def __init__(self, message: str, kind: str = DAMAGED):
        super().__init__(message)
        self.kind = kind


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps beside a library: the WAL, its index and a rollback journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def explain(error: BaseException, path: Path) -> StoreError:
    """The StoreError that says what `error`, met while using the library at `path`, means."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, sqlite3.Error):
        return _explain_sqlite(error, path)
    if isinstance(error, OSError):
        return _explain_os(error, path)
    return StoreError(f"{path.name}: library error ({error})", StoreError.IO)


def _explain_sqlite(error: sqlite3.Error, path: Path) -> StoreError:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else _code_from_text(str(error))
    text = str(error)
    if primary == _CORRUPT:
        return damaged(path, text)
    if primary == _NOTADB:
        if has_sqlite_header(path):
            return damaged(path, text)
        return not_a_library(path)
    if primary == _FULL:
        return disk_full(path)
    if primary in (_BUSY, _LOCKED):
        return busy(path)
    if primary in (_READONLY, _CANTOPEN, _PERM, _AUTH, _IOERR):
        problem = permission_problem(path)
        if problem:
            return StoreError(problem, StoreError.NO_PERMISSION)
        if _low_on_space(path):
            return disk_full(path)
        if primary == _READONLY:
            return StoreError(f"{path.name} cannot be written: {text}",
                              StoreError.NO_PERMISSION)
        if primary == _CANTOPEN:
            return StoreError(f"cannot open {path}: {text}", StoreError.NO_PERMISSION)
        return StoreError(f"reading or writing {path.name} failed ({text}): the disk or "
                          "the network share holding it may have gone", StoreError.IO)
    return StoreError(f"{path.name}: library error ({text})", StoreError.IO)


def _code_from_text(text: str) -> int | None:
    """SQLite's code for an error raised without one (some come only as text)."""
    for words, code in (("malformed", _CORRUPT), ("not a database", _NOTADB),
                        ("disk is full", _FULL), ("locked", _BUSY), ("busy", _BUSY),
                        ("readonly", _READONLY), ("unable to open", _CANTOPEN),
                        ("disk i/o", _IOERR)):
        if words in text.lower():
            return code
    return None


def _explain_os(error: OSError, path: Path) -> StoreError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        problem = permission_problem(path)
        return StoreError(problem or f"no permission to use {path}: "
                          f"{error.strerror or error}", StoreError.NO_PERMISSION)
    return StoreError(f"cannot use {path}: {error.strerror or error}", StoreError.IO)


def damaged(path: Path, detail: str) -> StoreError:
    return StoreError(f"{path.name} is damaged (SQLite: {detail})", StoreError.DAMAGED)


def check_summary(problems: list[str]) -> str:
    """SQLite's quick_check or integrity_check findings as one line."""
    lines = [line.strip() for problem in problems for line in problem.splitlines()
             if line.strip() and not line.startswith("***")]
    if not lines:
        return "its check failed"
    more = f"; {len(lines) - 1} more problem{'s' * (len(lines) > 2)}" if len(lines) > 1 else ""
    return f"{lines[0]}{more}"


def not_a_library(path: Path) -> StoreError:
    return StoreError(f"{path.name} is not a PEEL Viewer library (it is not an SQLite "
                      "database)", StoreError.FOREIGN)


def busy(path: Path) -> StoreError:
    return StoreError(f"{path.name} is in use by another program that holds it locked; "
                      "close that program or wait, then try again", StoreError.BUSY)


def disk_full(path: Path) -> StoreError:
    free = _free_bytes(path)
    if free is not None and free >= LOW_SPACE_BYTES:  # a quota or a size limit, not the disk
        return StoreError(f"the library is full: {path.name} cannot grow any larger here "
                          f"(a size limit or quota; {free / 2**20:.0f} MB free on the disk)",
                          StoreError.DISK_FULL)
    room = f" ({free / 2**20:.1f} MB free)" if free is not None else ""
    return StoreError(f"the library is full: the disk holding {path.name} has no space "
                      f"left{room}; free some space and try again", StoreError.DISK_FULL)


def _free_bytes(path: Path) -> int | None:
    folder = _existing_folder(path)
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _low_on_space(path: Path) -> bool:
    free = _free_bytes(path)
    return free is not None and free < LOW_SPACE_BYTES


def _existing_folder(path: Path) -> Path:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _owner(path: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(path.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return "another user"


def _may(path: Path, mode: int) -> bool:
    try:
        return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)
    except OSError:
        return False


def _read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):
        return False


def permission_problem(path: Path) -> str | None:
    """Why this user may not use the library at `path`, or None if nothing is in the way.

    SQLite needs to read and write the file, and to create, read and write its -wal and -shm
    (or -journal) beside it, so the folder must be writable too."""
    folder = _existing_folder(path)
    if _read_only_file_system(folder):
        return f"the disk holding {path.name} is read-only (mounted read-only)"
    if folder != path.parent:
        if not _may(folder, os.W_OK | os.X_OK):
            return f"cannot create the folder {path.parent}: no permission to write in {folder}"
        return None
    if path.exists():
        if not _may(path, os.R_OK):
            return f"no permission to read {path.name} (it belongs to {_owner(path)})"
        if not _may(path, os.W_OK):
            return (f"{path.name} is read-only: PEEL Viewer needs to write to its library "
                    "(check the file's permissions)")
    for side in side_files(path):
        if side.exists() and not _may(side, os.R_OK | os.W_OK):
            return (f"no permission to use {side.name}, which an earlier session left beside "
                    f"the library (it belongs to {_owner(side)}); ask its owner or an "
                    "administrator to remove it or give you access")
    if not _may(folder, os.W_OK | os.X_OK):
        if path.exists():
            return (f"no permission to write in the folder {folder}: SQLite keeps its working "
                    f"files (-wal, -shm) beside {path.name}")
        return f"cannot create a library in {folder}: no permission to write there"
    return None
