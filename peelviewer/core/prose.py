"""Facts stated in sentences, not lines: grades in prose, the pillar a headline is about."""

from __future__ import annotations

import re

from peelviewer.core.model import Grade

_WORD = r"(?P<word>outstanding|good|adequate|inadequate)"
_RI = r"(?P<ri>requir(?:es|ing|e) improvement)"
_EITHER = rf"(?:{_WORD}|{_RI})"
# Up to four words may stand between the verb and "as"/"to be": "judged the force to be",
# "assessed Gwent Police as".
_VERB = r"(?:assessed|judged|graded|rated)(?:\s+[\w’'-]+){0,4}?\s+(?:as|to\s+be)\s+(?:being\s+)?"
_PATTERNS = [
    re.compile(_VERB + _EITHER, re.I),
    re.compile(rf"\b(?:is|was|remains|remained)\s+(?:still\s+)?{_WORD}\s+(?:at|in)\b", re.I),
    re.compile(rf"\bremains\s+{_WORD}\b", re.I),
    re.compile(r"\b(?:requires|required|requiring)\s+improvement\s+(?:in|at|to|for)\b", re.I),
    re.compile(r"\bto\s+require\s+improvement\b", re.I),
]
_CARRIED = re.compile(r"\bcarried\s+(?:over|forward)\b", re.I)


def grade_in_prose(text: str) -> Grade | None:
    """The grade the earliest grading phrase of `text` states, or None.

    Only phrases that pass a judgment count ("is good at", "has been assessed as good",
    "to require improvement"); a bare "good" in a sentence does not.
    """
    best: tuple[int, Grade] | None = None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("word"):
            grade = Grade.from_label(groups["word"])
        else:
            grade = Grade.REQUIRES_IMPROVEMENT
        if grade is not None and (best is None or match.start() < best[0]):
            best = (match.start(), grade)
    return best[1] if best else None


def says_carried_over(text: str) -> bool:
    return bool(_CARRIED.search(text))


_PILLAR_HINTS = [
    (re.compile(r"\beffective(?:ly|ness)?\b|tackles crime", re.I), "effectiveness"),
    (re.compile(r"\befficien(?:t|tly|cy)\b|value for money", re.I), "efficiency"),
    (re.compile(r"\blegitima(?:te|tely|cy)\b|act with integrity", re.I), "legitimacy"),
    (re.compile(r"\bwell[- ]led\b|\bleadership\b", re.I), "leadership"),
]


def pillar_in_headline(headline: str) -> str | None:
    """The pillar a headline question or 2014 strapline is about, when exactly one fits."""
    found = {pillar for pattern, pillar in _PILLAR_HINTS if pattern.search(headline)}
    return found.pop() if len(found) == 1 else None


_UNGRADED_QUESTIONS = re.compile(
    r"specialist capabilit|crime recording|record(?:s|ing)? crime", re.I
)


def question_is_ungraded_kind(pillar: str, question_text: str) -> bool:
    """Questions never graded: leadership, specialist capabilities, crime recording."""
    return pillar == "leadership" or bool(_UNGRADED_QUESTIONS.search(question_text))
