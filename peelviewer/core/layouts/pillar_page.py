"""The 2014-2018/19 pillar pages (one page per force, pillar and cycle) to a Report: a
tolerant line state machine that never guesses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from peelviewer.core import lines as L
from peelviewer.core.forces import find_force
from peelviewer.core.framework import cycle_for_years, question_order, topic_of_question
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.lines import Kind, Line
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CARRIED,
    CAUSE_OF_CONCERN,
    PILLARS,
    PRACTICE,
    PROSE,
    RECOMMENDATION,
    STATED,
    Finding,
    Grade,
    Question,
    Report,
)
from peelviewer.core.prose import (
    grade_in_prose,
    pillar_grade_in_prose,
    pillar_in_headline,
    question_is_ungraded_kind,
    says_carried_over,
    says_not_graded,
)

_NOT_PILLAR = re.compile(r"\bother (?:inspections|reports)\b", re.I)
_NATIONAL = re.compile(r"\ball forces\b|\bnational\b", re.I)


class PillarPageLayout:
    name = "pillar page (2014 to 2018/19)"

    def score(self, text: str) -> float:
        """1 for a "Hampshire PEEL 2016" title of a pillar cycle near the top, else 0."""
        for raw in text.split("\n", 400)[:400]:
            if "PEEL" in raw:
                match = L.TITLE.match(" ".join(raw.split()))
                if match and 2014 <= int(match["year"]) < 2020:
                    return 1.0
        return 0.0

    def parse(self, text: str) -> list[Report]:
        return [parse_text(text)]


LAYOUT = PillarPageLayout()


def parse_text(text: str) -> Report:
    """Parse the text of one report page; ParseError says why a text is not one."""
    classified = _rejoin_wrapped(list(map(L.classify, text.split("\n"))))
    title_at = _find_title(classified)
    force, cycle = _read_title(classified[title_at].text)
    # A title line again further down is a PDF's running header, not content.
    body = [
        line for line in classified[title_at + 1 :] if line.kind not in (Kind.DROP, Kind.TITLE)
    ]
    return _ReportParser(force.id, cycle, body).parse()


def _find_title(classified: list[Line]) -> int:
    for index, line in enumerate(classified):
        if line.kind is Kind.TITLE:
            return index
    for line in classified[:40]:
        found = _NOT_PILLAR.search(line.text)
        if found:
            raise ParseError(f"not a PEEL pillar page: an '{found[0]}' page")
    raise ParseError("not a PEEL report page: no 'X PEEL YYYY' title found")


def _read_title(title: str) -> tuple:
    match = L.TITLE.match(title)
    name, year = match["force"], int(match["year"])
    force = find_force(name)
    if force is None:
        raise ParseError(f"unknown police force '{name}' in the title '{title}'")
    if year >= 2020:
        # Later cycles are the modern layout's; a year that reaches here had no PEEL cycle.
        raise ParseError(f"no PEEL cycle in {year}: PEEL paused after 2018/19 and resumed "
                         "in 2021/22")
    if year < 2014:
        raise ParseError(f"no PEEL cycle in {year}: PEEL began in 2014")
    return force, cycle_for_years(year, None)


@dataclass
class _OpenQuestion:
    number: int
    text: str
    grade: Grade | None = None
    grade_source: str | None = None
    declared_ungraded: bool = False
    paragraphs: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class _ReportParser:
    """Walks the lines after the title: header, summary, then questions."""

    def __init__(self, force_id: str, cycle: str, body: list[Line]):
        self._force_id = force_id
        self._cycle = cycle
        self._body = body
        self._warnings: list[str] = []
        self._questions: list[_OpenQuestion] = []
        self._other_inspections = ""  # the label a leadership page wears in 2015 and 2016
        self._pillar_ungraded = False
        # Pages that print question numbers start a question only at a number, so a
        # question-shaped sentence inside a narrative is not taken for a new question.
        self._numbered = any(
            line.kind is Kind.NUMBERED_QUESTION
            or (line.kind is Kind.NUMBER and self._next_text(i).endswith("?"))
            for i, line in enumerate(body)
        )

    def _next_text(self, index: int) -> str:
        for line in self._body[index + 1 :]:
            return line.text if line.kind is Kind.TEXT else ""
        return ""

    def parse(self) -> Report:
        self._refuse_overview()
        pos, pillar_label, headline, date, grade = self._read_header()
        summary, pos, questions_for = self._read_summary(pos)
        self._read_questions(pos)
        pillar = pillar_label or pillar_in_headline(headline) or questions_for
        if self._other_inspections and (pillar != "leadership" or not self._questions):
            raise ParseError(f"not a PEEL pillar page: an '{self._other_inspections}' page")
        if pillar is None:
            raise ParseError(
                "cannot tell the pillar: no pillar label, headline or 'Questions for' line"
            )
        if not self._questions:
            # A copy of the page's top only: it still states force, cycle, pillar and often
            # the grade and summary. Nothing at all past the title is no report.
            if not (summary or grade or date):
                raise ParseError("no questions found, and no summary or grade either")
            self._warnings.append("a partial copy: no questions, only the pillar's summary")
        grade_source = STATED if grade else None
        if grade is None and summary and not self._pillar_ungraded:
            grade = pillar_grade_in_prose(summary[0])
            if grade is not None:
                grade_source = PROSE
                self._warnings.append("pillar grade read from the summary, not a grade line")
        if date is None:
            self._warnings.append("no 'Last updated' date")
        questions = self._numbered_by_framework(
            tuple(self._finish(q, pillar) for q in self._questions), pillar)
        return Report(
            force_id=self._force_id,
            cycle=self._cycle,
            pillar=pillar,
            headline=headline,
            last_updated=date,
            grade=grade,
            grade_source=grade_source,
            summary="\n\n".join(summary),
            questions=questions,
            warnings=tuple(self._warnings),
        )

    def _refuse_overview(self) -> None:
        """A force's overview page lists its pillars, each with its grade: it is not one
        pillar's report, and its grades alone would read as one."""
        named = [line.text for line in self._body[:40]
                 if line.kind is Kind.TEXT and line.text.lower() in PILLARS]
        if len({name.lower() for name in named}) >= 2:
            raise ParseError(
                f"a force's overview page listing its pillars ({', '.join(named)}), not one "
                "pillar's report: open a pillar's page and copy or save that")

    def _read_header(self):
        """Pillar label, headline, date and pillar grade, each optional, in page order."""
        pillar = headline = date = grade = None
        pos = 0
        body = self._body
        if pos < len(body) and body[pos].kind is Kind.TEXT:
            word = body[pos].text.lower()
            if word in PILLARS:
                pillar, pos = word, pos + 1
            elif word == "other inspections":
                # 2015 and 2016 leadership pages carry this label; any other such page is
                # refused once its questions show it is not about leadership.
                self._other_inspections, pos = body[pos].text, pos + 1
            elif _NOT_PILLAR.fullmatch(word):
                raise ParseError(f"not a PEEL pillar page: an '{body[pos].text}' page")
        if pos < len(body) and body[pos].kind is Kind.TEXT and (
            _is_headline(body[pos].text) or _kind_at(body, pos + 1) in (Kind.DATE, Kind.GRADE)
        ):
            headline, pos = body[pos].text, pos + 1
        if pos < len(body) and body[pos].kind is Kind.DATE:
            date = body[pos].date
            if body[pos].invalid_date:
                self._warnings.append(f"unreadable date '{body[pos].text}'")
            pos += 1
        if _kind_at(body, pos) in (Kind.GRADE, Kind.UNGRADED):
            # "Ungraded" / "Not being graded" says so; no sentence may then grade it.
            self._pillar_ungraded = body[pos].kind is Kind.UNGRADED
            grade, pos = body[pos].grade, pos + 1
        return pos, pillar, headline or "", date, grade

    def _read_summary(self, pos: int):
        summary: list[str] = []
        while pos < len(self._body):
            line = self._body[pos]
            if line.kind is Kind.QUESTIONS_FOR:
                found = line.text if line.text in PILLARS else None
                return summary, pos + 1, found
            if self._starts_question(pos):
                return summary, pos, None
            if line.kind is Kind.UNGRADED or (line.kind is Kind.DATE and line.date):
                pos += 1
                continue
            summary.append(_paragraph(line))
            pos += 1
        return summary, pos, None

    def _starts_question(self, pos: int) -> bool:
        line = self._body[pos]
        if line.kind is Kind.NUMBERED_QUESTION:
            return True
        if line.kind is Kind.NUMBER:
            return self._next_text(pos).endswith("?")
        return not self._numbered and line.kind is Kind.TEXT and L.looks_like_question(line.text)

    def _read_questions(self, pos: int) -> None:
        mode = "narrative"
        lead_in = ""
        bullets_since_lead_in = 0
        body = self._body
        while pos < len(body):
            line = body[pos]
            current = self._questions[-1] if self._questions else None
            if self._starts_question(pos) and not self._repeats_question(line, current):
                pos = self._open_question(pos)
                mode, lead_in, bullets_since_lead_in = "narrative", "", 0
                continue
            pos += 1
            if current is None:
                self._warnings.append(f"text before the first question ignored: '{line.text[:60]}'")
                continue
            kind = line.kind
            if kind is Kind.GRADE and current.grade is None and not current.paragraphs:
                current.grade, current.grade_source = line.grade, STATED
            elif kind is Kind.UNGRADED:
                current.declared_ungraded = True
            elif self._repeats_question(line, current):
                continue  # 2014 pages repeat the question as a sub-heading
            elif kind is Kind.IMPROVEMENT_AREAS:
                mode, bullets_since_lead_in = "areas", 0
            elif kind is Kind.CAUSES:
                mode = "causes"
            elif kind is Kind.RECOMMENDATIONS:
                mode, lead_in, bullets_since_lead_in = "recommendations", "", 0
            elif kind is Kind.PRACTICE:
                mode = "practice"
            elif mode == "practice" and kind in (Kind.BULLET, Kind.TEXT):
                _add_practice(current, line)
            elif mode == "areas" and (
                kind is Kind.BULLET or (" should " in line.text and (
                    bullets_since_lead_in == 0 or _unmarked_list_item(current, line)))
            ):
                current.findings.append(Finding(AREA_FOR_IMPROVEMENT, line.text))
                bullets_since_lead_in += 1
            elif mode == "causes" and kind in (Kind.BULLET, Kind.TEXT):
                current.findings.append(Finding(CAUSE_OF_CONCERN, line.text))
            elif mode == "recommendations" and kind is Kind.TEXT and line.text.endswith(":"):
                if _NATIONAL.search(line.text):
                    mode = "national"  # the inspectorate's advice to every force, not a finding
                    current.paragraphs.append(line.text)
                else:
                    lead_in, bullets_since_lead_in = line.text, 0
            elif mode == "recommendations" and kind is Kind.BULLET:
                current.findings.append(Finding(RECOMMENDATION, line.text, lead_in))
                bullets_since_lead_in += 1
            elif mode == "recommendations" and kind is Kind.TEXT and not bullets_since_lead_in:
                current.findings.append(Finding(RECOMMENDATION, line.text))
            else:
                if kind is not Kind.BULLET or mode not in ("national", "narrative"):
                    mode = "narrative"
                current.paragraphs.append(_paragraph(line))

    def _numbered_by_framework(self, questions: tuple[Question, ...], pillar: str
                               ) -> tuple[Question, ...]:
        """A page that prints no numbers and leaves a question out (a carried-over one):
        each question's number comes from its place in the cycle's framework, found by its
        wording, so the first one listed may be Q2."""
        order = question_order(self._cycle, pillar)
        if self._numbered or not order or not questions:
            return questions
        places = [order.index(q.key) if q.key in order else -1 for q in questions]
        if -1 in places or places != sorted(set(places)):
            return questions
        numbers = [place + 1 for place in places]
        if numbers == [q.number for q in questions]:
            return questions
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        self._warnings.append("question numbers from the PEEL framework: this copy leaves "
                              "out question " + ", ".join(map(str, missing)))
        return tuple(dataclasses.replace(q, number=n)
                     for q, n in zip(questions, numbers, strict=True))

    def _repeats_question(self, line: Line, current: _OpenQuestion | None) -> bool:
        return (
            current is not None
            and line.kind is Kind.TEXT
            and not current.paragraphs
            and L.same_text(line.text, current.text)
        )

    def _open_question(self, pos: int) -> int:
        line = self._body[pos]
        if line.kind is Kind.NUMBERED_QUESTION:
            number, text, pos = line.number, line.text, pos + 1
        elif line.kind is Kind.NUMBER:
            number, text, pos = line.number, self._next_text(pos), pos + 2
        else:
            number, text, pos = len(self._questions) + 1, line.text, pos + 1
        self._questions.append(_OpenQuestion(number, text))
        return pos

    def _finish(self, q: _OpenQuestion, pillar: str) -> Question:
        narrative = "\n\n".join(q.paragraphs)
        grade, source, carried = q.grade, q.grade_source, False
        if says_carried_over(narrative):
            carried = True  # a grade line, if printed, is the grade carried over
            if grade is None:
                grade = grade_in_prose(narrative)
                source = CARRIED if grade else None
        elif (
            grade is None
            and not q.declared_ungraded
            and not says_not_graded(narrative)
            and q.paragraphs
            and not question_is_ungraded_kind(pillar, q.text)
        ):
            grade = grade_in_prose(q.paragraphs[0])
            if grade is not None:
                source = PROSE
                self._warnings.append(f"question {q.number}: grade read from the narrative")
        topic = topic_of_question(pillar, q.text)
        never_graded = question_is_ungraded_kind(pillar, q.text) or (
            topic is not None and not topic.is_graded(self._cycle))
        return Question(
            number=q.number,
            text=q.text,
            grade=grade,
            grade_source=source,
            carried_over=carried,
            narrative=narrative,
            findings=tuple(q.findings),
            key=topic.key if topic else None,
            graded=grade is not None or not never_graded,
        )


