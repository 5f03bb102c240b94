"""The workbench in `make bench`: the timeline of a force and its findings tracker opened on a
library of 2,500 reports, each against the target of 100 ms.

The library holds every force's real cycles (three pillars a cycle to 2018/19, the
whole-force reports from 2021/22), with the catalogue keys the views link by, and further
synthetic pillar cycles until it reaches 2,500 reports: about 58 reports a force, more than
any real force has, so the figures are a worst case. Findings repeat with changed wording
from cycle to cycle, as real ones do, so "raised before" has links to find."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from peelviewer.core.forces import FORCES
from peelviewer.core.framework import TOPICS, question_order
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    MODERN_CYCLES,
    RECOMMENDATION,
    Finding,
    Grade,
    Question,
    Report,
)
from peelviewer.core.store import Store

from .search_bench import sample_sentences

REPORTS = 2_500
TARGET_MS = 100.0
PILLAR_CYCLES = ("2015", "2016", "2017", "2018/19")
PILLARS = ("effectiveness", "efficiency", "legitimacy")
FOUR = (Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.OUTSTANDING)
AREAS = tuple(t.key for t in TOPICS if "force" in t.sections)
KINDS = (AREA_FOR_IMPROVEMENT, AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION)


def _plan(reports: int) -> list[tuple[str, str, str | None]]:
    """(force, cycle, pillar) of every report: real cycles first, then synthetic ones."""
    plan = [(f.id, cycle, pillar) for f in FORCES for cycle in PILLAR_CYCLES
            for pillar in PILLARS]
    plan += [(f.id, cycle, None) for f in FORCES for cycle in MODERN_CYCLES]
    extra = 0
    while len(plan) < reports:
        cycle = f"S{extra:03d}"
        plan += [(f.id, cycle, pillar) for f in FORCES for pillar in PILLARS]
        extra += 1
    return plan[:reports]


def build_library(path: Path, reports: int = REPORTS, *, seed: int = 16) -> None:
    rng = random.Random(seed)
    sentences = sample_sentences()

    def prose(count: int) -> str:
        return " ".join(rng.choice(sentences) for _ in range(count))

    # Each force keeps a stock of findings that come back, reworded, in later cycles.
    stock = {f.id: [rng.choice(sentences) for _ in range(12)] for f in FORCES}

    def findings() -> tuple[Finding, ...]:
        chosen = []
        for _ in range(rng.randrange(1, 4)):
            text = rng.choice(stock_now)
            if rng.random() < 0.5:
                text = text.replace("the force", "the constabulary", 1)
            chosen.append(Finding(rng.choice(KINDS), text))
        return tuple(chosen)

    batch: list[Report] = []
    with Store.open(path) as store:
        for count, (force_id, cycle, pillar) in enumerate(_plan(reports), start=1):
            stock_now = stock[force_id]
            if pillar is None:
                keys = rng.sample(AREAS, 8)
                scale = tuple(Grade)
            else:
                keys = question_order(cycle, pillar) or (None,) * 3
                scale = FOUR
            questions = tuple(
                Question(number=number, text=f"Question {number}", key=key,
                         grade=rng.choice(scale), grade_source="stated",
                         narrative=prose(rng.randrange(2, 6)), findings=findings())
                for number, key in enumerate(keys, start=1))
            batch.append(Report(force_id=force_id, cycle=cycle, pillar=pillar,
                                headline="How good is the force?",
                                grade=rng.choice(FOUR) if pillar else None,
                                grade_source="stated" if pillar else None,
                                summary=prose(2), questions=questions))
            if len(batch) == 500:
                store.add_reports(batch, sha256=f"{count:064x}", file_name="generated",
                                  kind="txt", size=1)
                batch = []
        if batch:
            store.add_reports(batch, sha256="f" * 64, file_name="generated", kind="txt", size=1)


def _median_ms(open_view, forces: list[str]) -> tuple[float, float]:
    """The median and the worst of opening the view on each force in turn, painted."""
    from PySide6.QtWidgets import QApplication

    times = []
    for force_id in forces:
        start = time.perf_counter()
        open_view(force_id)
        QApplication.processEvents()  # the paint that puts it on screen
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def workbench_rows(runs: int, reports: int = REPORTS) -> list[tuple]:
    from PySide6.QtCore import QSettings, qInstallMessageHandler

    from peelviewer.ui.application import make_application
    from peelviewer.ui.dialogs import Dialogs
    from peelviewer.ui.palette import Palette
    from peelviewer.ui.pdf import _quiet_offscreen
    from peelviewer.ui.timeline import TimelineView
    from peelviewer.ui.tracker import TrackerView

    make_application()
    qInstallMessageHandler(_quiet_offscreen)  # offscreen Qt's notes on window hints
    rows = []
    with tempfile.TemporaryDirectory(prefix="peel-workbench-bench-") as scratch:
        library = Path(scratch) / "workbench.peeldb"
        build_library(library, reports)
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        with Store.open(library) as store:
            palette = Palette(settings)
            forces = [f.id for f in FORCES][: max(5, runs * 3)]
            what = f"{reports:,} reports, median of {len(forces)} forces"
            for name, make in (("timeline", TimelineView), ("findings tracker", TrackerView)):
                view = make(store, palette, Dialogs())
                view.resize(1100, 650)
                view.show()
                view.show_force(FORCES[-1].id)  # the warm-up: Qt's first layout and paint
                view.repaint()
                median, worst = _median_ms(view.show_force, forces)
                rows.append((f"{name} opens on a force ({what})", f"{median:.1f} ms", "-", "-",
                             f"< {TARGET_MS:.0f} ms", median < TARGET_MS))
                rows.append((f"  {name}, worst force", f"{worst:.1f} ms", "-", "-",
                             f"< {TARGET_MS:.0f} ms", worst < TARGET_MS))
                view.close()
                view.deleteLater()
            rows += _click_rows(store, settings, forces)
    return rows


def _click_rows(store: Store, settings, forces: list[str]) -> list[tuple]:
    """A click on a force in the window's list with the Grades tab in view: with no workbench
    tab opened yet (the baseline), and with all three opened, the findings tracker showing
    All forces (the worst case before hidden tabs stopped following at once)."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from peelviewer.ui.main_window import MainWindow
    from peelviewer.ui.workbench import TABS

    window = MainWindow(store, settings=settings)
    window.resize(1300, 760)
    window.show()
    QApplication.processEvents()
    listed = window.force_list

    def click(force_id: str) -> None:
        index = listed.proxy.mapFromSource(listed._items[force_id].index())
        listed.tree.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    window.reload(cycle="2017", pillar="effectiveness")
    click(forces[-1])
    baseline, _ = _median_ms(click, forces)
    for name in TABS:
        window.show_tab(name)
        QApplication.processEvents()
    tracker = window.workbench.tracker
    tracker.scope.setCurrentIndex(tracker.scope.count() - 1)  # All forces
    while tracker._link_timer.isActive():  # its links, worked out between events
        QApplication.processEvents()
    window.show_tab("Grades")
    built, _ = _median_ms(click, list(reversed(forces)))
    window.close()
    window.deleteLater()
    return [("force list click, workbench tabs opened but hidden", f"{built:.1f} ms",
             f"{baseline:.1f} ms", f"{built / baseline:.2f}", "(no target)", None)]


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .table import print_table

    print_table(workbench_rows(3))
