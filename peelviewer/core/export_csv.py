"""The library's grades as CSV: one row per question of every report."""

from __future__ import annotations

import csv

CSV_COLUMNS = ("force_id", "force_name", "region", "cycle", "pillar", "pillar_grade",
               "pillar_grade_source", "last_updated", "question", "question_text", "grade",
               "grade_source", "carried_over", "areas", "causes", "recommendations")


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
        writer.writerow({**cells, "carried_over": "yes" if row["carried_over"] else "no"})
