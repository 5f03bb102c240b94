"""Export from the window: the comparison on screen becomes a PDF, opened when done."""

import pypdfium2

from peelviewer.ui.dialogs import ExportChoice


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
