"""`make bench`: time a full text import against a raw-insert baseline on a generated corpus."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peelviewer.core.importer import ImportSummary, import_paths
from peelviewer.core.store import Store

from .compare_view_bench import compare_view_rows
from .corpus import write_corpus
from .diff_bench import diff_rows
from .export_bench import export_rows
from .extraction import (
    TARGET_HTML_MS,
    TARGET_PDF_MS,
    fts_floor_seconds,
    html_ms_per_page,
    pdf_batch_rows,
    pdf_ms_per_page,
)
from .import_window_bench import import_window_rows
from .modern_bench import modern_rows
from .search_bench import search_rows
from .table import print_table
from .window_bench import window_rows
from .workbench_bench import workbench_rows

TARGET_RATE = 500.0  # files/s for parse, store and full-text index
TARGET_RATIO = 4.0  # at most this many times the raw-insert baseline's time
WARM_UP_FILES = 200
RESULTS = Path(__file__).resolve().parents[2] / "bench-results.json"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="peel-bench-") as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        if corpus.exists() and any(corpus.iterdir()):
            print(f"bench: {corpus} is not empty; --keep needs a new or empty folder")
            return 2
        made = time.perf_counter()
        info = write_corpus(corpus, args.files, seed=args.seed)
        made = time.perf_counter() - made
        files = sorted(corpus.rglob("*.txt"))
        print("PEEL Viewer import benchmark")
        print(f"corpus: {info.files} files, {info.bytes / 1e6:.1f} MB, {info.reports} logical "
              f"reports, seed {args.seed}, written in {made:.1f} s to {corpus}")
        print(f"sentences from {len(info.sources)} fixture and sample pages; "
              f"{len(info.rejected)} pages the parser refused were skipped")

        # Warm-up: module imports, SQLite and the page cache; also proves the import works.
        warm = files[:WARM_UP_FILES]
        for run in (lambda lib: _import(lib, warm), lambda lib: _baseline(lib, warm)):
            _timed(scratch, run)
        imports: list[float] = []
        baselines: list[float] = []
        summary = ImportSummary()
        reports = 0
        for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
            seconds, summary, reports = _timed(
                scratch, lambda lib: _import(lib, [corpus]), after=_report_count
            )
            if summary.failed:
                return _failed(summary)
            imports.append(seconds)
            baselines.append(_timed(scratch, lambda lib: _baseline(lib, files))[0])
        floor = statistics.median(fts_floor_seconds(files) for _ in range(args.runs))
        library = Path(scratch) / "big.peeldb"
        _import(library, [corpus])
        print("timing the window on that library, the window import and the diff…")
        later_rows = [*window_rows(library, args.runs), *import_window_rows(corpus, args.runs),
                      *diff_rows(), *compare_view_rows(args.runs),
                      *export_rows(library, args.runs), *search_rows(args.runs),
                      *workbench_rows(args.runs)]
    pdf_ms, pdf_pages = pdf_ms_per_page(args.runs)
    html_ms = html_ms_per_page(args.runs)
    batch_rows = pdf_batch_rows(args.runs)
    print("timing whole-force reports…")
    whole_force_rows = modern_rows(args.runs)

    imported, raw = statistics.median(imports), statistics.median(baselines)
    rate, raw_rate = len(files) / imported, len(files) / raw
    # The same baseline plus only indexing the text for search: the least any import with a
    # full-text index can cost, both loops measured in this run.
    fts_rate = len(files) / (raw + floor)
    print(f"import outcomes: {summary.line()}; the library holds {reports} reports")
    print(f"runs (s): import {_list(imports)}; baseline {_list(baselines)}; median of "
          f"{args.runs} after a warm-up on {len(warm)} files, each into a fresh library")
    print()
    _table([
        ("text import rate", f"{rate:.0f} files/s", "-", "-",
         f">= {TARGET_RATE:.0f} files/s", rate >= TARGET_RATE),
        ("import vs raw-insert baseline", f"{rate:.0f} files/s", f"{raw_rate:.0f} files/s",
         f"{raw_rate / rate:.2f}", f"ratio <= {TARGET_RATIO:.1f}", raw_rate / rate <= TARGET_RATIO),
        ("  of which: full-text index alone", f"{len(files) / floor:.0f} files/s",
         f"{raw_rate:.0f} files/s", f"{floor / raw:.2f}", "(floor, no target)", None),
        ("import vs raw insert + full-text index", f"{rate:.0f} files/s",
         f"{fts_rate:.0f} files/s", f"{fts_rate / rate:.2f}", f"ratio <= {TARGET_RATIO:.1f}",
         fts_rate / rate <= TARGET_RATIO),
        (f"PDF extraction ({pdf_pages} pages)", f"{pdf_ms:.1f} ms/page", "-", "-",
         f"<= {TARGET_PDF_MS:.0f} ms/page", pdf_ms <= TARGET_PDF_MS),
        *batch_rows,
        ("HTML page extraction + parse", f"{html_ms:.1f} ms/page", "-", "-",
         f"<= {TARGET_HTML_MS:.0f} ms/page", html_ms <= TARGET_HTML_MS),
        *whole_force_rows,
        *later_rows,
    ])
    print(f"\nbench finished in {time.perf_counter() - started:.1f} s; "
          f"figures also in {RESULTS.name}")
    if reports != info.reports:
        print(f"bench: expected {info.reports} reports in the library, found {reports}")
        return 1
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--files", type=int, default=2000, help="report files to generate")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the median counts")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--seed", type=int, default=2014, help="corpus random seed")
    args = parser.parse_args(argv)
    if args.files < 1 or args.runs < 1:
        parser.error("--files and --runs must be at least 1")
    return args


def _timed(
    scratch: str, run: Callable[[Path], Any], after: Callable[[Path], Any] | None = None
) -> tuple[float, Any, Any]:
    """Seconds `run(library)` takes in a fresh folder, its result, and `after(library)`'s."""
    folder = Path(tempfile.mkdtemp(dir=scratch, prefix="run-"))
    library = folder / "library.peeldb"
    try:
        start = time.perf_counter()
        result = run(library)
        seconds = time.perf_counter() - start
        return seconds, result, after(library) if after else None
    finally:
        shutil.rmtree(folder)


