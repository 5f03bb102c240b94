"""Fault injections for `make reliability`: each returns a Result counting what was tried, what
failed and what data was lost (which must always be nothing)."""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peelviewer.core.importer import import_paths, parse_file
from peelviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "peelviewer" / "resources" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class Result:
    check: str
    trials: int = 0
    faults: int = 0
    failures: int = 0
    data_lost: int = 0
    note: str = ""


def _peelviewer(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peelviewer", *args], capture_output=True,
                          text=True, env=env, timeout=600, check=False, **kwargs)


def _sound(store: Store, files: dict[str, list[Path]]) -> tuple[bool, int]:
    """Integrity, and how many stored reports are not exactly one of their source files."""
    if store.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        return False, 0
    incomplete = 0
    for row in store.report_rows():
        stored = store.report(row["force_id"], row["cycle"], row["pillar"])
        names = store.source_names(row["force_id"], row["cycle"], row["pillar"])
        candidates = [parse_file(p) for name in names for p in files.get(name, [])]
        incomplete += stored not in candidates
    return True, incomplete


def kill_during_import(trials: int, corpus_files: int, seed: int = 9) -> Result:
    """kill -9 the import at a random file, then check the library is whole and keeps every
    file the import had reported done."""
    from tests.bench.corpus import write_corpus

    result = Result("kill -9 during import", trials=trials)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, corpus_files, seed=seed)
        files: dict[str, list[Path]] = {}
        for path in corpus.rglob("*.txt"):
            files.setdefault(path.name, []).append(path)
        for trial in range(trials):
            db = Path(scratch) / f"trial-{trial}.peeldb"
            process = subprocess.Popen(
                [sys.executable, "-m", "peelviewer", "import", str(corpus), "--db", str(db)],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            done = []
            for _ in range(rng.randrange(1, corpus_files - 1)):
                line = process.stdout.readline()
                if not line:
                    break
                done.append(line)
            process.kill()
            process.wait()
            process.stdout.close()
            result.faults += 1
            store = Store.open(db)
            whole, incomplete = _sound(store, files)
            keys = {f"{r['force_id']}/{r['cycle']}/{r['pillar']}" for r in store.report_rows()}
            reported = {line.split("(")[-1].split(")")[0] for line in done
                        if line.startswith(("added:", "updated:"))}
            store.close()
            result.failures += (not whole) + incomplete
            result.data_lost += len(reported - keys)
    return result


def hostile_files() -> Result:
    """Files that must each fail with their own reason and leave the library untouched."""
    result = Result("hostile files")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        hostile = {
            "empty.txt": b"",
            "random.txt": random.Random(1).randbytes(4096),
            "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(300),
            "notes.pdf": b"Hampshire PEEL 2016\n",
            "truncated.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n",
            "nested.html": b"<html><body>" + b"<div>" * 3000 + b"</body></html>",
            "meeting.txt": b"Minutes of the scrutiny panel\n\nApologies: none.\n",
            "2022.txt": b"Kent PEEL 2021/22\n\nAreas of policing\n",
        }
        for name, data in hostile.items():
            (folder / name).write_bytes(data)
        with (folder / "huge.txt").open("wb") as handle:
            handle.truncate(30 * 1024 * 1024)
        store = Store.open(folder / "lib.peeldb")
        import_paths(store, [SAMPLES])
        before = list(store.db.conn.iterdump())
        paths = sorted(p for p in folder.iterdir() if not p.name.startswith("lib.peeldb"))
        summary = import_paths(store, paths)
        reasons = {r.path.name: r.reason for r in summary.results if r.outcome == "failed"}
        result.trials = result.faults = len(paths)
        result.failures = len(paths) - len(reasons) + (len(set(reasons.values())) <
                                                       len(reasons) - 1)
        result.data_lost = int(list(store.db.conn.iterdump()) != before)
        store.close()
    return result


def read_only_library() -> Result:
    """A library the user may not write: a clear refusal, the file untouched."""
    result = Result("read-only library", trials=1, faults=1)
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o755)
        db = Path(scratch) / "lib.peeldb"
        store = Store.open(db)
        import_paths(store, [SAMPLES])
        store.close()
        db.chmod(0o444)
        before = db.read_bytes()
        command = [sys.executable, "-m", "peelviewer", "import",
                   str(FIXTURES / "welsh-banner.txt"), "--db", str(db)]
        env = dict(os.environ, HOME=scratch, PYTHONDONTWRITEBYTECODE="1")
        if os.geteuid() == 0:  # root may write anything: try as nobody instead
            drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            probe = subprocess.run([*drop, sys.executable, "-c", "import peelviewer.cli"],
                                   capture_output=True, env=env, cwd=ROOT, check=False) \
                if shutil.which("setpriv") else None
            if probe is None or probe.returncode != 0:
                return Result("read-only library", note="not run: cannot drop root here")
            command = [*drop, *command]
        outcome = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                                 check=False, cwd=ROOT)
        refused = outcome.returncode == 2 and "read-only" in outcome.stderr
        result.failures = int(not refused or "Traceback" in outcome.stderr)
        result.data_lost = int(db.read_bytes() != before)
        result.note = outcome.stderr.strip()[:80]
    return result


