"""How a question's grade differs between the two sides of a comparison, in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peelviewer.core.comparison.compare import Side

IMPROVED, DECLINED, SAME = "improved", "declined", "same"
HIGHER, LOWER = "higher", "lower"  # two forces: the right one's grade against the left one's
SCALE_CHANGED, NOT_GRADED, ONE_SIDE = "scale changed", "not graded", "one side"
LEFT, RIGHT = "left", "right"


@dataclass(frozen=True)
class GradeChange:
    """What a reader is told first about a question: did its grade go up, down, or stay?

    `kind` is one of the constants above; `symbol` is "↑", "↓", "=" or ""; `text` says it
    in words (never colour or a symbol alone).
    """

    kind: str
    symbol: str
    text: str

    @property
    def label(self) -> str:
        """"↑ improved", "= same", "scale changed"."""
        return f"{self.symbol} {self.text}" if self.symbol else self.text


def grade_change(left: Side | None, right: Side | None, *, scales_differ: bool = False,
                 later: str | None = None) -> GradeChange:
    """The change from the left side's grade to the right side's.

    `later` is LEFT or RIGHT when the two sides are one force in two cycles (the later one
    then "improved" or "declined" on the earlier), None for two forces ("higher" or "lower"
    on the right). Grades on a four-grade and a five-grade scale are not compared.
    """
    if left is None or right is None:
        missing = "left" if left is None else "right"
        return GradeChange(ONE_SIDE, "", f"not in the {missing} report")
    if left.grade is None or right.grade is None:
        return GradeChange(NOT_GRADED, "", "not graded" if left.grade is right.grade
                           else f"not graded on the {'left' if left.grade is None else 'right'}")
    if scales_differ:
        return GradeChange(SCALE_CHANGED, "", "scale changed")
    if left.grade == right.grade:
        return GradeChange(SAME, "=", "same grade")
    right_better = right.grade > left.grade
    if later is None:
        return (GradeChange(HIGHER, "↑", "higher on the right") if right_better
                else GradeChange(LOWER, "↓", "lower on the right"))
    improved = right_better == (later == RIGHT)
    return (GradeChange(IMPROVED, "↑", "improved") if improved
            else GradeChange(DECLINED, "↓", "declined"))
