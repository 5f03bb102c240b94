"""Compare view timings: a whole report pair shown, and a toggle redrawn, at 3,000 and 20,000
words a side (generated from the samples' sentences, in a summary and four questions)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.diff_bench import make_texts

# (words a side, runs, target ms to the first screen painted): a typical report at once
# (a quarter of a second), a very long one within a second.
SHOWN = ((3_000, 7, 250.0), (20_000, 5, 1000.0))
TOGGLE_WORDS = 20_000
TARGET_TOGGLE_MS = 100.0
SECTIONS = 5  # the summary and four questions
TOGGLES = ("ignore_case", "ignore_punctuation", "placeholders", "by_topic")


def _reports(words: int):
    """Two reports of about `words` words each, their text in SECTIONS parts."""
    from peelviewer.core.model import Question, Report

    reports = []
    for force_id, text in zip(("kent", "surrey"), make_texts(words), strict=True):
        paragraphs = text.split("\n\n")
        size = -(-len(paragraphs) // SECTIONS)
        parts = ["\n\n".join(paragraphs[i:i + size]) for i in range(0, len(paragraphs), size)]
        questions = tuple(Question(number=n, text=f"How well does the force do task {n}?",
                                   grade=None, narrative=part)
                          for n, part in enumerate(parts[1:], start=1))
        reports.append(Report(force_id=force_id, cycle="2017", pillar="legitimacy",
                              headline="How legitimate is the force?", grade=None,
                              summary=parts[0], questions=questions))
    return reports


def _view(folder: Path, words: int):
    from peelviewer.core.store import Store
    from peelviewer.ui.compare import CompareView

    store = Store.open(folder / f"compare-{words}.peeldb")
    for index, report in enumerate(_reports(words)):
        store.add_report(report, sha256=f"{index:064d}", file_name=f"{index}.txt", kind="txt",
                         size=1)
    view = CompareView(store)
    view.resize(1000, 700)
    view.show()
    return store, view


def _paint(view) -> None:
    """Paint the view now: what the reader sees once the click has been answered (the rest
    of a long report still arriving afterwards)."""
    view.repaint()


def _shown_ms(app, view, runs: int) -> tuple[float, float]:
    """Median ms from compare() to the first screen painted, and to the whole report in."""
    left, right = ("kent", "2017", "legitimacy"), ("surrey", "2017", "legitimacy")
    first, whole = [], []
    for run in range(runs + 1):
        start = time.perf_counter()
        view.compare(left, right)
        _paint(view)
        painted = time.perf_counter()
        view.finish()
        _paint(view)
        if run:  # the first run warms up imports, fonts and caches
            first.append((painted - start) * 1000)
            whole.append((time.perf_counter() - start) * 1000)
        view._diffs.wait()  # the diffs a toggle away, made while the reader reads
    return statistics.median(first), statistics.median(whole)


def _toggle_ms(app, view, *, settled: bool) -> list[float]:
    """Each toggle on and off: ms from the click to the view painted again. Settled: the
    reader has read for a moment (the diffs a toggle away made meanwhile)."""
    times = []
    for name in TOGGLES:
        box = getattr(view, name)
        if not box.isVisible():
            continue
        for _ in range(2):
            view.finish()
            if settled:
                view._diffs.wait()
            else:
                view._diffs.close()
            app.processEvents()
            start = time.perf_counter()
            box.toggle()
            _paint(view)
            times.append((time.perf_counter() - start) * 1000)
    return times


def compare_view_rows(runs: int = 3) -> list[tuple]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(kind, context, message: str) -> None:  # offscreen Qt's one harmless complaint
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication([])
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="peel-compare-bench-") as folder:
            for words, shown_runs, target in SHOWN:
                store, view = _view(Path(folder), words)
                first, whole = _shown_ms(app, view, max(runs, shown_runs))
                rows.append((f"compare view shown, {words:,} words", f"{first:.0f} ms", "-",
                             "-", f"< {target:.0f} ms", first < target))
                rows.append((f"  whole report in, {words:,} words", f"{whole:.0f} ms", "-",
                             "-", "(no target: the window answers meanwhile)", None))
                if words == TOGGLE_WORDS:
                    settled = _toggle_ms(app, view, settled=True)
                    cold = _toggle_ms(app, view, settled=False)
                    median, worst = statistics.median(settled), max(settled)
                    rows.append((f"toggle at {words:,} words (median)", f"{median:.0f} ms",
                                 "-", "-", f"< {TARGET_TOGGLE_MS:.0f} ms",
                                 median < TARGET_TOGGLE_MS))
                    rows.append((f"toggle at {words:,} words (worst of {len(settled)})",
                                 f"{worst:.0f} ms", "-", "-", f"< {TARGET_TOGGLE_MS:.0f} ms",
                                 worst < TARGET_TOGGLE_MS))
                    rows.append(("  toggle at once, diff not ready (median)",
                                 f"{statistics.median(cold):.0f} ms", "-", "-", "(no target)",
                                 None))
                view.close()
                view.deleteLater()
                app.processEvents()
                store.close()
    finally:
        qInstallMessageHandler(previous)
    return rows


if __name__ == "__main__":
    from .table import print_table

    print_table(compare_view_rows())
