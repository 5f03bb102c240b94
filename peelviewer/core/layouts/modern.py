"""PEEL 2021/22 onwards: one report per force, graded by areas of policing on five grades.

The page opens with an overall summary and the "Our judgments" table, then the HM
Inspector's summary, then a section per area. Every grade is taken from where the page
states it (table, the section's grade line, its grade sentence); when they disagree the
table wins and the reader is warned. A copy that stops after the table imports with what
it states.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from peelviewer.core.forces import force_by_id, force_names
from peelviewer.core.framework import Topic, topic
from peelviewer.core.layouts import modern_lines as M
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    PRACTICE,
    PROSE,
    RECOMMENDATION,
    STATED,
    TABLE,
    Finding,
    Grade,
    Question,
    Report,
)
from peelviewer.core.prose import grade_in_prose

_LEAD_IN = re.compile(
    r"\b(?:in|across)\s+(?P<areas>\w+)\s+areas\s+of\s+policing\b"
    r"(?:.*?\bjudge?ments?\s+in\s+(?P<graded>\w+)\s+of\s+these\b)?", re.I)
_VICTIMS = re.compile(r"\bservice\b.{0,40}\bvictims of crime\b.{0,200}?\b(?:don.t|do not)\b"
                      r".{0,20}\bgraded judge?ment\b", re.I)
_NUMBER_WORDS = {word: index for index, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen"))}
_STATEMENT_VERB = re.compile(r"\b(?:should|needs? to|must|has to|have to)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# A sentence about an earlier inspection grades that one, not this ("In our 2021/22
# inspection, the force was inadequate at …"; "we changed this grade from adequate").
_EARLIER = re.compile(r"\b(?:19|20)\d\d\b|\b(?:last|previous|earlier|initial)\s+"
                      r"(?:inspection|judge?ment|grade|year)|\bchanged\s+this\s+grade\b", re.I)
_PAGE_HEADER_TITLE = re.compile(r"^PEEL(?:\s+assessment)?\s+20\d\d(?:\s*[/–-]\s*\d{2,4})?$",
                                re.I)


class ModernLayout:
    name = "areas of policing (2021/22 onwards)"

    def score(self, text: str) -> float:
        return 1.0 if M.find_title(text.split("\n", 400)) is not None else 0.0

    def parse(self, text: str) -> list[Report]:
        raw = text.split("\n")
        titles = _titles(raw)
        if not titles:
            raise ParseError("not a PEEL report page: no 'PEEL 2023–2025: An inspection of "
                             "X' title found")
        reports = []
        for index, title in enumerate(titles):
            stop = titles[index + 1].line if index + 1 < len(titles) else len(raw)
            body = [line for line in map(M.classify, raw[title.line + 1: stop])
                    if line is not None and line.kind != M.DROP
                    and not _PAGE_HEADER_TITLE.match(line.text) and line.text != title.text]
            try:
                reports.append(_Parser(title, body).parse())
            except ParseError:
                if not reports:
                    raise
                # Another report's title with nothing after it: a link, not a report.
                last = reports[-1]
                reports[-1] = dataclasses.replace(last, warnings=(
                    *last.warnings, f"'{title.text}' later on the page is a link to another "
                    "report; ignored"))
        return reports


def _titles(raw: list[str]) -> list[M.Title]:
    """The title of each report the text holds: two pages pasted into one file give two.
    The same report's title again (a PDF's running header) is not a new report."""
    titles: list[M.Title] = []
    start = 0
    while start < len(raw):
        found = M.find_title(raw[start:], limit=len(raw))
        if found is None:
            break
        title = dataclasses.replace(found, line=found.line + start)
        if not titles or (title.force, title.cycle) != (titles[-1].force, titles[-1].cycle):
            titles.append(title)
        start = title.line + 1
    return titles


LAYOUT = ModernLayout()


@dataclass
class _TableEntry:
    name: str
    topic: Topic | None
    grade: Grade | None = None
    stated: bool = False  # the table gives a grade (or "not yet graded") for it


@dataclass
class _Section:
    name: str
    topic: Topic | None
    line_grade: Grade | None = None
    line_stated: bool = False
    paragraphs: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)  # paragraphs that may state the grade
    findings: list[Finding] = field(default_factory=list)


class _Parser:
    def __init__(self, title: M.Title, body: list[M.ModernLine]):
        self._title = title
        self._force = title.force
        self._cycle = title.cycle
        self._body = body
        self._warnings: list[str] = []
        self._tables: list[list[M.ModernLine]] = []
        self._table_labels: list[str] = []
        self._summary: list[str] = []
        self._sections: list[_Section] = []
        self._published = self._updated = None
        self._victims_ungraded = False
        self._lead_in_counts: tuple[int | None, int | None] | None = None
        self._previous: dict[str, Grade | None] = {}  # grades of earlier judgment tables
        self._unknown_names: set[str] = set()  # areas a table names that the framework lacks

    # Reading

    def parse(self) -> Report:
        pos = self._read_front()
        self._read_sections(pos)
        table = self._table_entries()
        questions = self._questions(table)
        if not questions:
            raise ParseError("no areas of policing found: neither an 'Our judgments' table "
                             "nor a section per area")
        self._check_lead_in(questions)
        if self._published is None and self._updated is None:
            self._warnings.append("no publication or 'Last updated' date")
        return Report(
            force_id=self._force.id, cycle=self._cycle, pillar=None,
            headline=f"An inspection of {self._force.name}",
            last_updated=self._updated, published=self._published,
            summary="\n\n".join(self._summary), questions=tuple(questions),
            warnings=tuple(self._warnings),
        )

    def _read_front(self) -> int:
        """Summary, dates and the judgments table(s), up to the first area section."""
        body = self._body
        table_open = False
        current: list[M.ModernLine] | None = None
        for pos, line in enumerate(body):
            kind = line.kind
            if self._heads_section(pos, line, table_open=table_open):
                return pos
            # An "area<TAB>grade" row is a judgments table wherever it stands.
            in_table = kind == M.ROW or (table_open and (
                kind in (M.GRADE, M.TABLE_HEADER)
                or (kind == M.AREA and self._table_continues(pos, current))))
            if not in_table and self._opens_section(pos) and (
                    kind == M.AREA or self._names_unknown_area(line)):
                return pos
            if kind == M.HEADING and line.heading == M.JUDGMENTS:
                table_open, current = True, None
                continue
            if kind == M.LABEL:
                table_open, current = True, None
                self._table_labels.append(line.text)
                continue
            if in_table:
                if current is None:
                    current = []
                    self._tables.append(current)
                current.append(line)
                if kind == M.ROW and line.topic is None:
                    self._unknown_names.add(M.heading_key(line.name))
                continue
            if kind == M.TEXT and _LEAD_IN.search(line.text):
                self._read_lead_in(line.text)
                table_open, current = True, None
            elif current:  # anything else ends a table that has rows
                table_open, current = False, None
            if kind == M.HEADING and line.heading in (M.INSPECTOR, M.CONTEXT):
                table_open = False
            self._read_front_line(line)
        return len(body)

    def _heads_section(self, pos: int, line: M.ModernLine, *, table_open: bool) -> bool:
        """"Investigating crime: Adequate" above its text, outside a judgments table: a
        section heading that carries its grade."""
        return (line.kind == M.ROW and line.topic is not None and not table_open
                and self._opens_section(pos))

    def _names_unknown_area(self, line: M.ModernLine) -> bool:
        """A heading the framework does not know, named as an area by a table row."""
        return (bool(self._unknown_names) and line.kind == M.TEXT
                and M.heading_key(line.text) in self._unknown_names)

    def _read_front_line(self, line: M.ModernLine) -> None:
        if line.kind == M.PUBLISHED:
            self._published = self._published or line.date
        elif line.kind == M.UPDATED:
            self._updated = self._updated or line.date
        elif line.kind == M.TEXT:  # area names alone up here are a contents list
            if len(line.text) < 1000 and _VICTIMS.search(line.text):
                self._victims_ungraded = True
            self._summary.append(line.text)
        elif line.kind == M.BULLET:
            self._summary.append(f"• {line.text}")

    def _table_continues(self, pos: int, current: list[M.ModernLine] | None) -> bool:
        """An area line is a table cell (not a section heading) when a grade or another
        area comes next, or when it ends a table of grade-column headers."""
        after = self._next(pos)
        if after is not None and after.kind in (M.GRADE, M.AREA, M.ROW, M.LABEL):
            return True
        return bool(current) and current[0].kind == M.GRADE

    def _next(self, pos: int) -> M.ModernLine | None:
        return self._body[pos + 1] if pos + 1 < len(self._body) else None

    def _opens_section(self, pos: int) -> bool:
        """An area heading followed by its text; a run of area names is a contents list."""
        line = self._body[pos]
        if any(section.topic is not None and section.topic is line.topic
               for section in self._sections):
            return False  # a sub-heading naming an area already read
        if pos and self._body[pos - 1].kind == M.AREA and self._body[pos - 1].topic:
            return False  # the end of a run of area names: a contents list
        after = self._next(pos)
        if (after is not None and after.kind == M.TABLE_HEADER and pos + 2 < len(self._body)
                and self._body[pos + 2].kind == M.GRADE):
            return True  # heading, a "Grade" label, the grade
        return after is not None and (
            after.kind in (M.TEXT, M.BULLET, M.GRADE)
            or (after.kind == M.HEADING and after.heading in (
                M.MAIN, M.IMPROVE, M.CONCERN, M.RECOMMEND, M.PRACTICE))
        )

    def _read_lead_in(self, text: str) -> None:
        found = _LEAD_IN.search(text)
        self._lead_in_counts = (_count(found["areas"]), _count(found["graded"]))

    def _read_sections(self, pos: int) -> None:
        body = self._body
        section: _Section | None = None
        reader: _SectionReader | None = None
        while pos < len(body):
            line = body[pos]
            if (line.kind == M.AREA or self._names_unknown_area(line)
                    or self._heads_section(pos, line, table_open=False)) and (
                    self._opens_section(pos)):
                section = _Section(line.name or line.text, line.topic)
                if line.kind == M.ROW:
                    section.line_grade, section.line_stated = line.grade, True
                self._sections.append(section)
                reader = _SectionReader(section, self._force.id)
            elif line.kind == M.HEADING and line.heading == M.END:
                return  # data notes after the last area
            elif reader is not None:
                reader.read(line)
            pos += 1

    # Putting together

    def _table_entries(self) -> dict[str, _TableEntry]:
        """The current judgments (the last table: a pilot force's revisit judgments come
        after its initial ones), with earlier tables' grades kept as previous grades."""
        if not self._tables:
            return {}
        tables = [_read_table(table) for table in self._tables]
        current = tables[-1]
        if len(tables) > 1:
            self._warnings.append(
                f"{len(tables)} sets of judgments ("
                + (" and ".join(self._table_labels) or "earlier and later")
                + "): the last are shown, earlier grades kept as previous grades")
            self._previous = {key: entry.grade for table in tables[:-1]
                              for key, entry in table.items() if entry.stated}
        for entry in current.values():
            if entry.topic is None:
                self._warnings.append(f"area '{entry.name}' is not in the PEEL {self._cycle} "
                                      "framework: kept under its printed name")
            elif not entry.stated:
                self._warnings.append(f"{entry.name}: the judgments table gives no grade")
        return current

    def _questions(self, table: dict[str, _TableEntry]) -> list[Question]:
        questions: list[Question] = []
        seen: set[str] = set()
        for section in self._sections:
            key = _entry_key(section.name, section.topic)
            seen.add(key)
            questions.append(self._question(len(questions) + 1, section, table.get(key)))
        missing = [entry for key, entry in table.items() if key not in seen]
        if missing and self._sections:
            self._warnings.append("no section for " + ", ".join(e.name for e in missing)
                                  + ": only the judgments table's grade is known")
        elif missing:
            self._warnings.append("a partial copy: the judgments table without the sections "
                                  "for each area")
        for entry in missing:
            seen.add(_entry_key(entry.name, entry.topic))
            questions.append(self._question(len(questions) + 1,
                                            _Section(entry.name, entry.topic), entry))
        victims = topic("victim-service")
        if self._victims_ungraded and _entry_key("", victims) not in seen:
            questions.append(Question(len(questions) + 1, victims.long, key=victims.key,
                                      graded=False))
        return questions

    def _question(self, number: int, section: _Section, entry: _TableEntry | None) -> Question:
        area = section.topic
        graded_here = area is None or area.is_graded(self._cycle)
        prose = None
        if graded_here or section.line_grade is not None:
            prose = next(filter(None, (grade_in_prose(sentence)
                                       for paragraph in section.opening
                                       for sentence in _SENTENCE.split(paragraph)
                                       if not _EARLIER.search(sentence))), None)
        candidates = [(TABLE, entry.grade) if entry is not None and entry.stated else None,
                      (STATED, section.line_grade) if section.line_stated else None,
                      (PROSE, prose) if prose is not None else None]
        stated = [c for c in candidates if c is not None]
        source, grade = stated[0] if stated else (None, None)
        others = {g for _, g in stated[1:] if g is not None}
        if grade is not None and others - {grade}:
            said = ", ".join(f"{'the grade line' if s == STATED else 'the text'} says "
                             f"{g.label}" for s, g in stated[1:] if g not in (None, grade))
            where = "judgments table" if source == TABLE else "grade line"
            self._warnings.append(f"{section.name}: the {where} says {grade.label} but {said}; "
                                  f"the {where}'s grade is kept")
        if grade is None:
            source = None
            if graded_here and not (entry is not None and entry.stated):
                self._warnings.append(f"{section.name}: no grade found on the page")
        if source == PROSE:
            self._warnings.append(f"{section.name}: grade read from the text")
        previous = self._previous.get(_entry_key(section.name, area))
        return Question(
            number=number, text=section.name, grade=grade, grade_source=source,
            narrative="\n\n".join(section.paragraphs), findings=tuple(section.findings),
            key=area.key if area else None,
            graded=grade is not None or (graded_here and not (
                entry is not None and entry.stated)),
            previous_grade=previous if previous != grade else None,
        )

    def _check_lead_in(self, questions: list[Question]) -> None:
        if not self._lead_in_counts or not self._tables:
            return
        _areas, graded = self._lead_in_counts
        found = sum(1 for q in questions if q.grade is not None)
        if graded is not None and graded != found:
            self._warnings.append(f"the report says it grades {graded} areas; "
                                  f"{found} grades were found")


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


