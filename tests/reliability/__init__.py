"""`make reliability`: faults injected into imports and libraries, and what they cost."""

from __future__ import annotations

from tests.reliability.checks import (
    Result,
    big_library,
    damaged_pages,
    full_disk,
    hostile_files,
    kill_during_import,
    odd_file_names,
    oversized_reports,
    permissions_as_another_user,
    read_only_library,
    small_full_disk,
    soak,
    two_importers,
    two_instances,
)


def run_all(*, fast: bool) -> list[Result]:
    """Every check; `fast` is the form `make test` runs (fewer trials, smaller data)."""
    return [
        kill_during_import(trials=3 if fast else 20, corpus_files=120 if fast else 500),
        hostile_files(),
        oversized_reports(),
        odd_file_names(),
        read_only_library(),
        full_disk(),
        small_full_disk(),
        damaged_pages(3 if fast else 20),
        permissions_as_another_user(),
        two_importers(60 if fast else 400),
        two_instances(),
        big_library(1_000 if fast else 10_000),
        soak(12 if fast else 200),
    ]


def table(results: list[Result]) -> str:
    header = ("check", "trials", "faults injected", "failures", "data lost", "note")
    rows = [header] + [(r.check, str(r.trials), str(r.faults), str(r.failures),
                        str(r.data_lost), r.note) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)
