"""The 2021/22-onwards whole-force reports: every variant of PEEL-FORMATS.md, checked against
expectations counted by hand from each fixture (tests/fixtures/modern/*.expected.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from peelviewer.core.extract import extract_text
from peelviewer.core.layouts import modern
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.model import PROSE, STATED, TABLE, Grade
from peelviewer.core.parse import parse_reports, parse_text
from tests.core.layouts.contract import LayoutContract

FIXTURES = Path(__file__).parents[2] / "fixtures"
MODERN = FIXTURES / "modern"
SAMPLES = Path(__file__).parents[3] / "peelviewer/resources/samples"
EXPECTED = [*sorted(MODERN.glob("*.expected.json")),
            *sorted((MODERN / "html").glob("*.expected.json"))]


class TestModernLayout(LayoutContract):
    layout = modern.LAYOUT
    own_pages = (*sorted(MODERN.glob("*.txt")), FIXTURES / "2021-areas-of-policing.txt")
    other_pages = (*sorted(SAMPLES.glob("*.txt")), *sorted(FIXTURES.glob("201*.txt")),
                   FIXTURES / "meeting-notes.txt", FIXTURES / "other-inspections.txt")


def _source(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    return next(p for p in expected.parent.iterdir()
                if p.name.startswith(stem + ".") and not p.name.endswith(".json"))


def _parse(path: Path):
    return parse_text(extract_text(path.read_bytes()).text)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_every_fixture_gives_the_facts_counted_by_hand(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    report = _parse(_source(expected_path))
    assert (report.force_id, report.cycle, report.pillar) == (
        expected["force"], expected["cycle"], None)
    assert report.scale == 5
    assert (report.date.isoformat() if report.date else None) == expected["published"]
    got = [{
        "key": q.key, "graded": q.graded, "grade": q.grade.label if q.grade else None,
        "grade_source": q.grade_source,
        "areas_for_improvement": len(q.areas_for_improvement),
        "causes_of_concern": len(q.causes_of_concern),
        "recommendations": len(q.recommendations), "practice": len(q.practice),
    } for q in report.questions]
    want = [{key: area[key] for key in got[0]} for area in expected["areas"]]
    assert got == want


def test_a_saved_page_and_its_copied_text_give_the_same_report():
    copied = _parse(MODERN / "2023-25-table-columns.txt")
    saved = _parse(MODERN / "html" / "2023-25-hertfordshire.html")
    assert [(q.key, q.grade, q.grade_source) for q in saved.questions] == [
        (q.key, q.grade, q.grade_source) for q in copied.questions]
    assert [q.findings for q in saved.questions] == [q.findings for q in copied.questions]


def test_when_table_and_section_disagree_the_table_wins_and_the_reader_is_warned():
    report = _parse(MODERN / "2023-25-disagreement.txt")
    investigating = next(q for q in report.questions if q.key == "investigating-crime")
    assert (investigating.grade, investigating.grade_source) == (Grade.ADEQUATE, TABLE)
    assert any("judgments table says Adequate" in w and "Good" in w for w in report.warnings)


def test_a_partial_copy_imports_what_it_states_and_says_it_is_partial():
    report = _parse(MODERN / "2023-25-partial.txt")
    assert all(q.narrative == "" for q in report.questions)
    assert sum(q.grade is not None for q in report.questions) == 8
    assert any("partial copy" in w for w in report.warnings)


def test_a_pilot_force_shows_its_revisit_judgments_and_keeps_the_initial_ones():
    report = _parse(MODERN / "2021-22-original-template.txt")
    grades = {q.key: (q.grade, q.previous_grade) for q in report.questions}
    assert grades["responding-to-public"] == (Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT)
    assert grades["managing-offenders"] == (Grade.GOOD, None)  # unchanged: nothing to say
    assert grades["victim-service"][0] is Grade.ADEQUATE  # graded in the original template
    ungraded = {q.key for q in report.questions if not q.graded}
    assert ungraded == {"strategic-policing-requirement", "armed-threats"}


def test_grades_only_in_sentences_are_marked_as_read_from_the_text():
    report = _parse(MODERN / "2023-25-no-table.txt")
    sources = {q.grade_source for q in report.questions if q.grade is not None}
    assert sources == {STATED, PROSE}
    assert any("grade read from the text" in w for w in report.warnings)


def test_areas_for_improvement_keep_their_explaining_paragraph():
    report = _parse(MODERN / "2023-25-table-columns.txt")
    findings = [f for q in report.questions for f in q.findings
                if f.kind == "area_for_improvement"]
    assert findings
    assert all(f.detail and f.detail != f.text for f in findings)


def test_principal_findings_of_the_summary_are_not_findings():
    report = _parse(MODERN / "2023-25-table-columns.txt")
    assert "My principal findings are as follows:" in report.summary
    assert "• " in report.summary


@pytest.mark.parametrize(
    ("title", "force", "cycle"),
    [
        ("PEEL 2023–2025: An inspection of Hertfordshire Constabulary", "hertfordshire",
         "2023-25"),
        ("PEEL 2023-25: An inspection of Kent Police", "kent", "2023-25"),
        ("PEEL Assessment 2023-25: Durham Constabulary", "durham", "2023-25"),
        ("PEEL 202325: An inspection of Norfolk Constabulary", "norfolk", "2023-25"),
        ("PEEL 2021/22 – An inspection of the Metropolitan Police Service", "metropolitan",
         "2021/22"),
        ("Surrey PEEL 2021/22", "surrey", "2021/22"),
        ("PEEL 2025–2027: An inspection of Hampshire and Isle of Wight Constabulary",
         "hampshire", "2025-27"),
        ("12/03/2024, 10:15 PEEL 2023–2025: An inspection of Gwent Police - HMICFRS", "gwent",
         "2023-25"),
    ],
)
def test_every_title_form_names_the_force_and_cycle(title, force, cycle):
    page = (f"{title}\n\nOur judgments\n\nInvestigating crime\tGood\n"
            "Responding to the public\tAdequate\n")
    report = parse_text(page)
    assert (report.force_id, report.cycle) == (force, cycle)
    assert [q.grade for q in report.questions] == [Grade.GOOD, Grade.ADEQUATE]


def test_an_official_cover_names_the_force_below_the_title():
    page = ("PEEL 2023–2025\n\nPolice effectiveness, efficiency and legitimacy\n\n"
            "An inspection of Cleveland Police\n\nMarch 2024\n\n"
            "Contents\n\nOverall summary ........ 1\n\nInvestigating crime ........ 7\n\n"
            "Our judgments\n\nInvestigating crime\tInadequate\n")
    report = parse_text(page)
    assert report.force_id == "cleveland"
    assert [(q.key, q.grade) for q in report.questions] == [
        ("investigating-crime", Grade.INADEQUATE)]


def test_a_contents_line_is_never_a_title():
    with pytest.raises(ParseError):
        parse_text("2. PEEL 2023–2025 ........ 4\n\nInvestigating crime\tGood\n")


def test_a_title_with_nothing_graded_is_refused_with_the_reason():
    with pytest.raises(ParseError, match="no areas of policing found"):
        parse_text("PEEL 2023–2025: An inspection of Kent Police\n\nOverall summary\n\n"
                   "Some words about the force.\n")


def test_a_lead_in_count_that_the_table_does_not_match_is_a_warning():
    page = ("PEEL 2023–2025: An inspection of Kent Police\n\nOur judgments\n\n"
            "Our inspection assessed how good Kent Police is in nine areas of policing. We "
            "make graded judgments in eight of these nine as follows:\n\n"
            "Investigating crime\tGood\nResponding to the public\tAdequate\n")
    report = parse_text(page)
    assert any("grades 8 areas; 2 grades were found" in w for w in report.warnings)


def test_the_dates_a_page_prints_are_told_apart():
    published = parse_text("PEEL 2023–2025: An inspection of Kent Police\n\n"
                           "Published 7 February 2025\n\nInvestigating crime\tGood\n")
    assert (published.published, published.last_updated) == (dt.date(2025, 2, 7), None)
    updated = parse_text("PEEL 2023–2025: An inspection of Kent Police\n\n"
                         "Last updated 08/08/2024\n\nInvestigating crime\tGood\n")
    assert (updated.published, updated.last_updated) == (None, dt.date(2024, 8, 8))


def test_an_area_the_framework_does_not_know_is_kept_under_its_printed_name():
    page = ("PEEL 2023–2025: An inspection of Kent Police\n\nOur judgments\n\n"
            "Tackling violence against women and girls\tGood\n"
            "Investigating crime\tAdequate\n\nHM Inspector’s summary\n\nIt is a force.\n\n"
            "Tackling violence against women and girls\n\nGood\n\nThe force does well.\n")
    report = parse_text(page)
    unknown = report.questions[0]
    assert (unknown.key, unknown.text, unknown.grade) == (
        None, "Tackling violence against women and girls", Grade.GOOD)
    assert unknown.narrative == "The force does well."
    assert any("not in the PEEL 2023-25 framework" in w for w in report.warnings)


def test_a_pillar_page_is_still_read_by_its_own_layout():
    [report] = parse_reports((SAMPLES / "hampshire-2016-legitimacy.txt").read_text())
    assert (report.cycle, report.pillar, report.scale) == ("2016", "legitimacy", 4)


def test_section_headings_that_carry_their_grade_and_labelled_grade_lines():
    page = ("PEEL 2023–2025: An inspection of Kent Police\n\nHM Inspector’s summary\n\n"
            "The force is improving.\n\nInvestigating crime: Adequate\n\n"
            "Investigations are thorough.\n\nResponding to the public\n\n"
            "Grade: Requires improvement\n\nToo many calls are abandoned.\n")
    report = parse_text(page)
    assert [(q.key, q.grade, q.grade_source, q.narrative) for q in report.questions] == [
        ("investigating-crime", Grade.ADEQUATE, STATED, "Investigations are thorough."),
        ("responding-to-public", Grade.REQUIRES_IMPROVEMENT, STATED,
         "Too many calls are abandoned.")]
    assert report.summary == "The force is improving."


def test_a_copied_page_with_its_contents_list_reads_the_same():
    plain = (MODERN / "2023-25-table-columns.txt").read_text(encoding="utf-8")
    title = plain.split("\n", 3)[2] if plain.startswith("Skip") else plain.split("\n", 1)[0]
    contents = "\n".join(["Contents", "Overall summary", "Our judgments",
                          "HM Inspector’s summary", "Providing a service to victims of crime",
                          "Investigating crime", "Leadership and force management",
                          "Print this page", "Download PDF (PDF document)"])
    with_contents = plain.replace(title, f"{title}\n\n{contents}\n", 1)
    assert with_contents != plain
    copied, reference = parse_text(with_contents), parse_text(plain)
    assert [(q.key, q.grade, q.grade_source, len(q.findings)) for q in copied.questions] == [
        (q.key, q.grade, q.grade_source, len(q.findings)) for q in reference.questions]
    assert "Leadership and force management" not in copied.summary.split("\n\n")


KENT = "PEEL 2023–2025: An inspection of Kent Police\n\nPublished 7 February 2025\n\n"


def test_numbered_finding_headings_and_numbered_recommendations():
    page = KENT + ("HM Inspector’s summary\n\nThe force is improving.\n\nInvestigating crime\n\n"
                   "Adequate\n\nThe force is adequate at investigating crime.\n\n"
                   "Area for improvement 1\n\nThe force needs to supervise investigations.\n\n"
                   "Too few had a plan.\n\nCause of concern\n\nVictims wait too long.\n\n"
                   "Recommendations\n\nBy 31 October 2025, the force should:\n\n"
                   "1. make sure every investigation has a plan;\n\n"
                   "2. reduce the caseloads of its investigators.\n")
    [area] = parse_text(page).questions
    assert (len(area.areas_for_improvement), len(area.causes_of_concern),
            len(area.recommendations)) == (1, 1, 2)


def test_a_grade_label_line_and_a_grade_after_a_note_are_the_sections_grade():
    page = KENT + ("HM Inspector’s summary\n\nIt is a force.\n\nInvestigating crime\n\nGrade\n\n"
                   "Good\n\nInvestigations are thorough.\n\nDisrupting serious organised crime\n\n"
                   "This section was added on 12 May 2025.\n\nAdequate\n\nIt disrupts gangs.\n")
    report = parse_text(page)
    assert [(q.key, q.grade, q.grade_source) for q in report.questions] == [
        ("investigating-crime", Grade.GOOD, STATED),
        ("serious-organised-crime", Grade.ADEQUATE, STATED)]


def test_a_sentence_about_an_earlier_inspection_does_not_grade_this_one():
    page = KENT + ("HM Inspector’s summary\n\nIt is a force.\n\nPolice powers and public "
                   "treatment\n\nIn our 2021/22 inspection, the force was inadequate at treating "
                   "the public fairly. The force is now adequate at police powers and public "
                   "treatment.\n\nInvestigating crime\n\nThe force does it.\n")
    report = parse_text(page)
    assert (report.questions[0].grade, report.questions[0].grade_source) == (
        Grade.ADEQUATE, PROSE)
    assert "Investigating crime: no grade found on the page" in report.warnings


def test_a_list_of_other_reports_titles_is_not_the_pages_title():
    page = ("Recently published\n\nPEEL 2023–2025: An inspection of Kent Police\n"
            "PEEL 2023–2025: An inspection of Sussex Police\n\n"
            "PEEL 2023–2025: An inspection of Surrey Police\n\nInvestigating crime\tGood\n")
    assert parse_text(page).force_id == "surrey"


def test_two_reports_pasted_into_one_file_give_two_and_a_link_gives_none():
    kent = (MODERN / "2023-25-partial.txt").read_text(encoding="utf-8")
    herts = (MODERN / "2023-25-table-columns.txt").read_text(encoding="utf-8")
    reports = parse_reports(kent + "\n\n" + herts)
    assert [r.force_id for r in reports] == ["kent", "hertfordshire"]
    assert reports[1] == parse_text(herts)
    linked = parse_reports(herts + "\n\nRelated reports\n\n"
                           "PEEL 2023–2025: An inspection of Essex Police\n")
    assert [r.force_id for r in linked] == ["hertfordshire"]
    assert any("is a link to another report; ignored" in w for w in linked[0].warnings)
