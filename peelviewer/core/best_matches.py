"""Each query's best-scoring choices by a rapidfuzz scorer, computed in C: one call per query
for texts of report size, one matrix for very long ones. Only the matrix needs numpy, so the
command line's compare of two report files never loads it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import process

# Query x choice pairs from which one cdist matrix (numpy, several threads) beats a call per
# query: about 500 sentences a side.
LARGE = 250_000
_BLOCK = 256  # queries per matrix, so memory stays small at 10,000 a side


def best_matches(
    queries: Sequence, choices: Sequence, *, scorer: Callable, cutoff: float,
    limit: int | None = None,
) -> list[list[tuple[float, int]]]:
    """For each query, (score, choice index) of the choices scoring `cutoff` or more, best
    first (ties in choice order), at most `limit` of them."""
    if not choices:
        return [[] for _ in queries]
    if len(queries) * len(choices) < LARGE:
        return [[(score, index) for _, score, index in process.extract(
                    query, choices, scorer=scorer, score_cutoff=cutoff, limit=limit)]
                for query in queries]
    import numpy  # only here: rapidfuzz's cdist returns numpy arrays

    found: list[list[tuple[float, int]]] = []
    keep = len(choices) if limit is None else min(limit, len(choices))
    for first in range(0, len(queries), _BLOCK):
        scores = process.cdist(queries[first:first + _BLOCK], choices, scorer=scorer,
                               score_cutoff=cutoff, dtype=numpy.float64, workers=-1)
        # Each row's best few, in C: a pass over every pair in Python would cost more than
        # the scores did.
        if keep < len(choices):
            columns = numpy.argpartition(-scores, keep - 1, axis=1)[:, :keep]
        else:
            columns = numpy.broadcast_to(numpy.arange(len(choices)), scores.shape)
        values = numpy.take_along_axis(scores, columns, axis=1)
        for row_columns, row_values in zip(columns.tolist(), values.tolist(), strict=True):
            row = sorted((-value, column) for value, column
                         in zip(row_values, row_columns, strict=True) if value >= cutoff)
            found.append([(-negative, column) for negative, column in row])
    return found
