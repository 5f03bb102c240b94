"""The benchmarks' table: figure, value, baseline, ratio, target, met."""

from __future__ import annotations

HEADER = ("figure", "value", "baseline", "ratio", "target", "met")
VERDICTS = {True: "yes", False: "NOT MET", None: "-"}


def print_table(rows: list[tuple[str, str, str, str, str, bool | None]]) -> None:
    cells = [HEADER] + [(*row[:5], VERDICTS[row[5]]) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    for index, row in enumerate(cells):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
