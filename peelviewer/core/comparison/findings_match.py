"""Findings of the two sides of a comparison matched: the same finding on both sides
(persisting), only on the later or right side (new), only on the earlier or left side (no
longer listed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from peelviewer.core.comparison.topic_pairs import topic_places
from peelviewer.core.content_words import content_stems
from peelviewer.core.model import FINDING_KINDS, Finding

BOTH, LEFT_ONLY, RIGHT_ONLY = "both", "left only", "right only"
# Two findings are one when half their content words are shared (Dice), or when their
# wording is nearly the same character for character (a full stop, "its" for "the").
# Findings are short and begin alike ("The force should improve how it …"), so the
# wording alone must be close before it counts.
SHARED_WORDS = 0.5
SAME_WORDING = 0.85


@dataclass(frozen=True)
class FindingPair:
    """One finding, or one on each side that say the same thing, of one kind."""

    kind: str  # model.AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION or PRACTICE
    left: Finding | None
    right: Finding | None
    similarity: float = 0.0  # 0..1 for a pair; 0 when one side has none
    later: str | None = None  # "left" or "right" for one force in two cycles; None for two

    @property
    def status(self) -> str:
        """BOTH, LEFT_ONLY or RIGHT_ONLY."""
        if self.left is not None and self.right is not None:
            return BOTH
        return LEFT_ONLY if self.right is None else RIGHT_ONLY

    @property
    def sign(self) -> str:
        """"=" in both, "+" new (or right only), "−" no longer listed (or left only)."""
        if self.status == BOTH:
            return "="
        return "+" if self.label in ("new", RIGHT_ONLY) else "−"

    @property
    def label(self) -> str:
        """What a reader is told: "persisting", "new" and "no longer listed" across years;
        "in both", "left only" and "right only" between two forces."""
        if self.later is None:
            return "in both" if self.status == BOTH else self.status
        if self.status == BOTH:
            return "persisting"
        only = "left" if self.status == LEFT_ONLY else "right"
        return "new" if only == self.later else "no longer listed"


def match_findings(left: Sequence[Finding], right: Sequence[Finding], *,
                   later: str | None = None) -> tuple[FindingPair, ...]:
    """Both sides' findings paired within each kind, kinds in the usual order.

    Within a kind, pairs and left-only findings keep the left side's order; a right-only
    finding follows the pair before it in the right side's order (as by-topic rows do).
    The most similar pairs are taken first, each finding once.
    """
    pairs: list[FindingPair] = []
    for kind in FINDING_KINDS:
        lefts = [f for f in left if f.kind == kind]
        rights = [f for f in right if f.kind == kind]
        partners = _partners(lefts, rights)
        for i, j in topic_places(len(lefts), len(rights), partners):
            pairs.append(FindingPair(
                kind, lefts[i] if i is not None else None, rights[j] if j is not None else None,
                partners[i][1] if i is not None and j is not None else 0.0, later))
    return tuple(pairs)


def _partners(lefts: list[Finding], rights: list[Finding]) -> dict[int, tuple[int, float]]:
    """Left finding -> (right finding, similarity), best first, one to one."""
    if not (lefts and rights):
        return {}
    left_words = [_words(f) for f in lefts]
    right_words = [_words(f) for f in rights]
    scored = []
    for i, (left_stems, left_text) in enumerate(left_words):
        for j, (right_stems, right_text) in enumerate(right_words):
            shared = len(left_stems & right_stems)
            dice = 2 * shared / (len(left_stems) + len(right_stems) or 1)
            wording = fuzz.ratio(left_text, right_text) / 100
            if dice >= SHARED_WORDS or wording >= SAME_WORDING:
                scored.append((-max(dice, wording), i, j))
    partners: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for negative, i, j in sorted(scored):
        if i not in partners and j not in taken:
            partners[i] = (j, -negative)
            taken.add(j)
    return partners


def _words(finding: Finding) -> tuple[frozenset[str], str]:
    """A finding's content stems, and its words lower-cased and spaced, for comparing."""
    text = finding.text
    return frozenset(content_stems(text)), " ".join(text.casefold().replace("’", "'").split())
