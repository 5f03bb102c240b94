"""The timeline of a force: rows linked across cycles by catalogue key, overall grades first,
unkeyed questions kept, where the grade scale changes, and the CSV and HTML exports."""

import csv
import dataclasses

import pytest

from peelviewer.core.grid import Cell
from peelviewer.core.importer import import_paths
from peelviewer.core.model import Grade, Judgment, Question, Report
from peelviewer.core.store import Store
from peelviewer.core.timeline import (
    OVERALL,
    SCALE_NOTE,
    TOPIC_ROWS,
    UNKEYED,
    force_timeline,
    timeline_csv,
    timeline_html,
)
from tests.conftest import FIXTURES, SAMPLES
from tests.workbench_data import modern_report, pillar_report


def add(store: Store, *reports: Report) -> None:
    for report in reports:
        store.add_report(report, sha256=report.key, file_name=f"{report.key}.txt",
                         kind="text", size=1)


@pytest.fixture
def library(workbench_store):
    return workbench_store


def row_of(timeline, key):
    return next(row for row in timeline.rows if row.key == key)


def letters(timeline, key):
    return {cycle: cell.letters for cycle, cell in row_of(timeline, key).cells.items()}


def test_a_force_s_cycles_in_order_with_the_scale_break(library):
    timeline = force_timeline(library.db.conn, "kent")
    assert timeline.force_id == "kent"
    assert timeline.cycles == ("2016", "2017", "2023-25")
    assert timeline.breaks == (2,)  # 2023-25 is the first cycle of five grades
    assert timeline.report_count == 3
    assert timeline.scale_heading(0) == "4 grades"
    assert timeline.scale_heading(1) is None
    assert timeline.scale_heading(2) == "5 grades"
    assert timeline.title == "Kent Police across PEEL cycles"


def test_overall_grades_come_first_then_questions_in_catalogue_order(library):
    timeline = force_timeline(library.db.conn, "kent")
    assert timeline.rows[0].key == "overall:legitimacy"
    assert (timeline.rows[0].label, timeline.rows[0].group) == ("Legitimacy", OVERALL)
    # Whole-force reports have no overall grade: no row of dashes for them.
    assert [row.group for row in timeline.rows[1:]] == [TOPIC_ROWS] * 7
    assert [row.label for row in timeline.rows[1:]] == [
        "Leadership and force management", "Developing a positive workplace",
        "Treatment of the public", "Ethical and lawful behaviour",
        "Responding to the public", "Investigating crime", "Protecting vulnerable people"]
    assert timeline.group_starts == (0, 1)


def test_cells_hold_the_grades_of_each_cycle(library):
    timeline = force_timeline(library.db.conn, "kent")
    assert letters(timeline, "overall:legitimacy") == {"2016": "I", "2017": "RI"}
    assert letters(timeline, "treatment-of-public") == {"2016": "G", "2017": "RI"}
    assert letters(timeline, "positive-workplace") == {"2016": "I", "2017": "G"}
    assert letters(timeline, "investigating-crime") == {"2023-25": "I"}
    assert letters(timeline, "leadership-management") == {"2023-25": "G"}
    cell = row_of(timeline, "ethical-behaviour").cells["2017"]
    assert (cell.grade, cell.section, cell.number) == (Grade.REQUIRES_IMPROVEMENT,
                                                       "legitimacy", 2)
    assert cell.text == "How good is the force at ethical and lawful behaviour?"
    overall = timeline.rows[0].cells["2016"]
    assert (overall.section, overall.number, overall.describe()) == ("legitimacy", None,
                                                                     "Inadequate")


def test_the_same_key_links_pillar_questions_with_modern_areas(library):
    add(library,
        pillar_report("kent", "2016", "effectiveness",
                      [Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.GOOD]),
        modern_report("kent", "2021/22", {"treatment-of-public": Grade.ADEQUATE,
                                          "investigating-crime": Grade.OUTSTANDING}))
    timeline = force_timeline(library.db.conn, "kent")
    assert timeline.cycles == ("2016", "2017", "2021/22", "2023-25")
    assert timeline.breaks == (2,)
    # 2016's legitimacy Q1 and 2021/22's area of the same key are one row.
    assert letters(timeline, "treatment-of-public") == {"2016": "G", "2017": "RI",
                                                       "2021/22": "A"}
    investigating = row_of(timeline, "investigating-crime")
    assert {c: (cell.section, cell.number) for c, cell in investigating.cells.items()} == {
        "2016": ("effectiveness", 2), "2021/22": ("force", 2), "2023-25": ("force", 1)}
    assert [row.label for row in timeline.rows[:2]] == ["Effectiveness", "Legitimacy"]
    assert len({row.key for row in timeline.rows}) == len(timeline.rows)


