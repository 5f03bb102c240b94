"""The grade matrix: one cell per force and question, sorted and grouped."""

from peelviewer.core.grid import (
    ALL_PILLARS,
    PILLAR_GRADE,
    Cell,
    CellCode,
    grade_grid,
)
from peelviewer.core.model import Grade, Judgment


def row(force, key, grade=None, source="stated", carried=0, text="Q?"):
    return {"force_id": force, "column_key": key, "text": text, "grade": grade,
            "grade_source": source if grade else None, "carried_over": carried, "areas": 1,
            "causes": 0, "recommendations": 2}


def test_cells_say_how_a_grade_is_known():
    assert Cell(Judgment(Grade.GOOD, "stated"), has_report=True).label == "G"
    assert Cell(Judgment(Grade.GOOD, "prose"), has_report=True).label == "G*"
    assert Cell(Judgment(Grade.GOOD, "carried", True),
                has_report=True).describe() == "Good (carried over)"
    assert Cell(Judgment(None, None), has_report=True).label == "–"
    assert Cell(Judgment(None, None), has_report=True).code == CellCode.UNGRADED
    assert Cell().label == ""
    assert Cell().code == CellCode.NO_REPORT
    assert Cell().describe() == "no report in the library"


def test_a_cell_code_is_a_grade_or_says_why_there_is_none():
    assert Cell(Judgment(Grade.GOOD, "stated"), has_report=True).code == Grade.GOOD == 4
    assert CellCode.of(Grade.INADEQUATE).grade is Grade.INADEQUATE
    assert CellCode.of(None) is CellCode.UNGRADED
    assert CellCode.UNGRADED.grade is None
    assert CellCode.of(Grade.GOOD, has_report=False) is CellCode.NO_REPORT
    assert [code.grade for code in CellCode.grades()] == sorted(Grade, reverse=True)


def test_questions_become_columns_with_their_most_common_wording():
    rows = [row("kent", 1, "Good", text="How fair?"), row("surrey", 1, "Inadequate",
                                                          text="How fair?"),
            row("gwent", 1, "Good", text="How fair is it?"), row("kent", 2, "Good")]
    grid = grade_grid("2017", "legitimacy", rows)
    assert [(c.label, c.text) for c in grid.columns] == [("Q1", "How fair?"), ("Q2", "Q?")]
    assert [r.key for r in grid.rows] == ["gwent", "kent", "surrey"]
    assert grid.cell(0, 1).describe() == "not in this force's report"  # Gwent has no Q2
    assert grid.cell(1, 1).grade == Grade.GOOD


def test_all_pillars_puts_pillars_in_their_usual_order():
    rows = [row("kent", "legitimacy", "Good"), row("kent", "effectiveness", "Outstanding")]
    grid = grade_grid("2017", ALL_PILLARS, rows)
    assert [c.label for c in grid.columns] == ["Effectiveness", "Legitimacy"]


def test_forces_without_reports_are_listed_only_when_asked():
    rows = [row("kent", 1, "Good")]
    assert len(grade_grid("2017", "legitimacy", rows).rows) == 1
    everyone = grade_grid("2017", "legitimacy", rows, include_missing=True)
    assert len(everyone.rows) == 43
    assert everyone.cell(everyone.row_of("dorset"), 0).code == CellCode.NO_REPORT


def test_sorting_by_grade_then_grouping_by_region():
    rows = [row("kent", 1, "Requires improvement"), row("surrey", 1, "Outstanding"),
            row("cumbria", 1, "Good"), row("gwent", 1, None)]
    by_grade = grade_grid("2017", "legitimacy", rows, sort="grade")
    assert [r.key for r in by_grade.rows] == ["surrey", "cumbria", "kent", "gwent"]
    grouped = grade_grid("2017", "legitimacy", rows, sort="grade", group_by_region=True)
    assert [r.key for r in grouped.rows] == ["surrey", "kent", "cumbria", "gwent"]
    assert grouped.group_starts == (0, 2, 3)


def keyed(force, number, key, grade="Good"):
    return {**row(force, number, grade, text=f"Question {number}?"), "key": key, "number": number}


def test_pillar_questions_are_labelled_by_their_short_names():
    rows = [keyed("kent", 1, "treatment-of-public"), keyed("kent", 2, "ethical-behaviour"),
            keyed("kent", 3, "positive-workplace"), keyed("surrey", 3, "positive-workplace")]
    grid = grade_grid("2016", "legitimacy", rows)
    assert [c.label for c in grid.columns] == ["Treatment", "Ethics", "Workplace"]
    assert [c.heading for c in grid.columns] == ["Q1 Treatment", "Q2 Ethics", "Q3 Workplace"]
    assert grid.columns[0].ref == "Q1"


def test_questions_of_an_unknown_or_shared_topic_keep_their_number():
    rows = [keyed("kent", 1, "leadership-management"), keyed("kent", 2, "leadership-management"),
            keyed("kent", 3, None)]
    grid = grade_grid("2016", "leadership", rows)
    assert [c.heading for c in grid.columns] == ["Q1", "Q2", "Q3"]


def pillar_row(force, pillar, grade):
    return {**row(force, pillar, grade, text=f"How {pillar} is the force?"), "number": None}


def test_the_overall_pillar_grade_is_the_last_column():
    rows = [keyed("kent", 1, "treatment-of-public", "Good"),
            keyed("surrey", 1, "treatment-of-public", "Inadequate")]
    pillars = [pillar_row("kent", "legitimacy", "Outstanding"),
               pillar_row("kent", "efficiency", "Inadequate"),
               pillar_row("surrey", "legitimacy", "Requires improvement")]
    grid = grade_grid("2016", "legitimacy", rows, pillar_rows=pillars)
    assert [c.key for c in grid.columns] == [1, PILLAR_GRADE]
    assert grid.columns[1].label == "Overall"
    kent, surrey = grid.row_of("kent"), grid.row_of("surrey")
    assert grid.cell(kent, 1).grade == Grade.OUTSTANDING
    assert grid.cell(kent, 1).text == "How legitimacy is the force?"
    assert grid.cell(surrey, 1).grade == Grade.REQUIRES_IMPROVEMENT
    # No overall column where there is no single pillar.
    assert PILLAR_GRADE not in [c.key for c in grade_grid(
        "2016", ALL_PILLARS, pillars, pillar_rows=pillars).columns]


def test_sorting_by_pillar_grade_puts_the_best_overall_grade_first():
    # Kent's questions are better, Surrey's overall grade is: the two sorts disagree.
    rows = [keyed("kent", 1, "treatment-of-public", "Outstanding"),
            keyed("surrey", 1, "treatment-of-public", "Good"),
            keyed("cumbria", 1, "treatment-of-public", "Good"),
            keyed("gwent", 1, "treatment-of-public", "Inadequate")]
    pillars = [pillar_row("kent", "legitimacy", "Good"),
               pillar_row("surrey", "legitimacy", "Outstanding"),
               pillar_row("cumbria", "legitimacy", "Good"),
               pillar_row("gwent", "legitimacy", None)]
    by_grade = grade_grid("2016", "legitimacy", rows, sort="grade", pillar_rows=pillars)
    assert [r.key for r in by_grade.rows] == ["kent", "cumbria", "surrey", "gwent"]
    by_pillar = grade_grid("2016", "legitimacy", rows, sort="pillar", pillar_rows=pillars)
    assert [r.key for r in by_pillar.rows] == ["surrey", "kent", "cumbria", "gwent"]
