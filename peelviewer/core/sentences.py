"""Report prose to sentences, keeping paragraphs: the units the comparison aligns."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str  # as written: text[start:end] of the compared text
    paragraph: int  # index of the paragraph it belongs to, counted from 0
    start: int
    end: int



# Paragraphs are separated by blank lines; a bullet on its own line starts one too.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]*(?=[•▪◦])")
# Terminal marks and closing quotes, then space and the next sentence's first character.
_SENTENCE_END = re.compile(r"[.!?…]+[’”\"')\]]*(?=\s+(\S))")
_CLOSERS = "’”\"')]"
_OPENERS = "‘“\"'([•▪◦"
# Words that a full stop follows without ending the sentence ("Mr. Smith", "cf. Kent").
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "sgt", "insp", "supt", "det", "cllr", "capt",
    "lt", "col", "gen", "st", "cf", "vs", "viz", "approx", "fig", "figs", "para", "paras", "pp",
    "vol",
))
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "e.g", "i.e", "U.K" before the last stop


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, with the paragraph each belongs to."""
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_paragraph_spans(text)):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            following = match.group(1)
            if not (following.isupper() or following.isdigit() or following in _OPENERS):
                continue  # "e.g. the force", "‘why?’ she asked"
            at = match.start()
            if match.group().rstrip(_CLOSERS) == ".":
                # The last space first, then a line break only after it: searching back to
                # the paragraph's start for a line break would be quadratic in its length.
                space = text.rfind(" ", start, at)
                word_start = max(space, text.rfind("\n", max(space, start), at)) + 1
                if not _full_stop_ends(text[word_start:at], following, first=word_start == start):
                    continue
            sentences.append(Sentence(text[cursor:match.end()], paragraph, cursor, match.end()))
            cursor = match.start(1)
        sentences.append(Sentence(text[cursor:end], paragraph, cursor, end))
    return sentences


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + len(chunk) - len(chunk.lstrip())
            spans.append((start, start + len(stripped)))
        position = brk.end() if brk else end
    return spans


def _full_stop_ends(word: str, following: str, *, first: bool) -> bool:
    """Whether a full stop after `word` ends the sentence, not an abbreviation or initial."""
    bare = word.lstrip(_OPENERS)
    folded = bare.lower()
    if folded in _ABBREVIATIONS or _DOTTED.fullmatch(bare):
        return False
    if folded in ("no", "nos") and following.isdigit():  # "No. 5"
        return False
    if len(bare) == 1 and bare.isupper():  # an initial: "J. Smith"
        return False
    return not (first and bare.isdigit())  # a list number: "1. The force ..."
