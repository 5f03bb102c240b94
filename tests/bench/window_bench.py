"""Main-window timings on a large library: cold start, cycle/pillar switching, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_START_RATIO = 2.0  # cold start at most this many times a bare PySide6 window's
TARGET_READY_MS = 1500.0  # our own: the live heatmap within a second and a half
TARGET_SHOWN_RATIO = 2.5  # the grades on screen within 2.5x a bare window (moonshot 1.5x)
TARGET_SWITCH_MS = 50.0
TARGET_MEMORY_MB = 300.0

# Runs a script or module; writes the time it starts to exit, before interpreter teardown.
# The child reports its own peak memory: VmHWM belongs to the executed program alone, while
# wait4's ru_maxrss also counts the benchmark's own pages the child had before exec.
STAMPED = """
import atexit, runpy, sys, time


def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


_, stamp, *rest = sys.argv
atexit.register(lambda: open(stamp, "w").write(f"{time.time()!r} {peak_kib()}"))
if rest[0] == "-m":
    sys.argv = rest[1:]
    runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
else:
    sys.argv = rest
    runpy.run_path(rest[0], run_name="__main__")
"""

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class QuitAfterPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.installEventFilter(QuitAfterPaint(window))
window.show()
sys.exit(app.exec())
"""

WINDOW_IN_USE = """
import resource, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from peelviewer.core.store import Store
from peelviewer.ui.application import make_application
from peelviewer.ui.main_window import MainWindow

app = make_application()
store = Store.open(sys.argv[1])
window = MainWindow(store, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
QApplication.processEvents()
for cycle in store.cycles():
    for pillar in ["all", *store.sections(cycle)]:
        window.reload(cycle=cycle, pillar=pillar)
        QApplication.processEvents()
        rows, columns = len(window.grid.rows), len(window.grid.columns)
        for row, column in ((0, 0), (rows // 2, columns // 2), (rows - 1, columns - 1)):
            window.open_cell(row, column)
            QApplication.processEvents()
window.search_dock.raise_()
window.search.query.setText("force")
hits = window.search.run()
QApplication.processEvents()
print(len(hits), next(int(line.split()[1]) for line in open("/proc/self/status")
                     if line.startswith("VmHWM:")))
"""


def build_library(folder: Path, files: int = 2000, seed: int = 2014) -> Path:
    """The benchmark corpus imported into `folder`/library.peeldb."""
    from peelviewer.core.importer import import_paths
    from peelviewer.core.store import Store

    from .corpus import write_corpus

    write_corpus(folder / "corpus", files, seed=seed)
    store = Store.open(library := folder / "library.peeldb")
    try:
        summary = import_paths(store, [folder / "corpus"])
    finally:
        store.close()
    if summary.failed:
        raise RuntimeError(f"{len(summary.failed)} corpus files failed to import")
    return library


def window_rows(library: Path, runs: int) -> list[tuple]:
    """Table rows (figure, value, baseline, ratio, target, met) for the main window."""
    with tempfile.TemporaryDirectory(prefix="peel-window-bench-") as scratch:
        scratch = Path(scratch)
        env = _child_env(scratch / "home")
        (scratch / "bare_window.py").write_text(BARE_WINDOW, encoding="utf-8")
        (scratch / "stamped.py").write_text(STAMPED, encoding="utf-8")
        commands = {"app": ["-m", "peelviewer", "--db", str(library), "--quit-after-paint"],
                    "bare": [str(scratch / "bare_window.py")],
                    "ready": ["-m", "peelviewer", "--db", str(library), "--quit-when-ready"],
                    # After a session closed on this library: its picture of the grades.
                    "shown": ["-m", "peelviewer", "--db", str(library), "--quit-when-shown"]}
        started, exited, peaks = ({kind: [] for kind in commands} for _ in range(3))
        # Start-up times are short and noisy: at least seven runs each for a steady median.
        for index in range(max(runs, 7) + 1):  # the first of each is a warm-up; alternated
            for kind, command in commands.items():
                painted, ended, peak_kib = _run(scratch, command, env)
                if index:
                    started[kind].append(painted * 1000)
                    exited[kind].append(ended * 1000)
                    peaks[kind].append(peak_kib / 1024)
        (scratch / "in_use.py").write_text(WINDOW_IN_USE, encoding="utf-8")
        hits, peak_kib = subprocess.run(
            [sys.executable, str(scratch / "in_use.py"), str(library), str(scratch / "in_use.ini")],
            env=env, check=True, capture_output=True, text=True).stdout.split()[-2:]
        used_mb = int(peak_kib) / 1024
        switching = _switch_times(library, scratch, runs)

    app_ms, bare_ms = statistics.median(started["app"]), statistics.median(started["bare"])
    ready_ms = statistics.median(started["ready"])
    shown_ms = statistics.median(started["shown"])
    app_exit, bare_exit = statistics.median(exited["app"]), statistics.median(exited["bare"])
    bare_mb, first_mb = statistics.median(peaks["bare"]), statistics.median(peaks["app"])
    rows = [
        ("cold start to first paint", f"{app_ms:.0f} ms", f"{bare_ms:.0f} ms",
         f"{app_ms / bare_ms:.2f}", f"<= {TARGET_START_RATIO:.1f}x baseline",
         app_ms <= TARGET_START_RATIO * bare_ms),
        ("  the same, to process exit", f"{app_exit:.0f} ms", f"{bare_exit:.0f} ms",
         f"{app_exit / bare_exit:.2f}", "(no target)", None),
        ("  to the grades on screen (last picture)", f"{shown_ms:.0f} ms", f"{bare_ms:.0f} ms",
         f"{shown_ms / bare_ms:.2f}", f"<= {TARGET_SHOWN_RATIO:.1f}x baseline",
         shown_ms <= TARGET_SHOWN_RATIO * bare_ms),
        ("  to the live heatmap painted", f"{ready_ms:.0f} ms", f"{bare_ms:.0f} ms",
         f"{ready_ms / bare_ms:.2f}", f"< {TARGET_READY_MS:.0f} ms", ready_ms < TARGET_READY_MS),
    ]
    for label, times in switching.items():
        rows.append((f"{label} (median)", f"{statistics.median(times):.1f} ms", "-", "-",
                     f"< {TARGET_SWITCH_MS:.0f} ms", statistics.median(times) < TARGET_SWITCH_MS))
        rows.append((f"{label} (worst of {len(times)})", f"{max(times):.1f} ms", "-", "-",
                     f"< {TARGET_SWITCH_MS:.0f} ms", max(times) < TARGET_SWITCH_MS))
    rows += [
        ("peak memory (at first paint)", f"{first_mb:.0f} MB", f"{bare_mb:.0f} MB",
         f"{first_mb / bare_mb:.2f}", "(no target)", None),
        (f"peak memory (window in use, {hits} hits)", f"{used_mb:.0f} MB", f"{bare_mb:.0f} MB",
         f"{used_mb / bare_mb:.2f}", f"< {TARGET_MEMORY_MB:.0f} MB", used_mb < TARGET_MEMORY_MB),
    ]
    return rows


