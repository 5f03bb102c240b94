"""The grade matrix: one cell per force and question, sorted and grouped."""

from peelviewer.core.grid import ALL_PILLARS, NO_REPORT, UNGRADED, Cell, grade_grid
from peelviewer.core.model import Grade


def row(force, key, grade=None, source="stated", carried=0, text="Q?"):
    return {"force_id": force, "column_key": key, "text": text, "grade": grade,
            "grade_source": source if grade else None, "carried_over": carried, "areas": 1,
            "causes": 0, "recommendations": 2}


def test_cells_say_how_a_grade_is_known():
    assert Cell(Grade.GOOD, "stated", has_report=True).label == "G"
    assert Cell(Grade.GOOD, "prose", has_report=True).label == "G*"
    assert Cell(Grade.GOOD, "carried", True, has_report=True).describe() == "Good (carried over)"
    assert Cell(None, None, has_report=True).label == "–"
    assert Cell(None, None, has_report=True).code == UNGRADED
    assert Cell().label == ""
    assert Cell().code == NO_REPORT
    assert Cell().describe() == "no report in the library"


def test_questions_become_columns_with_their_most_common_wording():
    rows = [row("kent", 1, "Good", text="How fair?"), row("surrey", 1, "Inadequate",
                                                          text="How fair?"),
            row("gwent", 1, "Good", text="How fair is it?"), row("kent", 2, "Good")]
    grid = grade_grid("2017", "legitimacy", rows)
    assert [(c.label, c.text) for c in grid.columns] == [("Q1", "How fair?"), ("Q2", "Q?")]
    assert [f.id for f in grid.forces] == ["gwent", "kent", "surrey"]
    assert grid.cell(0, 1).describe() == "not in this force's report"  # Gwent has no Q2
    assert grid.cell(1, 1).grade == Grade.GOOD


def test_all_pillars_puts_pillars_in_their_usual_order():
    rows = [row("kent", "legitimacy", "Good"), row("kent", "effectiveness", "Outstanding")]
    grid = grade_grid("2017", ALL_PILLARS, rows)
    assert [c.label for c in grid.columns] == ["Effectiveness", "Legitimacy"]


def test_forces_without_reports_are_listed_only_when_asked():
    rows = [row("kent", 1, "Good")]
    assert len(grade_grid("2017", "legitimacy", rows).forces) == 1
    everyone = grade_grid("2017", "legitimacy", rows, include_missing=True)
    assert len(everyone.forces) == 43
    assert everyone.cell(everyone.row_of("dorset"), 0).code == NO_REPORT


def test_sorting_by_grade_then_grouping_by_region():
    rows = [row("kent", 1, "Requires improvement"), row("surrey", 1, "Outstanding"),
            row("cumbria", 1, "Good"), row("gwent", 1, None)]
    by_grade = grade_grid("2017", "legitimacy", rows, sort="grade")
    assert [f.id for f in by_grade.forces] == ["surrey", "cumbria", "kent", "gwent"]
    grouped = grade_grid("2017", "legitimacy", rows, sort="grade", group_by_region=True)
    assert [f.id for f in grouped.forces] == ["surrey", "kent", "cumbria", "gwent"]
    assert grouped.group_starts == (0, 2, 3)
