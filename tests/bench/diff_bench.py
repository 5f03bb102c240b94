"""Prose diff timings: compare_texts beside difflib on the same words, on generated texts; and
by topic beside in order."""

from __future__ import annotations

import difflib
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from peelviewer.core.comparison.diff import (
    DiffOptions,
    compare_texts,
    split_sentences,
    tokenize_words,
)
from tests.bench.table import print_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "peelviewer" / "resources" / "samples"
SAMPLE_NAMES = ("hampshire-2016-legitimacy.txt", "hertfordshire-2016-legitimacy.txt")
SEED = 2016
SHARED = 1 / 3  # of each text's sentences, in the same order on both sides
MOVED = 0.02  # of the right text's sentences, taken out and put back somewhere else
# (words per text, runs, target ms, minimum times faster than difflib or None)
CASES = ((3_000, 9, 15.0, None), (20_000, 7, 100.0, 10.0))
# By topic: (words per text, runs, target ms). About 63,000 words make 3,000 sentences a side,
# where every sentence is scored against every other: the case the pairing must keep fast.
TOPIC_CASES = ((3_000, 9, 60.0), (20_000, 5, 400.0), (63_000, 3, 1_000.0))
BY_TOPIC = DiffOptions(by_topic=True)


def sample_sentences() -> list[str]:
    """Sentences of the two samples long enough to be prose, not headings or grade lines."""
    found: list[str] = []
    for name in SAMPLE_NAMES:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        found.extend(
            s.text for s in split_sentences(text)
            if len(s.text.split()) >= 6 and s.text.rstrip("’”)").endswith((".", "?", "!"))
        )
    return found


def make_texts(words: int, *, seed: int = SEED) -> tuple[str, str]:
    """Two texts of about `words` words each, sharing about a third of their sentences.

    Sentences not shared are samples with two words swapped for other sample words, so
    they are unique but similar to sentences on the other side, as two forces' reports are.
    """
    rng = random.Random(seed)
    sources = sample_sentences()
    # Plain words only, so a swapped-in word never ends a sentence early.
    vocabulary = sorted({w for sentence in sources for w in sentence.split() if w.isalpha()})
    average = statistics.mean(len(sentence.split()) for sentence in sources)
    count = round(words / average)

    def variant() -> str:
        tokens = rng.choice(sources).split()
        for _ in range(2):  # never the first or last word, so the sentence still splits
            tokens[rng.randrange(1, len(tokens) - 1)] = rng.choice(vocabulary)
        return " ".join(tokens)

    shared = [variant() for _ in range(round(count * SHARED))]

    def side() -> list[str]:
        places = set(rng.sample(range(count), len(shared)))
        queue = iter(shared)
        return [next(queue) if index in places else variant() for index in range(count)]

    left, right = side(), side()
    for _ in range(round(count * MOVED)):
        right.insert(rng.randrange(count), right.pop(rng.randrange(count)))
    return _paragraphs(left, rng), _paragraphs(right, rng)


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs, index = [], 0
    while index < len(sentences):
        size = rng.randint(3, 5)
        paragraphs.append(" ".join(sentences[index:index + size]))
        index += size
    return "\n\n".join(paragraphs)


def median_ms(run: Callable[[], object], runs: int) -> float:
    """Median milliseconds of `runs` calls, after one warm-up call (imports, caches)."""
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def diff_rows() -> list[tuple]:
    """(figure, value, baseline, ratio, target, met) per benchmark figure."""
    rows: list[tuple] = []
    for words, runs, target_ms, min_speed_up in CASES:
        left, right = make_texts(words)
        left_words = [token for token, _, _ in tokenize_words(left)]
        right_words = [token for token, _, _ in tokenize_words(right)]

        def baseline(a: list[str] = left_words, b: list[str] = right_words) -> object:
            return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()

        ours = median_ms(lambda a=left, b=right: compare_texts(a, b), runs)
        theirs = median_ms(baseline, max(3, runs // 2))  # seconds a call at 20,000 words
        speed_up = theirs / ours
        label = f"diff {words:,} words"
        rows.append((label, f"{ours:.1f} ms", f"{theirs:.1f} ms", f"{speed_up:.2f}",
                     f"< {target_ms:.0f} ms", ours < target_ms))
        if min_speed_up is not None:
            rows.append((f"{label} vs difflib", f"{ours:.1f} ms", f"{theirs:.1f} ms",
                         f"{speed_up:.2f}", f">= {min_speed_up:.0f}x faster",
                         speed_up >= min_speed_up))
    for words, runs, target_ms in TOPIC_CASES:
        left, right = make_texts(words)
        sentences = len(split_sentences(left))
        topic = median_ms(lambda a=left, b=right: compare_texts(a, b, options=BY_TOPIC), runs)
        in_order = median_ms(lambda a=left, b=right: compare_texts(a, b), runs)
        rows.append((f"diff by topic {words:,} words ({sentences:,} sentences)",
                     f"{topic:.1f} ms", f"{in_order:.1f} ms in order",
                     f"{topic / in_order:.2f}", f"< {target_ms:,.0f} ms", topic < target_ms))
    return rows


if __name__ == "__main__":
    for words, options in [*((words, DiffOptions()) for words, *_ in CASES),
                           *((words, BY_TOPIC) for words, *_ in TOPIC_CASES)]:
        left, right = make_texts(words)
        comparison = compare_texts(left, right, options=options)
        kinds = [row.kind for row in comparison.rows]
        counts = ", ".join(f"{kinds.count(kind)} {kind}" for kind in sorted(set(kinds)))
        mode = "by topic" if options.by_topic else "in order"
        print(f"{words:,}-word texts {mode}: {len(left.split()):,} and {len(right.split()):,} "
              f"words; rows: {counts}; similarity {comparison.similarity:.1f}%")
    print("ratio = difflib baseline / compare_texts (by topic: by topic / in order); median of "
          "several runs after a warm-up")
    print()
    print_table(diff_rows())
