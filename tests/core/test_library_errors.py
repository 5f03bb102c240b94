"""The library file's faults told apart: damage, a full disk, permissions, locks, an empty
file, a network share; only proven damage is ever called damage."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from peelviewer.core.importer import import_paths
from peelviewer.core.library_errors import StoreError, explain
from peelviewer.core.store import Store
from peelviewer.core.volumes import _mount_type, parse_macos_mounts, parse_proc_mounts
from tests.conftest import FIXTURES
from tests.library_faults import (
    SAMPLES,
    can_drop_root,
    damage_pages,
    fill_disk,
    run_as_nobody,
    sample_library,
    shared_folder,
    small_disk,
)

as_nobody = pytest.mark.skipif(not can_drop_root(), reason="needs root and setpriv to test "
                               "as another user")


def dump(path):
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_junk_over_a_libraries_pages_is_called_damaged(tmp_path):
    library = sample_library(tmp_path / "lib.peeldb")
    damage_pages(library, every=5)
    with pytest.raises(StoreError, match=r"lib.peeldb is damaged \(SQLite: ") as caught:
        Store.open(library)
    assert caught.value.kind == StoreError.DAMAGED
    assert "\n" not in str(caught.value)


def test_a_damaged_library_opened_for_reading_refuses_every_write(tmp_path):
    library = sample_library(tmp_path / "lib.peeldb")
    damage_pages(library, every=9)
    before = library.read_bytes()
    store = Store.open(library, damaged_ok=True)
    assert "damaged" in store.damage
    assert store.counts()["reports"] == 2  # what can still be read is read
    summary = import_paths(store, [FIXTURES / "welsh-banner.txt"])
    store.close()
    [failed] = summary.failed
    assert "never writes to a damaged library" in failed.reason
    assert library.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_not_a_library_and_not_damaged(tmp_path):
    path = tmp_path / "library.peeldb"
    path.write_bytes(b"this was never a library" * 200)
    with pytest.raises(StoreError, match="not a PEEL Viewer library") as caught:
        Store.open(path)
    assert caught.value.kind == StoreError.FOREIGN


def test_an_empty_file_becomes_a_library_and_the_user_is_told(tmp_path):
    path = tmp_path / "library.peeldb"
    path.touch()
    store = Store.open(path)
    assert store.notices == ["library.peeldb was an empty file (0 bytes), so it is now a new, "
                             "empty library"]
    store.close()


def test_a_library_that_cannot_grow_says_it_is_full_and_keeps_what_it_had(tmp_path):
    library = sample_library(tmp_path / "lib.peeldb")
    store = Store.open(library)
    before = dump(library)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    summary = import_paths(store, sorted(FIXTURES.glob("2016-*.txt")))
    store.close()
    [failed] = summary.failed  # the batch stops: every file after would fail the same way
    assert "the library is full" in failed.reason
    assert summary.not_tried == len(list(FIXTURES.glob("2016-*.txt"))) - 1
    assert "stopped, " in summary.line()
    assert "not tried: the library is full" in summary.line()
    assert dump(library) == before


def test_a_full_disk_is_called_full_never_damaged_and_the_library_still_opens(tmp_path):
    with small_disk(1024) as disk:
        if disk is None:
            pytest.skip("cannot mount a small disk here")
        library = sample_library(disk / "lib.peeldb")
        before = dump(library)
        store = Store.open(library)  # open when the disk fills, as the window would be
        fill_disk(disk)
        summary = import_paths(store, sorted(FIXTURES.glob("201[4-8]-*.txt")))
        store.close()
        reasons = {r.reason for r in summary.failed}
        assert reasons
        assert all("no space left" in reason for reason in reasons), reasons
        reopened = Store.open(library)  # a later start, the disk still full: it reads
        assert reopened.counts()["reports"] == 2
        reopened.close()
        (disk / "filler").unlink()
        assert dump(library) == before


def test_a_new_library_on_a_full_disk_leaves_no_empty_file_behind(tmp_path):
    with small_disk(256) as disk:
        if disk is None:
            pytest.skip("cannot mount a small disk here")
        fill_disk(disk)
        with pytest.raises(StoreError) as caught:
            Store.open(disk / "new.peeldb")
        assert caught.value.kind == StoreError.DISK_FULL, caught.value
        assert not (disk / "new.peeldb").exists()


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path, hampshire):
    library = sample_library(tmp_path / "lib.peeldb")
    holder = sqlite3.connect(library, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another importer, mid-transaction
    holder.execute("insert into forces (id, name) values ('x', 'x')")
    outcome = {}
    started = threading.Event()

    def second_import():
        store = Store.open(library)
        started.set()
        outcome["summary"] = import_paths(store, [FIXTURES / "welsh-banner.txt"])
        store.close()

    worker = threading.Thread(target=second_import)
    worker.start()
    started.wait(30)
    releaser = threading.Timer(0.3, holder.execute, ["ROLLBACK"])  # the first one finishes
    releaser.start()
    worker.join(60)
    releaser.join()
    holder.close()
    assert outcome["summary"].counts["added"] == 1, outcome["summary"].results


def test_a_migration_backs_the_library_up_first_and_keeps_the_copy(tmp_path, monkeypatch):
    from peelviewer.core import store as store_module

    library = sample_library(tmp_path / "lib.peeldb")
    with sqlite3.connect(library) as conn:  # as if the newest migration had not run yet
        last = store_module.migrations._migrations[-1].name
        conn.execute("delete from _sqlite_migrations where name = ?", [last])
        conn.execute("PRAGMA user_version = 1")
    rows_before = dump(library)
    ran = []
    real = store_module.migrations._migrations[-1].fn
    monkeypatch.setattr(store_module.migrations._migrations[-1], "fn",
                        lambda db: ran.append(True))
    Store.open(library).close()
    assert ran == [True]
    assert dump(library.with_name("lib.peeldb.bak")) == rows_before
    monkeypatch.setattr(store_module.migrations._migrations[-1], "fn", real)


def test_a_failed_migration_leaves_the_library_and_the_earlier_backup_as_they_were(
        tmp_path, monkeypatch):
    from peelviewer.core import store as store_module

    library = sample_library(tmp_path / "lib.peeldb")
    backup = library.with_name("lib.peeldb.bak")
    backup.write_bytes(b"the backup of the last update")
    with sqlite3.connect(library) as conn:  # as if the newest migration had not run yet
        last = store_module.migrations._migrations[-1].name
        conn.execute("delete from _sqlite_migrations where name = ?", [last])
        conn.execute("PRAGMA user_version = 1")
    before = dump(library)

    def broken(db):
        db.execute("delete from findings")
        raise sqlite3.OperationalError("no such column: imaginary")

    monkeypatch.setattr(store_module.migrations._migrations[-1], "fn", broken)
    with pytest.raises(StoreError):
        Store.open(library)
    assert dump(library) == before
    assert backup.read_bytes() == b"the backup of the last update"
    assert not library.with_name("lib.peeldb.bak.new").exists()


def test_a_library_on_a_network_share_uses_a_rollback_journal(tmp_path, monkeypatch):
    from peelviewer.core import store as store_module

    library = sample_library(tmp_path / "lib.peeldb")  # made in WAL mode on a local disk
    monkeypatch.setattr(store_module, "network_type", lambda path: "nfs")
    store = Store.open(library)
    assert store.db.journal_mode == "delete"
    assert "network share (nfs)" in store.notices[0]
    assert import_paths(store, [FIXTURES / "welsh-banner.txt"]).counts["added"] == 1
    store.close()
    assert not library.with_name("lib.peeldb-wal").exists()


def test_network_file_systems_are_recognised_from_the_mount_tables():
    linux = parse_proc_mounts(
        "/dev/sda1 / ext4 rw 0 0\n"
        "server:/export /home/analyst/shared nfs4 rw 0 0\n"
        "//fileserver/peel /mnt/peel\\040reports cifs rw 0 0\n")
    assert _mount_type(Path("/home/analyst/shared/peel"), linux) == "nfs4"
    assert _mount_type(Path("/mnt/peel reports"), linux) == "cifs"
    assert _mount_type(Path("/home/analyst"), linux) is None
    mac = parse_macos_mounts(
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//analyst@fs01/Team on /Volumes/Team (smbfs, nodev, nosuid, mounted by analyst)\n")
    assert _mount_type(Path("/Volumes/Team/PEEL"), mac) == "smbfs"
    assert _mount_type(Path("/Users/analyst"), mac) is None


def test_sqlite_errors_are_told_apart_by_their_codes(tmp_path):
    library = tmp_path / "lib.peeldb"
    library.write_bytes(b"SQLite format 3\x00" + bytes(100))

    def error(code, text):
        made = sqlite3.DatabaseError(text)
        made.sqlite_errorcode = code
        return explain(made, library)

    assert error(11, "database disk image is malformed").kind == StoreError.DAMAGED
    assert error(13, "database or disk is full").kind == StoreError.DISK_FULL
    assert error(5, "database is locked").kind == StoreError.BUSY
    assert error(26, "file is not a database").kind == StoreError.DAMAGED  # header is SQLite
    library.write_bytes(b"notes")
    assert error(26, "file is not a database").kind == StoreError.FOREIGN
    assert explain(OSError(28, "No space left on device"), library).kind == StoreError.DISK_FULL


@as_nobody
def test_a_new_library_in_a_read_only_folder_says_so(tmp_path):
    folder = shared_folder()
    try:
        locked = folder / "locked"
        locked.mkdir(mode=0o755)  # root's folder: nobody may not write in it
        outcome = run_as_nobody("import", str(SAMPLES), "--db", str(locked / "lib.peeldb"),
                                home=folder)
        assert outcome.returncode == 2
        assert "cannot create a library in" in outcome.stderr
        assert "no permission to write there" in outcome.stderr
        assert "Traceback" not in outcome.stderr
        assert "damaged" not in outcome.stderr
    finally:
        shutil.rmtree(folder)


@as_nobody
def test_a_wal_left_by_another_user_is_named_not_called_damage(tmp_path):
    folder = shared_folder()
    try:
        library = sample_library(folder / "lib.peeldb")
        library.chmod(0o666)
        wal = library.with_name("lib.peeldb-wal")
        wal.write_bytes(b"")  # a crash's -wal, owned by root, readable by nobody else
        wal.chmod(0o600)
        before = library.read_bytes()
        outcome = run_as_nobody("list", "--db", str(library), home=folder)
        assert outcome.returncode == 2
        assert "lib.peeldb-wal" in outcome.stderr
        assert "belongs to root" in outcome.stderr
        assert "damaged" not in outcome.stderr
        assert "Traceback" not in outcome.stderr
        assert library.read_bytes() == before
    finally:
        shutil.rmtree(folder)


@as_nobody
def test_a_library_in_a_read_only_folder_is_refused_with_the_folder_named(tmp_path):
    folder = shared_folder()
    try:
        inner = folder / "reports"
        inner.mkdir()
        library = sample_library(inner / "lib.peeldb")
        library.chmod(0o666)
        inner.chmod(0o755)  # the file is writable, its folder is not (no -wal, no -shm)
        outcome = run_as_nobody("list", "--db", str(library), home=folder)
        assert outcome.returncode == 2
        assert f"no permission to write in the folder {inner}" in outcome.stderr
        assert "Traceback" not in outcome.stderr
    finally:
        shutil.rmtree(folder)
