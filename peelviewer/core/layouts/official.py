"""The inspectorate's own PDF reports of 2015 to 2018/19: one per pillar ("PEEL: Police
legitimacy 2016 – An inspection of X"), or one for all three pillars in 2018/19, which gives
three reports. Each pillar's part is rewritten in the web page's order (title, pillar,
headline, grade, summary, numbered questions) and read by the pillar-page layout, so both
forms follow one set of rules for grades and findings."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from peelviewer.core.forces import Force, force_mentioned
from peelviewer.core.framework import area_named, cycle_for_years, question_order
from peelviewer.core.framework import topic_of_question as question_topic
from peelviewer.core.layouts import pillar_page
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.layouts.modern_lines import CONTENTS_LINE
from peelviewer.core.model import PILLAR_CYCLES, Grade, Report
from peelviewer.core.prose import pillar_in_headline

_TITLE = re.compile(
    r"\bPEEL:?\s+Police\s+(?P<what>effectiveness,?\s+efficiency\s+and\s+legitimacy"
    r"|effectiveness|efficiency|legitimacy|leadership)\s+(?P<first>20\d\d)"
    r"(?:\s*[/–-]\s*(?P<last>\d{2,4}))?", re.I)
_INSPECTION_OF = re.compile(r"\binspection of\s+(?:the\s+)?(?P<force>.+)$", re.I)
_FURNITURE = re.compile(r"^(?:contents|©.*|isbn\b.*|www\..*|\d{1,4}|page \d+( of \d+)?|"
                        r"(?:january|february|march|april|may|june|july|august|september|"
                        r"october|november|december)\s+20\d\d)$", re.I)
_END = re.compile(r"^annex\s+[a-z]\b|^about the data$", re.I)
_OVERALL = re.compile(r"^overall\s+judge?ment\s*[:–-]?\s*(?P<grade>.*)$", re.I)
_THREE = ("effectiveness", "efficiency", "legitimacy")
_HEADLINE_PREFIX = re.compile(r"^overview\s*[–-]\s*", re.I)
# A pillar's own headline question ("How effectively does the force reduce crime …?"), which
# names topics of its questions without being one.
_HEADLINE = re.compile(r"^(?:overview\s*[–-]\s*)?how\s+(?:effective(?:ly)?|efficient(?:ly)?"
                       r"|legitimate(?:ly)?|well[- ]led)\b.*\?$", re.I)


@dataclass(frozen=True)
class _Title:
    line: int
    force: Force
    cycle: str
    pillars: tuple[str, ...]
    text: str


class OfficialReportLayout:
    name = "official PDF report (2015 to 2018/19)"

    def score(self, text: str) -> float:
        return 1.0 if _find_title(text.split("\n", 200)[:200]) else 0.0

    def parse(self, text: str) -> list[Report]:
        lines = [" ".join(raw.split()) for raw in text.split("\n")]
        title = _find_title(lines)
        if title is None:
            raise ParseError("not a PEEL report: no 'PEEL: Police … YYYY' title found")
        body = [line for line in lines[title.line + 1:] if line and not _is_furniture(
            line, title)]
        end = next((i for i, line in enumerate(body) if _END.match(line)), len(body))
        body = body[:end]
        if len(title.pillars) == 1:
            parts = {title.pillars[0]: body}
        else:
            parts = _pillar_parts(body)
            if not parts:
                raise ParseError("an integrated PEEL report, but no pillar's part was found")
        reports = [_read_pillar(title, pillar, part) for pillar, part in parts.items()]
        found = [report for report in reports if report is not None]
        if not found:
            raise ParseError("no questions or grades found in this PEEL report")
        return found


LAYOUT = OfficialReportLayout()


def _find_title(lines: list[str]) -> _Title | None:
    for index, line in enumerate(lines):
        if "PEEL" not in line or CONTENTS_LINE.search(line):
            continue
        match = _TITLE.search(line)
        if not match:
            continue
        cycle = cycle_for_years(int(match["first"]),
                                int(match["last"]) if match["last"] else None)
        if cycle not in PILLAR_CYCLES:
            continue
        force = _force_near(line[match.end():], lines[index + 1: index + 10])
        if force is None:
            continue
        what = match["what"].lower()
        pillars = _THREE if "," in what or " and " in what else (what,)
        return _Title(index, force, cycle, pillars, line)
    return None


def _force_near(rest: str, following: list[str]) -> Force | None:
    for text in (rest, *following):
        found = _INSPECTION_OF.search(text)
        if found:
            return force_mentioned(found["force"])
    return None


def _is_furniture(line: str, title: _Title) -> bool:
    """Cover, contents and running-header lines: none of them the report's text."""
    return bool(_FURNITURE.match(line) or CONTENTS_LINE.search(line)
                or line == title.text or _TITLE.search(line)
                or (line.lower().startswith("an inspection of")
                    and force_mentioned(line) is title.force))