def _child_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and a home of our own so the user's settings stay out of it."""
    home.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home),
                XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
                XDG_CACHE_HOME=str(home / ".cache"))


def _run(scratch: Path, command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds from launch to the start of exit and to the process's end; peak RSS in KiB."""
    stamp = scratch / "exit-stamp"
    stamp.unlink(missing_ok=True)
    command = [sys.executable, str(scratch / "stamped.py"), str(stamp), *command]
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block
        launched = time.time()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, _usage = os.wait4(process.pid, 0)
        ended = time.time() - launched
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode or not stamp.exists():
            errors.seek(0)
            raise RuntimeError(f"{command} exited {process.returncode}:\n"
                               f"{errors.read().decode(errors='replace')}")
    stamped, peak_kib = stamp.read_text().split()
    return float(stamped) - launched, ended, int(peak_kib)


def _switch_times(library: Path, scratch: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds per switch, repaint included, through reload() and the two combo boxes;
    every cycle and pillar once a round, after one round of warm-up."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QSettings, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from peelviewer.core.grid import ALL_PILLARS
    from peelviewer.core.store import Store
    from peelviewer.ui.application import make_application
    from peelviewer.ui.main_window import MainWindow

    class PaintCounter(QObject):
        painted = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted += 1
            return False

    def quiet(kind, context, message: str) -> None:  # offscreen Qt's one harmless complaint
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)
    make_application()
    store = Store.open(library)
    window = MainWindow(store, settings=QSettings(str(scratch / "switch.ini"),
                                                  QSettings.Format.IniFormat))
    counter = PaintCounter(window)
    window.heatmap.view.viewport().installEventFilter(counter)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QApplication.processEvents()

    def timed(action) -> float:
        before = counter.painted
        start = time.perf_counter()
        action()
        QApplication.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        if counter.painted == before:
            raise RuntimeError("a switch did not repaint the heatmap")
        return elapsed

    keys = [(c, p) for c in store.cycles() for p in (ALL_PILLARS, *store.sections(c))]
    found: dict[str, list[float]] = {"switch cycle/pillar, reload()": [],
                                     "switch via pillar box": [], "switch via cycle box": []}
    try:
        for round_ in range(runs + 1):  # round 0 is a warm-up
            times = {label: [] for label in found}
            for cycle, pillar in keys:
                times["switch cycle/pillar, reload()"].append(
                    timed(lambda c=cycle, p=pillar: window.reload(cycle=c, pillar=p)))
            for cycle in store.cycles():
                window.reload(cycle=cycle, pillar=ALL_PILLARS)
                QApplication.processEvents()
                for index in (*range(1, window.pillar_box.count()), 0):
                    times["switch via pillar box"].append(
                        timed(lambda i=index: window.pillar_box.setCurrentIndex(i)))
            for _ in range(window.cycle_box.count()):
                index = (window.cycle_box.currentIndex() + 1) % window.cycle_box.count()
                times["switch via cycle box"].append(
                    timed(lambda i=index: window.cycle_box.setCurrentIndex(i)))
            if round_:
                for label, values in times.items():
                    found[label] += values
    finally:
        window.close()
        store.close()
        qInstallMessageHandler(previous)
    return found


if __name__ == "__main__":
    import argparse

    from .table import print_table

    parser = argparse.ArgumentParser(prog="python -m tests.bench.window_bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median counts")
    parser.add_argument("--library", type=Path, help="use this library instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peel-window-lib-") as folder:
        library = args.library or build_library(Path(folder))
        print(f"PEEL Viewer main-window benchmark on {library}, {args.runs} runs")
        print_table(window_rows(library, args.runs))