def _entry_key(name: str, area: Topic | None) -> str:
    return area.key if area is not None else M.heading_key(name)


def _read_table(lines: list[M.ModernLine]) -> dict[str, _TableEntry]:
    """Rows ("Area<TAB>Grade"), grade headers each followed by their areas, or areas each
    followed by their grade: whichever the copy kept."""
    entries: dict[str, _TableEntry] = {}
    cells = [line for line in lines if line.kind in (M.GRADE, M.AREA)]
    headers_first = bool(cells) and cells[0].kind == M.GRADE
    column_grade: Grade | None = None
    pending: _TableEntry | None = None
    for line in lines:
        if line.kind == M.ROW:
            entries[_entry_key(line.name, line.topic)] = _TableEntry(
                line.name, line.topic, line.grade, True)
        elif line.kind == M.AREA:
            entry = _TableEntry(line.name, line.topic)
            if headers_first:
                entry.grade, entry.stated = column_grade, True
            else:
                pending = entry
            entries[_entry_key(line.name, line.topic)] = entry
        elif line.kind == M.GRADE:
            if headers_first:
                column_grade = line.grade
            elif pending is not None:
                pending.grade, pending.stated, pending = line.grade, True, None
    return entries


@functools.cache
def _statement_start(force_id: str) -> re.Pattern:
    """How a statement line of a finding begins: "The force…", "The constabulary…", or the
    force by name."""
    names = "|".join(re.escape(name) for name in force_names(force_by_id(force_id)))
    return re.compile(rf"^(?:the (?:force|constabulary|service)|{names})\b", re.I)