def test_questions_without_a_key_keep_rows_of_their_own(library):
    def question(number, text, grade):
        return Question(number=number, text=text, grade=grade, grade_source="stated")

    add(library,
        Report("kent", "2014", "effectiveness", grade=Grade.GOOD, grade_source="stated",
               questions=(question(1, "How effective is the force at reducing crime and "
                                      "preventing offending in the county of Kent?",
                                   Grade.GOOD),
                          question(3, "How well does the force tackle <b>things</b>?",
                                   Grade.INADEQUATE),
                          question(4, "Is the force ready for winter?",
                                   Grade.REQUIRES_IMPROVEMENT))),
        Report("kent", "2015", "effectiveness", questions=(
            question(1, "How effective is the force at reducing crime, and preventing "
                        "offending in the County of  Kent", Grade.OUTSTANDING),
            question(2, "Is the force ready for Winter", Grade.GOOD),
            question(3, "How well does the force tackle other things?", Grade.GOOD),)))
    timeline = force_timeline(library.db.conn, "kent")
    assert timeline.cycles[:2] == ("2014", "2015")
    unkeyed = [row for row in timeline.rows if row.group == UNKEYED]
    # The same words (case, punctuation and spacing aside) are one question asked twice.
    assert unkeyed[0].label == ("Effectiveness Q1: How effective is the force at reducing "
                                "crime, and…")  # the latest wording
    assert {c: cell.letters for c, cell in unkeyed[0].cells.items()} == {"2014": "G",
                                                                        "2015": "O"}
    # Two different third questions: each its own row, under its own wording, never a
    # 2014 grade under a question 2014 did not ask. A question renumbered says so.
    assert [(row.label, {c: cell.letters for c, cell in row.cells.items()})
            for row in unkeyed[1:]] == [
        ("Effectiveness Q2 (Q4 in 2014): Is the force ready for Winter",
         {"2014": "RI", "2015": "G"}),
        ("Effectiveness Q3: How well does the force tackle <b>things</b>?", {"2014": "I"}),
        ("Effectiveness Q3: How well does the force tackle other things?", {"2015": "G"})]
    assert len({row.key for row in timeline.rows}) == len(timeline.rows)
    assert timeline.rows[-1] is unkeyed[-1]  # after the keyed questions
    assert letters(timeline, "overall:effectiveness") == {"2014": "G", "2015": "–"}


def lincolnshire_2015(folder):
    """Lincolnshire's 2014 efficiency fixture as a 2015 report: its first question in the
    same words (a comma, a hyphen and a capital apart), its third a different question."""
    text = (FIXTURES / "2014-efficiency-strapline.txt").read_text(encoding="utf-8")
    for old, new in (("PEEL 2014", "PEEL 2015"), ("27/11/2014", "12/02/2016"),
                     ("a secure financial position for the short and long term?",
                      "a Secure financial position, for the short- and long-term?"),
                     ("To what extent is the force efficient in providing policing?",
                      "How well does the force work with other organisations to provide "
                      "policing?"),
                     ("Requires improvement", "Good")):
        assert old in text
        text = text.replace(old, new)
    path = folder / "lincolnshire-2015-efficiency.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixtures_keep_2014_s_and_2015_s_different_questions_apart(tmp_path):
    store = Store.open(tmp_path / "fixtures.peeldb")
    try:
        paths = sorted([*FIXTURES.glob("2014-*.txt"), *FIXTURES.glob("2015-*.txt")])
        import_paths(store, [*paths, lincolnshire_2015(tmp_path)])
        timeline = force_timeline(store.db.conn, "lincolnshire")
        warwickshire = force_timeline(store.db.conn, "warwickshire")
    finally:
        store.close()
    # Two questions of one report under one key: the row shows the first and names the other.
    assert row_of(warwickshire, "preventing-crime").cells["2014"].text.endswith(
        "also asked under Effectiveness Q3 (Good): the timeline shows Effectiveness Q1.")
    assert timeline.cycles == ("2014", "2015")
    unkeyed = [(row.label, {c: cell.describe() for c, cell in row.cells.items()})
               for row in timeline.rows if row.group == UNKEYED]
    assert unkeyed == [
        ("Efficiency Q1: To what extent is the force taking the necessary steps to…",
         {"2014": "Good", "2015": "Good"}),
        ("Efficiency Q3: To what extent is the force efficient in providing policing?",
         {"2014": "Requires improvement"}),
        ("Efficiency Q3: How well does the force work with other organisations to…",
         {"2015": "Good"})]
    assert letters(timeline, "planning-for-future") == {"2014": "G", "2015": "G"}


