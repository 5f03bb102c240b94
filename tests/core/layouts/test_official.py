"""The inspectorate's own PDF reports of 2015 to 2018/19 (text as pdfium gives it, and
printed), under the layout contract, with facts counted by hand from each fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from peelviewer.core.extract import extract_text
from peelviewer.core.layouts import official
from peelviewer.core.model import CARRIED, STATED, Grade
from peelviewer.core.parse import parse_reports
from tests.conftest import print_to_pdf
from tests.core.layouts.contract import LayoutContract

FIXTURES = Path(__file__).parents[2] / "fixtures"
OFFICIAL = FIXTURES / "official"
G, O, RI = Grade.GOOD, Grade.OUTSTANDING, Grade.REQUIRES_IMPROVEMENT  # noqa: E741 - the inspectorate's letters


class TestOfficialReportLayout(LayoutContract):
    layout = official.LAYOUT
    own_pages = tuple(sorted(OFFICIAL.glob("*.txt")))
    other_pages = (*sorted((FIXTURES / "modern").glob("*.txt")),
                   *sorted(FIXTURES.glob("201*.txt")), FIXTURES / "meeting-notes.txt")


def facts(reports):
    return [(r.force_id, r.cycle, r.pillar, r.grade,
             [(q.number, q.key, q.grade, q.grade_source, q.carried_over,
               len(q.areas_for_improvement)) for q in r.questions]) for r in reports]


LEGITIMACY_2016 = [("wiltshire", "2016", "legitimacy", G, [
    (1, "treatment-of-public", G, STATED, False, 0),
    (2, "ethical-behaviour", RI, STATED, False, 2),
    (3, "positive-workplace", G, STATED, False, 1)])]
INTEGRATED_2018 = [
    ("avon-and-somerset", "2018/19", "effectiveness", G, [
        (1, "preventing-crime", G, STATED, False, 0),
        (2, "investigating-crime", RI, STATED, False, 1),
        (3, "protecting-vulnerable", G, STATED, False, 0),
        (4, "serious-organised-crime", G, STATED, True, 0),
        (5, "specialist-capabilities", None, None, False, 0)]),
    ("avon-and-somerset", "2018/19", "efficiency", O, [
        (1, "use-of-resources", O, STATED, False, 0),
        (2, "planning-for-future", G, STATED, False, 0)]),
    ("avon-and-somerset", "2018/19", "legitimacy", G, [
        (1, "treatment-of-public", G, STATED, False, 0),
        (2, "ethical-behaviour", G, STATED, False, 0),
        (3, "positive-workplace", RI, STATED, False, 1)]),
]
CASES = [("2016-legitimacy-official.txt", LEGITIMACY_2016),
         ("2018-19-integrated-official.txt", INTEGRATED_2018)]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_official_report_gives_the_facts_counted_by_hand(name, expected):
    assert facts(parse_reports((OFFICIAL / name).read_text(encoding="utf-8"))) == expected


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_printed_official_report_gives_the_same_facts(qapp, tmp_path, name, expected):
    # Blocks stand apart on a printed page, as headings and paragraphs do in the report.
    spaced = "\n\n".join((OFFICIAL / name).read_text(encoding="utf-8").splitlines())
    pdf = print_to_pdf(spaced, tmp_path / "r.pdf", point_size=11)
    assert facts(parse_reports(extract_text(pdf.read_bytes()).text)) == expected


def test_the_contents_and_the_data_annex_are_not_report_text():
    [report] = parse_reports((OFFICIAL / "2016-legitimacy-official.txt").read_text())
    everything = report.summary + " ".join(q.narrative for q in report.questions)
    assert ".........." not in everything
    assert "Figures in this report are taken" not in everything
    assert "www." not in report.summary


def test_last_years_grade_beside_this_years_is_not_this_years():
    reports = parse_reports((OFFICIAL / "2018-19-integrated-official.txt").read_text())
    preventing = reports[0].questions[0]
    assert preventing.grade is G
    assert "2017: Good" in preventing.narrative
    assert CARRIED not in {q.grade_source for r in reports for q in r.questions}


def test_notable_practice_is_kept_as_practice_not_narrative():
    efficiency = parse_reports((OFFICIAL / "2018-19-integrated-official.txt").read_text())[1]
    [practice] = efficiency.questions[0].findings
    assert (practice.kind, practice.text, practice.detail) == (
        "practice", "Demand modelling", "The force's demand model is used by other forces.")
    assert "Demand modelling" not in efficiency.questions[0].narrative


SAMPLES = Path(__file__).parents[3] / "peelviewer/resources/samples"
_GRADE_WORDS = {g.label for g in Grade}


def as_official_report(page: str) -> str:
    """A web page's text laid out as the inspectorate's PDF report of it: cover, contents
    with dot leaders, an overview with the overall judgement, each question with its
    findings under a "Summary of findings", then the data annex. Built from the page's
    lines alone (title, label, headline, date, grade, numbers), not from the parser."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    title_at = next(i for i, line in enumerate(lines) if " PEEL " in line)
    force, year = lines[title_at].split(" PEEL ")
    pillar, headline = lines[title_at + 1], lines[title_at + 2]
    rest = [line for line in lines[title_at + 3:] if not line.startswith("Last updated")]
    grade = rest.pop(0) if rest[0] in _GRADE_WORDS else ""
    questions_at = next(i for i, line in enumerate(rest) if line.startswith("Questions for"))
    summary, body = rest[:questions_at], rest[questions_at + 1:]
    sections: list[list[str]] = []
    for index, line in enumerate(body):
        if line.isdigit() and index + 1 < len(body) and body[index + 1].endswith("?"):
            sections.append([])
        elif sections:
            sections[-1].append(line)
    out = [f"PEEL: Police {pillar.lower()} {year}", f"An inspection of {force} Constabulary",
           f"December {year}", f"© HMIC {year}", "ISBN: 978-1-78655-123-4", "Contents",
           f"Overview – {headline} .......... 4"]
    out += [f"{section[0]} .......... {7 + 4 * i}" for i, section in enumerate(sections)]
    out += ["Annex A – About the data .......... 30", f"Overview – {headline}",
            "Overall judgement", grade, *summary]
    for section in sections:
        question, *text = section
        graded = [line for line in text[:1] if line in _GRADE_WORDS]
        text = text[len(graded):]
        out += [question, "Findings", *text, "Summary of findings", *graded]
    out += ["Annex A – About the data", "The figures in this report come from the force."]
    return "\n".join(line for line in out if line)


def page_facts(report):
    return (report.force_id, report.cycle, report.pillar, report.grade,
            [(q.number, q.key, q.grade, len(q.areas_for_improvement),
              len(q.causes_of_concern), len(q.recommendations)) for q in report.questions])


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_samples_as_official_reports_give_the_facts_of_their_pages(qapp, tmp_path,
                                                                      sample):
    page = sample.read_text(encoding="utf-8")
    expected = page_facts(parse_reports(page)[0])
    official = as_official_report(page)
    assert [page_facts(r) for r in parse_reports(official)] == [expected]
    printed = print_to_pdf("\n\n".join(official.splitlines()), tmp_path / "o.pdf",
                           point_size=11)
    assert [page_facts(r) for r in parse_reports(extract_text(printed.read_bytes()).text)
            ] == [expected]