def _add_practice(current: _OpenQuestion, line: Line) -> None:
    """Notable practice: a short title, then the paragraphs that describe it."""
    findings = current.findings
    is_title = line.kind is Kind.BULLET or (len(line.text) <= 150
                                             and not line.text.endswith((".", ":")))
    if is_title or not findings or findings[-1].kind != PRACTICE:
        findings.append(Finding(PRACTICE, line.text))
    else:
        last = findings[-1]
        detail = f"{last.detail}\n\n{line.text}" if last.detail else line.text
        findings[-1] = Finding(PRACTICE, last.text, last.lead_in, detail)


def _rejoin_wrapped(lines: list[Line | None]) -> list[Line]:
    """A copy with line breaks inside its paragraphs (hard-wrapped by an editor or a mail
    program): a line that stops mid-sentence and the next line, with no blank line between
    and going on in lower case, are one paragraph, so a question wrapped over two lines is
    still one question. Blank lines (None) are dropped."""
    joined: list[Line] = []
    adjacent = False  # the line before was not blank
    for line in lines:
        if line is None:
            adjacent = False
            continue
        before = joined[-1] if joined and adjacent else None
        adjacent = True
        if (before is not None and line.kind is Kind.TEXT
                and before.kind in (Kind.TEXT, Kind.BULLET)
                and not before.text.endswith((".", "?", "!", ":", ";"))
                and (line.text[:1].islower() or _goes_on(before.text)
                     # A long plain line that stops mid-sentence goes on, unless a
                     # question starts next (a label or heading is short anyway).
                     or (before.kind is Kind.TEXT and len(before.text) >= 50
                         and not L.looks_like_question(line.text)))):
            text = f"{before.text} {line.text}"
            joined[-1] = (Line(before.kind, text) if before.kind is Kind.BULLET
                          else L.classify(text))
        else:
            joined.append(line)
    return joined


_GOES_ON = frozenset(("a", "an", "and", "as", "at", "by", "for", "from", "in", "into",
                      "namely", "of", "on", "or", "that", "the", "their", "to", "with"))


def _goes_on(text: str) -> bool:
    """A line that cannot end a paragraph: it stops at a comma or on a word like "and"."""
    return text.endswith(",") or text.rsplit(" ", 1)[-1].lower() in _GOES_ON


def _unmarked_list_item(current: _OpenQuestion, line: Line) -> bool:
    """Another "The force should …" straight after an area for improvement: a list item
    whose bullet a browser's PDF did not print."""
    return (line.kind is Kind.TEXT and bool(current.findings)
            and current.findings[-1].kind == AREA_FOR_IMPROVEMENT)


def _kind_at(body: list[Line], pos: int) -> Kind | None:
    return body[pos].kind if pos < len(body) else None


def _is_headline(text: str) -> bool:
    return text.endswith("?") or (
        len(text) <= 160 and not text.endswith(".") and pillar_in_headline(text) is not None
    )


def _paragraph(line: Line) -> str:
    return f"• {line.text}" if line.kind is Kind.BULLET else line.text
