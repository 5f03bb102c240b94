"""Two-level diff of report prose: sentences aligned (equal, similar, moved; see
sentence_alignment) or paired by topic (topic_pairs), then words (word_diff). This module codes
sentences as the options say and turns the pairs into rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from peelviewer.core.comparison.sentence_alignment import SIMILAR_THRESHOLD, align_sentences
from peelviewer.core.comparison.topic_pairs import pair_by_topic, topic_places
from peelviewer.core.comparison.word_diff import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    Codes,
    Units,
    word_opcodes,
)
from peelviewer.core.content_words import content_stems
from peelviewer.core.forces import force_by_id, force_names
from peelviewer.core.sentences import Sentence, split_sentences

MOVED = "moved"
TOPIC = "topic"  # by topic: two sentences about the same thing, too unlike to be one edited


@dataclass(frozen=True)
class DiffOptions:
    """What counts as the same when comparing; the rows always show the original text."""

    ignore_case: bool = False
    ignore_punctuation: bool = False
    # Each side's own force names (as written, case and all) and "the force" / "the
    # constabulary" compare as one word, so one force's template sentences match another's.
    force_placeholders: bool = False
    left_force: str | None = None  # force ids, used when force_placeholders and by topic
    right_force: str | None = None
    # Pair each left sentence with the right sentence most about the same thing, wherever it
    # stands, instead of aligning the texts in reading order. None: the caller has not said;
    # compare_reports then chooses (by topic between two forces), compare_texts reads False.
    by_topic: bool | None = None


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side view.

    Kinds: "equal" and "replace" pair a left and a right sentence; "delete" has only a left
    one and "insert" only a right one. By topic, "topic" pairs two sentences on one subject
    that are too unlike to be one edited (no word opcodes; `similarity` is the share of
    content words they have in common), and nothing is "moved". In order, a "moved"
    sentence is identical or similar to one out of order on the other side: it takes two
    rows, one at each side's place, with only that side's sentence, `partner` giving the
    other row's index. `words` are Meld-style opcodes over `tokenize_words` of the left and
    right texts, for "replace" and for a "moved" pair that differs; both rows of a moved
    pair carry the same opcodes. There are no paragraph break rows: `Sentence.paragraph`
    tells where paragraphs start.
    """

    kind: str
    left: Sentence | None
    right: Sentence | None
    words: tuple[tuple[str, int, int, int, int], ...] = ()
    similarity: float = 1.0  # 0..1 for the pair; 0 for "delete" and "insert"
    partner: int | None = None


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]
    similarity: float  # 0..100, by characters of the compared words both sides share
    by_topic: bool = False  # sentences paired by topic, not aligned in reading order

    def changes(self) -> list[int]:
        """Indexes of the rows that are not "equal", for "change i of n" navigation."""
        return [index for index, row in enumerate(self.rows) if row.kind != EQUAL]


# Stands for a force's name when force_placeholders is on: a Unicode noncharacter, reserved
# for uses like this one, so never in report text.
_PLACEHOLDER = "\ufdd0"
_WORD = (
    r"(?:[^\W\d_]\.){2,}"  # "e.g.", "U.K."
    r"|\d+(?:[.,:/]\d+)+"  # "2.5", "1,385", "08/12/2016"
    r"|\w+(?:[-'’](?!s\b)\w+)*"  # "stress-related", "don’t"; a possessive "’s" stays apart
    r"|['’]s\b"
)
_TOKEN = re.compile(rf"{_PLACEHOLDER}|{_WORD}|[^\w\s]")
# Bullets are layout, never compared; punctuation is compared unless ignored.
_COMPARED = re.compile(rf"{_PLACEHOLDER}|{_WORD}|[^\w\s•▪◦]")
_COMPARED_WORDS = re.compile(rf"{_PLACEHOLDER}|{_WORD}")
_BULLETS = frozenset("•▪◦")


def tokenize_words(text: str) -> list[tuple[str, int, int]]:
    """Words and punctuation marks of `text` with their offsets; whitespace is not a token."""
    return [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text)]


def _placeholder_pattern(force_id: str | None) -> re.Pattern[str]:
    """One side's force names and "the force" / "the constabulary", on token boundaries."""
    names = force_names(force_by_id(force_id)) if force_id else ()
    spelled = [r"\s+".join(map(re.escape, name.split())) for name in names]
    spelled.append(r"(?i:the\s+(?:force|constabulary))")
    # The look-arounds keep a match to whole tokens: "Hampshire-based" is one word, but
    # "Hampshire’s" is the name and a possessive.
    return re.compile(rf"(?<![\w\-'’])(?:{'|'.join(spelled)})(?!\w|[-'’](?!s\b)\w)")


# A sentence's compared tokens as one character each, so rapidfuzz compares words as it
# compares letters (half again as fast as tuples of ints); the characters above the
# surrogates code 1,048,576 distinct tokens, and past that (never in a report) ints do.
_CHAR_CODES = 0x110000 - 0x10000


class _VocabularyFull(Exception):
    """More distinct tokens than characters to code them: compare as tuples of ints."""


