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
    re.compile(rf"\b(?:is|was|remains|remained)\s+(?:(?:still|now|also)\s+)?{_WORD}\s+"
               r"(?:at|in)\b", re.I),
    re.compile(rf"\bremains\s+{_WORD}\b", re.I),
    re.compile(r"\b(?:requires|required|requiring)\s+improvement\s+(?:in|at|to|for)\b", re.I),
    re.compile(r"\bto\s+require\s+improvement\b", re.I),
    # "HMIC judges that Kent Police requires improvement." / "… that the force is good."
    re.compile(rf"\bjudges?\s+that\b[^.]{{0,80}}?\b(?:is\s+)?{_EITHER}\b", re.I),
]
# An earlier judgment that stands for this year. Each form names the grade or judgment, so
# "annual leave is carried forward" is not one.
_JUDGMENT = r"(?:grade|judge?ment|assessment|rating)"
_CARRIED = re.compile(
    rf"\b{_JUDGMENT}s?\b[^.]{{0,60}}\bcarried\s+(?:over|forward)\b"
    rf"|\bcarried\s+(?:over|forward)\b[^.]{{0,40}}\b{_JUDGMENT}"
    rf"|\bcarried\b[^.]{{0,40}}\b{_JUDGMENT}\s+forward\b"
    rf"|\b{_JUDGMENT}s?\b[^.]{{0,60}}\bstill\s+stands?\b", re.I)
_NOT_GRADED = re.compile(r"\bnot\s+(?:been\s+)?(?:inspected\s+or\s+)?graded\b"
                         r"|\bdoes\s+not\s+receive\s+a\s+grade", re.I)
# A sentence that grades the pillar names it, or the whole of what the pillar judges.
_PILLAR_WORDS = re.compile(
    r"\beffective(?:ness|ly)?\b|\befficien(?:cy|t|tly)\b|\blegitima(?:cy|te|tely)\b"
    r"|\bleadership\b|keep(?:s|ing)? people safe and reduc(?:es|ing) crime|\boverall\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])")


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


def pillar_grade_in_prose(text: str) -> Grade | None:
    """The pillar's grade from the first sentence that grades the pillar itself: one that
    names it ("in respect of legitimacy", "keeping people safe and reducing crime"). A
    sentence about one question ("is outstanding at preventing crime") grades that
    question, not the pillar."""
    for sentence in _SENTENCE_END.split(text):
        if _PILLAR_WORDS.search(sentence):
            grade = grade_in_prose(sentence)
            if grade is not None:
                return grade
    return None


def says_carried_over(text: str) -> bool:
    """The earlier judgment stands: "carried over", "carried last year's grade forward",
    "not inspected in 2017. The grade … still stand"."""
    return bool(_CARRIED.search(text))


def says_not_graded(text: str) -> bool:
    """"This question has not been inspected or graded in 2015." and the like."""
    return bool(_NOT_GRADED.search(text))


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
