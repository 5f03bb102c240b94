"""What one line of a 2021/22-onwards report is: an area heading, a judgments-table row, a
grade, a heading, a bullet, page furniture or prose."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from peelviewer.core import lines as L
from peelviewer.core.forces import Force, find_force, force_mentioned
from peelviewer.core.framework import Topic, area_named, cycle_for_years, topic_of_question
from peelviewer.core.lines import Kind
from peelviewer.core.model import MODERN_CYCLES, WHOLE_FORCE, Grade

DROP, TEXT, BULLET, GRADE, ROW, AREA, HEADING, LABEL, TABLE_HEADER, PUBLISHED, UPDATED = (
    "drop", "text", "bullet", "grade", "row", "area", "heading", "label", "table_header",
    "published", "updated")

# Headings of the page, by what they open.
OVERALL, JUDGMENTS, INSPECTOR, CONTEXT, MAIN, IMPROVE, CONCERN, RECOMMEND, PRACTICE, END = (
    "overall", "judgments", "inspector", "context", "main", "improve", "concern", "recommend",
    "practice", "end")
_HEADINGS = {
    "overall summary": OVERALL,
    "summary": OVERALL,
    "our judgments": JUDGMENTS,
    "our judgements": JUDGMENTS,
    "judgments": JUDGMENTS,
    "areas of policing": JUDGMENTS,
    "hm inspector's summary": INSPECTOR,
    "hm inspector's observations": INSPECTOR,
    "his majesty's inspector's summary": INSPECTOR,
    "his majesty's inspector's observations": INSPECTOR,
    "her majesty's inspector's observations": INSPECTOR,
    "hmi summary": INSPECTOR,
    "terminology in this report": CONTEXT,
    "the operating context for welsh forces": CONTEXT,
    "important changes to peel": CONTEXT,
    "about this report": CONTEXT,
    "main findings": MAIN,
    "areas for improvement": IMPROVE,
    "area for improvement": IMPROVE,
    "cause of concern": CONCERN,
    "causes of concern": CONCERN,
    "recommendations": RECOMMEND,
    "recommendation": RECOMMEND,
    "innovative practice": PRACTICE,
    "promising practice": PRACTICE,
    "notable practice": PRACTICE,
    "innovative and promising practice": PRACTICE,
    "good practice": PRACTICE,
    "about the data": END,
    "data in this report": END,
    "annex a about the data": END,
    "annex a": END,
    "notes on the data": END,
}
_TABLE_WORDS = {"area", "areas", "area of policing", "grade", "grades", "judgment", "judgement",
                "our judgment", "grade awarded"}
_TITLE = re.compile(
    r"\bPEEL(?:\s+assessment)?:?\s+(?P<first>20\d\d)"
    r"(?:(?P<glued>\d\d)\b|\s*[/–—-]\s*(?P<last>\d{2,4})\b)?(?P<rest>.*)$",
    re.I,
)
_INSPECTION_OF = re.compile(r"\binspection of\s+(?:the\s+)?(?P<force>.+)$", re.I)
CONTENTS_LINE = re.compile(r"(?:\.\s*){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")  # dot leaders, page
_PAGE_OF = re.compile(r"^(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^\d{1,3}$", re.I)
_PUBLISHED = re.compile(r"^(?:published|publication date|date of publication)(?:\s+on)?\s*:?"
                        r"\s*(?P<date>.+)$", re.I)
_NUMBERED = re.compile(r"^(?:question\s+)?(?P<n>\d{1,2})\s*[.):]?\s+(?P<rest>\S.*)$", re.I)
_LABEL = re.compile(r"\b(?P<which>initial|revisit|original|updated|revised)\b[\w\s]{0,20}"
                    r"judge?ments?\b", re.I)
_LABELLED_GRADE = re.compile(r"^(?:our\s+)?(?:grade|judge?ment|rating)\s*[:–—-]\s*"
                             r"(?P<grade>[A-Za-z ]{4,24}?)\.?$", re.I)
_UNGRADED_WORDS = ("not yet graded", "to be graded", "not graded", "ungraded", "not graded yet")
_GRADE_WORDS = sorted((*(g.label.lower() for g in Grade), *_UNGRADED_WORDS), key=len,
                      reverse=True)


@dataclass(frozen=True)
class ModernLine:
    kind: str
    text: str
    grade: Grade | None = None
    topic: Topic | None = None
    heading: str = ""
    number: int | None = None
    name: str = ""  # the area as printed, for AREA and ROW lines
    date: _dt.date | None = None


def heading_key(text: str) -> str:
    """A heading as a lookup key: case, quotes and punctuation folded, and a trailing
    number dropped ("Area for improvement 2")."""
    text = text.lower().replace("’", "'").replace("‘", "'").rstrip(":").strip()
    return re.sub(r"\s+\d{1,2}$", "", " ".join(re.sub(r"[^\w' ]+", " ", text).split()))


_GRADE_LOOKUP: dict[str, Grade | None] = {
    **{grade.label.lower(): grade for grade in Grade}, **dict.fromkeys(_UNGRADED_WORDS)}
_NOT_A_GRADE = (False, None)


def _grade_word(text: str) -> tuple[bool, Grade | None]:
    """(True, grade) when `text` is a grade or a not-graded phrase, else (False, None)."""
    if len(text) > 24:
        return _NOT_A_GRADE
    folded = " ".join(text.lower().rstrip(".").split())
    if folded in _GRADE_LOOKUP:
        return True, _GRADE_LOOKUP[folded]
    return _NOT_A_GRADE


_BULLET_MARKS = frozenset("•▪◦‣·*●-")


def classify(raw: str) -> ModernLine | None:
    """The ModernLine for one raw line of text, or None for a blank line."""
    text = raw.strip()
    if not text:
        return None
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()] if "\t" in text else []
    if "  " in text or "\t" in text:
        text = " ".join(text.split())
    if text[-1].isdigit() and (CONTENTS_LINE.search(text) or _PAGE_OF.match(text)):
        return ModernLine(DROP, text)
    if (len(text) > 160 or (len(text) > 60 and text[-1] in ".!" and " " in text)) and (
            text[0] not in _BULLET_MARKS and not text[0].isdigit()
            and not text.startswith(("Last updated", "Published", "Publication"))):
        return ModernLine(TEXT, text)  # a sentence: only headings and cells are more
    if text.startswith(("©", "http")) or text[:5].lower() in ("isbn ", "isbn:", "www.",):
        return ModernLine(DROP, text)
    if text[0] in _BULLET_MARKS:
        base = L.classify(text)
        if base.kind is Kind.BULLET:
            return ModernLine(BULLET, base.text)
    if L.is_dropped(text):
        return ModernLine(DROP, text)
    if len(cells) >= 2:
        row = _table_row(cells)
        if row is not None:
            return row
    is_grade, grade = _grade_word(text)
    if is_grade:
        return ModernLine(GRADE, text, grade=grade)
    labelled = _LABELLED_GRADE.match(text)
    if labelled and _grade_word(labelled["grade"])[0]:
        return ModernLine(GRADE, text, grade=_grade_word(labelled["grade"])[1])
    if len(text) > 160:
        return ModernLine(TEXT, text)
    key = heading_key(text)
    # A heading has no full stop: "recommendation." is a sentence's end wrapped onto a line.
    if key in _HEADINGS and not text.endswith((".", ",", ";")):
        return ModernLine(HEADING, text, heading=_HEADINGS[key])
    if key in _TABLE_WORDS:
        return ModernLine(TABLE_HEADER, text)
    if text[:12].lower() == "last updated":
        base = L.classify(text)
        if base.kind is Kind.DATE:
            return ModernLine(UPDATED, text, date=base.date)
    published = _PUBLISHED.match(text)
    if published:
        return ModernLine(PUBLISHED, text, date=L.parse_date(published["date"]))
    topic = area_named(text)
    if topic is not None:
        return ModernLine(AREA, text, topic=topic, name=text)
    numbered = _NUMBERED.match(text)
    if numbered:
        rest = numbered["rest"]
        topic = area_named(rest) or (
            topic_of_question(WHOLE_FORCE, rest) if rest.endswith("?") else None)
        if topic is not None:
            return ModernLine(AREA, rest, topic=topic, number=int(numbered["n"]), name=rest)
    if len(text) <= 60 and _LABEL.search(text) and not text.endswith("."):
        return ModernLine(LABEL, text)
    suffix_row = _row_by_suffix(text) if len(text) <= 160 else None
    if suffix_row is not None:
        return suffix_row
    return ModernLine(TEXT, text)


def _table_row(cells: list[str]) -> ModernLine | None:
    """"Investigating crime<TAB>Adequate": an area and its grade, the area's name as printed
    even when the framework does not know it (the table itself says it is an area)."""
    is_grade, grade = _grade_word(cells[-1])
    name = " ".join(cells[:-1])
    if is_grade:
        return ModernLine(ROW, f"{name}\t{cells[-1]}", grade=grade, topic=area_named(name),
                          name=name)
    if all(heading_key(cell) in _TABLE_WORDS for cell in cells):
        return ModernLine(TABLE_HEADER, " ".join(cells))
    return None


def _row_by_suffix(text: str) -> ModernLine | None:
    """"Investigating crime Adequate" or "Investigating crime: Adequate" (a PDF or a copy
    that lost the tab): only when the front is a known area."""
    folded = text.lower().rstrip(".")
    for word in _GRADE_WORDS:
        if folded.endswith(word) and len(folded) > len(word):
            name = text[: len(folded) - len(word)].rstrip(" :–—-\t")
            topic = area_named(name)
            if topic is not None:
                return ModernLine(ROW, text, grade=_grade_word(word)[1], topic=topic, name=name)
            return None
    return None


@dataclass(frozen=True)
class Title:
    line: int  # index into the raw lines
    force: Force
    cycle: str
    text: str


def find_title(raw_lines: list[str], *, limit: int = 400) -> Title | None:
    """The first "PEEL 2023–2025: An inspection of X" of a modern cycle in the first
    `limit` lines whose force is known. The force may stand before "PEEL", after it, or on
    a line of its own just below (an official report's cover). A contents line (dot
    leaders, page number) is never a title."""
    for index, raw in enumerate(raw_lines[:limit]):
        if "PEEL" not in raw:
            continue
        text = " ".join(raw.split())
        match = _TITLE.search(text)
        if not match or CONTENTS_LINE.search(text) or text.lower().endswith("(pdf document)"):
            continue
        first = int(match["first"])
        last = match["glued"] or match["last"]
        cycle = cycle_for_years(first, int(last) if last else None)
        if cycle not in MODERN_CYCLES:
            continue
        force = _force_of_title(text[: match.start()], match["rest"], raw_lines[index + 1:
                                                                               index + 8])
        following = next((line for line in raw_lines[index + 1: index + 4] if line.strip()),
                         "")
        if force is not None and not _in_a_list_of_titles(following):
            return Title(index, force, cycle, text)
    return None


def _in_a_list_of_titles(following: str) -> bool:
    """"Recently published" lists other reports' titles, one under another."""
    match = _TITLE.search(" ".join(following.split()))
    return bool(match and _INSPECTION_OF.search(match["rest"]))


def _force_of_title(before: str, rest: str, following: list[str]) -> Force | None:
    inspection = _INSPECTION_OF.search(rest)
    if inspection:
        return force_mentioned(inspection["force"])
    rest = rest.strip(" :–—-")
    found = force_mentioned(rest) or find_force(before.strip()) or force_mentioned(before)
    if found is not None:
        return found
    if rest.lower().endswith("inspection of"):  # a large title wrapped before the force
        nearest = next((" ".join(line.split()) for line in following if line.strip()), "")
        return force_mentioned(nearest)
    if rest:
        return None
    for line in following:  # a cover: the title alone, the force a few lines below
        line = " ".join(line.split())
        inspection = _INSPECTION_OF.search(line)
        if inspection:
            return force_mentioned(inspection["force"])
        if line and find_force(line):
            return find_force(line)
    return None