class _Vocabulary(dict):
    """Compared token -> its code: a character, or an int when the encoder is wide."""

    def __init__(self, *, wide: bool) -> None:
        super().__init__()
        self._wide = wide

    def __missing__(self, token: str) -> str | int:
        if self._wide:
            code: str | int = len(self)
        elif len(self) < _CHAR_CODES:
            code = chr(0x10000 + len(self))
        else:
            raise _VocabularyFull
        self[token] = code
        return code


class _Encoder:
    """Turns sentences into one code per compared token, as the options say: strings, or
    tuples of ints when `wide`."""

    def __init__(self, options: DiffOptions, *, wide: bool = False) -> None:
        self._vocabulary = _Vocabulary(wide=wide)
        self._join = tuple if wide else "".join
        self._compared = _COMPARED_WORDS if options.ignore_punctuation else _COMPARED
        self._fold = options.ignore_case
        self.patterns: tuple[re.Pattern[str] | None, re.Pattern[str] | None] = (None, None)
        self._forces = (options.left_force, options.right_force)
        if options.force_placeholders:
            self.patterns = (_placeholder_pattern(options.left_force),
                             _placeholder_pattern(options.right_force))

    @property
    def force_stems(self) -> frozenset[str]:
        """The content stems of both sides' force names: never what a sentence is about."""
        names = [name for force_id in self._forces if force_id
                 for name in force_names(force_by_id(force_id))]
        return frozenset(content_stems(" ".join(names)))

    def _codes(self, tokens: list[str]) -> Codes:
        if self._fold:
            tokens = [token.casefold() for token in tokens]
        return self._join(map(self._vocabulary.__getitem__, tokens))

    def keys(
        self, sentences: list[Sentence], pattern: re.Pattern[str] | None
    ) -> tuple[list[Codes], list[int]]:
        """The codes of each sentence and its compared characters; fast, for every sentence."""
        keys, characters = [], []
        for sentence in sentences:
            text, names = _substitute(sentence.text, pattern)
            tokens = _findall(self._compared, text)
            keys.append(self._codes(tokens))
            # A name counts by its own characters, not the placeholder's one.
            characters.append(sum(map(len, tokens)) + sum(size - 1 for _, size in names))
        return keys, characters

    def units(self, text: str, pattern: re.Pattern[str] | None) -> Units:
        """The same codes as `keys`, tied to `tokenize_words` indexes; for changed pairs."""
        text, names = _substitute(text, pattern)
        tokens = _findall(_TOKEN, text)
        if not names and self._compared is _COMPARED:  # most pairs: every token but bullets
            kept = [index for index, token in enumerate(tokens) if token not in _BULLETS]
            compared = [tokens[index] for index in kept]
            return Units(self._codes(compared), list(map(len, compared)), kept,
                          [index + 1 for index in kept], len(tokens))
        units = Units("", [], [], [], 0)
        compared = []
        index = 0  # of the token in the original text
        for token in tokens:
            width, size = names.pop(0) if token == _PLACEHOLDER else (1, len(token))
            if token == _PLACEHOLDER or self._compared.fullmatch(token):
                compared.append(token)
                units.lengths.append(size)
                units.first_token.append(index)
                units.last_token.append(index + width)
            index += width
        units.codes, units.token_count = self._codes(compared), index
        return units


def _substitute(text: str, pattern: re.Pattern[str] | None) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each force name the placeholder, and each name's tokens and characters."""
    names: list[tuple[int, int]] = []
    text = text.replace(_PLACEHOLDER, "\ufffd")  # so a stray one is not taken for a name
    if pattern is None:
        return text, names

    def substitute(match: re.Match[str]) -> str:
        name = match.group()
        names.append((len(_TOKEN.findall(name)), len("".join(name.split()))))
        return _PLACEHOLDER

    return pattern.sub(substitute, text), names


def _findall(pattern: re.Pattern[str], text: str) -> list[str]:
    """`pattern.findall(text)`, twice as fast: no token spans whitespace, and a piece that is
    all letters and digits is one word."""
    tokens: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            tokens.append(piece)
        else:
            tokens += pattern.findall(piece)
    return tokens


def compare_texts(left: str, right: str, *, options: DiffOptions = DiffOptions()) -> Comparison:
    """The rows of a side-by-side diff of two texts, and how much of them is shared."""
    sides = (split_sentences(left), split_sentences(right))
    compare = _compare_by_topic if options.by_topic else _compare
    try:
        return compare(sides, _Encoder(options))
    except _VocabularyFull:  # over a million distinct words: no report, but never a crash
        return compare(sides, _Encoder(options, wide=True))


