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


def band_text(page, left: float, right: float) -> str:
    """The text printed in the column titles' band under a page's running header, between
    `left` and `right` (0..1 of the width inside the margins)."""
    from peelviewer.ui.pdf import HEADER_PT, MARGIN_MM

    width, height = page.get_size()
    margin = MARGIN_MM / 25.4 * 72
    top = height - margin - HEADER_PT * 2.4
    inside = width - 2 * margin
    bottom = top - HEADER_PT * 3.2 + 2  # not the first line of text just below
    text = page.get_textpage().get_text_bounded(margin + left * inside, bottom,
                                                margin + right * inside, top)
    return " ".join(text.replace("\ufffe", "").split())


def body_reach(page) -> float:
    """How far down its text area a page's text reaches, 0..1."""
    pixels = page.render(scale=0.5).to_numpy()[..., :3].astype(int)
    height = pixels.shape[0]
    body = pixels[int(height * 0.08):int(height * 0.93)]
    rows = np.nonzero((np.abs(body - 255).sum(axis=2) > 30).any(axis=1))[0]
    return rows.max() / body.shape[0] if len(rows) else 0.0


def test_a_pair_exports_as_compare_shows_it_with_column_titles_on_every_page(library,
                                                                              tmp_path):
    out = tmp_path / "pair.pdf"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = peelviewer("export-pdf", "hampshire/2016/legitimacy",
                        "hertfordshire/2016/legitimacy", "-o", out, "--db", library, env=env)
    assert result.returncode == 0, result.stderr
    document = pypdfium2.PdfDocument(out)
    texts = [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    assert "paired by topic" in " ".join(texts)  # two forces: by topic, as Compare opens
    assert str(library) not in texts[0]
    assert str(tmp_path) not in " ".join(texts)
    findings = next(i for i, text in enumerate(texts) if "All findings" in text)
    # (A cell split across two pages leaves its lines of the first page in the second's
    # band too, hidden by Qt's clip; the titles come first.)
    for index in range(1, findings + 1):  # every page the two texts run on
        assert band_text(document[index], 0, 0.5).startswith(
            "Hampshire Constabulary · PEEL 2016 Legitimacy"), index
        assert band_text(document[index], 0.5, 1).startswith(
            "Hertfordshire Constabulary · PEEL 2016 Legitimacy"), index
    for index in range(findings + 1, len(document)):  # the findings: one column
        assert "PEEL 2016 Legitimacy" not in band_text(document[index], 0, 1)
    # Rows level and pages full: the comparison took 16 pages, most of them half empty.
    assert len(document) < 16
    assert all(body_reach(document[i]) > 0.85 for i in range(1, len(document) - 1))


def test_one_force_in_two_cycles_exports_in_order(tmp_path):
    from tests.conftest import FIXTURES

    db = tmp_path / "modern.peeldb"
    assert peelviewer("import", FIXTURES / "modern", "--db", db).returncode == 0
    out = tmp_path / "years.pdf"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = peelviewer("export-pdf", "hertfordshire/2021/22", "hertfordshire/2023-25", "-o",
                        out, "--db", db, env=env)
    assert result.returncode == 0, result.stderr
    document = pypdfium2.PdfDocument(out)
    text = pdf_text(document)
    assert document.get_metadata_dict()["Title"] == (
        "Hertfordshire Constabulary · PEEL 2021/22 and Hertfordshire Constabulary · "
        "PEEL 2023-25")
    assert "in reading order" in text
    assert "paired by topic" not in text
    assert band_text(document[1], 0, 0.5).startswith("Hertfordshire Constabulary · PEEL 2021/22")


@pytest.fixture
def two_pillars(tmp_path):
    """Kent and Surrey, 2017 effectiveness and legitimacy (built in code)."""
    from peelviewer.core.model import Grade
    from peelviewer.core.store import Store
    from tests.ui.conftest import graded_report

    db = tmp_path / "pillars.peeldb"
    store = Store.open(db)
    for number, (force_id, pillar) in enumerate(
            (f, p) for f in ("kent", "surrey") for p in ("effectiveness", "legitimacy")):
        report = graded_report(force_id, "2017", pillar, [Grade.GOOD, None],
                               narrative=f"The force is {pillar} in {force_id}.")
        store.add_report(report, sha256=f"{number:064d}", file_name=f"{number}.txt",
                         kind="txt", size=1)
    store.close()
    return db


def test_two_forces_export_every_pillar_they_have_never_one(two_pillars, tmp_path):
    out = tmp_path / "pillars.pdf"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = peelviewer("export-pdf", "--force", "kent", "--force", "surrey", "--in-order",
                        "-o", out, "--db", two_pillars, env=env)
    assert result.returncode == 0, result.stderr
    document = pypdfium2.PdfDocument(out)
    assert document.get_metadata_dict()["Title"] == (
        "PEEL 2017 Effectiveness and Legitimacy: Kent Police and Surrey Police")
    text = pdf_text(document)
    for pillar in ("Effectiveness", "Legitimacy"):
        assert f"Kent Police and Surrey Police · PEEL 2017 {pillar}" in text
        assert f"The force is {pillar.lower()} in surrey." in text
    assert "in reading order" in text  # the toggle asked for
    result = peelviewer("export-pdf", "--force", "kent", "--force", "surrey", "--pillar",
                        "legitimacy", "-o", out, "--db", two_pillars, env=env)
    assert result.returncode == 0, result.stderr
    text = pdf_text(pypdfium2.PdfDocument(out))
    assert "Effectiveness" not in text
    assert "Kent Police and Surrey Police · PEEL 2017 Legitimacy" in text
