"""The Question pane: one question of one report in full, as plain text, with its findings,
previous/next, the force's other reports and the pillar summary."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import Cell
from peelviewer.core.model import (
    FINDING_TITLES,
    Question,
    Report,
    long_date,
    section_label,
)
from peelviewer.core.search import Marks
from peelviewer.core.store import Store
from peelviewer.ui.highlight import HIGHLIGHT_COLOUR, marked_html
from peelviewer.ui.library_guard import guarded
from peelviewer.ui.palette import Palette
from peelviewer.ui.reading_box import (
    ProgressiveText,
    ReadingBox,
    TemplateFinder,
    TemplateLookup,
)
from peelviewer.ui.safe_text import plain_label


class DetailPane(QWidget):
    """Signals: questionShown(force_id, cycle, pillar, number) after a question is displayed;
    compareRequested(left key, right key, section) from Compare with…, keys being
    (force id, cycle, pillar)."""

    questionShown = Signal(str, str, str, int)
    compareRequested = Signal(object, object, str)

    def __init__(self, store: Store, palette: Palette, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._palette = palette
        self.report: Report | None = None
        self.question: Question | None = None
        self._force_id = ""
        # Where a search's words stand in the report's texts, while its hit is open.
        self._marks: dict[str, Marks] = {}
        self._summary_marked = False
        self._dim_template = True
        # The lookup of the report shown: (force id, cycle, section), TemplateLookup.
        self._templates: tuple[tuple[str, str, str], TemplateLookup] | None = None
        self.force_title = plain_label(bold=True, size=1.3)
        self.facts = plain_label()
        self.report_grade = plain_label()
        self.reports = QComboBox()
        self.reports.setAccessibleName("Reports of this force")
        self.questions = QComboBox()
        self.questions.setAccessibleName("Question")
        self.previous_button = QToolButton(text="◀ Previous")
        self.next_button = QToolButton(text="Next ▶")
        self.previous_button.setToolTip("Previous question (Alt+Up)")
        self.next_button.setToolTip("Next question (Alt+Down)")
        self.previous_button.setShortcut("Alt+Up")
        self.next_button.setShortcut("Alt+Down")
        self.compare_button = QToolButton(text="Compare with…")
        self.compare_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.compare_button.setToolTip("Put this report beside another force's, or beside "
                                       "this force's report from another year")
        self.compare_menu = QMenu(self.compare_button)
        self.compare_button.setMenu(self.compare_menu)
        # The size hint leaves out the menu arrow, which then covers the "…".
        arrow = self.compare_button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
        self.compare_button.setMinimumWidth(self.compare_button.sizeHint().width() + arrow + 4)
        self.question_text = plain_label(bold=True, size=1.1)
        self.question_grade = plain_label()
        self.narrative = ReadingBox("Narrative")
        self.summary = ReadingBox("Pillar summary")
        self.narrative_text = ProgressiveText(self.narrative)
        self.summary_text = ProgressiveText(self.summary)
        self.finding_lists = {kind: QListWidget() for kind in FINDING_TITLES}
        self.finding_titles = {kind: plain_label(bold=True) for kind in FINDING_TITLES}
        self.tabs = QTabWidget()
        self._layout()
        self.reports.activated.connect(self._report_chosen)
        self.questions.activated.connect(self._question_chosen)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.clear("Click a cell of the heatmap, a force, or a search result to read it here.")

    def _layout(self) -> None:
        findings = QWidget()
        column = QVBoxLayout(findings)
        for kind, widget in self.finding_lists.items():
            widget.setWordWrap(True)
            widget.setAccessibleName(FINDING_TITLES[kind])
            widget.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
            column.addWidget(self.finding_titles[kind])
            column.addWidget(widget, 1)
        self.tabs.addTab(self.narrative, "Narrative")
        self.tabs.addTab(findings, "Findings")
        self.tabs.addTab(self.summary, "Pillar summary")
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.questions, 1)
        navigation.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.force_title)
        layout.addWidget(self.facts)
        layout.addWidget(self._fit(self.report_grade))
        reports_row = QHBoxLayout()
        reports_row.addWidget(self.reports, 1)
        reports_row.addWidget(self.compare_button)
        layout.addLayout(reports_row)
        layout.addLayout(navigation)
        layout.addWidget(self.question_text)
        layout.addWidget(self._fit(self.question_grade))
        layout.addWidget(self.tabs, 1)

    # Showing

    def clear(self, message: str) -> None:
        self.report = self.question = None
        self._marks, self._summary_marked = {}, False
        self.force_title.setText(message)
        for widget in (self.facts, self.report_grade, self.question_text, self.question_grade):
            widget.setText("")
            widget.setStyleSheet("")
        for text in (self.narrative_text, self.summary_text):
            text.show("")
        self._no_findings()
        self.tabs.setTabText(2, "Pillar summary")
        self.reports.clear()
        self.questions.clear()
        self.compare_menu.clear()
        for widget in (self.reports, self.questions, self.previous_button, self.next_button,
                       self.compare_button):
            widget.setEnabled(False)

    @guarded
    def show_question(self, force_id: str, cycle: str, pillar: str, number: int | None = None,
                      *, highlight: str = "") -> bool:
        """Show a question (the first if `number` is None); False if the report is missing.
        The words of the search `highlight` are highlighted until something else is shown."""
        report = self._store.report(force_id, cycle, pillar)
        self._marks = (self._store.search_marks(highlight, force_id, cycle, pillar)
                       if highlight and report is not None else {})
        if report is None:
            force = force_by_id(force_id)
            what = "" if pillar == "force" else f" {pillar}"
            self.clear(f"{force.name}: no PEEL {cycle}{what} report in the library.")
            self._fill_reports(force_id, None)
            return False
        if report != self.report:
            self._show_report(report)
        elif self._summary_marked or self._marks:
            self._show_summary()
        if not report.questions:
            self._show_no_questions(report)
            return True
        numbers = [q.number for q in report.questions]
        index = numbers.index(number) if number in numbers else 0
        self._show_question_at(index)
        return True

    def _show_report(self, report: Report) -> None:
        self.report = report
        force = force_by_id(report.force_id)
        self.force_title.setText(force.name)
        if report.last_updated:
            date = f"last updated {long_date(report.last_updated)}"
        elif report.published:
            date = f"published {long_date(report.published)}"
        else:
            date = "no date on the page"
        sources = self._store.source_names(report.force_id, report.cycle, report.section)
        label = "Source" if len(sources) == 1 else "Sources"
        scale = ("five grades (not comparable with the four of 2014 to 2018/19)"
                 if report.scale == 5 else "four grades")
        self.facts.setText(f"PEEL {report.cycle} · {section_label(report.section)} · {date}\n"
                           f"Graded on {scale}\n{label}: {', '.join(sources) or 'unknown'}")
        # A whole-force report has no overall grade, only its areas' grades.
        self.report_grade.setVisible(report.pillar is not None)
        self._set_chip(self.report_grade, "Pillar grade",
                       Cell(report.judgment, has_report=True))
        self._show_summary()
        self.tabs.setTabText(2, "Pillar summary" if report.pillar else "Summary")
        self.questions.clear()
        for q in report.questions:
            self.questions.addItem(_question_label(report, q), q.number)
        self.questions.setEnabled(True)
        self._fill_reports(report.force_id, report)
        self._fill_compare_menu(report)

    def _show_summary(self) -> None:
        marks = self._marks.get(self.report.summary, ())
        self.summary_text.show(self.report.summary, marks,
                               self._template_finder(self.report.summary))
        self._summary_marked = bool(marks)

    def _show_narrative(self) -> None:
        narrative = self.question.narrative
        self.narrative_text.show(narrative, self._marks.get(narrative, ()),
                                 self._template_finder(narrative))

    def _template_finder(self, text: str) -> TemplateFinder | None:
        """How to find the template sentences of one of the report's texts; None when they
        are not dimmed."""
        if not self._dim_template or self.report is None or not text:
            return None
        report = self.report
        key = (report.force_id, report.cycle, report.section)
        if self._templates is None or self._templates[0] != key:
            lookup = TemplateLookup(self._store.db.conn, report.force_id, report.cycle)
            self._templates = (key, lookup)
        return self._templates[1].finder(text)

    @property
    def dim_template(self) -> bool:
        return self._dim_template

    @guarded
    def set_dim_template(self, on: bool) -> None:
        """Dim template text (sentences that at least TEMPLATE_FORCES forces' reports of
        the cycle share) or show it as any other; the texts shown are shown again. Also
        the way to show template text found since (the index is built after imports)."""
        self._dim_template = on
        self._templates = None  # looked up again: the index may have grown
        if self.report is None:
            return
        places = [box.verticalScrollBar().value() for box in (self.summary, self.narrative)]
        self._show_summary()
        if self.question is not None:
            self._show_narrative()
        for box, place in zip((self.summary, self.narrative), places, strict=True):
            box.verticalScrollBar().setValue(place)  # the reader stays where they were

    def _clear_highlight(self) -> None:
        """The user opened something else: no words stay highlighted."""
        self._marks = {}
        if self._summary_marked and self.report is not None:
            self._show_summary()

    def _fill_reports(self, force_id: str, report: Report | None) -> None:
        self.reports.clear()
        for row in self._store.force_reports(force_id):
            grade = "" if row["pillar"] == "force" else f" · {row['grade'] or 'not graded'}"
            self.reports.addItem(
                f"PEEL {row['cycle']} · {section_label(row['pillar'])}{grade}",
                (row["cycle"], row["pillar"]))
            if report and (row["cycle"], row["pillar"]) == (report.cycle, report.section):
                self.reports.setCurrentIndex(self.reports.count() - 1)
        self.reports.setEnabled(self.reports.count() > 0)
        self._force_id = force_id

    def _fill_compare_menu(self, report: Report) -> None:
        """Other forces with this cycle and section; this force's other cycles: of the same
        pillar, and across the 2021 change between pillar pages and whole-force reports
        (questions there are paired with areas by the framework's keys)."""
        self.compare_menu.clear()
        mine = (report.force_id, report.cycle, report.section)
        years = [row for row in self._store.force_reports(report.force_id)
                 if row["cycle"] != report.cycle and (
                     row["pillar"] == report.section or "force" in (row["pillar"],
                                                                     report.section))]
        for row in years:
            other = (report.force_id, row["cycle"], row["pillar"])
            what = "" if row["pillar"] in ("force", report.section) else (
                f" {section_label(row['pillar'])}")
            action = self.compare_menu.addAction(f"{force_by_id(report.force_id).name}, "
                                                 f"PEEL {row['cycle']}{what}")
            action.triggered.connect(lambda _=False, o=other: self._request(mine, o))
        forces = [f for f in self._store.forces_with_report(report.cycle, report.section)
                  if f != report.force_id]
        if years and forces:
            self.compare_menu.addSeparator()
        for force_id in forces:
            other = (force_id, report.cycle, report.section)
            action = self.compare_menu.addAction(force_by_id(force_id).name)
            action.triggered.connect(lambda _=False, o=other: self._request(mine, o))
        self.compare_button.setEnabled(not self.compare_menu.isEmpty())

    def _request(self, mine: tuple, other: tuple) -> None:
        number = self.question.number if self.question else None
        self.compareRequested.emit(mine, other, f"q{number}" if number else "")

    def _show_question_at(self, index: int) -> None:
        report = self.report
        question = report.questions[index]
        self.question = question
        self.questions.setCurrentIndex(index)
        self._show_question_text(_question_label(report, question, full=True), question.text)
        self._set_chip(self.question_grade, "Grade",
                       Cell(question.judgment, has_report=True, graded=question.graded))
        self._show_narrative()
        for kind, widget in self.finding_lists.items():
            widget.clear()
            lead_in = None
            for finding in question.findings:
                if finding.kind != kind:
                    continue
                if finding.lead_in and finding.lead_in != lead_in:
                    lead_in = finding.lead_in
                    header = QListWidgetItem(lead_in)
                    header.setFlags(Qt.ItemFlag.NoItemFlags)
                    widget.addItem(header)
                text = f"• {finding.text}"
                if finding.detail:
                    text += "\n" + finding.detail
                item = QListWidgetItem(text)
                if finding.text in self._marks:  # a list item is plain text: all of it marked
                    item.setBackground(QBrush(QColor(HIGHLIGHT_COLOUR)))
                    item.setForeground(QBrush(QColor("#000000")))
                widget.addItem(item)
            count = len(question.findings_of(kind))
            self.finding_titles[kind].setText(f"{FINDING_TITLES[kind]} ({count})")
            widget.setVisible(count > 0)
        total = len(question.findings)
        self.tabs.setTabText(1, f"Findings ({total})")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(report.questions) - 1)
        self.questionShown.emit(report.force_id, report.cycle, report.section, question.number)

    def _show_question_text(self, label: str, text: str) -> None:
        """The question's heading, its matched words highlighted (as escaped HTML)."""
        marks = self._marks.get(text, ())
        if not marks or not label.endswith(text):
            self.question_text.setTextFormat(Qt.TextFormat.PlainText)
            self.question_text.setText(label)
            return
        prefix = label[:len(label) - len(text)]
        markup = marked_html(text, marks, pre=False)
        self.question_text.setTextFormat(Qt.TextFormat.RichText)
        self.question_text.setText(html.escape(prefix) + markup)

    def _show_no_questions(self, report: Report) -> None:
        """A partial copy (the top of the page only): its summary is all there is."""
        self.question = None
        self.question_text.setTextFormat(Qt.TextFormat.PlainText)
        self.question_text.setText("This copy of the page holds no questions, only the "
                                   "summary.")
        self.question_grade.setText("")
        self.question_grade.setStyleSheet("")
        self.narrative_text.show("")
        self._no_findings()
        self.tabs.setCurrentWidget(self.summary)
        for widget in (self.questions, self.previous_button, self.next_button):
            widget.setEnabled(False)
        self.questionShown.emit(report.force_id, report.cycle, report.section, 0)

    def _no_findings(self) -> None:
        """Empty finding lists, hidden (they would only make the pane tall), with titles and
        the tab's count that hold no number from the question shown before."""
        for kind, widget in self.finding_lists.items():
            widget.clear()
            widget.setVisible(False)
            self.finding_titles[kind].setText(FINDING_TITLES[kind])
        self.tabs.setTabText(1, "Findings")

    @staticmethod
    def _fit(label: QLabel) -> QLabel:
        """A chip as wide as its words, not the pane."""
        label.setWordWrap(False)
        label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return label

    def _set_chip(self, label: QLabel, prefix: str, cell: Cell) -> None:
        label.setText(f"{prefix}: {cell.describe()}")
        fill, ink = self._palette.fill(cell.code).name(), self._palette.ink(cell.code).name()
        label.setStyleSheet(f"background:{fill}; color:{ink}; padding:3px 8px;"
                            "border-radius:3px;")

    # Navigation

    def step(self, delta: int) -> None:
        if self.report is None:
            return
        index = self.questions.currentIndex() + delta
        if 0 <= index < len(self.report.questions):
            self._clear_highlight()
            self._show_question_at(index)

    @guarded
    def _question_chosen(self, index: int) -> None:
        if self.report is not None and index >= 0:
            self._clear_highlight()
            self._show_question_at(index)

    @guarded
    def _report_chosen(self, index: int) -> None:
        cycle, pillar = self.reports.itemData(index)
        self.show_question(self._force_id, cycle, pillar)


def _question_label(report: Report, question: Question, *, full: bool = False) -> str:
    """"Q2  To what extent …?" for a pillar question; an area of policing by its name."""
    if report.pillar is None:
        return question.text
    return f"Q{question.number}. {question.text}" if full else (
        f"Q{question.number}  {question.text}")
