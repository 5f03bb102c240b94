"""What one line of a report page is: a title, grade, heading, bullet, number or prose."""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass

from peelviewer.core.model import Grade


class Kind(enum.Enum):
    DROP = "drop"  # link text and page furniture: never part of the report
    UNGRADED = "ungraded"  # "To be graded" and the like: says no grade, is no text
    TITLE = "title"
    DATE = "date"
    GRADE = "grade"
    NUMBER = "number"  # a question number alone on its line
    NUMBERED_QUESTION = "numbered_question"  # "2. How well ...?" on one line
    QUESTIONS_FOR = "questions_for"
    IMPROVEMENT_AREAS = "improvement_areas"  # "Areas for improvement": findings
    CAUSES = "causes"
    RECOMMENDATIONS = "recommendations"
    PRACTICE = "practice"  # "Notable practice" (2018/19): praise, kept as practice
    BULLET = "bullet"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    kind: Kind
    text: str  # whitespace folded; bullets without their marker
    grade: Grade | None = None
    number: int | None = None
    date: _dt.date | None = None
    invalid_date: bool = False


_DROP = re.compile(
    r"^(?:skip to (?:main )?content"
    r"|abuse of position assessment\b.*"
    r"|detailed findings for question \d+"
    r"|os hoffech chi ddarllen hwn trwy.r gymraeg.*"
    r"|.*\((?:pdf|word|odt) document\)"
    r"|back to top|print this page|share this page"
    r")$",
    re.IGNORECASE,
)
_UNGRADED = re.compile(r"^(?:to be graded|not yet graded|ungraded|not graded|not being graded)"
                       r"\.?$", re.I)
TITLE = re.compile(
    r"^(?P<force>\S.*?)\s+PEEL:?\s+(?P<year>\d{4})(?:\s*[/–-]\s*(?P<to>\d{2,4}))?$"
)
_DATE = re.compile(r"^last updated:?\s*(?P<date>.+)$", re.I)
_NUMBER = re.compile(r"^(?:question\s+)?(?P<n>\d{1,2})[.:]?$", re.I)
_NUMBERED_QUESTION = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<q>\S.*\?)$")
_QUESTIONS_FOR = re.compile(r"^questions for (?P<pillar>\w+)$", re.I)
_HEADINGS = {
    "areas for improvement": Kind.IMPROVEMENT_AREAS,
    "area for improvement": Kind.IMPROVEMENT_AREAS,
    "cause of concern": Kind.CAUSES,
    "causes of concern": Kind.CAUSES,
    "recommendations": Kind.RECOMMENDATIONS,
    "recommendation": Kind.RECOMMENDATIONS,
    "notable practice": Kind.PRACTICE,
    "innovative practice": Kind.PRACTICE,
    "promising practice": Kind.PRACTICE,
}
_BULLET = re.compile(r"^[•▪◦‣·*●-]\s+(?P<text>\S.*)$")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_MONTHS = {name: index for index, name in enumerate(_MONTH_NAMES, start=1)}


# Every line that is more than prose (title, grade, heading, number, date, link text) is
# shorter than this; longer lines skip those checks, which keeps parsing linear and fast.
_STRUCTURAL_MAX = 120
_BULLET_MARKS = frozenset("•▪◦‣·*●-")


def fold(text: str) -> str:
    """Collapse runs of spaces and tabs (PDF copies put tabs between words)."""
    return " ".join(text.split())


def classify(raw: str) -> Line | None:
    """The Line for one raw line of text, or None for a blank line."""
    text = raw.strip()
    if not text:
        return None
    if "  " in text or "\t" in text:
        text = fold(text)
    if text[0] in _BULLET_MARKS:
        bullet = _BULLET.match(text)
        if bullet:
            return Line(Kind.BULLET, bullet["text"])
    if len(text) > _STRUCTURAL_MAX:
        return _classify_long(text)
    if _DROP.match(text):
        return Line(Kind.DROP, text)
    if _UNGRADED.match(text):
        return Line(Kind.UNGRADED, text)
    if len(text) <= 24:  # grades and finding headings, e.g. "Areas for improvement:"
        grade = Grade.from_label(text)
        if grade is not None:
            return Line(Kind.GRADE, text, grade=grade)
        heading = _HEADINGS.get(text.rstrip(":").lower())
        if heading:
            return Line(heading, text)
    if text[0].isdigit() or text[0] in "Qq":
        number = _NUMBER.match(text)
        if number:
            return Line(Kind.NUMBER, text, number=int(number["n"]))
        numbered = _NUMBERED_QUESTION.match(text)
        if numbered:
            return Line(Kind.NUMBERED_QUESTION, numbered["q"], number=int(numbered["n"]))
        questions_for = _QUESTIONS_FOR.match(text)
        if questions_for:
            return Line(Kind.QUESTIONS_FOR, questions_for["pillar"].lower())
    date = _DATE.match(text)
    if date:
        parsed = parse_date(date["date"])
        return Line(Kind.DATE, text, date=parsed, invalid_date=parsed is None)
    if "PEEL" in text and TITLE.match(text):
        return Line(Kind.TITLE, text)
    return Line(Kind.TEXT, text)


def is_dropped(text: str) -> bool:
    """Link text and page furniture ("Skip to content", "… (PDF document)")."""
    return bool(_DROP.match(text))


def _classify_long(text: str) -> Line:
    if text.endswith(")") and _DROP.match(text):
        return Line(Kind.DROP, text)
    if text[0].isdigit():
        numbered = _NUMBERED_QUESTION.match(text)
        if numbered:
            return Line(Kind.NUMBERED_QUESTION, numbered["q"], number=int(numbered["n"]))
    return Line(Kind.TEXT, text)


def parse_date(text: str) -> _dt.date | None:
    """dd/mm/yyyy as the pages print it, or "8 December 2016"; None when invalid."""
    text = text.strip().rstrip(".")
    try:
        numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if numeric:
            day, month, year = (int(part) for part in numeric.groups())
            return _dt.date(year, month, day)
        worded = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
        if worded and worded[2].lower() in _MONTHS:
            return _dt.date(int(worded[3]), _MONTHS[worded[2].lower()], int(worded[1]))
    except ValueError:
        return None
    return None


_INTERROGATIVE = re.compile(
    r"^(?:how|to what extent|what|does|do|is|are|has|have|can|why|which|where|when)\b", re.I
)


def looks_like_question(text: str) -> bool:
    """A line that can be a question of the pillar when the page prints no numbers."""
    return text.endswith("?") and len(text) <= 300 and bool(_INTERROGATIVE.match(text))


def same_text(a: str, b: str) -> bool:
    """Equal but for case, spacing and punctuation: a 2014 sub-heading repeating its question."""
    if abs(len(a) - len(b)) > 10:
        return False

    def key(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s.lower()).strip()

    return key(a) == key(b)
