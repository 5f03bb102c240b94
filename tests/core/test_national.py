"""The national picture: grade counts per question or area, and sentences about one force that
are checked here against counts made straight from the library's tables."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from peelviewer.core.forces import FORCES, find_force, force_by_id
from peelviewer.core.framework import topic
from peelviewer.core.grid import ALL_PILLARS, PILLAR_GRADE
from peelviewer.core.model import Grade
from peelviewer.core.national import national_picture, number_word, statements
from peelviewer.core.store import Store
from tests.workbench_data import MODERN_KEYS, fill, modern_report, pillar_report

WORDS = {number_word(n): n for n in range(11)} | {"none": 0}
FOUR = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
FIVE = [Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE]
CASES = [("2016", "legitimacy"), ("2017", "legitimacy"), ("2023-25", "force")]


@pytest.fixture
def store(workbench_store):
    return workbench_store


def add(store, report):
    store.add_report(report, sha256=report.key + "-extra", file_name="extra.txt", kind="txt",
                     size=1)


def number(word: str) -> int:
    return WORDS[word] if word in WORDS else int(word)


class Truth:
    """The library's grades read with SQL of the test's own: {column name: {force: grade}}."""

    def __init__(self, store, cycle: str, section: str):
        self.cycle, self.section = cycle, section
        self.columns: dict[str, dict[str, Grade | None]] = {}
        self.forces: set[str] = set()
        self.notes: dict[tuple[str, str], str] = {}
        if section == ALL_PILLARS:  # a column per pillar, of the reports' overall grades
            for force_id, pillar, grade, source in store.db.execute(
                    "select force_id, section, grade, grade_source from reports "
                    "where cycle = ?", [cycle]):
                self.forces.add(force_id)
                self.columns.setdefault(pillar, {})[force_id] = (
                    Grade.from_label(grade) if grade else None)
                self._note(pillar, force_id, grade, source, False)
            return
        rows = store.db.execute(
            "select r.force_id, r.grade, r.grade_source, q.number, q.key, q.grade, "
            "q.grade_source, "
            "q.carried_over from reports r left join questions q on q.report_id = r.id "
            "where r.cycle = ? and r.section = ?", [cycle, section]).fetchall()
        for force_id, overall, overall_source, number_, key, grade, source, carried in rows:
            self.forces.add(force_id)
            if section != "force":
                self.columns.setdefault(f"{section} overall", {})[force_id] = (
                    Grade.from_label(overall) if overall else None)
                self._note(f"{section} overall", force_id, overall, overall_source, False)
            if number_ is not None:
                name = topic(key).short if topic(key) else f"question {number_}"
                self.columns.setdefault(name, {})[force_id] = (
                    Grade.from_label(grade) if grade else None)
                self._note(name, force_id, grade, source, carried)
        self.columns = {name: grades for name, grades in self.columns.items()
                        if any(grades.values())}

    def grade(self, column: str, force_id: str) -> Grade | None:
        return self.columns[column].get(force_id)

    def _note(self, column: str, force_id: str, grade, source, carried) -> None:
        if grade and (carried or source == "carried"):
            self.notes[column, force_id] = "carried over"
        elif grade and source == "prose":
            self.notes[column, force_id] = "read from the text"

    def note(self, column: str, force_id: str) -> str | None:
        return self.notes.get((column, force_id))

    def count(self, column: str, grade: Grade) -> int:
        return sum(1 for g in self.columns[column].values() if g == grade)

    def graded(self, column: str) -> list[Grade]:
        return [g for g in self.columns[column].values() if g is not None]

    def across(self, force_id: str) -> list[Grade]:
        """A force's grades for every question or area, overall grades left out."""
        return [grades[force_id] for name, grades in self.columns.items()
                if not name.endswith(" overall") and grades.get(force_id) is not None]


LIBRARY = r"(?: in the library)?"
SHARE = re.compile(r"(.+?) is (?:the only force|one of (\w+) forces)( in the library)? "
                   r"(graded|with) (.+)\.")
COMMON = re.compile(r"(.+?)'s grade for (.+), ([a-z ]+), is (.+) \((\w+) forces?(?: each)?\)\.")
BETTER = re.compile(r"Of the other forces" + LIBRARY + r" graded for (.+), (\w+) had a better "
                    r"grade and (\w+) a worse one\.")
SAME = re.compile(r"Every force" + LIBRARY + r" graded for (.+) had the same grade, "
                  r"([a-z ]+)\.")
