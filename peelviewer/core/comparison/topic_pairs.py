"""Sentences of two texts paired by what they are about, wherever each stands, and the rows
that show them: the "by topic" mode of the prose diff."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

from rapidfuzz import fuzz

from peelviewer.core.best_matches import best_matches

# Two sentences are on one topic when they share at least MIN_SHARED content stems and the
# weighted share of their stems (Dice: twice the shared weight over both sentences' weight)
# reaches TOPIC_THRESHOLD. A stem weighs the log of how many sentences the two texts have
# over how many use it (inverse document frequency), so "wellbeing" counts for more than
# "workforce" in a question about the workforce.
TOPIC_THRESHOLD = 0.08
MIN_SHARED = 2
# Candidates are first found by the plain share of stems, all pairs at once in C, from this
# share; only each sentence's best few are weighed.
PLAIN_THRESHOLD = 0.1
# Among candidates, the share of the whole sentences' words in order (rapidfuzz's ratio,
# as the in-order diff compares) counts too, at this weight: "uses a range of methods to
# identify the issues" then beats a sentence that merely shares "fairness and respect".
WORD_WEIGHT = 0.5
# Reports answer a question in much the same order, so between two nearly equal candidates
# the one in the same part of its text is likelier the same topic: a candidate loses up to
# this much when its partner is at the other end of its text.
POSITION_NUDGE = 0.1
CANDIDATES = 8  # best partners kept per sentence; enough for the pairing to fall back on


def pair_by_topic(
    left_keys: Sequence[Hashable], right_keys: Sequence[Hashable],
    left_stems: Sequence[Sequence[str]], right_stems: Sequence[Sequence[str]],
) -> dict[int, tuple[int, float]]:
    """Left sentence -> (right sentence, topic score 0..1), one to one.

    Sentences with the same key (the same words, as the options compare them) pair first, in
    order, with score 1. Of the rest, each left sentence's best candidates are ranked, and
    the best-ranked pairs are taken first, each sentence once: a sentence pairs with the
    most similar one on the other side that nothing more similar has taken.
    """
    partners: dict[int, tuple[int, float]] = {}
    waiting: defaultdict[Hashable, list[int]] = defaultdict(list)
    for j in reversed(range(len(right_keys))):
        waiting[right_keys[j]].append(j)
    taken_right: set[int] = set()
    for i, key in enumerate(left_keys):
        if waiting.get(key):
            j = waiting[key].pop()
            partners[i] = (j, 1.0)
            taken_right.add(j)

    lefts = [i for i in range(len(left_keys)) if i not in partners and left_stems[i]]
    rights = [j for j in range(len(right_keys)) if j not in taken_right and right_stems[j]]
    if not (lefts and rights):
        return partners
    candidates = _Candidates(left_keys, right_keys, left_stems, right_stems)
    for _, _, i, j, score in sorted(candidates.best(lefts, rights)):
        if i not in partners and j not in taken_right:
            partners[i] = (j, score)
            taken_right.add(j)
    return partners


class _Candidates:
    """Ranked partners of left sentences among right ones.

    Each stem becomes one character and a sentence its stems' characters, sorted, each
    once; the longest common subsequence of two such strings is then the stems they share,
    so rapidfuzz's ratio (twice that over both lengths) is their plain Dice score.
    """

    def __init__(self, left_keys, right_keys, left_stems, right_stems) -> None:
        self._keys = (left_keys, right_keys)
        self._counts = (len(left_keys), len(right_keys))
        self._sets = ([frozenset(s) for s in left_stems], [frozenset(s) for s in right_stems])
        used = Counter(stem for side in self._sets for stems in side for stem in stems)
        sentences = sum(self._counts) + 1  # so a stem every sentence uses still weighs a bit
        self._weights = {stem: math.log(sentences / count) for stem, count in used.items()}
        self._totals = tuple([sum(map(self._weights.__getitem__, stems)) for stems in side]
                             for side in self._sets)
        codes = {stem: chr(0x10000 + index) for index, stem in enumerate(used)}
        self._codes = tuple(["".join(sorted(map(codes.__getitem__, stems))) for stems in side]
                            for side in self._sets)

    def best(self, lefts: list[int], rights: list[int]) -> list[tuple]:
        """(-rank, distance, left, right, score) of each left sentence's best candidates."""
        matches = best_matches([self._codes[0][i] for i in lefts],
                               [self._codes[1][j] for j in rights], scorer=fuzz.ratio,
                               cutoff=100 * PLAIN_THRESHOLD, limit=CANDIDATES)
        found = []
        for i, scored in zip(lefts, matches, strict=True):
            found += self._ranked(i, [rights[column] for _, column in scored])
        return found

    def _ranked(self, i: int, rights: list[int]) -> list[tuple]:
        """A left sentence's candidates that share enough stems, ranked by weighted Dice
        score, their words in order and their place."""
        ranked = []
        left, left_total, key = self._sets[0][i], self._totals[0][i], self._keys[0][i]
        place = (i + 0.5) / self._counts[0]
        weight = self._weights.__getitem__
        right_sets, right_totals, right_keys = self._sets[1], self._totals[1], self._keys[1]
        for j in rights:
            shared = left & right_sets[j]
            if len(shared) < MIN_SHARED and len(shared) < min(len(left), len(right_sets[j])):
                continue
            score = 2 * sum(map(weight, shared)) / (left_total + right_totals[j])
            if score < TOPIC_THRESHOLD:
                continue
            distance = abs(place - (j + 0.5) / self._counts[1])
            rank = (score + WORD_WEIGHT * fuzz.ratio(key, right_keys[j]) / 100
                    - POSITION_NUDGE * distance)
            ranked.append((-rank, distance, i, j, score))
        return sorted(ranked)


def topic_places(
    left_count: int, right_count: int, partners: dict[int, tuple[int, float]]
) -> list[tuple[int | None, int | None]]:
    """The rows of a by-topic view as (left, right) sentence indexes, None for an empty side.

    The left text reads top to bottom: one row per left sentence, level with its partner.
    The right text's paired sentences follow their partners; each unpaired right sentence is
    placed just after the row of the nearest paired sentence before it in the right text
    (several such in right-text order), so it stays next to what it followed. Unpaired right
    sentences before every paired one go just before the row of the first paired one in the
    right text, after the unpaired left rows there; with no pairs at all they follow the
    left text, as in the in-order view.
    """
    rows: list[tuple[int | None, int | None]] = [
        (i, partners[i][0] if i in partners else None) for i in range(left_count)]
    row_of = {j: index for index, (_, j) in enumerate(rows) if j is not None}
    after: defaultdict[int, list[int]] = defaultdict(list)  # row index -> right sentences
    leading: list[int] = []
    anchor = None
    for j in range(right_count):
        if j in row_of:
            anchor = row_of[j]
        elif anchor is None:
            leading.append(j)
        else:
            after[anchor].append(j)
    first_paired = next((row_of[j] for j in range(right_count) if j in row_of), left_count)
    places: list[tuple[int | None, int | None]] = []
    for index, row in enumerate([*rows, None]):
        if index == first_paired:
            places += [(None, j) for j in leading]
        if row is not None:
            places.append(row)
            places += [(None, j) for j in after.get(index, ())]
    return places
