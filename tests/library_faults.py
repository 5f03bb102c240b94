"""Faults a library file meets in the field, made on purpose: junk over its pages, a disk that
is full, files owned by another user. Shared by the tests and `make reliability`."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "peelviewer" / "resources" / "samples"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def sample_library(path: Path) -> Path:
    """A library holding the two bundled samples, checkpointed into its main file."""
    from peelviewer.core.importer import import_paths
    from peelviewer.core.store import Store

    store = Store.open(path)
    import_paths(store, [SAMPLES])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def damage_pages(path: Path, *, seed: int = 5, every: int = 1) -> None:
    """Write junk over every `every`-th page after the first: the header and the schema
    stay intact, so SQLite opens the file and meets the damage only when it reads it."""
    size = path.stat().st_size
    page = int.from_bytes(path.read_bytes()[16:18], "big") or 65536
    junk = random.Random(seed)
    with path.open("r+b") as handle:
        for offset in range(page, size, page * every):
            handle.seek(offset)
            handle.write(junk.randbytes(min(page, size - offset)))


def can_drop_root() -> bool:
    """Tests of permissions must run as another user: root may read and write anything."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*NOBODY, sys.executable, "-c", "import peelviewer.core.store"],
                           capture_output=True, cwd=ROOT, check=False,
                           env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    return probe.returncode == 0


def run_as_nobody(*args: str, home: Path) -> subprocess.CompletedProcess:
    """`python -m peelviewer ARGS` as user nobody."""
    env = dict(os.environ, HOME=str(home), PYTHONDONTWRITEBYTECODE="1",
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([*NOBODY, sys.executable, "-m", "peelviewer", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
                          check=False)


def shared_folder() -> Path:
    """A folder user nobody can reach and write into (pytest's tmp_path is root's own)."""
    folder = Path(tempfile.mkdtemp(prefix="peel-shared-"))
    folder.chmod(0o777)
    return folder


@contextlib.contextmanager
def small_disk(size_kb: int) -> Iterator[Path | None]:
    """A tmpfs of `size_kb` mounted for the test, or None where mounting is not allowed."""
    point = Path(tempfile.mkdtemp(prefix="peel-disk-"))
    mounted = os.geteuid() == 0 and shutil.which("mount") is not None and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(point)],
        capture_output=True, check=False).returncode == 0
    try:
        yield point if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)
        shutil.rmtree(point, ignore_errors=True)


def fill_disk(folder: Path) -> None:
    """Take every free byte of the disk holding `folder`."""
    handle = (folder / "filler").open("wb", buffering=0)
    try:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * size)
    finally:
        with contextlib.suppress(OSError):
            handle.close()