def full_disk() -> Result:
    """A library that cannot grow (SQLite's page limit stands in for a full disk)."""
    result = Result("full disk", trials=1, faults=1)
    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open(Path(scratch) / "lib.peeldb")
        import_paths(store, [SAMPLES])
        before = list(store.db.conn.iterdump())
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        summary = import_paths(store, sorted(FIXTURES.glob("2016-*.txt")))
        reasons = [r.reason for r in summary.results]
        result.failures = int(not reasons or not all("library is full" in r for r in reasons
                                                     if r.startswith("the library")))
        result.failures += int(summary.counts["added"] > 0)
        result.data_lost = int(list(store.db.conn.iterdump()) != before)
        store.close()
        reopened = Store.open(Path(scratch) / "lib.peeldb")
        ok = reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result.failures += int(not ok or reopened.counts()["reports"] != 2)
        reopened.close()
        result.note = reasons[0] if reasons else ""
    return result


def big_library(reports: int) -> Result:
    """A library far larger than the real key space: open, filter, switch, draw, search."""
    from peelviewer.core.forces import FORCES
    from peelviewer.core.model import PILLARS, Grade
    from tests.ui.conftest import graded_report

    result = Result(f"{reports:,}-report library", trials=1)
    grades = list(range(1, 6))
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "big.peeldb"
        store = Store.open(db)
        count = 0
        cycle_number = 0
        while count < reports:
            cycle = f"S{cycle_number:03d}"  # synthetic cycles: 43 forces x 3 pillars each
            for force in FORCES:
                for pillar in PILLARS[:3]:
                    chosen = [rng.choice(grades) for _ in range(rng.randrange(2, 6))]
                    report = graded_report(force.id, cycle, pillar, [Grade(g) for g in chosen])
                    store.add_report(report, sha256=f"{count:064x}", file_name="generated",
                                     kind="txt", size=1)
                    count += 1
            cycle_number += 1
        store.close()
        script = Path(scratch) / "use.py"
        script.write_text(_BIG_LIBRARY_SCRIPT, encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=scratch)
        outcome = subprocess.run([sys.executable, str(script), str(db)], capture_output=True,
                                 text=True, env=env, timeout=900, check=False, cwd=ROOT)
        result.failures = int(outcome.returncode != 0 or "Traceback" in outcome.stderr)
        lines = (outcome.stderr if result.failures else outcome.stdout).strip().splitlines()
        result.note = (lines or [""])[-1][:100]
        if result.failures:
            result.note = f"exit code {outcome.returncode}: {result.note}"
    return result


_BIG_LIBRARY_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from peelviewer.core.store import Store
from peelviewer.ui.application import dispose
from peelviewer.ui.main_window import MainWindow


