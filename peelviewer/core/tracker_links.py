"""The "raised before" links of the findings tracker: for each finding, the findings of its
force in earlier cycles that it repeats, in other words or as another kind, best first; and
the links the user took away, for "Link again"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peelviewer.core.finding_similarity import FindingWords, finding_words, words_score
from peelviewer.core.tracker import TrackedFinding, cycle_sort_key, key_cycle

# A finding links to one of an earlier cycle when their similarity (0-100, see
# finding_similarity) is at least LINK_THRESHOLD. Rewordings of one finding score 70-97;
# findings about other things that share the boilerplate score 45-67. The user unlinks a
# wrong link; a link is only a hint. A cycle the user unlinked a finding of gives that finding
# no other link: its next best is nearly always another topic sharing the boilerplate.
LINK_THRESHOLD = 70
MAX_LINKS = 3  # the best link of each earlier cycle, the best three of those
_SHARED_STEMS = 2


@dataclass(frozen=True, slots=True)
class Link:
    """An earlier finding of the same force that a finding repeats."""

    key: str  # the earlier finding's
    cycle: str
    section: str
    kind: str
    text: str
    score: int  # 0-100

    def describe(self) -> str:
        """"2016 (92%): The force should …"."""
        return f"{self.cycle} ({self.score}%): {self.text}"


def raised_before(rows: Sequence[TrackedFinding], *, only: Iterable[str] | None = None,
                  include_unlinked: bool = False) -> dict[str, tuple[Link, ...]]:
    """Each finding's links to similar findings of its force in earlier cycles (any tracked
    kind), best first: the best of each earlier cycle scoring LINK_THRESHOLD or more, at
    most MAX_LINKS, leaving out links the user removed (`include_unlinked` keeps them) and
    the other findings of a cycle the user removed a link to (not the next best of it).
    `only`: the keys to link (the others are still linked to). Findings without a link
    are left out of the answer.

    Pre-filter: only pairs sharing two content stems (one, for a finding of one) are scored,
    found through an inverted index per force: findings sharing fewer are about different
    things (rewordings of one finding share three or more)."""
    wanted = None if only is None else set(only)
    by_force: dict[str, list[TrackedFinding]] = defaultdict(list)
    for row in rows:
        by_force[row.force_id].append(row)
    links: dict[str, tuple[Link, ...]] = {}
    for force_rows in by_force.values():
        if wanted is not None and not any(r.key in wanted for r in force_rows):
            continue
        links.update(_force_links(force_rows, wanted, include_unlinked))
    return links


def _force_links(rows: list[TrackedFinding], wanted: set[str] | None,
                 include_unlinked: bool) -> dict[str, tuple[Link, ...]]:
    unique: dict[str, TrackedFinding] = {}
    for row in rows:
        unique.setdefault(row.key, row)
    findings = list(unique.values())
    if len({row.cycle for row in findings}) < 2:
        return {}
    order = {cycle: index for index, cycle in
             enumerate(sorted({r.cycle for r in findings}, key=cycle_sort_key))}
    words = [finding_words(row.text) for row in findings]
    cycles = [order[row.cycle] for row in findings]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, found in enumerate(words):
        for stemmed in found.stems:
            postings[stemmed].append(index)
    links: dict[str, tuple[Link, ...]] = {}
    scores: dict[tuple[FindingWords, FindingWords], int] = {}
    for index, row in enumerate(findings):
        if wanted is not None and row.key not in wanted:
            continue
        here = order[row.cycle]
        shared: dict[int, int] = defaultdict(int)
        for stemmed in words[index].stems:
            for other in postings[stemmed]:
                if cycles[other] < here:
                    shared[other] += 1
        mine = len(words[index].stems)
        refused = set() if include_unlinked else {key_cycle(key) for key in row.unlinked}
        best: dict[str, Link] = {}
        for other, count in shared.items():
            if count < min(_SHARED_STEMS, mine, len(words[other].stems)):
                continue
            earlier = findings[other]
            if earlier.cycle in refused:
                continue
            pair = (words[index], words[other])
            score = scores.get(pair)
            if score is None:  # findings repeated word for word are scored once
                score = scores[pair] = words_score(*pair)
            if score < LINK_THRESHOLD:
                continue
            held = best.get(earlier.cycle)
            if held is None or (score, held.key) > (held.score, earlier.key):
                best[earlier.cycle] = Link(earlier.key, earlier.cycle, earlier.section,
                                           earlier.kind, earlier.text, score)
        if best:
            chosen = sorted(best.values(), key=lambda link: -link.score)[:MAX_LINKS]
            chosen.sort(key=lambda link: cycle_sort_key(link.cycle), reverse=True)
            links[row.key] = tuple(chosen)
    return links


def unlinked_links(row: TrackedFinding, rows: Sequence[TrackedFinding]) -> tuple[Link, ...]:
    """The links the user removed from `row`, scored, newest cycle first (for "Link
    again"); an earlier finding no longer in `rows` is left out."""
    by_key = {r.key: r for r in rows if r.key in row.unlinked}
    mine = finding_words(row.text)
    found = [Link(r.key, r.cycle, r.section, r.kind, r.text,
                  words_score(mine, finding_words(r.text)))
             for r in by_key.values()]
    return tuple(sorted(found, key=lambda link: cycle_sort_key(link.cycle), reverse=True))