OTHERS = re.compile(r"(\w+) other forces? ha(?:s|ve) no grade for (.+) in the library\.")
NO_GRADE = re.compile(r"The library holds no grade for (.+?) for (.+?)(?:: [^()]+)?\.")
NO_PILLAR = re.compile(r"The library holds no PEEL (\S+) (\w+) report for (.+)\.")
OUTSTANDING = re.compile(r"(.+?) has (\w+) outstanding grades? (?:for|in) .+?"
                         r"(?:; (\w+) forces?( in the library)? ha(?:s|ve) (more|at least one)"
                         r"|; no force( in the library)? has more, and (\w+) other forces? "
                         r"ha(?:s|ve) as many|, (more than any other force)( in the library)?)\.")
NO_OUTSTANDING = re.compile(r"No force( in the library)? has an outstanding grade .+\.")
NOTE = re.compile(r"(.+?)(?: \((carried over|read from the text)\))?")


def check(sentence: str, truth: Truth, force_id: str) -> None:
    """Assert one sentence is true of the library, or fail on a form the test does not know."""
    if match := SHARE.fullmatch(sentence):
        name, count, library, kind, rest = match.groups()
        assert find_force(name).id == force_id
        assert bool(library) == (len(truth.forces) < len(FORCES))
        count = number(count) if count else 1
        if kind == "graded":
            said, column = rest.split(" for ", 1)
            grade_word, note = NOTE.fullmatch(said).groups()
            grade = Grade.from_label(grade_word)
            assert truth.grade(column, force_id) == grade
            assert truth.note(column, force_id) == note
            assert truth.count(column, grade) == count
            return
        grades = {f: truth.across(f) for f in truth.forces}
        grades = {f: found for f, found in grades.items() if found}
        if rest.startswith("no requires-improvement or inadequate grade"):
            def fits(found):
                return not set(found) & {Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE}
        elif rest.startswith("at least one inadequate grade"):
            def fits(found):
                return Grade.INADEQUATE in found
        else:
            assert rest.startswith("at least one requires-improvement grade and none inadequate")

            def fits(found):
                return Grade.REQUIRES_IMPROVEMENT in found and Grade.INADEQUATE not in found
        assert fits(grades[force_id])
        assert sum(1 for found in grades.values() if fits(found)) == count
    elif match := COMMON.fullmatch(sentence):
        name, column, grade_word, relation, top = match.groups()
        grade = Grade.from_label(grade_word)
        assert truth.grade(column, force_id) == grade
        counts = Counter(truth.graded(column))
        most = max(counts.values())
        assert number(top) == most > 1
        common = {g for g, n in counts.items() if n == most}
        if relation == "the most common one":
            assert common == {grade}
        elif relation.startswith("one of the"):
            assert grade in common
            assert len(common) == number(relation.split()[3]) > 1
        elif relation.startswith("better than"):
            assert all(grade > g for g in common)
        elif relation.startswith("worse than"):
            assert all(grade < g for g in common)
        else:
            assert relation.startswith("not among")
            assert grade not in common
        named = {Grade.from_label(w) for w in re.split(r", | and ", relation.split(", ", 1)[-1])}
        if not relation.startswith(("the most", "one of")):
            assert named == common
    elif match := BETTER.fullmatch(sentence):
        column, better, worse = match.groups()
        grade = truth.grade(column, force_id)
        graded = truth.graded(column)
        assert number(better) == sum(1 for g in graded if g > grade)
        assert number(worse) == sum(1 for g in graded if g < grade)
    elif match := SAME.fullmatch(sentence):
        column, grade_word = match.groups()
        assert set(truth.graded(column)) == {Grade.from_label(grade_word)}
    elif match := OTHERS.fullmatch(sentence):
        count, column = match.groups()
        missing = [f for f in truth.forces if truth.columns[column].get(f) is None]
        assert number(count.lower()) == len([f for f in missing if f != force_id]) > 0
    elif match := NO_GRADE.fullmatch(sentence):
        name, column = match.groups()
        assert find_force(name).id == force_id
        assert truth.grade(column, force_id) is None
    elif match := NO_PILLAR.fullmatch(sentence):
        cycle, pillar, name = match.groups()
        assert (cycle, truth.section) == (truth.cycle, ALL_PILLARS)
        assert find_force(name).id == force_id
        assert force_id not in truth.columns[pillar]
    elif match := NO_OUTSTANDING.fullmatch(sentence):
        assert (match.group(1) is None) == (len(truth.forces) == len(FORCES))
        assert not any(Grade.OUTSTANDING in truth.across(f) for f in truth.forces)
    elif match := OUTSTANDING.fullmatch(sentence):
        name, mine, count, more_lib, kind, same_lib, same, alone, alone_lib = match.groups()
        assert find_force(name).id == force_id
        library = more_lib or same_lib or alone_lib
        assert (library is None) == (len(truth.forces) == len(FORCES))
        counts = {f: truth.across(f).count(Grade.OUTSTANDING) for f in truth.forces
                  if truth.across(f)}
        mine = number(mine)
        assert counts[force_id] == mine
        if kind == "at least one":
            assert mine == 0
            assert number(count) == sum(1 for n in counts.values() if n)
        elif kind == "more":
            assert number(count) == sum(1 for n in counts.values() if n > mine)
        elif same:
            assert not any(n > mine for n in counts.values())
            assert number(same) == sum(1 for f, n in counts.items() if n == mine) - 1
        else:
            assert alone
            assert all(n < mine for f, n in counts.items() if f != force_id)
    else:
        pytest.fail(f"a sentence the test cannot check: {sentence!r}")