class _Pairs:
    """Word opcodes, similarity and matched characters of the sentence pairs shown, each
    worked out once."""

    def __init__(self, sides: tuple[list[Sentence], list[Sentence]], encoder: _Encoder) -> None:
        self.sides, self.encoder = sides, encoder
        self.keys = (encoder.keys(sides[0], encoder.patterns[0]),
                     encoder.keys(sides[1], encoder.patterns[1]))
        self._details: dict[tuple[int, int], tuple[tuple, float, int]] = {}

    def same(self, i: int, j: int) -> bool:
        return self.keys[0][0][i] == self.keys[1][0][j]

    def ratio(self, i: int, j: int) -> float:
        """The share of the pair's compared words in order, 0..1."""
        return fuzz.ratio(self.keys[0][0][i], self.keys[1][0][j]) / 100

    def estimate(self, i: int, j: int) -> None:
        """Counts a pair shown without word changes ("topic") as matching its word ratio of
        both sentences' characters: a close estimate, with no word opcodes to work out."""
        chars = self.keys[0][1][i] + self.keys[1][1][j]
        self._details[i, j] = ((), self.ratio(i, j), round(self.ratio(i, j) * chars))

    def detail(self, i: int, j: int) -> tuple[tuple, float, int]:
        """Word opcodes, similarity 0..1 and matched characters of a left and right pair."""
        if (i, j) not in self._details:
            (left_keys, left_chars), (right_keys, right_chars) = self.keys
            if left_keys[i] == right_keys[j]:
                self._details[i, j] = ((), 1.0, left_chars[i] + right_chars[j])
            else:
                words, matched = word_opcodes(
                    self.encoder.units(self.sides[0][i].text, self.encoder.patterns[0]),
                    self.encoder.units(self.sides[1][j].text, self.encoder.patterns[1]),
                )
                ratio = fuzz.ratio(left_keys[i], right_keys[j]) / 100
                self._details[i, j] = (words, ratio, matched)
        return self._details[i, j]

    def comparison(self, rows: list[Row], *, by_topic: bool = False) -> Comparison:
        """The rows, and the share of both texts' compared characters the pairs match."""
        total = sum(self.keys[0][1]) + sum(self.keys[1][1])
        matched = sum(detail[2] for detail in self._details.values())
        if total:
            similarity = 100.0 * matched / total
        else:  # nothing to compare by: only bullets, or no text at all
            similarity = 100.0 if all(row.kind == EQUAL for row in rows) else 0.0
        return Comparison(tuple(rows), similarity, by_topic)


def _compare(sides: tuple[list[Sentence], list[Sentence]], encoder: _Encoder) -> Comparison:
    pairs = _Pairs(sides, encoder)
    chain, moved = align_sentences(pairs.keys[0][0], pairs.keys[1][0])
    pair_detail = pairs.detail

    # Each in-order pair comes after the left-only sentences before it, then the right-only
    # ones, so that both sides read top to bottom.
    places: list[tuple[int | None, int | None]] = []
    next_left = next_right = 0
    for i, j in [*chain, (len(sides[0]), len(sides[1]))]:
        places += [(x, None) for x in range(next_left, i)]
        places += [(None, y) for y in range(next_right, j)]
        places.append((i, j))
        next_left, next_right = i + 1, j + 1
    places.pop()  # the end, not a pair
    row_of = {place: index for index, place in enumerate(places)}
    pair_of = {**{(i, None): (i, j) for i, j in moved}, **{(None, j): (i, j) for i, j in moved}}
    rows = []
    for i, j in places:
        shown = (sides[0][i] if i is not None else None, sides[1][j] if j is not None else None)
        if (i, j) in pair_of:
            paired = pair_of[i, j]
            other = row_of[(paired[0], None) if i is None else (None, paired[1])]
            rows.append(Row(MOVED, *shown, *pair_detail(*paired)[:2], partner=other))
        elif i is None or j is None:
            rows.append(Row(INSERT if i is None else DELETE, *shown, similarity=0.0))
        else:
            kind = EQUAL if pairs.same(i, j) else REPLACE
            rows.append(Row(kind, *shown, *pair_detail(i, j)[:2]))
    return pairs.comparison(rows)


def _compare_by_topic(sides: tuple[list[Sentence], list[Sentence]],
                      encoder: _Encoder) -> Comparison:
    """Rows of sentences paired by topic (see topic_pairs): identical ones "equal", edits of
    each other "replace", others on one subject "topic"; the rest alone on their side."""
    pairs = _Pairs(sides, encoder)
    # Force names are never what a sentence is about, whatever the placeholder option says.
    names = encoder.force_stems
    stems = [[[stem for stem in content_stems(sentence.text) if stem not in names]
              for sentence in side] for side in sides]
    partners = pair_by_topic(pairs.keys[0][0], pairs.keys[1][0], *stems)
    rows = []
    for i, j in topic_places(len(sides[0]), len(sides[1]), partners):
        shown = (sides[0][i] if i is not None else None, sides[1][j] if j is not None else None)
        if i is None or j is None:
            rows.append(Row(INSERT if i is None else DELETE, *shown, similarity=0.0))
            continue
        if pairs.same(i, j):
            rows.append(Row(EQUAL, *shown, *pairs.detail(i, j)[:2]))
        elif pairs.ratio(i, j) * 100 >= SIMILAR_THRESHOLD:
            rows.append(Row(REPLACE, *shown, *pairs.detail(i, j)[:2]))
        else:
            pairs.estimate(i, j)
            rows.append(Row(TOPIC, *shown, similarity=partners[i][1]))
    return pairs.comparison(rows, by_topic=True)
