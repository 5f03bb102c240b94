"""The sentence level of the in-order prose diff: two texts' sentences, as codes, aligned in
reading order (identical, then similar ones) and the rest paired as moved where they can be."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from peelviewer.core.best_matches import best_matches
from peelviewer.core.comparison.word_diff import EQUAL, Codes

SIMILAR_THRESHOLD = 60.0  # word-level ratio (0..100) from which two sentences are one, edited
PAIR_WINDOW = 30  # sentences either side of where a partner is expected that are searched
# Sentences of fewer compared words and marks, such as the grade line "Good" that recurs in
# every section, are aligned only between longer ones, and never called moved.
SHORT_SENTENCE = 4

Pairs = list[tuple[int, int]]


class _Partners:
    """Which sentence of the other side each sentence is paired with so far (-1: none)."""

    def __init__(self, left: int, right: int) -> None:
        self.left, self.right = [-1] * left, [-1] * right

    def pair(self, i: int, j: int) -> None:
        self.left[i], self.right[j] = j, i


def align_sentences(left: list[Codes], right: list[Codes]) -> tuple[Pairs, Pairs]:
    """Pairs in reading order on both sides (identical or similar) and moved pairs."""
    partners = _Partners(len(left), len(right))
    chain = _identical_in_order(left, right)
    for i, j in chain:
        partners.pair(i, j)
    moved = _identical_moved(left, right, partners)
    chain = sorted(chain + _similar_in_gaps(left, right, chain, partners))
    moved += _similar_moved(left, right, chain, partners)
    return chain, moved


def _identical_in_order(left: list[Codes], right: list[Codes]) -> Pairs:
    """Identical sentences in reading order: the longest common subsequence of the long
    ones, then of the short ones in each gap between those."""
    ids: dict[Codes, int] = {}
    left_ids = [ids.setdefault(key, len(ids)) for key in left]
    right_ids = [ids.setdefault(key, len(ids)) for key in right]
    chain = _common(left_ids, right_ids,
                    [i for i, key in enumerate(left) if len(key) >= SHORT_SENTENCE],
                    [j for j, key in enumerate(right) if len(key) >= SHORT_SENTENCE])
    for (i0, j0), (i1, j1) in pairwise([(-1, -1), *chain, (len(left), len(right))]):
        if i1 - i0 > 1 and j1 - j0 > 1:
            chain += _common(left_ids, right_ids, range(i0 + 1, i1), range(j0 + 1, j1))
    return sorted(chain)


def _identical_moved(left: list[Codes], right: list[Codes], partners: _Partners) -> Pairs:
    """Identical pairs left over, now paired: they are out of order (in the same gap, the
    longest common subsequence would have taken them), so they moved."""
    moved: Pairs = []
    waiting: defaultdict[Codes, list[int]] = defaultdict(list)
    for j in reversed(range(len(right))):
        if partners.right[j] < 0 and len(right[j]) >= SHORT_SENTENCE:
            waiting[right[j]].append(j)
    for i, key in enumerate(left):
        if partners.left[i] < 0 and waiting.get(key):
            j = waiting[key].pop()
            partners.pair(i, j)
            moved.append((i, j))
    return moved


def _similar_in_gaps(left: list[Codes], right: list[Codes], chain: Pairs,
                     partners: _Partners) -> Pairs:
    """Similar sentences in the gap between two identical ones, now paired: they are edits
    of each other."""
    found: Pairs = []
    for (i0, j0), (i1, j1) in pairwise([(-1, -1), *chain, (len(left), len(right))]):
        lefts = [i for i in range(i0 + 1, i1) if partners.left[i] < 0]
        rights = [j for j in range(j0 + 1, j1) if partners.right[j] < 0]
        if not (lefts and rights):
            continue
        centres = [j0 + (i - i0) * (j1 - j0) / (i1 - i0) for i in lefts]
        for i, j in _in_order(_similar(lefts, centres, rights, left, right)):
            partners.pair(i, j)
            found.append((i, j))
    return found


def _similar_moved(left: list[Codes], right: list[Codes], chain: Pairs,
                   partners: _Partners) -> Pairs:
    """Sentences still alone with a similar partner elsewhere, now paired: they moved and
    were edited. A left sentence's partner is looked for where the chain expects it."""
    expected, pair_index, before = [0] * len(left), 0, (-1, -1)
    for i in range(len(left)):
        while pair_index < len(chain) and chain[pair_index][0] < i:
            before = chain[pair_index]
            pair_index += 1
        expected[i] = before[1] + i - before[0]
    lefts = [i for i, key in enumerate(left)
             if partners.left[i] < 0 and len(key) >= SHORT_SENTENCE]
    rights = [j for j, key in enumerate(right)
              if partners.right[j] < 0 and len(key) >= SHORT_SENTENCE]
    centres = [expected[i] for i in lefts]
    moved: Pairs = []
    for _, i, j in sorted(_similar(lefts, centres, rights, left, right)):
        if partners.left[i] < 0 and partners.right[j] < 0:
            partners.pair(i, j)
            moved.append((i, j))
    return moved


def _common(left_ids: list[int], right_ids: list[int], lefts: Sequence[int],
            rights: Sequence[int]) -> Pairs:
    """Pairs of a longest common subsequence of the given sentences, computed in C."""
    opcodes = Indel.opcodes([left_ids[i] for i in lefts], [right_ids[j] for j in rights])
    return [(lefts[a1 + step], rights[b1 + step])
            for tag, a1, a2, b1, _ in opcodes.as_list() if tag == EQUAL
            for step in range(a2 - a1)]


def _similar(
    lefts: list[int], centres: list[float], rights: list[int], left: list[Codes],
    right: list[Codes],
) -> list[tuple[float, int, int]]:
    """(-score, left, right) for pairs scoring SIMILAR_THRESHOLD or more, the right sentence
    within PAIR_WINDOW of the left one's centre (where it is expected on the right)."""
    found = []
    for first in range(0, len(lefts), 32):  # neighbours share a window
        block, near = lefts[first:first + 32], centres[first:first + 32]
        low = bisect.bisect_left(rights, min(near) - PAIR_WINDOW)
        window = rights[low:bisect.bisect_right(rights, max(near) + PAIR_WINDOW)]
        matches = best_matches([left[i] for i in block], [right[j] for j in window],
                               scorer=fuzz.ratio, cutoff=SIMILAR_THRESHOLD)
        found.extend((-score, i, window[column])
                     for i, centre, scored in zip(block, near, matches, strict=True)
                     for score, column in scored
                     if abs(window[column] - centre) <= PAIR_WINDOW)
    return found


def _in_order(candidates: list[tuple[float, int, int]]) -> Pairs:
    """Best-scoring pairs first, each kept only if it keeps both sides in order."""
    taken_left: list[int] = []
    taken_right: list[int] = []
    for _, i, j in sorted(candidates):
        place = bisect.bisect_left(taken_left, i)
        if place < len(taken_left) and taken_left[place] == i:
            continue
        if (place and taken_right[place - 1] >= j) or (
                place < len(taken_right) and taken_right[place] <= j):
            continue
        taken_left.insert(place, i)
        taken_right.insert(place, j)
    return list(zip(taken_left, taken_right, strict=True))