class _SectionReader:
    """The lines of one area's section: grade line, narrative and findings by kind."""

    def __init__(self, section: _Section, force_id: str):
        self._section = section
        self._mode = "start"
        self._open: Finding | None = None  # the finding a paragraph may explain
        self._bullets = 0
        self._lead_in = ""
        self._statement = _statement_start(force_id)

    def read(self, line: M.ModernLine) -> None:
        section, kind = self._section, line.kind
        if kind == M.GRADE and self._mode == "start" and not section.line_stated:
            # Usually first; after a note ("This section was added on …") too.
            section.line_grade, section.line_stated = line.grade, True
            return
        if kind == M.TABLE_HEADER and self._mode == "start" and not section.paragraphs:
            return  # a "Grade" label above the grade
        if kind == M.HEADING and line.heading in _FINDING_MODES:
            self._mode, self._open, self._bullets, self._lead_in = (
                _FINDING_MODES[line.heading], None, 0, "")
            return
        if kind == M.HEADING and line.heading == M.MAIN:
            self._mode = "narrative"
            return
        text = line.text
        if self._mode in ("start", "narrative") or kind not in (M.TEXT, M.BULLET, M.AREA):
            self._narrative(line)
        elif self._mode == "improve":
            self._improvement(line)
        elif self._mode == "concern":
            if kind == M.BULLET or self._open is None:
                self._add(Finding(CAUSE_OF_CONCERN, text))
            else:
                self._explain(text)
        elif self._mode == "recommend":
            self._recommendation(line)
        else:
            self._practice(line)

    def _narrative(self, line: M.ModernLine) -> None:
        section = self._section
        if line.kind == M.BULLET:
            section.paragraphs.append(f"• {line.text}")
            return
        section.paragraphs.append(line.text)
        if self._mode == "start" and len(section.opening) < 2 and not section.findings:
            section.opening.append(line.text)

    def _add(self, finding: Finding) -> None:
        self._section.findings.append(finding)
        self._open = finding

    def _explain(self, text: str) -> None:
        """The paragraph under a statement line or practice title: its detail."""
        findings = self._section.findings
        old = findings[-1]
        detail = f"{old.detail}\n\n{text}" if old.detail else text
        findings[-1] = Finding(old.kind, old.text, old.lead_in, detail)
        self._open = findings[-1]

    def _is_unmarked_item(self, line: M.ModernLine) -> bool:
        """A list item that lost its bullet glyph (a browser's PDF prints none): after a
        lead-in ending in ":", it goes on the sentence in lower case ("introduce …")."""
        return bool(self._lead_in) and line.kind == M.TEXT and (
            line.text[:1].islower() or bool(_NUMBERED_ITEM.match(line.text)))

    def _improvement(self, line: M.ModernLine) -> None:
        text = line.text
        if line.kind == M.BULLET or self._is_unmarked_item(line):
            self._bullets += 1
            self._add(Finding(AREA_FOR_IMPROVEMENT, text, self._lead_in))
        elif self._bullets:  # prose after a bulleted list is the narrative again
            self._mode = "narrative"
            self._narrative(line)
        elif text.endswith(":"):
            self._lead_in = text
        elif self._open is None or (self._open.detail and self._is_statement(text)):
            self._add(Finding(AREA_FOR_IMPROVEMENT, text))
        elif not self._open.detail:  # the paragraph that explains the statement line
            self._explain(text)
        else:
            self._mode = "narrative"
            self._narrative(line)

    def _is_statement(self, text: str) -> bool:
        return (len(text) <= 300 and bool(self._statement.match(text))
                and bool(_STATEMENT_VERB.search(text)))

    def _recommendation(self, line: M.ModernLine) -> None:
        text = line.text
        if line.kind == M.BULLET or self._is_unmarked_item(line):
            self._bullets += 1
            self._add(Finding(RECOMMENDATION, text, self._lead_in))
        elif text.endswith(":") and not self._bullets:
            self._lead_in = text
        elif not self._bullets and not self._lead_in:
            self._add(Finding(RECOMMENDATION, text))
        else:
            self._mode = "narrative"
            self._narrative(line)

    def _practice(self, line: M.ModernLine) -> None:
        text = line.text
        is_title = len(text) <= 150 and not text.endswith((".", ":"))
        if line.kind == M.BULLET or is_title or self._open is None:
            self._add(Finding(PRACTICE, text))
        else:
            self._explain(text)


_NUMBERED_ITEM = re.compile(r"^\(?\d{1,2}[.)]\s+\S")

_FINDING_MODES = {M.IMPROVE: "improve", M.CONCERN: "concern", M.RECOMMEND: "recommend",
                  M.PRACTICE: "practice"}
