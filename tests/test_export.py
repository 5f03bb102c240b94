"""Exported comparison PDFs and grade CSVs, read back the way a recipient would see them."""

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pypdfium2
import pytest

from peelviewer.core.colours import GRADE_COLOURS
from peelviewer.core.model import Grade


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


GOOD = rgb(GRADE_COLOURS[Grade.GOOD])
REQUIRES_IMPROVEMENT = rgb(GRADE_COLOURS[Grade.REQUIRES_IMPROVEMENT])


def peelviewer(*args, env=None):
    return subprocess.run([sys.executable, "-m", "peelviewer", *map(str, args)],
                          capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture
def library(tmp_path, hampshire, hertfordshire):
    db = tmp_path / "lib.peeldb"
    assert peelviewer("import", hampshire, hertfordshire, "--db", db).returncode == 0
    return db


def pdf_text(document) -> str:
    """The PDF's text with line wraps undone, as a reader searching it would see it."""
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.replace("\ufffe", "").split())


def colour_pixels(page, colour, tolerance=12) -> int:
    """How many pixels of the rendered page have this colour."""
    pixels = page.render(scale=1, rev_byteorder=True).to_numpy()[..., :3].astype(int)
    return int((np.abs(pixels - np.array(colour)) <= tolerance).all(axis=-1).sum())


def test_the_command_line_exports_a_comparison_of_the_two_samples(library, tmp_path):
    out = tmp_path / "comparison.pdf"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    result = peelviewer("export-pdf", "--force", "hampshire", "--force", "Herts", "-o", out,
                        "--db", library, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out} (")
    assert result.stderr == ""
    document = pypdfium2.PdfDocument(out)
    assert len(document) > 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert document.get_metadata_dict()["Title"] == (
        "PEEL 2016 Legitimacy: Hampshire Constabulary and Hertfordshire Constabulary")
    text = pdf_text(document)
    for expected in ("Hampshire Constabulary", "Hertfordshire Constabulary",
                     "Requires improvement", "page 1 of", "All findings",
                     "organised briefings for the media",  # only Hertfordshire says this
                     "exit interviews"):  # only Hampshire says this
        assert expected in text, expected


def test_the_grade_table_keeps_its_colours(library, tmp_path):
    out = tmp_path / "colours.pdf"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    assert peelviewer("export-pdf", "--force", "hampshire", "--force", "hertfordshire",
                      "--landscape", "-o", out, "--db", library, env=env).returncode == 0
    document = pypdfium2.PdfDocument(out)
    width, height = document[0].get_size()
    assert width > height  # landscape was asked for
    assert colour_pixels(document[0], GOOD) > 300  # four G cells in the grade table
    assert colour_pixels(document[0], REQUIRES_IMPROVEMENT) > 100  # two RI cells
    assert colour_pixels(document[1], GOOD) > 1000  # the heatmap page


def test_exporting_needs_two_forces_with_the_same_report(library, tmp_path):
    result = peelviewer("export-pdf", "--force", "hampshire", "--force", "kent", "-o",
                        tmp_path / "x.pdf", "--db", library)
    assert result.returncode == 2
    assert result.stderr.strip() == ("peelviewer: no report that all of Hampshire "
                                     "Constabulary, Kent Police have")
    assert not (tmp_path / "x.pdf").exists()


def test_csv_has_one_row_per_question_matching_list(library):
    result = peelviewer("export-csv", "--db", library)
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    listed = json.loads(peelviewer("list", "--json", "--db", library).stdout)
    expected = [(report["force_id"], report["cycle"], report["pillar"], str(q["number"]),
                 q["grade"]) for report in listed for q in report["questions"]]
    assert [(r["force_id"], r["cycle"], r["pillar"], r["question"], r["grade"])
            for r in rows] == expected
    herts_q2 = next(r for r in rows if r["force_id"] == "hertfordshire" and r["question"] == "2")
    assert (herts_q2["areas"], herts_q2["causes"], herts_q2["recommendations"]) == ("1", "1",
                                                                                   "4")
    assert herts_q2["pillar_grade"] == "Good"


def test_an_unwritable_output_path_fails_with_the_reason(library, tmp_path):
    for target, reason in ((tmp_path / "missing" / "x.pdf", "No such file or directory"),
                           (tmp_path, "is a folder, not a file name")):
        result = peelviewer("export-pdf", "--force", "hampshire", "--force", "hertfordshire",
                            "-o", target, "--db", library)
        assert result.returncode == 2
        assert result.stderr.strip() == f"peelviewer: {target}: {reason}"
        assert "wrote" not in result.stdout


def test_csv_cells_a_spreadsheet_would_run_are_made_inert():
    from peelviewer.core.export_csv import write_grades_csv

    row = {"force_id": "kent", "question_text": "=HYPERLINK(\"http://x\")", "carried_over": 0,
           "graded": 1, "grade": "Good", "areas": 1}
    out = io.StringIO()
    write_grades_csv([row], out)
    [written] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert written["question_text"] == "'=HYPERLINK(\"http://x\")"
    assert written["grade"] == "Good"