def use(app, store):
    # The window lives in this function, as in the app, so it is gone before shutdown.
    settings = QSettings(str(Path(sys.argv[1]).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings)
    window.show()
    app.processEvents()
    switched = 0
    for cycle in store.cycles()[::7]:
        for pillar in ["all", *store.sections(cycle)]:
            window.reload(cycle=cycle, pillar=pillar)
            window.grab()
            switched += 1
    window.force_list.filter_box.setText("york")  # names and the region's name
    assert window.force_list.visible_force_ids() == ["humberside", "north-yorkshire",
                                                     "south-yorkshire", "west-yorkshire"]
    window.open_cell(0, 0)
    window.search.query.setText("improve")
    hits = window.search.run()
    assert hits
    dispose(window)
    return switched, len(hits)


app = QApplication([])
store = Store.open(sys.argv[1])
switched, hits = use(app, store)
print(f"{store.counts()['reports']} reports, {switched} views drawn, {hits} hits")
store.close()
"""


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(cycles: int) -> Result:
    """Import, compare and export again and again: memory must level off, not climb."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from peelviewer.core.comparison.compare import compare_reports
    from peelviewer.core.comparison.document import build_document
    from peelviewer.ui.pdf import write_pdf

    app = QApplication.instance() or QApplication([])
    result = Result("soak: import, compare, export", trials=cycles)
    samples = sorted(SAMPLES.iterdir())
    readings = []
    with tempfile.TemporaryDirectory() as scratch:
        for cycle in range(cycles):
            db = Path(scratch) / f"soak-{cycle % 2}.peeldb"
            db.unlink(missing_ok=True)
            store = Store.open(db)
            summary = import_paths(store, samples)
            left = store.report("hampshire", "2016", "legitimacy")
            right = store.report("hertfordshire", "2016", "legitimacy")
            compare_reports(left, right)
            write_pdf(build_document(store, ["hampshire", "hertfordshire"]),
                      Path(scratch) / "soak.pdf")
            store.close()
            app.processEvents()
            result.failures += len(summary.failed)
            readings.append(_rss_mb())
    settled = readings[len(readings) // 4:]  # after warm-up
    growth = settled[-1] - settled[0] if settled else 0.0
    result.failures += int(growth > 40)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.note = f"RSS {settled[0]:.0f} -> {settled[-1]:.0f} MB after warm-up; peak {peak:.0f} MB"
    return result


def two_instances() -> Result:
    """A second launch on an open library hands its file over instead of opening it too."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QProcess, QTimer
    from PySide6.QtWidgets import QApplication

    from peelviewer.ui.single_instance import FileReceiver, LibraryLock, server_name

    app = QApplication.instance() or QApplication([])
    result = Result("second instance on an open library", trials=1, faults=1)
    with tempfile.TemporaryDirectory() as scratch:
        library = Path(scratch) / "lib.peeldb"
        lock = LibraryLock(library)
        lock.acquire()
        receiver = FileReceiver(server_name(library))
        received: list = []
        loop = QEventLoop()
        receiver.filesReceived.connect(lambda paths: (received.extend(paths), loop.quit()))
        second = QProcess()
        second.start(sys.executable, ["-m", "peelviewer", "--db", str(library),
                                      str(SAMPLES / "hampshire-2016-legitimacy.txt")])
        QTimer.singleShot(60000, loop.quit)
        loop.exec()
        second.waitForFinished(30000)
        lock.release()
        app.processEvents()
        result.failures = int(not received or second.exitCode() != 0 or library.exists())
        result.data_lost = int(not received)
        result.note = f"handed over: {', '.join(p.name for p in received)}"
        receiver.deleteLater()
    return result


def small_full_disk() -> Result:
    """A real full disk (a small tmpfs): every failed file says the disk is full, nothing is
    lost, the library is never called damaged and opens again."""
    from tests.library_faults import fill_disk, sample_library, small_disk

    result = Result("full disk (a real one)", trials=1, faults=1)
    with small_disk(1024) as disk:
        if disk is None:
            result.note = "not run: cannot mount a small disk here"
            return result
        library = sample_library(disk / "lib.peeldb")
        before = _dump(library)
        fill_disk(disk)
        # Depending on what SQLite must create first (its -shm), the import stops at once or
        # each file fails; either way every word about it says the disk is full.
        outcome = _peelviewer("import", str(FIXTURES), "--db", str(library))
        said = [line for line in (outcome.stdout + outcome.stderr).splitlines()
                if "lib.peeldb" in line and not line.startswith(("added", "updated"))]
        full = [line for line in said if "no space left" in line]
        result.failures = int(not full or "Traceback" in outcome.stderr
                              or any("damaged" in line for line in said))
        listing = _peelviewer("list", "--db", str(library))
        result.failures += int((listing.returncode != 0 and "no space left" not in
                               listing.stderr) or "Traceback" in listing.stderr)
        (disk / "filler").unlink()
        result.data_lost = int(_dump(library) != before)
        result.note = full[0][:90] if full else outcome.stderr.strip()[:90]
    return result


def damaged_pages(trials: int) -> Result:
    """Junk over some pages of a library copy (header intact): called damaged, never written,
    one line and no traceback from every command."""
    from tests.library_faults import damage_pages, sample_library

    result = Result("damaged pages in a library", trials=trials)
    with tempfile.TemporaryDirectory() as scratch:
        for trial in range(trials):
            library = sample_library(Path(scratch) / f"lib-{trial}.peeldb")
            damage_pages(library, seed=trial, every=3 + trial % 5)
            result.faults += 1
            before = library.read_bytes()
            for command in (["list"], ["search", "police"], ["export-csv"],
                            ["import", str(FIXTURES / "welsh-banner.txt")]):
                outcome = _peelviewer(*command, "--db", str(library))
                said = outcome.stderr.strip().splitlines()
                result.failures += int(outcome.returncode != 2 or "Traceback" in outcome.stderr
                                       or len(said) != 1 or "damaged" not in said[0])
            result.data_lost += int(library.read_bytes() != before)
        result.note = said[0][:90] if said else ""
    return result


def _dump(path: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def permissions_as_another_user() -> Result:
    """As user nobody: a library folder it may not write, a -wal left by root: each said as
    it is (never "damaged"), nothing moved or changed."""
    from tests.library_faults import can_drop_root, run_as_nobody, sample_library, shared_folder

    result = Result("no permission (folder, -wal)", trials=2, faults=2)
    if not can_drop_root():
        result.note = "not run: needs root and setpriv to act as another user"
        return result
    folder = shared_folder()
    try:
        locked = folder / "locked"
        locked.mkdir(mode=0o755)
        outcome = run_as_nobody("import", str(SAMPLES), "--db", str(locked / "lib.peeldb"),
                                home=folder)
        result.failures += int("no permission to write there" not in outcome.stderr
                               or "Traceback" in outcome.stderr)
        library = sample_library(folder / "lib.peeldb")
        library.chmod(0o666)
        wal = library.with_name("lib.peeldb-wal")
        wal.write_bytes(b"")
        wal.chmod(0o600)
        before = library.read_bytes()
        outcome = run_as_nobody("import", str(FIXTURES / "welsh-banner.txt"), "--db",
                                str(library), home=folder)
        result.failures += int("lib.peeldb-wal" not in outcome.stderr or "damaged" in
                               outcome.stderr or "Traceback" in outcome.stderr)
        result.data_lost = int(library.read_bytes() != before or not library.exists())
        result.note = outcome.stderr.strip()[:90]
    finally:
        shutil.rmtree(folder)
    return result


def two_importers(corpus_files: int, seed: int = 4) -> Result:
    """Two imports into one library at once: they queue for the write lock; none fails as
    busy, and the library ends with every report."""
    from tests.bench.corpus import write_corpus

    result = Result("two imports at once", trials=1, faults=1)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, corpus_files, seed=seed)
        library = Path(scratch) / "lib.peeldb"
        Store.open(library).close()
        halves = sorted(corpus.rglob("*.txt"))
        command = [sys.executable, "-m", "peelviewer", "import", "--db", str(library)]
        first = subprocess.Popen([*command, *map(str, halves[0::2])], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        second = subprocess.Popen([*command, *map(str, halves[1::2])], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        outputs = [process.communicate(timeout=900) for process in (first, second)]
        busy = sum(out.count("busy") + out.count("locked") for out, _ in outputs)
        failed = sum(out.count("failed:") for out, _ in outputs)
        result.failures = busy + sum("Traceback" in err for _, err in outputs)
        single = Path(scratch) / "single.peeldb"
        _peelviewer("import", str(corpus), "--db", str(single))
        together, alone = Store.open(library), Store.open(single)
        result.data_lost = abs(alone.counts()["reports"] - together.counts()["reports"])
        result.note = (f"{len(halves)} files, {busy} busy, {failed} failed for their content; "
                       f"{together.counts()['reports']} reports as from one import")
        together.close()
        alone.close()
    return result


def oversized_reports() -> Result:
    """Pages built to exhaust the app: hundreds of thousands of findings, a narrative of
    millions of characters, more distinct words than Unicode has characters. Each is refused
    naming its limit, or compared, never crashing, and the library is left as it was."""
    import time

    from peelviewer.core.comparison.diff import compare_texts

    result = Result("oversized reports")
    title = "Hampshire Constabulary PEEL 2016 Legitimacy\n\nLast updated: 08/12/2016\n\n"
    question = "How legitimate is the force at treating the public fairly?\n\nGood\n\n"
    pages = {
        "700k-findings.txt": title + question + "Areas for improvement\n\n" + "".join(
            f"• The force should improve item {i}.\n" for i in range(700_000)),
        "huge-narrative.txt": title + question + ("The force treats people well. " * 660_000),
    }
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        store = Store.open(folder / "lib.peeldb")
        import_paths(store, [SAMPLES])
        before = list(store.db.conn.iterdump())
        timings = []
        for name, text in pages.items():
            path = folder / name
            path.write_text(text[:20 * 1024 * 1024 - 1], encoding="utf-8")
            started = time.perf_counter()
            [outcome] = import_paths(store, [path]).results
            timings.append(time.perf_counter() - started)
            result.trials += 1
            result.faults += 1
            result.failures += int(outcome.outcome != "failed" or "limit" not in outcome.reason)
        result.data_lost = int(list(store.db.conn.iterdump()) != before)
        store.close()
    words = " ".join(f"w{i}" for i in range(1_100_000))
    result.trials += 1
    result.faults += 1
    try:
        compare_texts("The force should act now.\n\n" + words, "The force must act now.")
    except Exception:  # a crash is what this check is for
        result.failures += 1
    result.note = (f"refused in {max(timings):.1f} s at most; 1.1M distinct words compared")
    return result


def odd_file_names() -> Result:
    """Names that are not UTF-8, or hold a newline or an escape code: imported, kept byte
    for byte, printed one line per file."""
    result = Result("odd file names", trials=3, faults=3)
    sample = (SAMPLES / "hampshire-2016-legitimacy.txt").read_bytes()
    other = (SAMPLES / "hertfordshire-2016-legitimacy.txt").read_bytes()
    welsh = (FIXTURES / "welsh-banner.txt").read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        names = [b"caf\xe9-report.txt", b"two\nlines.txt", b"\x1b[31mred.txt"]
        for name, data in zip(names, (sample, other, welsh), strict=True):
            Path(os.fsdecode(os.path.join(os.fsencode(scratch), name))).write_bytes(data)
        library = Path(scratch) / "lib.peeldb"
        outcome = _peelviewer("import", scratch, "--db", str(library))
        lines = outcome.stdout.splitlines()
        result.failures = int(len(lines) != 4 or any(not line.startswith("added:")
                                                     for line in lines[:3])
                              or "\x1b" in outcome.stdout)
        store = Store.open(library)
        kept = {bytes(row[0]) if row[0] is not None else row[1].encode()
                for row in store.db.execute("select file_name_bytes, file_name from sources")}
        store.close()
        result.data_lost = len(set(names) - kept)
        result.note = " | ".join(lines[:3])[:90]
    return result