def check_all(store, cycle, section):
    """Every sentence for every force in the library, for every column and for none."""
    picture = national_picture(store, cycle, section)
    truth = Truth(store, cycle, section)
    checked = 0
    for force_id in picture.forces:
        for column in (None, *(bar.key for bar in picture.bars)):
            sentences = statements(picture, force_id, column)
            assert sentences
            for sentence in sentences:
                check(sentence, truth, force_id)
                checked += 1
    return checked


# Counts


@pytest.mark.parametrize(("cycle", "section"), CASES)
def test_counts_match_the_library(store, cycle, section):
    picture = national_picture(store, cycle, section)
    truth = Truth(store, cycle, section)
    assert {bar.name for bar in picture.bars} == set(truth.columns)
    for bar in picture.bars:
        for grade in picture.grades:
            assert bar.counts[grade] == truth.count(bar.name, grade)
            assert set(bar.forces[grade]) == {
                f for f, g in truth.columns[bar.name].items() if g == grade}
    assert set(picture.forces) == truth.forces == set(
        ("kent", "essex", "surrey", "sussex", "hampshire"))


def test_the_scale_decides_the_segments_zeros_included(store):
    old = national_picture(store, "2016", "legitimacy")
    assert old.grades == tuple(FOUR)
    assert old.scale == 4
    for bar in old.bars:
        assert list(bar.counts) == FOUR
        assert list(bar.forces) == FOUR
    assert old.bar(1).counts == {Grade.OUTSTANDING: 0, Grade.GOOD: 5,
                                 Grade.REQUIRES_IMPROVEMENT: 0, Grade.INADEQUATE: 0}
    modern = national_picture(store, "2023-25", "force")
    assert modern.grades == tuple(FIVE)
    assert modern.scale == 5
    for bar in modern.bars:
        assert list(bar.counts) == FIVE
        assert list(bar.counts.values()) == [1, 1, 1, 1, 1]  # the fixture's grades rotate


def test_forces_are_listed_by_name(store):
    picture = national_picture(store, "2016", "legitimacy")
    names = [force_by_id(f).name for f in picture.forces]
    assert names == sorted(names)
    for bar in picture.bars:
        for forces in bar.forces.values():
            assert [force_by_id(f).name for f in forces] == sorted(
                force_by_id(f).name for f in forces)


def test_pillar_cycles_have_an_overall_bar_and_modern_cycles_none(store):
    old = national_picture(store, "2017", "legitimacy")
    overall = old.bars[-1]
    assert (overall.key, overall.label, overall.overall) == (PILLAR_GRADE, "Overall", True)
    assert overall.grade_of("kent") == Grade.REQUIRES_IMPROVEMENT
    assert [bar.label for bar in old.bars[:3]] == [
        "Q1 Treatment of the public", "Q2 Ethical and lawful behaviour",
        "Q3 Developing a positive workplace"]
    modern = national_picture(store, "2023-25", "force")
    assert not any(bar.overall for bar in modern.bars)
    assert {bar.label for bar in modern.bars} == {topic(k).short for k in MODERN_KEYS}


def test_every_pillar_of_a_cycle(store):
    picture = national_picture(store, "2016", ALL_PILLARS)
    assert [bar.key for bar in picture.bars] == ["legitimacy"]
    assert picture.bars[0].counts[Grade.INADEQUATE] == 2  # Kent and Hampshire: min of grades
    assert check_all(store, "2016", ALL_PILLARS)


