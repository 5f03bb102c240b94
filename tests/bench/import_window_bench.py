"""Dropping a large folder on the window: wall time against the CLI, and UI-thread stalls."""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5  # window import time at most this many times the CLI's
TARGET_STALL_MS = 100.0  # longest gap between 10 ms timer ticks during the import


def cli_seconds(corpus: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "peelviewer", "import", str(corpus), "--db",
             str(Path(folder) / "cli.peeldb")],
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def window_seconds_and_stall(corpus: Path) -> tuple[float, float, str]:
    """Drop the folder with real drag events; time until the views have refreshed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from peelviewer.core.store import Store
    from peelviewer.ui.application import make_application
    from peelviewer.ui.main_window import MainWindow

    class _QuietDialogs:
        """Real progress dialog; the results dialog would block, so it is only counted."""

        def __init__(self):
            from peelviewer.ui.dialogs import Dialogs

            self._real = Dialogs()

        def progress(self, parent, total):
            return self._real.progress(parent, total)

        def import_results(self, parent, summary):
            pass

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "window.peeldb")
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings=settings, dialogs=_QuietDialogs())
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        loop = QEventLoop()
        results = []
        window.importFinished.connect(lambda summary: (results.append(summary), loop.quit()))
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(corpus))])
        position = QPointF(400, 300)
        timer.start()
        start = time.perf_counter()
        app.sendEvent(window, QDragEnterEvent(position.toPoint(), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
        app.sendEvent(window, QDropEvent(position, Qt.DropAction.CopyAction, mime,
                                         Qt.MouseButton.LeftButton,
                                         Qt.KeyboardModifier.NoModifier))
        loop.exec()
        seconds = time.perf_counter() - start
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        window.close()
        store.close()
    return seconds, max(gaps, default=0.0) * 1000, results[0].line()


def import_window_rows(corpus: Path, runs: int = 3) -> list[tuple]:
    """Medians of `runs` window imports and CLI imports, alternated, after a warm-up."""
    cli_seconds(corpus)  # warm-up: page cache and byte-code
    clis, windows, stalls = [], [], []
    outcome = ""
    for _ in range(runs):
        clis.append(cli_seconds(corpus))
        seconds, stall, outcome = window_seconds_and_stall(corpus)
        windows.append(seconds)
        stalls.append(stall)
    cli, window, stall = statistics.median(clis), statistics.median(windows), max(stalls)
    ratio = window / cli
    print(f"window import outcome: {outcome}")
    return [
        ("drop folder on window (import)", f"{window:.2f} s", f"{cli:.2f} s (CLI)",
         f"{ratio:.2f}", f"<= {TARGET_RATIO:.1f}x CLI", ratio <= TARGET_RATIO),
        (f"  longest UI stall during {runs} imports", f"{stall:.0f} ms", "-", "-",
         f"< {TARGET_STALL_MS:.0f} ms", stall < TARGET_STALL_MS),
    ]


if __name__ == "__main__":
    from tests.bench.corpus import write_corpus

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, 2000, seed=2014)
        for row in import_window_rows(corpus):
            print(" | ".join(str(cell) for cell in row))
