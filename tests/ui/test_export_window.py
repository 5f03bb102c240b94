"""Export from the window: the comparison on screen becomes a PDF, opened when done."""

import pypdfium2

from peelviewer.core.grid import ALL_PILLARS
from peelviewer.core.model import Grade
from peelviewer.core.store import Store
from peelviewer.ui.dialogs import ExportChoice
from tests.ui.conftest import add_reports, graded_report
from tests.ui.test_compare import select_forces


def test_the_window_exports_the_comparison_it_shows(qtbot, make_window, samples_store,
                                                    tmp_path):
    window = make_window(samples_store)
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016",
                                                        "legitimacy"))
    out = tmp_path / "from-window.pdf"
    window.dialogs.export_choice = ExportChoice(out, landscape=False, open_when_done=True)
    with qtbot.waitSignal(window.exportFinished, timeout=60000):
        window.export_pdf_action.trigger()
    assert window.dialogs.opened == out
    document = pypdfium2.PdfDocument(out)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "Hertfordshire Constabulary" in text
    assert window.statusBar().currentMessage().startswith(f"Wrote {out}")


def pdf_text(path) -> str:
    document = pypdfium2.PdfDocument(path)
    return " ".join(" ".join(page.get_textpage().get_text_range().split())
                    for page in document)


def export(window, qtbot, out):
    window.dialogs.export_choice = ExportChoice(out, landscape=False, open_when_done=False)
    with qtbot.waitSignal(window.exportFinished, timeout=60000):
        window.export_pdf_action.trigger()
    return pdf_text(out)


def test_the_export_has_the_toggles_compare_shows(qtbot, make_window, samples_store,
                                                  tmp_path):
    window = make_window(samples_store)
    window.compare(("hampshire", "2016", "legitimacy"), ("hertfordshire", "2016",
                                                        "legitimacy"))
    view = window.compare_view
    assert view.by_topic.isChecked()
    assert "paired by topic" in export(window, qtbot, tmp_path / "topic.pdf")
    view.by_topic.setChecked(False)
    text = export(window, qtbot, tmp_path / "order.pdf")
    assert "in reading order" in text
    assert "paired by topic" not in text


def test_all_pillars_and_two_forces_export_every_pillar(qtbot, make_window, tmp_path):
    store = Store.open(tmp_path / "pillars.peeldb")
    reports = [graded_report(force_id, "2017", pillar, [Grade.GOOD],
                             narrative=f"{force_id} is {pillar}.")
               for force_id in ("kent", "surrey") for pillar in ("effectiveness", "legitimacy")]
    add_reports(store, reports)
    window = make_window(store)
    window.reload(cycle="2017", pillar=ALL_PILLARS)
    select_forces(window, ["kent", "surrey"])
    text = export(window, qtbot, tmp_path / "pillars.pdf")
    assert "PEEL 2017 Effectiveness and Legitimacy: Kent Police and Surrey Police" in text
    for pillar in ("Effectiveness", "Legitimacy"):
        assert f"Kent Police and Surrey Police · PEEL 2017 {pillar}" in text
    assert "surrey is effectiveness." in text
    assert "surrey is legitimacy." in text
    store.close()
