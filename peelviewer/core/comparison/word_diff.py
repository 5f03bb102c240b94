"""The word level of the prose diff: Meld-style opcodes over the tokens of two sentences that
were paired as one, edited."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Indel

TINY_EQUAL_CHARS = 3  # an equal run this short between two changes reads as part of the change

EQUAL, REPLACE, DELETE, INSERT = "equal", "replace", "delete", "insert"

# A sentence's compared tokens, one code each: a string of one character per token, or a
# tuple of ints when there are more distinct tokens than characters (see diff._Vocabulary).
Codes = str | tuple[int, ...]


@dataclass
class Units:
    """A sentence as compared: one code per compared unit, and where each unit came from."""

    codes: Codes
    lengths: list[int]  # characters of the original tokens behind each unit
    first_token: list[int]
    last_token: list[int]  # exclusive
    token_count: int


def word_opcodes(left: Units, right: Units) -> tuple[tuple, int]:
    """Meld-style opcodes over the tokens of a changed pair, and its matched characters."""
    raw = Indel.opcodes(left.codes, right.codes).as_list()
    matched = sum(sum(left.lengths[i1:i2]) + sum(right.lengths[j1:j2])
                  for tag, i1, i2, j1, j2 in raw if tag == EQUAL)
    merged: list[list] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(raw):
        # Opcodes alternate equal runs with changes, so a middle equal run sits between
        # two changes; when it is a mere "the" it is shown as part of one change.
        if tag == EQUAL and 0 < index < len(raw) - 1 \
                and sum(left.lengths[i1:i2]) <= TINY_EQUAL_CHARS:
            tag = REPLACE
        if tag != EQUAL and merged and merged[-1][0] != EQUAL:
            merged[-1][2], merged[-1][4] = i2, j2
        else:
            merged.append([tag, i1, i2, j1, j2])
    return _on_tokens(merged, left, right), matched


def _on_tokens(ops: list[list], left: Units, right: Units) -> tuple:
    """Unit opcodes moved onto token indexes. Tokens not compared (bullets, and punctuation
    when ignored) join a neighbouring equal run, never a highlighted change."""
    ops = [[EQUAL, 0, 0, 0, 0], *ops,
           [EQUAL, len(left.codes), len(left.codes), len(right.codes), len(right.codes)]]
    bounds = [_token_bounds(ops, left, 1), _token_bounds(ops, right, 3)]
    result: list[tuple[str, int, int, int, int]] = []
    for index, op in enumerate(ops):
        a1, a2, b1, b2 = bounds[0][index:index + 2] + bounds[1][index:index + 2]
        if a1 == a2 and b1 == b2:
            continue
        if op[0] == EQUAL and result and result[-1][0] == EQUAL:
            result[-1] = (EQUAL, result[-1][1], a2, result[-1][3], b2)
        elif op[0] == EQUAL:
            result.append((EQUAL, a1, a2, b1, b2))
        else:
            tag = REPLACE if a1 < a2 and b1 < b2 else DELETE if a1 < a2 else INSERT
            result.append((tag, a1, a2, b1, b2))
    return tuple(result)


def _token_bounds(ops: list[list], units: Units, column: int) -> list[int]:
    """On one side (`column` 1 left, 3 right), the token index at which each op starts,
    then the end."""
    side = [0]
    for previous, op in pairwise(ops):
        unit = op[column]
        gap_start = units.last_token[unit - 1] if unit else 0
        gap_end = units.first_token[unit] if unit < len(units.codes) else units.token_count
        # An op empty on this side must not split the gap before it from the one after.
        side.append(max(side[-1], gap_end if previous[0] == EQUAL else gap_start))
    return [*side, units.token_count]