def test_a_topic_asked_under_two_sections_keeps_the_first_and_says_so(library):
    add(library, Report("kent", "2018/19", "effectiveness", questions=(
        Question(1, "Leadership of the force's effectiveness", grade=Grade.GOOD,
                 grade_source="stated", key="leadership-management"),)),
        Report("kent", "2018/19", "leadership", questions=(
            Question(2, "How well led is the force?", grade=Grade.INADEQUATE,
                     grade_source="stated", key="leadership-management"),)))
    cell = row_of(force_timeline(library.db.conn, "kent"), "leadership-management"
                  ).cells["2018/19"]
    assert (cell.section, cell.letters) == ("effectiveness", "G")  # effectiveness first
    assert cell.text.startswith("Leadership of the force's effectiveness\n\n")
    assert "also asked under Leadership Q2 (Inadequate)" in cell.text
    assert "shows Effectiveness Q1." in cell.text


def test_grades_carried_over_or_read_from_the_text_say_so(library):
    report = pillar_report("essex", "2017", "efficiency", [Grade.GOOD] * 3)
    questions = list(report.questions)
    questions[0] = dataclasses.replace(questions[0], carried_over=True, grade_source="carried")
    questions[1] = dataclasses.replace(questions[1], grade_source="prose",
                                       previous_grade=Grade.INADEQUATE)
    add(library, dataclasses.replace(report, questions=tuple(questions)))
    timeline = force_timeline(library.db.conn, "essex")
    carried = row_of(timeline, "understanding-demand").cells["2017"]
    prose = row_of(timeline, "use-of-resources").cells["2017"]
    assert (carried.letters, carried.describe()) == ("G*", "Good (carried over)")
    assert (prose.letters, prose.describe()) == (
        "G*", "Good (read from the text); changed from Inadequate")
    assert prose.describe() == Cell(Judgment(Grade.GOOD, "prose", previous=Grade.INADEQUATE),
                                    has_report=True).describe()
    assert (carried.export_label, prose.export_label) == (
        "Good (carried over)", "Good (read from the text); changed from Inadequate")


def test_cycles_beyond_the_framework_come_last_sorted_and_breaks_follow_the_scale(tmp_path):
    store = Store.open(tmp_path / "other.peeldb")
    try:
        add(store, *(pillar_report("surrey", cycle, "legitimacy", [Grade.GOOD])
                     for cycle in ("S002", "2017", "S001")),
            modern_report("surrey", "2025-27", {"investigating-crime": Grade.GOOD}))
        timeline = force_timeline(store.db.conn, "surrey")
        assert timeline.cycles == ("2017", "2025-27", "S001", "S002")
        assert timeline.breaks == (1, 2)
    finally:
        store.close()


def test_a_cycle_the_framework_does_not_know_says_only_the_scale_its_reports_show(tmp_path):
    store = Store.open(tmp_path / "synthetic.peeldb")
    try:
        # S000 holds Adequate grades: five grades, whatever its name suggests.
        add(store, modern_report("surrey", "2023-25", {"investigating-crime": Grade.GOOD}),
            Report("surrey", "S000", None, questions=(
                Question(1, "Investigating crime", grade=Grade.ADEQUATE,
                         grade_source="stated", key="investigating-crime"),)),
            pillar_report("surrey", "S001", "legitimacy", [Grade.GOOD]),
            pillar_report("surrey", "S002", "legitimacy", [Grade.GOOD]),
            pillar_report("surrey", "S002", "efficiency", [Grade.GOOD]))
        # The library records S001 on five grades; S002's two reports disagree.
        store.db.execute("update reports set scale = 5 where cycle = 'S001' "
                         "or (cycle = 'S002' and section = 'efficiency')")
        timeline = force_timeline(store.db.conn, "surrey")
    finally:
        store.close()
    assert timeline.cycles == ("2023-25", "S000", "S001", "S002")
    assert timeline.scales == (5, 5, 5, None)
    assert [timeline.scale_heading(i) for i in range(4)] == ["5 grades", None, None, None]
    assert timeline.breaks == ()
    path = tmp_path / "surrey.csv"
    timeline_csv(timeline, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file))[1] == ["Grade scale", "5 grades", "5 grades", "5 grades",
                                             ""]


