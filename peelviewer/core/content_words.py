"""What a sentence is about: its content words, lower-cased and stemmed, without stop words or
the words every inspection report uses."""

from __future__ import annotations

import re
from functools import lru_cache

# English function words: they say nothing about the topic of a sentence.
_STOP_WORDS = frozenset((
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along",
    "already", "also", "although", "always", "am", "among", "an", "and", "another", "any",
    "are", "around", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "down",
    "during", "each", "either", "else", "enough", "etc", "even", "ever", "every", "few", "for",
    "from", "fully", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "least", "less", "let", "like", "may", "me", "might", "more",
    "most", "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off",
    "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our",
    "ours", "ourselves", "out", "over", "own", "per", "perhaps", "rather", "same", "several",
    "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "therefore", "these", "they",
    "this", "those", "though", "three", "through", "throughout", "thus", "to", "too", "two",
    "under", "unless", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were",
    "what", "whatever", "when", "where", "whereas", "whether", "which", "while", "whilst",
    "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your", "yours", "yourself", "yourselves",
))

# Words nearly every paragraph of a PEEL report uses, whatever it is about: the force, the
# grade words, "we found evidence", "the force should improve". Two sentences sharing only
# these share no topic.
_REPORT_WORDS = """
force forces constabulary police policing hmic hmicfrs inspectorate inspection inspected we
found find finding told said good outstanding adequate inadequate requires require required
requirement improvement improve improved improving need needs needed ensure ensures ensuring
effective effectively work works worked working use uses used using include includes included
including range example examples evidence generally general way ways make makes made take
takes taken provide provides provided number year years also new
"""

# Longest first, the first that leaves a stem of _MIN_STEM letters is taken off. Endings in
# -y are seen after y has become i ("consistently" -> "consistentli").
_SUFFIXES = frozenset((
    "isational", "izational", "isations", "izations", "isation", "ization", "ational", "ically",
    "iveness", "fulness", "ousness", "ations", "ation", "itions", "ition", "ional", "ions",
    "ion", "ements", "ement", "ments", "ment", "nesses", "ness", "ingli", "ings", "ing", "edli",
    "ed", "iveli", "ive", "iviti", "iti", "enci", "anci", "ance", "ence", "ant", "ent", "able",
    "ibli", "ible", "abli", "ful", "fulli", "less", "lessli", "ousli", "ous", "atical", "atic",
    "ical", "ic", "isms", "ism", "ists", "ist", "ised", "ized", "ises", "izes", "ising",
    "izing", "ise", "ize", "al", "ali", "er", "ers", "li",
))
_SUFFIX_LENGTHS = sorted({len(suffix) for suffix in _SUFFIXES}, reverse=True)
_MIN_STEM = 4
_PASSES = 3
_DOUBLED = re.compile(r"([^aeioulsz])\1$")  # "vett" -> "vet", "committ" -> "commit"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix-stripper: "engaging", "engaged" and "engagement" all give "engag".

    Stems only need to agree with each other, not to be words. Up to three endings come off,
    so "systematically" and "systems" meet at "system".
    """
    word = word.casefold()
    if len(word) <= 3:
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-3] + "i"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for _ in range(_PASSES):
        if word.endswith("y"):
            word = word[:-1] + "i"
        suffix = next((word[-size:] for size in _SUFFIX_LENGTHS
                       if len(word) - size >= _MIN_STEM and word[-size:] in _SUFFIXES), "")
        if not suffix:
            break
        word = word[:-len(suffix)]
        if suffix in ("ing", "ings", "ed"):
            word = _DOUBLED.sub(r"\1", word)
    if word.endswith("e") and len(word) > _MIN_STEM:
        word = word[:-1]
    return word


_GENERIC_STEMS = frozenset(map(stem, _REPORT_WORDS.split()))


def content_stems(text: str) -> list[str]:
    """The stems of `text`'s content words in order: no stop words, no report boilerplate,
    no numbers; "stress-related" is two words and "force’s" is "force"."""
    return [stemmed for stemmed in map(_content_stem, _WORD.findall(text.replace("-", " ")))
            if stemmed]


@lru_cache(maxsize=1 << 16)
def _content_stem(word: str) -> str:
    """A word's stem, or "" for a stop word or a word every report uses."""
    word = word.casefold()
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    if word in _STOP_WORDS or len(word) < 2:
        return ""
    stemmed = stem(word)
    return "" if stemmed in _GENERIC_STEMS else stemmed
