"""Whole-force reports in `make bench`: parse and import of one long report, and the import
rate of a mixed corpus (pillar pages and whole-force reports)."""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from peelviewer.core.forces import FORCES
from peelviewer.core.importer import import_paths
from peelviewer.core.parse import parse_text
from peelviewer.core.store import Store

from .corpus import write_corpus

MODERN = Path(__file__).resolve().parents[1] / "fixtures" / "modern"
TEMPLATE = MODERN / "2023-25-table-rows.txt"  # Durham, judgments as tab-separated rows
TARGET_PARSE_MS = 100.0  # mine: a 15,000-word report parses well inside a click
TARGET_IMPORT_MS = 250.0  # mine: parse, store and index it
TARGET_MIXED_RATE = 500.0  # files/s, the same target as the pillar-page import
CYCLE_TITLES = {"2021/22": "PEEL 2021/22 – An inspection of",
                "2023-25": "PEEL 2023–2025: An inspection of",
                "2025-27": "PEEL 2025–2027: An inspection of"}
GRADES = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")


def long_report(words: int = 15000) -> str:
    """The template with every area's narrative repeated (each copy a little different)
    until the page holds about `words` words, like a real 2023-25 report."""
    text = TEMPLATE.read_text(encoding="utf-8")
    lines = text.split("\n")
    narrative = [i for i, line in enumerate(lines)
                 if len(line) > 120 and not line.startswith(("Our inspection", "We also"))]
    copies = 0
    while len(" ".join(lines).split()) < words:
        copies += 1
        for index in reversed(narrative):
            lines.insert(index + 1, "")
            lines.insert(index + 2, f"In review {copies}, {lines[index][0].lower()}"
                                    f"{lines[index][1:]}")
    return "\n".join(lines)


def write_modern_pages(folder: Path, count: int, *, seed: int = 2023) -> int:
    """`count` whole-force reports: every force in every modern cycle with its own grades,
    then further copies of those; returns how many logical reports they hold."""
    rng = random.Random(seed)
    template = TEMPLATE.read_text(encoding="utf-8")
    title = template.split("\n", 1)[0]
    logical = [(force, cycle) for cycle in CYCLE_TITLES for force in FORCES]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        force, cycle = logical[index % len(logical)]
        page = template.replace(title, f"{CYCLE_TITLES[cycle]} {force.name}")
        page = page.replace("Durham Constabulary", force.name)
        page = re.sub(r"\t(?:Outstanding|Good|Adequate|Requires improvement|Inadequate)$",
                      lambda _m: "\t" + rng.choice(GRADES), page, flags=re.M)
        if index >= len(logical):  # a later copy: new bytes, the same report
            page += f"\n\nCopied on {index}.\n"
        (folder / f"modern-{index:04d}.txt").write_text(page, encoding="utf-8")
    return min(count, len(logical))


def modern_rows(runs: int, files: int = 2000, modern_share: float = 0.2) -> list[tuple]:
    """Table rows (figure, value, baseline, ratio, target, met)."""
    text = long_report()
    words = len(text.split())
    parse_text(text)  # warm-up
    parses = []
    for _ in range(max(runs, 5)):
        start = time.perf_counter()
        parse_text(text)
        parses.append((time.perf_counter() - start) * 1000)
    parse_ms = statistics.median(parses)
    with tempfile.TemporaryDirectory(prefix="peel-modern-bench-") as scratch:
        scratch = Path(scratch)
        page = scratch / "long.txt"
        page.write_text(text, encoding="utf-8")
        imports = []
        for run in range(max(runs, 5)):
            with Store.open(scratch / f"one-{run}.peeldb") as store:
                start = time.perf_counter()
                summary = import_paths(store, [page])
                imports.append((time.perf_counter() - start) * 1000)
            assert not summary.failed, summary.failed[0].reason
        import_ms = statistics.median(imports)
        modern_count = int(files * modern_share)
        corpus, pillar_only = scratch / "mixed", scratch / "pillar-only"
        write_corpus(corpus / "pillar", files - modern_count)
        write_modern_pages(corpus / "modern", modern_count)
        write_corpus(pillar_only, files)
        rates, baselines = [], []
        for run in range(runs):  # interleaved, so drift on the machine hits both alike
            rates.append(_import_rate(corpus, scratch / f"mixed-{run}.peeldb"))
            baselines.append(_import_rate(pillar_only, scratch / f"pillar-{run}.peeldb"))
        rate, baseline = statistics.median(rates), statistics.median(baselines)
    return [
        (f"whole-force report parse ({words:,} words)", f"{parse_ms:.1f} ms", "-", "-",
         f"< {TARGET_PARSE_MS:.0f} ms (mine)", parse_ms < TARGET_PARSE_MS),
        (f"whole-force report import ({words:,} words)", f"{import_ms:.1f} ms", "-", "-",
         f"< {TARGET_IMPORT_MS:.0f} ms (mine)", import_ms < TARGET_IMPORT_MS),
        (f"mixed import rate ({files:,} files, {modern_count} whole-force)",
         f"{rate:.0f} files/s", f"{baseline:.0f} files/s", f"{baseline / rate:.2f}",
         f">= {TARGET_MIXED_RATE:.0f} files/s", rate >= TARGET_MIXED_RATE),
    ]


def _import_rate(corpus: Path, library: Path) -> float:
    """Files per second for importing a folder into a new library. The baseline column is
    the same count of pillar pages alone, imported in the same run."""
    files = sum(1 for _ in corpus.rglob("*.txt"))
    with Store.open(library) as store:
        start = time.perf_counter()
        summary = import_paths(store, [corpus])
        seconds = time.perf_counter() - start
    assert not summary.failed, summary.failed[0].reason
    return files / seconds


if __name__ == "__main__":
    from .table import print_table

    print_table(modern_rows(3))