def test_the_counts_in_words(library):
    assert force_timeline(library.db.conn, "kent").counts == "three cycles, three reports"
    add(library, pillar_report("kent", "2016", "effectiveness", [Grade.GOOD]),
        pillar_report("durham", "2016", "efficiency", [Grade.OUTSTANDING]))
    kent = force_timeline(library.db.conn, "kent")
    assert kent.counts == "three cycles, four reports"
    assert "<p>Three cycles, four reports.</p>" in timeline_html(kent)
    assert force_timeline(library.db.conn, "durham").counts == "one cycle, one report"
    none = force_timeline(library.db.conn, "cumbria")
    assert none.counts == "No reports of Cumbria Constabulary in the library yet"
    page = timeline_html(none)
    assert "No reports of Cumbria Constabulary in the library yet." in page
    assert "0 cycles" not in page
    assert "no cycles" not in page


def test_a_force_with_one_cycle_and_one_with_none(library):
    add(library, pillar_report("durham", "2016", "efficiency", [Grade.OUTSTANDING]))
    one = force_timeline(library.db.conn, "durham")
    assert (one.cycles, one.breaks, one.report_count) == (("2016",), (), 1)
    assert [row.label for row in one.rows] == ["Efficiency", "Understanding demand"]
    none = force_timeline(library.db.conn, "cumbria")
    assert (none.cycles, none.rows, none.breaks) == ((), (), ())


def test_two_indexed_queries_whatever_the_library_holds(library):
    statements = []
    library.db.conn.set_trace_callback(statements.append)
    try:
        force_timeline(library.db.conn, "kent")
    finally:
        library.db.conn.set_trace_callback(None)
    assert len(statements) == 2
    for statement in statements:
        plan = " ".join(row[3] for row in library.db.conn.execute(
            "explain query plan " + statement.replace("'kent'", "?"), ["kent"]))
        assert "SCAN" not in plan  # searched by index, never a walk through the library