def test_titles(store):
    assert national_picture(store, "2023-25", "force").title == (
        "PEEL 2023-25, areas of policing: five forces in the library")
    assert national_picture(store, "2016", "legitimacy").title == (
        "PEEL 2016, legitimacy: five forces in the library")


def test_a_cycle_with_no_reports(store):
    picture = national_picture(store, "2021/22", "force")
    assert picture.bars == ()
    assert picture.forces == ()
    assert statements(picture, "kent") == ["The library holds no PEEL 2021/22 report for "
                                           "Kent Police."]


# Gaps: areas left out, areas never graded


@pytest.fixture
def gappy(store):
    """Dorset's 2023-25 report lacks leadership and holds victim service, never graded."""
    add(store, modern_report("dorset", "2023-25", {
        "investigating-crime": Grade.GOOD, "protecting-vulnerable": Grade.GOOD,
        "responding-to-public": Grade.OUTSTANDING, "victim-service": None}))
    return store


def test_a_force_with_no_grade_for_an_area(gappy):
    picture = national_picture(gappy, "2023-25", "force")
    assert "victim-service" not in [bar.key for bar in picture.bars]  # graded by no one
    leadership = picture.bar("leadership-management")
    assert leadership.missing == ("dorset",)  # its report lacks the area: not "not graded"
    assert leadership.ungraded == ()
    assert sum(leadership.counts.values()) + len(leadership.missing) == len(picture.forces)
    assert leadership.grade_of("dorset") is None
    said = statements(picture, "dorset", "leadership-management")
    assert said[0] == ("The library holds no grade for Dorset Police for Leadership and force "
                       "management: its report does not cover it.")
    assert not any("most common" in s for s in said[:2])
    assert "One other force" not in " ".join(said)
    others = statements(picture, "kent", "leadership-management")
    assert "One other force has no grade for Leadership and force management in the " \
           "library." in others
    assert check_all(gappy, "2023-25", "force")


def test_no_poor_grade_and_most_outstanding(gappy):
    said = statements(national_picture(gappy, "2023-25", "force"), "dorset")
    # The fixture gives each force four of the five grades: each has I or RI.
    assert ("Dorset Police is the only force in the library with no requires-improvement or "
            "inadequate grade for the areas of policing in PEEL 2023-25.") in said
    assert ("Dorset Police has one outstanding grade for the areas of policing in PEEL "
            "2023-25; no force in the library has more, and four other forces have as "
            "many.") in said


# Grades carried over or read from the text


def with_sources(report, sources: dict[str, tuple[str, bool]]):
    """The report with some areas' grades carried over or read from the text."""
    return replace(report, questions=tuple(
        replace(q, grade_source=sources[q.key][0], carried_over=sources[q.key][1], graded=True)
        if q.key in sources else q for q in report.questions))


@pytest.fixture
def marked(store):
    """Dorset: investigating crime carried over, responding read from the text, and
    leadership carried over with no grade stated."""
    add(store, with_sources(modern_report("dorset", "2023-25", {
        "investigating-crime": Grade.GOOD, "protecting-vulnerable": Grade.GOOD,
        "responding-to-public": Grade.OUTSTANDING, "leadership-management": None}), {
        "investigating-crime": ("carried", True), "responding-to-public": ("prose", False),
        "leadership-management": ("carried", True)}))
    return store


def test_carried_over_and_read_grades_are_said_so(marked):
    picture = national_picture(marked, "2023-25", "force")
    crime = picture.bar("investigating-crime")
    assert crime.notes == {"dorset": "carried over"}
    assert picture.bar("responding-to-public").notes == {"dorset": "read from the text"}
    assert statements(picture, "dorset", "investigating-crime")[0] == (
        "Dorset Police is one of two forces in the library graded good (carried over) for "
        "Investigating crime.")
    everything = statements(picture, "dorset")
    assert ("Dorset Police is one of two forces in the library graded outstanding (read from "
            "the text) for Responding to the public.") in everything
    assert not any("graded good for Investigating crime" in s for s in everything)
    assert check_all(marked, "2023-25", "force")