def _import(library: Path, paths: list[Path]) -> ImportSummary:
    """The real thing: open a new library, import (parse, store, index), close."""
    store = Store.open(library)
    try:
        return import_paths(store, paths)
    finally:
        store.close()


def _report_count(library: Path) -> int:
    store = Store.open(library)
    try:
        return store.counts()["reports"]
    finally:
        store.close()


def _baseline(library: Path, files: list[Path]) -> None:
    """Read each file, decode it and insert its raw text, one transaction per file."""
    conn = sqlite3.connect(library, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("create table pages (path text, body text)")
    for path in files:
        body = path.read_bytes().decode("utf-8")
        conn.execute("begin")
        conn.execute("insert into pages (path, body) values (?, ?)", [str(path), body])
        conn.execute("commit")
    conn.close()


def _failed(summary: ImportSummary) -> int:
    failed = summary.failed
    print(f"bench: {len(failed)} of {len(summary.results)} files failed to import; "
          "a benchmark of a broken import is meaningless:")
    for result in failed[:5]:
        print(f"  {result.path}: {result.reason}")
    return 1


def _list(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _number(text: str) -> tuple[float | None, str]:
    """ "676 files/s" -> (676.0, "files/s"); "-" -> (None, "")."""
    match = re.match(r"\s*(-?[\d.]+)\s*([^\s(]*)", text.replace(",", ""))
    return (float(match[1]), match[2]) if match else (None, "")


def write_json(rows: list[tuple], path: Path = RESULTS) -> None:
    """The table as JSON, so later runs can be compared with this one."""
    figures = []
    for name, value, baseline, ratio, target, met in rows:
        number, unit = _number(value)
        figures.append({"name": name.strip(), "value": number, "unit": unit,
                        "baseline": _number(baseline)[0], "ratio": _number(ratio)[0],
                        "target": target, "met": met})
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _table(rows: list[tuple[str, str, str, str, str, bool | None]]) -> None:
    write_json(rows)
    print_table(rows)


if __name__ == "__main__":
    sys.exit(main())