def _pillar_parts(body: list[str]) -> dict[str, list[str]]:
    """The 2018/19 report's part for each pillar: from its heading ("Effectiveness") to
    the next pillar's. The heading chosen is the last one before the pillar's first
    component, so a summary table that lists the pillars is not taken for them."""
    starts: dict[str, int] = {}
    for pillar in _THREE:
        first_component = next(
            (i for i, line in enumerate(body) if _component(line, pillar)), None)
        if first_component is None:
            continue
        headings = [i for i, line in enumerate(body[:first_component])
                    if line.lower() == pillar]
        if headings:
            starts[pillar] = headings[-1]
    ordered = sorted(starts.items(), key=lambda item: item[1])
    parts = {}
    for index, (pillar, start) in enumerate(ordered):
        stop = ordered[index + 1][1] if index + 1 < len(ordered) else len(body)
        parts[pillar] = body[start + 1: stop]
    return parts


def _component(line: str, pillar: str) -> str | None:
    """The key of a question heading of `pillar`: a 2018/19 component name ("Treating the
    public fairly") or a question ("To what extent does the force …?")."""
    if len(line) > 160 or _HEADLINE.match(line):
        return None
    topic = area_named(line)
    if topic is None and line.endswith("?"):
        topic = question_topic(pillar, line)
    if topic is not None and topic.key in question_order_for(pillar):
        return topic.key
    return None


@functools.cache
def question_order_for(pillar: str) -> tuple[str, ...]:
    """Every key a pillar's questions have had from 2015 to 2018/19."""
    keys: list[str] = []
    for cycle in PILLAR_CYCLES:
        keys.extend(k for k in question_order(cycle, pillar) if k not in keys)
    return tuple(keys)


def _read_pillar(title: _Title, pillar: str, part: list[str]) -> Report | None:
    """One pillar's part, written out as its web page and read by the pillar layout."""
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(part):
        key = _component(line, pillar)
        if key and key not in {k for _, k in starts}:
            starts.append((index, key))
    front = part[: starts[0][0]] if starts else part
    grade, front = _overall_grade(front)
    headline = next((_HEADLINE_PREFIX.sub("", line) for line in front
                     if _HEADLINE.match(line) and pillar_in_headline(line) == pillar), "")
    summary = [line for line in front
               if not (_HEADLINE.match(line) and pillar_in_headline(line) == pillar)]
    if not starts and grade is None:
        return None
    order = question_order(title.cycle, pillar)
    page = [f"{title.force.short_name} PEEL {title.cycle[:4]}", pillar.capitalize(),
            headline or pillar.capitalize(), *([grade.label] if grade else []),
            *summary, f"Questions for {pillar.capitalize()}"]
    printed_names = {}
    for number, (index, key) in enumerate(starts, start=1):
        stop = starts[number][0] if number < len(starts) else len(part)
        section = part[index + 1: stop]
        printed = order.index(key) + 1 if key in order else number
        printed_names[printed] = part[index]
        page += [str(printed), _as_question(part[index]), *_grade_first(section)]
    report = pillar_page.parse_text("\n\n".join(page))
    questions = tuple(dataclasses.replace(q, text=printed_names.get(q.number, q.text))
                      for q in report.questions)
    warnings = (*report.warnings, f"read from the inspectorate's PDF report ({title.text})")
    return dataclasses.replace(report, questions=questions, warnings=warnings)


def _overall_grade(front: list[str]) -> tuple[Grade | None, list[str]]:
    """The pillar's grade from an "Overall judgement" line (the grade on it or the next
    line) or a grade alone on a line; the front without those lines."""
    for index, line in enumerate(front):
        overall = _OVERALL.match(line)
        if overall:
            grade = Grade.from_label(overall["grade"]) if overall["grade"] else None
            if grade is None and index + 1 < len(front):
                grade = Grade.from_label(front[index + 1])
                if grade is not None:
                    return grade, front[:index] + front[index + 2:]
            return grade, front[:index] + front[index + 1:]
        if Grade.from_label(line) is not None:
            return Grade.from_label(line), front[:index] + front[index + 1:]
    return None, front


def _grade_first(section: list[str]) -> list[str]:
    """A question's grade may stand after its sub-headings ("Summary of findings", then
    the grade): moved to the top, where the pillar layout reads it."""
    for index, line in enumerate(section):
        if Grade.from_label(line) is not None and not line.endswith("."):
            return [line, *section[:index], *section[index + 1:]]
    return section


def _as_question(heading: str) -> str:
    """A 2018/19 component name becomes a question line, as the web page prints it."""
    return heading if heading.endswith("?") else f"{heading}?"

