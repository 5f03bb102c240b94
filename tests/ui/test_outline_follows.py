"""The heatmap outlines the question the pane shows, however it was opened."""

from __future__ import annotations


def test_the_outline_follows_the_table_and_previous_next(make_window, samples_store):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    window.table.cellActivated.emit(1, 0)  # the accessible table, second force, first column
    assert window.heatmap.selected_cell == (1, 0)
    window.detail.next_button.click()
    assert window.heatmap.selected_cell == (1, 1)
    window.detail.previous_button.click()
    assert window.heatmap.selected_cell == (1, 0)


def test_an_empty_question_pane_lists_no_empty_finding_lists(make_window, samples_store):
    window = make_window(samples_store)
    window.detail.clear("Nothing chosen")
    assert not any(widget.isVisible() for widget in window.detail.finding_lists.values())
    button = window.detail.compare_button
    assert button.minimumWidth() > button.fontMetrics().horizontalAdvance(button.text())
