"""How alike two findings' wordings are: their words normalised (for keys and matching) and
a 0-100 similarity, which links a finding to the earlier ones it repeats and takes user
data along when a re-import rewords a finding.

The similarity is the mean of two rapidfuzz scores: the token sort ratio of the whole
wording (the inspectorate rewords a finding: "how it records" -> "the way it records") and
the token set ratio of the content stems (what it is about, with "the force should improve"
and other boilerplate left out, so that a cause of concern that returns as an area for
improvement still scores). Rewordings of one finding score 70-97; findings about other
things that share the boilerplate score 45-67.

`same_finding` is far stricter: it decides whether user data follows a finding whose
wording a re-import changed (see its docstring)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from peelviewer.core.content_words import content_stems

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
_NOT_WORD = re.compile(r"[\W_]+")


# ASCII text (most findings) takes a quicker road to the same words: one pass of bytes.translate
# lower-cases letters and makes every other character but a digit a space.
_ASCII_FOLD = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256)).lower()


def normalise(text: str) -> str:
    """A finding's words for keys and matching: NFKC, casefolded, curly quotes folded,
    apostrophes dropped, every run of other punctuation and spacing one space."""
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_FOLD, b"'").decode("ascii")
                        .split())
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded.replace("'", "")).split())


@dataclass(frozen=True, slots=True)
class FindingWords:
    """A finding's words sorted, and its content stems, ready to be scored."""

    sorted_words: str
    stems: frozenset[str]
    stem_text: str


def finding_words(text: str) -> FindingWords:
    stems = frozenset(content_stems(text))
    return FindingWords(" ".join(sorted(normalise(text).split())), stems, " ".join(sorted(stems)))


def similarity(a: str, b: str) -> int:
    """How alike two findings' wordings are, 0-100 (see the module's docstring)."""
    return words_score(finding_words(a), finding_words(b))


# Two wordings are one finding retyped when their normalised words are this alike (rapidfuzz's
# plain ratio, 0-100), no content word is added or taken away and no "not" either. With the
# content words fixed, what may differ is function words and boilerplate: "should" -> "must"
# in a short finding scores 89, in a long one 95; reordered or rewritten sentences lower.
SAME_FINDING_RATIO = 85
_NEGATIONS = frozenset(("not", "no", "never", "nor", "cannot", "unable", "without"))


def same_finding(a: str, b: str) -> bool:
    """Whether two wordings of one report are the same finding retyped: plain ratio of the
    normalised words SAME_FINDING_RATIO or more, the same content stems (words that say
    what a finding is about; the boilerplate "the force should improve" and function words
    are not content) and the same negations. So a slip corrected ("the way" -> "the way
    that"), a plural, or "should" -> "must" is the same finding; "domestic abuse" -> "child
    abuse" or "records crime" -> "records hate crime" is another, however alike the rest.
    Punctuation, quotes, case and spacing are already one key (see `normalise`)."""
    if frozenset(content_stems(a)) != frozenset(content_stems(b)):
        return False
    words_a, words_b = normalise(a), normalise(b)
    if _NEGATIONS.intersection(words_a.split()) != _NEGATIONS.intersection(words_b.split()):
        return False
    return fuzz.ratio(words_a, words_b) >= SAME_FINDING_RATIO


def words_score(a: FindingWords, b: FindingWords) -> int:
    wording = fuzz.ratio(a.sorted_words, b.sorted_words)  # token sort ratio, pre-sorted
    topic = fuzz.token_set_ratio(a.stem_text, b.stem_text) if a.stems and b.stems else 0.0
    return round((wording + topic) / 2)

