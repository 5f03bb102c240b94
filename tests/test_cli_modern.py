"""The command line on 2021/22-onwards reports, as a user runs it: parse, import, list,
compare by reference across forces and years, and export that comparison."""

import csv
import io
import json

import pypdfium2
import pytest

from tests.conftest import FIXTURES
from tests.test_cli import peelviewer

MODERN = FIXTURES / "modern"


@pytest.fixture
def library(tmp_path, hertfordshire):
    db = tmp_path / "lib.peeldb"
    result = peelviewer("import", MODERN, hertfordshire, "--db", db)
    assert result.returncode == 0, result.stdout + result.stderr
    return db


def test_parse_json_of_a_whole_force_report_follows_the_contract():
    result = peelviewer("parse", MODERN / "2023-25-table-columns.txt", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["force"] == {"id": "hertfordshire", "name": "Hertfordshire Constabulary"}
    assert (data["cycle"], data["pillar"], data["scale"], data["published"]) == (
        "2023-25", None, 5, "2024-03-12")
    assert data["grade"] is None  # graded by area only
    areas = {q["key"]: q for q in data["questions"]}
    assert areas["preventing-crime"]["grade"] == "Outstanding"
    assert areas["preventing-crime"]["grade_source"] == "table"
    assert areas["victim-service"]["graded"] is False
    assert [q["number"] for q in data["questions"]] == list(range(1, len(areas) + 1))
    assert sum(len(q["practice"]) for q in data["questions"]) == 1


def test_import_says_which_report_each_file_became(tmp_path):
    result = peelviewer("import", MODERN / "2021-22-later.txt", "--db", tmp_path / "l.peeldb")
    assert result.stdout.splitlines()[0] == (
        "added: 2021-22-later.txt (hertfordshire/2021/22)")


def test_list_shows_areas_by_their_short_names(library):
    result = peelviewer("list", "--db", library)
    kent = next(line for line in result.stdout.splitlines() if line.startswith("Kent"))
    assert "2023-25" in kent
    assert "Areas of policing" in kent
    assert "Investigation:RI" in kent


def test_compare_one_force_across_years_by_reference(library):
    result = peelviewer("compare", "hertfordshire/2021/22", "hertfordshire/2023-25",
                        "--json", "--db", library)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["left"]["cycle"], data["right"]["cycle"]) == ("2021/22", "2023-25")
    assert data["scales_differ"] is False
    titles = {s["title"]: s for s in data["sections"]}
    assert (titles["Investigating crime"]["left_grade"],
            titles["Investigating crime"]["right_grade"]) == (
        "Requires improvement", "Adequate")


def test_compare_a_pillar_page_with_a_whole_force_report(library):
    result = peelviewer("compare", "hertfordshire/2016/legitimacy", "hertfordshire/2023-25",
                        "--json", "--db", library)
    data = json.loads(result.stdout)
    assert data["scales_differ"] is True
    titles = [s["title"] for s in data["sections"]]
    # the 2016 question about the workforce is paired with the area that follows it
    assert any(t.startswith("Q3 / Developing a positive workplace") for t in titles)


def test_export_pdf_of_two_years_of_one_force(library, tmp_path):
    out = tmp_path / "years.pdf"
    result = peelviewer("export-pdf", "hertfordshire/2021/22", "hertfordshire/2023-25",
                        "-o", out, "--db", library)
    assert result.returncode == 0, result.stderr
    text = " ".join(" ".join(page.get_textpage().get_text_range().split())
                    for page in pypdfium2.PdfDocument(out))
    assert "Investigating crime" in text
    assert "Investigating crime Requires improvement Adequate ↑ improved" in text


def test_export_pdf_of_two_forces_in_a_whole_force_cycle(library, tmp_path):
    out = tmp_path / "forces.pdf"
    result = peelviewer("export-pdf", "--force", "kent", "--force", "essex", "--cycle",
                        "2023-25", "-o", out, "--db", library)
    assert result.returncode == 0, result.stderr
    assert "PEEL 2023-25: Kent Police and Essex Police" in result.stdout


def test_export_pdf_refuses_a_reference_that_is_not_one(library, tmp_path):
    result = peelviewer("export-pdf", "kent/2023-25/legitimacy", "essex/2023-25",
                        "-o", tmp_path / "x.pdf", "--db", library)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "peelviewer: kent/2023-25/legitimacy: not a report reference (like "
        "hampshire/2016/legitimacy or hertfordshire/2023-25)")


def test_csv_has_a_row_per_area_with_its_key_and_scale(library):
    result = peelviewer("export-csv", "--db", library)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kent = [r for r in rows if r["force_id"] == "kent"]
    assert {r["scale"] for r in kent} == {"5"}
    assert {r["pillar"] for r in kent} == {""}
    investigating = next(r for r in kent if r["question_key"] == "investigating-crime")
    assert investigating["grade"] == "Requires improvement"


def test_a_file_holding_several_reports_prints_a_json_array(monkeypatch, capsys, hampshire,
                                                            hertfordshire):
    from peelviewer import cli
    from peelviewer.core.importer import parse_file

    both = [parse_file(hampshire), parse_file(hertfordshire)]
    monkeypatch.setattr(cli, "parse_file_reports", lambda path: both)
    assert cli.main(["parse", str(hampshire), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["force"]["id"] for r in data] == ["hampshire", "hertfordshire"]
