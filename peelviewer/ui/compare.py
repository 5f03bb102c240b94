"""The Compare view: two reports side by side, sentence-aligned with word highlights, change
navigation (F7 / Shift+F7) and toggles for what counts as the same."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.compare import ReportComparison, compare_reports
from peelviewer.core.diff import DiffOptions
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import section_words
from peelviewer.core.report_html import legend_html, section_html
from peelviewer.core.store import Store

ReportKey = tuple[str, str, str]  # force id, cycle, pillar


class _SafeBrowser(QTextBrowser):
    """Shows our own HTML only: follows no links, loads no files or remote resources."""

    def __init__(self):
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl):
        return None


def side_title(key: ReportKey) -> str:
    force_id, cycle, pillar = key
    return f"{force_by_id(force_id).name} · PEEL {cycle}{section_words(pillar)}"


class CompareView(QWidget):
    """Signals: compared(ReportComparison) whenever a comparison is (re)built."""

    compared = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.comparison: ReportComparison | None = None
        self.keys: tuple[ReportKey, ReportKey] | None = None
        self.change_index = -1
        self.title = QLabel("Choose two forces in the force list and press Compare, or use "
                            "Compare with… in the question pane.")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.sections = QComboBox()
        self.sections.setAccessibleName("Section to compare")
        self.ignore_case = QCheckBox("Ignore case")
        self.ignore_punctuation = QCheckBox("Ignore punctuation")
        self.placeholders = QCheckBox("Force names as placeholders")
        self.placeholders.setToolTip("Each side's own force names, “the force” and “the "
                                     "constabulary” compare as equal, so template sentences "
                                     "line up")
        self.placeholders.setChecked(True)
        self.previous_change = QToolButton(text="◀ Previous change")
        self.next_change = QToolButton(text="Next change ▶")
        self.previous_change.setToolTip("Previous change (Shift+F7)")
        self.next_change.setToolTip("Next change (F7)")
        self.position = QLabel()
        self.browser = _SafeBrowser()
        self.browser.setAccessibleName("Side-by-side comparison")
        self._layout()
        for box in (self.ignore_case, self.ignore_punctuation, self.placeholders):
            box.toggled.connect(self.rerun)
        self.sections.currentIndexChanged.connect(self._show_section)
        self.next_change.clicked.connect(lambda: self.step(1))
        self.previous_change.clicked.connect(lambda: self.step(-1))
        QShortcut(QKeySequence("F7"), self, lambda: self.step(1),
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Shift+F7"), self, lambda: self.step(-1),
                  context=Qt.ShortcutContext.WindowShortcut)
        self.browser.installEventFilter(self)
        self._set_enabled(False)

    def eventFilter(self, watched, event) -> bool:
        """F7 / Shift+F7 while reading the text, even where window shortcuts do not reach."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F7:
            backwards = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step(-1 if backwards else 1)
            return True
        return super().eventFilter(watched, event)

    def _layout(self) -> None:
        self.sections.setMinimumContentsLength(28)
        self.sections.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        navigation = QHBoxLayout()
        navigation.addWidget(self.sections, 1)
        navigation.addWidget(self.previous_change)
        navigation.addWidget(self.position)
        navigation.addWidget(self.next_change)
        options = QHBoxLayout()
        for widget in (self.ignore_case, self.ignore_punctuation, self.placeholders):
            options.addWidget(widget)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(navigation)
        layout.addLayout(options)
        layout.addWidget(self.browser, 1)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.sections, self.ignore_case, self.ignore_punctuation,
                       self.placeholders, self.previous_change, self.next_change):
            widget.setEnabled(enabled)

    @property
    def options(self) -> DiffOptions:
        return DiffOptions(ignore_case=self.ignore_case.isChecked(),
                           ignore_punctuation=self.ignore_punctuation.isChecked(),
                           force_placeholders=self.placeholders.isChecked())

    def compare(self, left: ReportKey, right: ReportKey, *, section: str | None = None) -> bool:
        """Compare two reports of the library; False (with a message) if one is missing."""
        reports = [self._store.report(*left), self._store.report(*right)]
        missing = [side_title(key) for key, report in zip((left, right), reports, strict=True)
                   if report is None]
        if missing:
            self.title.setText("Not in the library: " + "; ".join(missing))
            return False
        self.keys = (left, right)
        self._build(*reports, section=section)
        return True

    def rerun(self) -> None:
        """Diff again with the current toggles, staying on the same section."""
        if self.comparison is not None:
            key = self.sections.currentData()
            self._build(self.comparison.left, self.comparison.right, section=key)

    def _build(self, left, right, *, section: str | None) -> None:
        self.comparison = compare_reports(left, right, options=self.options)
        self.title.setText(f"{side_title(self.keys[0])}   ⟷   {side_title(self.keys[1])}")
        self.sections.blockSignals(True)
        self.sections.clear()
        for item in self.comparison.sections:
            similarity = item.comparison.similarity
            self.sections.addItem(f"{item.title[:70]} · {similarity:.0f}% similar", item.key)
        wanted = self.sections.findData(section) if section else -1
        if wanted < 0:  # open on the first question: the summary is one click away
            wanted = 1 if self.sections.count() > 1 else 0
        self.sections.setCurrentIndex(wanted)
        self.sections.blockSignals(False)
        self._set_enabled(True)
        self._show_section()
        self.compared.emit(self.comparison)

    @property
    def section(self):
        return self.comparison.section(self.sections.currentData())

    def _show_section(self) -> None:
        if self.comparison is None or self.sections.currentIndex() < 0:
            return
        html = section_html(self.section, side_title(self.keys[0]), side_title(self.keys[1]),
                            scales_differ=self.comparison.scales_differ)
        self.browser.setHtml(html + legend_html())
        self.change_index = -1
        self._update_position()

    def change_count(self) -> int:
        return len(self.section.comparison.changes()) if self.comparison else 0

    def step(self, delta: int) -> None:
        """Go to the next or previous change, wrapping around."""
        count = self.change_count()
        if not count:
            return
        self.change_index = (self.change_index + delta) % count
        self.browser.scrollToAnchor(f"change-{self.change_index}")
        self._update_position()

    def _update_position(self) -> None:
        count = self.change_count()
        if not count:
            self.position.setText("no changes")
        elif self.change_index < 0:
            self.position.setText(f"{count} changes")
        else:
            self.position.setText(f"change {self.change_index + 1} of {count}")
