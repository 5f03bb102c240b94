"""The library's grades as CSV: one row per question of every report."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

# "pillar" is empty for 2021/22-onwards reports, whose rows are areas of policing;
# "question_key" links the same question or area across cycles; "scale" is 4 or 5 grades.
CSV_COLUMNS = ("force_id", "force_name", "region", "cycle", "pillar", "scale", "pillar_grade",
               "pillar_grade_source", "last_updated", "published", "question", "question_key",
               "question_text", "graded", "grade", "grade_source", "previous_grade",
               "carried_over", "areas", "causes", "recommendations", "practice")


def _inert(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_grades_csv(rows: list[dict], handle) -> None:
    """Rows from Store.question_table(), with a header, to an open text file."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        cells = {key: _inert(value) for key, value in row.items()}
        writer.writerow({**cells, "carried_over": "yes" if row["carried_over"] else "no",
                         "graded": "yes" if row["graded"] else "no"})


def write_table_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """A table to a CSV file a spreadsheet opens as it is: UTF-8 with a byte-order mark (so
    Excel reads the curly quotes), and no cell that could run as a formula."""
    with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_inert(value) for value in row] for row in rows)