def test_no_brackets_inside_brackets(marked):
    picture = national_picture(marked, "2023-25", "force")
    said = statements(picture, "dorset", "leadership-management")
    assert said[0] == ("The library holds no grade for Dorset Police for Leadership and force "
                       "management: it was carried over from an earlier inspection without "
                       "its grade.")
    for force_id in picture.forces:
        for column in (None, *(bar.key for bar in picture.bars)):
            for sentence in statements(picture, force_id, column):
                assert not re.search(r"\([^)]*\(", sentence), sentence


def test_every_pillar_says_a_pillar_report_is_missing(store):
    """Only Kent has a 2016 effectiveness report: the others have none in the library, which
    is not the same as a report that leaves something out."""
    add(store, pillar_report("kent", "2016", "effectiveness", [Grade.GOOD, Grade.GOOD]))
    picture = national_picture(store, "2016", ALL_PILLARS)
    effectiveness = picture.bar("effectiveness")
    assert set(effectiveness.missing) == {"essex", "surrey", "sussex", "hampshire"}
    assert effectiveness.why["essex"] == "no effectiveness report in the library"
    said = statements(picture, "essex")
    assert "The library holds no PEEL 2016 effectiveness report for Essex Police." in said
    assert not any("not in this force's report" in s for s in said)
    assert check_all(store, "2016", ALL_PILLARS)


# Sentences, checked against the library


@pytest.mark.parametrize(("cycle", "section"), CASES)
def test_every_sentence_is_true(store, cycle, section):
    assert check_all(store, cycle, section) > 50


def test_the_sentences_a_reader_sees(store):
    picture = national_picture(store, "2017", "legitimacy")
    # The scope ("in the library") is said inside each sentence, not as a repeated opening,
    # so a sentence copied on its own stays true.
    assert statements(picture, "kent", 1) == [
        "Kent Police is the only force in the library graded requires improvement for "
        "Treatment of the public.",
        "Kent Police's grade for Treatment of the public, requires improvement, is worse than "
        "the most common one, good (four forces).",
        "Of the other forces in the library graded for Treatment of the public, four had a "
        "better grade and none a worse one.",
        "Kent Police is one of two forces in the library graded requires improvement for "
        "legitimacy overall.",
        "Kent Police is one of two forces in the library with at least one "
        "requires-improvement grade and none inadequate for the legitimacy questions of "
        "PEEL 2017.",
        "Kent Police has no outstanding grade for the legitimacy questions of PEEL 2017; one "
        "force in the library has at least one.",
    ]
    assert not any(s.startswith("Of the five forces") for s in statements(picture, "kent"))


def test_a_whole_library_needs_no_caveat(tmp_path):
    store = Store.open(tmp_path / "all.peeldb")
    fill(store, forces=tuple(f.id for f in FORCES))
    picture = national_picture(store, "2016", "legitimacy")
    assert picture.complete
    assert picture.title == "PEEL 2016, legitimacy: 43 forces in the library"
    said = statements(picture, "kent", 3)
    # The fixture grades Q3 by each force's place in the list: I, RI, G, O, I, RI, ...
    place = [f.id for f in FORCES].index("kent")
    rotation = ["inadequate", "requires improvement", "good", "outstanding"]
    alike = len(range(place % 4, len(FORCES), 4))
    assert said[0] == (f"Kent Police is one of {alike} forces graded {rotation[place % 4]} "
                       "for Developing a positive workplace.")
    assert not any("in the library" in s for s in said if "no grade" not in s)
    assert check_all(store, "2016", "legitimacy")
    assert check_all(store, "2023-25", "force")
    store.close()


def test_the_only_force_in_the_library(tmp_path):
    store = Store.open(tmp_path / "one.peeldb")
    fill(store, forces=("kent",))
    picture = national_picture(store, "2023-25", "force")
    said = statements(picture, "kent", "investigating-crime")
    assert said[0] == ("Kent Police is the only force with a PEEL 2023-25 report in the "
                       "library, so there is no other force to compare it with.")
    assert "Kent Police was graded inadequate for Investigating crime." in said
    assert not any("one of" in s for s in said)
    store.close()


def test_a_tie_for_the_most_common_grade(store):
    picture = national_picture(store, "2017", "legitimacy")
    # Q2 of 2017: Kent I, Essex G, Surrey O, Sussex RI... (FOUR rotates): one each but RI twice
    bar = picture.bar(2)
    top = max(bar.counts.values())
    for force_id in picture.forces:
        said = statements(picture, force_id, 2)
        common = [s for s in said if "most common" in s]
        assert len(common) == (1 if top > 1 else 0)
    assert check_all(store, "2017", "legitimacy")
