"""Export timings for `make bench`: the two samples, and ten forces over a whole cycle."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET_SAMPLES_S = 1.0
TARGET_TEN_FORCES_S = 5.0


def _export_seconds(library: Path, force_ids: list[str], runs: int) -> tuple[float, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from peelviewer.core.comparison.document import build_document
    from peelviewer.core.store import Store
    from peelviewer.ui.pdf import write_pdf

    app = QApplication.instance() or QApplication([])
    times, pages = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs + 1):
            store = Store.open(library)
            start = time.perf_counter()
            document = build_document(store, force_ids)
            pages = write_pdf(document, Path(folder) / f"out-{run}.pdf")
            seconds = time.perf_counter() - start
            store.close()
            app.processEvents()
            if run:  # the first run warms up imports and fonts
                times.append(seconds)
    return statistics.median(times), pages


def export_rows(big_library: Path, runs: int) -> list[tuple]:
    from peelviewer.core.importer import import_paths
    from peelviewer.core.store import Store

    samples = Path(__file__).resolve().parents[2] / "peelviewer" / "resources" / "samples"
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "samples.peeldb"
        store = Store.open(small)
        import_paths(store, [samples])
        store.close()
        two, two_pages = _export_seconds(small, ["hampshire", "hertfordshire"], runs)
    store = Store.open(big_library)
    cycle = store.cycles()[-1]
    pillar = store.sections(cycle)[0]
    forces = store.forces_with_report(cycle, pillar)[:10]
    store.close()
    ten, ten_pages = _export_seconds(big_library, forces, runs)
    return [
        ("export PDF: two samples", f"{two:.2f} s ({two_pages} pages)", "-", "-",
         f"< {TARGET_SAMPLES_S:.0f} s", two < TARGET_SAMPLES_S),
        (f"export PDF: 10 forces, {cycle} {pillar}", f"{ten:.2f} s ({ten_pages} pages)", "-",
         "-", f"< {TARGET_TEN_FORCES_S:.0f} s", ten < TARGET_TEN_FORCES_S),
    ]