def test_the_csv_reads_back_with_a_row_of_scales(library, tmp_path):
    path = tmp_path / "kent.csv"
    timeline = force_timeline(library.db.conn, "kent")
    timeline_csv(timeline, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Question or area", "2016", "2017", "2023-25"]
    assert rows[1] == ["Grade scale", "4 grades", "4 grades", "5 grades"]
    by_label = {row[0]: row[1:] for row in rows[2:]}
    assert by_label["Legitimacy (overall grade)"] == ["Inadequate", "Requires improvement", ""]
    assert by_label["Responding to the public"] == ["", "", "Adequate"]
    assert len(rows) == 2 + len(timeline.rows)


def test_the_csv_says_how_a_grade_is_known(library, tmp_path):
    report = pillar_report("sussex", "2018/19", "legitimacy", [Grade.GOOD, Grade.GOOD])
    questions = (dataclasses.replace(report.questions[0], grade_source="prose"),
                 dataclasses.replace(report.questions[1], carried_over=True,
                                     grade_source="carried"))
    add(library, dataclasses.replace(report, questions=questions))
    path = tmp_path / "sussex.csv"
    timeline_csv(force_timeline(library.db.conn, "sussex"), path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        by_label = {row[0]: row for row in csv.reader(file)}
    header = by_label["Question or area"]
    at = header.index("2018/19")
    assert by_label["Treatment of the public"][at] == "Good (read from the text)"
    assert by_label["Ethical and lawful behaviour"][at] == "Good (carried over)"


def test_the_csv_says_what_the_heatmap_says_of_a_grade_not_stated(library, tmp_path):
    report = pillar_report("sussex", "2018/19", "legitimacy", [Grade.GOOD] * 3)
    questions = (dataclasses.replace(report.questions[0], grade=None, carried_over=True,
                                     grade_source="carried"),
                 dataclasses.replace(report.questions[1], grade=None, graded=False),
                 dataclasses.replace(report.questions[2], grade=None))
    add(library, dataclasses.replace(report, questions=questions))
    timeline = force_timeline(library.db.conn, "sussex")
    path = tmp_path / "sussex.csv"
    timeline_csv(timeline, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        by_label = {row[0]: row for row in csv.reader(file)}
    at = by_label["Question or area"].index("2018/19")
    said = {label: by_label[label][at] for label in (
        "Treatment of the public", "Ethical and lawful behaviour",
        "Developing a positive workplace")}
    assert said == {
        "Treatment of the public": "Not graded (carried over, grade not stated)",
        "Ethical and lawful behaviour": "Not graded (the inspectorate does not grade this)",
        "Developing a positive workplace": "Not graded"}
    for label, text in said.items():  # the heatmap's words, with a capital
        cell = next(r for r in timeline.rows if r.label == label).cells["2018/19"]
        assert text.lower() == cell.as_grid_cell().describe().lower()


def test_no_csv_cell_runs_as_a_formula(tmp_path):
    store = Store.open(tmp_path / "formula.peeldb")
    try:
        add(store, Report("gwent", "2014", "efficiency", questions=(
            Question(2, '=HYPERLINK("http://example.com","Click")', grade=Grade.GOOD,
                     grade_source="stated", key="a-key-from-an-older-catalogue"),)))
        timeline = force_timeline(store.db.conn, "gwent")
    finally:
        store.close()
    path = tmp_path / "gwent.csv"
    timeline_csv(timeline, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        labels = [row[0] for row in csv.reader(file)]
    assert '\'=HYPERLINK("http://example.com","Click")' in labels


def test_the_html_has_colours_letters_the_break_and_escaped_text(library):
    add(library, Report("kent", "2014", "efficiency", questions=(
        Question(4, "Does <script>alert(1)</script> & co. work?", grade=Grade.GOOD,
                 grade_source="stated"),)))
    timeline = force_timeline(library.db.conn, "kent")
    page = timeline_html(timeline, {**{g: "#123456" for g in Grade}})
    assert "<h2>Kent Police across PEEL cycles</h2>" in page
    assert "<script>" not in page
    assert "Does &lt;script&gt;alert(1)&lt;/script&gt; &amp; co. work?" in page
    assert 'bgcolor="#123456"' in page  # the colours asked for
    assert ">RI</b>" in page  # letters, never colour alone
    assert ">G</b>" in page
    assert "2023-25<br><small>5 grades</small>" in page
    assert page.count('bgcolor="#0B0C0C"') == 1 + len(timeline.rows)  # the rule, each row
    assert SCALE_NOTE in page
    one = force_timeline(library.db.conn, "kent")
    assert "Inadequate" in timeline_html(one)  # the key of grades


def test_the_real_samples_show_hampshire_s_2016_legitimacy_questions(tmp_path):
    store = Store.open(tmp_path / "samples.peeldb")
    try:
        import_paths(store, [SAMPLES])
        timeline = force_timeline(store.db.conn, "hampshire")
    finally:
        store.close()
    assert timeline.cycles == ("2016",)
    assert timeline.title == "Hampshire Constabulary across PEEL cycles"
    assert [(row.label, row.cells["2016"].describe()) for row in timeline.rows] == [
        ("Legitimacy", "Good"),
        ("Developing a positive workplace", "Requires improvement"),
        ("Treatment of the public", "Good"),
        ("Ethical and lawful behaviour", "Good"),
    ]
    assert row_of(timeline, "treatment-of-public").cells["2016"].text == (
        "To what extent does the force treat all of the people it serves with fairness and "
        "respect?")


def test_more_cycles_than_a_page_holds_go_on_in_a_further_table(tmp_path):
    store = Store.open(tmp_path / "long.peeldb")
    cycles = ("2014", "2015", "2016", "2017", "2018/19", "S001", "S002", "S003", "S004",
              "S005")
    try:
        add(store, *(pillar_report("gwent", cycle, "efficiency", [Grade.GOOD])
                     for cycle in cycles))
        timeline = force_timeline(store.db.conn, "gwent")
    finally:
        store.close()
    page = timeline_html(timeline)
    assert page.count("<table") == 2
    first, second = page.split("<table")[1:]
    assert all(f">{cycle}<" in first for cycle in cycles[:8])
    assert all(f">{cycle}<" in second for cycle in cycles[8:])
    assert "Understanding demand" in second  # the rows again, beside their cycles
