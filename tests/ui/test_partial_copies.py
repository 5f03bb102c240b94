"""A copy of only the top of a page (title, date, grade, summary) in the window."""

from peelviewer.core.importer import import_paths
from peelviewer.core.store import Store


def test_a_partial_copy_shows_its_pillar_grade_and_summary(make_window, tmp_path):
    page = tmp_path / "kent-top.txt"
    page.write_text("Kent PEEL 2016\n\nLegitimacy\n\nLast updated 02/11/2016\nGood\n\n"
                    "Kent Police is good at treating people fairly.\n", encoding="utf-8")
    store = Store.open(tmp_path / "partial.peeldb")
    assert import_paths(store, [page]).line() == "1 added, 0 updated, 0 unchanged, 0 failed"
    window = make_window(store)
    window.reload(cycle="2016", pillar="all")
    assert window.pillar == "legitimacy"  # the cycle's only pillar is chosen for us
    assert [r.key for r in window.grid.rows] == ["kent"]  # there, with no question cells
    window.pillar_box.setCurrentIndex(window.pillar_box.findData("all"))
    assert window.grid.cell(window.grid.row_of("kent"), 0).label == "G"
    window.detail.show_question("kent", "2016", "legitimacy")
    detail = window.detail
    assert detail.question_text.text().startswith("This copy of the page holds no questions")
    assert detail.tabs.currentWidget() is detail.summary
    assert detail.summary.toPlainText() == "Kent Police is good at treating people fairly."
    assert not detail.next_button.isEnabled()
    store.close()
