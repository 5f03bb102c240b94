"""The main window: toolbar, Forces dock, heatmap (or its table), Question and Search docks,
Compare tab. The shell paints first; the library and the heavy views attach right after, so
the window appears at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from peelviewer.commands import EXPORTS
from peelviewer.core.forces import force_by_id
from peelviewer.core.grid import ALL_PILLARS, GradeGrid, grade_grid
from peelviewer.core.library_errors import StoreError
from peelviewer.core.model import is_modern, section_label
from peelviewer.ui.dialogs import Dialogs, DialogsLike
from peelviewer.ui.export_controller import ExportController, Scope, comparison_scope
from peelviewer.ui.import_controller import ImportController
from peelviewer.ui.library_guard import REMEDIES, guarded, library_error_title
from peelviewer.ui.library_menu import LibraryMenu
from peelviewer.ui.palette import Palette
from peelviewer.ui.template_indexing import TemplateIndexing
from peelviewer.ui.window_layout import (
    DETAIL_WIDTH,
    FORCES_WIDTH,
    ScrollingDock,
    centred_note,
    first_run_geometry,
    fitted_geometry,
)
from peelviewer.ui.workbench import TABS, Workbench

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent

    from peelviewer.core.queries import SearchHit

SORT_LABELS = {"name": "Sort by name", "grade": "Sort by grade",
               "pillar": "Sort by pillar grade", "region": "Sort by region"}


class MainWindow(QMainWindow):
    """Signals: libraryAttached() once the library's views are in place; gridChanged(GradeGrid)
    whenever the heatmap is rebuilt; importFinished(ImportSummary) after an import has
    refreshed the views; exportFinished(path) after an export; templatesIndexed(count) after
    reports' sentences were indexed for template text."""

    libraryAttached = Signal()
    templatesIndexed = Signal(int)
    gridChanged = Signal(object)
    importFinished = Signal(object)
    exportFinished = Signal(object)

    def __init__(self, store=None, *, settings: QSettings,
                 dialogs: DialogsLike | None = None):
        super().__init__()
        self.store = None
        self.settings = settings
        self.dialogs = dialogs or Dialogs()
        self.grid: GradeGrid | None = None
        self._updating = False
        self.indexing = TemplateIndexing(self)  # template text indexed on a thread
        self.importer = ImportController(
            self, store=lambda: self.store, dialogs=self.dialogs,
            status=self.statusBar().showMessage, show_imported=self._show_imported,
            library_failed=self.library_failed)
        self.importer.finished.connect(self.importFinished)
        self.exporter = ExportController(
            self, store=lambda: self.store, dialogs=self.dialogs,
            status=self.statusBar().showMessage, scope=self.export_scope,
            library_failed=self.library_failed)
        self.exporter.finished.connect(self.exportFinished)
        self._told: set[str] = set()  # library failures already shown in a dialog
        self.setAcceptDrops(True)
        self.importFinished.connect(self.indexing.start)
        self.palette = Palette(settings)
        self.setWindowTitle("PEEL Viewer")
        self.setObjectName("MainWindow")

        self.centre = QStackedWidget()
        self.loading = centred_note("Opening the library…")
        self.empty_hint = centred_note(
            "No reports for this choice yet.\n\nDrop report files or folders anywhere on this "
            "window (text, saved web pages or PDFs), use File > Import, or paste a report's "
            "text or link (Ctrl+V).")
        self.centre.addWidget(self.loading)
        self.centre.addWidget(self.empty_hint)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.centre, "Grades")
        self.setCentralWidget(self.tabs)

        # Every dock starts as a placeholder: even the force list's tree view costs tens of
        # milliseconds of Qt type set-up, and the first paint should not wait for it.
        self.forces_dock = self._dock("Forces", centred_note("…"),
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.detail_dock = self._dock("Question", centred_note("…"),
                                      Qt.DockWidgetArea.RightDockWidgetArea, scrolls=True)
        self.search_dock = self._dock("Search", centred_note("…"),
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.forces_dock, self.search_dock)
        self.forces_dock.raise_()
        self._build_toolbar()
        self._build_menus()
        self._library_actions(False)
        self.problem = QLabel()  # a library failure stays in view until the window closes
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("QLabel { color: #a30000; font-weight: bold; }")
        self.problem.hide()
        self.statusBar().addPermanentWidget(self.problem)
        self._restore_layout()
        if store is not None:
            self.attach(store)

    def attach(self, store) -> None:
        """Put the library's views in place and show the remembered cycle, pillar and
        question. Their modules (pyqtgraph, the diff) load here, after the first paint."""
        from peelviewer.ui.compare import CompareView
        from peelviewer.ui.detail import DetailPane
        from peelviewer.ui.force_list import ForceList
        from peelviewer.ui.grade_table import GradeTableView
        from peelviewer.ui.heatmap import GradeHeatmap
        from peelviewer.ui.search import SearchPane

        self.store = store
        self.force_list = ForceList(self.palette)
        self.force_list.setMinimumWidth(280)
        self.forces_dock.setWidget(self.force_list)
        self.force_list.forcesSelected.connect(self._forces_selected)
        self.heatmap = GradeHeatmap(self.palette)
        self.table = GradeTableView(self.palette)
        self.centre.addWidget(self.heatmap)
        self.centre.addWidget(self.table)
        self.compare_view = CompareView(store)
        self.tabs.addTab(self.compare_view, "Compare")
        self.workbench = Workbench(self)
        self.detail = DetailPane(store, self.palette)
        self.detail.setMinimumWidth(380)
        self.search = SearchPane(store)
        if not self.dim_template_action.isChecked():  # both start with dimming on
            self.detail.set_dim_template(False)
            self.compare_view.set_dim_template(False)
        self.detail_dock.setWidget(self.detail)
        self.search_dock.setWidget(self.search)
        self.heatmap.cellClicked.connect(self.open_cell)
        self.table.cellActivated.connect(self.open_cell)
        self.search.hitChosen.connect(self.open_hit)
        self.importFinished.connect(self.search.choices_changed)
        # Right-click on the Question pane offers to remove its report.
        self.detail.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.detail.addAction(self.library_menu.remove_action)
        self.detail.compareRequested.connect(self.compare)
        self.detail.questionShown.connect(self._remember_question)
        self.detail.questionShown.connect(self._outline_shown_question)
        self._library_actions(True)
        if store.damage:
            self._show_problem(StoreError(store.damage, StoreError.DAMAGED))
        self._restore_view()
        QTimer.singleShot(0, self.indexing.start)
        self.libraryAttached.emit()
        self.importer.start_pending()

    def switch_library(self, store) -> None:
        """Show another library: the open one's views go (the search thread first, with its
        connection) and the new one's are built as at start. The caller closes the old
        store."""
        if self.store is not None:
            self._detach()
        self.attach(store)

    def _detach(self) -> None:
        self.search.stop()
        self.indexing.stop()
        self.centre.setCurrentWidget(self.loading)
        for widget in (self.heatmap, self.table):
            self.centre.removeWidget(widget)
            widget.deleteLater()
        self.tabs.removeTab(self.tabs.indexOf(self.compare_view))
        self.compare_view.deleteLater()
        self.workbench.detach()
        self.workbench.deleteLater()
        for dock in (self.forces_dock, self.detail_dock, self.search_dock):
            old = dock.widget()
            dock.setWidget(centred_note("…"))
            old.deleteLater()
        self._library_actions(False)
        self.store = self.grid = None
        self._told.clear()
        self.problem.hide()
        self.settings.remove("view/question")  # a place in the other library

    def library_failed(self, error: StoreError) -> None:
        """A library error met by a view or a job: said once in a dialog, kept in the status
        bar; a damaged library is written no more."""
        if error.kind == StoreError.DAMAGED and self.store is not None and not self.store.damage:
            self.store.damage = str(error)
        self._show_problem(error)
        message = str(error)
        if message in self._told:
            return
        self._told.add(message)
        remedy = REMEDIES.get(error.kind, "")
        path = self.store.path if self.store is not None else ""
        self.dialogs.error(self, library_error_title(error.kind),
                           f"{path}: {message}" + (f"\n\n{remedy}" if remedy else ""))

    def _show_problem(self, error: StoreError) -> None:
        if error.kind == StoreError.DAMAGED:  # never written again: importing is off
            for action in self._writes_library:
                action.setEnabled(False)
        self.problem.setText(library_error_title(error.kind))
        self.problem.setToolTip(str(error))
        self.problem.show()
        self.statusBar().showMessage(str(error))

    def _library_actions(self, enabled: bool) -> None:
        for action in self._needs_library:
            action.setEnabled(enabled and not (action in self._writes_library and self.store
                                               is not None and self.store.damage))
        self.compare_action.setEnabled(enabled and
                                       len(self.force_list.selected_force_ids()) == 2)
        self.find_action.setEnabled(enabled)

    # Construction

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea, *,
              scrolls: bool = False) -> QDockWidget:
        dock = (ScrollingDock if scrolls else QDockWidget)(title, self)
        dock.setObjectName(f"{title}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_toolbar(self) -> None:
        bar = QToolBar("Grades")
        bar.setObjectName("GradesToolbar")
        self.addToolBar(bar)
        self.cycle_box = QComboBox()
        self.cycle_box.setAccessibleName("Cycle")
        self.pillar_box = QComboBox()
        self.pillar_box.setAccessibleName("Pillar")
        # Wide enough for its longest entry, "Areas of policing", before it is ever filled.
        self.pillar_box.setMinimumContentsLength(len("Areas of policing"))
        self.pillar_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort")
        for key, label in SORT_LABELS.items():
            self.sort_box.addItem(label, key)
        self.group_action = QAction("Group by region", self, checkable=True)
        self.missing_action = QAction("Show forces without reports", self, checkable=True)
        self.table_action = QAction("Accessible table", self, checkable=True)
        self.table_action.setShortcut("Ctrl+T")
        for label, widget in (("PEEL ", self.cycle_box), ("  Pillar ", self.pillar_box),
                              ("  ", self.sort_box)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addAction(self.group_action)
        bar.addAction(self.table_action)
        bar.addSeparator()
        self.compare_action = QAction("Compare", self)
        self.compare_action.setShortcut("Ctrl+D")
        self.compare_action.setToolTip("Compare the two forces selected in the force list "
                                       "(Ctrl+D)")
        self.compare_action.setEnabled(False)
        self.compare_action.triggered.connect(self.compare_selected)
        bar.addAction(self.compare_action)
        self.cycle_box.currentIndexChanged.connect(self._cycle_changed)
        for signal in (self.pillar_box.currentIndexChanged, self.sort_box.currentIndexChanged,
                       self.group_action.toggled, self.missing_action.toggled):
            signal.connect(self.refresh)
        self.table_action.toggled.connect(self._show_centre)

    def _build_menus(self) -> None:
        # Actions that need a library, and those that write it (off on a damaged one).
        self._needs_library: list[QAction] = []
        self._writes_library: list[QAction] = []
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        self._help_menu()

    def _file_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.library_menu = library = LibraryMenu(self)
        file_menu.addActions([library.open_action, library.new_action])
        file_menu.addSeparator()
        import_files = file_menu.addAction("&Import files…")
        self._needs_library += [import_files, library.open_action, library.new_action,
                                library.remove_action]
        self._writes_library += [import_files, library.remove_action]
        import_files.setShortcut(QKeySequence.StandardKey.Open)
        import_files.triggered.connect(
            lambda: self.start_import(self.dialogs.import_files(self)))
        import_folder = file_menu.addAction("Import &folder…")
        import_folder.setShortcut("Ctrl+Shift+O")
        self._needs_library.append(import_folder)
        self._writes_library.append(import_folder)
        import_folder.triggered.connect(
            lambda: self.start_import(self.dialogs.import_folder(self)))
        file_menu.addAction(library.remove_action)
        file_menu.addSeparator()
        self.export_actions: dict[str, QAction] = {}  # by command name
        for export in EXPORTS:
            action = file_menu.addAction(export.label)
            if export.shortcut:
                action.setShortcut(getattr(QKeySequence.StandardKey, export.shortcut))
            action.setToolTip(export.summary[:1].upper() + export.summary[1:])
            action.triggered.connect(self.exporter.runs[export.command])
            self.export_actions[export.command] = action
            self._needs_library.append(action)
        self.export_pdf_action = self.export_actions["export-pdf"]
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def _edit_menu(self) -> None:
        edit = self.menuBar().addMenu("&Edit")
        self.paste_action = paste = edit.addAction("&Paste report")
        paste.setShortcut(QKeySequence.StandardKey.Paste)
        paste.setToolTip("Import the report text, web page or link on the clipboard")
        self._needs_library.append(paste)
        self._writes_library.append(paste)
        paste.triggered.connect(self.paste_report)

    def _view_menu(self) -> None:
        view = self.menuBar().addMenu("&View")
        self.find_action = find = view.addAction("&Filter forces")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_filter)
        search = view.addAction("&Search the library")
        self._needs_library.append(search)
        search.setShortcut("Ctrl+Shift+F")
        search.triggered.connect(self.focus_search)
        view.addSeparator()
        for action in (self.table_action, self.group_action, self.missing_action):
            view.addAction(action)
        view.addSeparator()
        self.dim_template_action = QAction("&Dim template text", self, checkable=True)
        self.dim_template_action.setToolTip(
            "Grey out sentences that many forces' reports of a cycle share (the "
            "inspectorate's standard wording), so the force's own text stands out")
        self.dim_template_action.setChecked(
            self.settings.value("view/dim_template", True, type=bool))
        self.dim_template_action.toggled.connect(self._dim_template)
        view.addAction(self.dim_template_action)
        view.addSeparator()
        for number, name in enumerate(("Grades", "Compare", *TABS), start=1):
            go = view.addAction(f"Go to {name}")
            go.setShortcut(f"Ctrl+{number}")
            go.triggered.connect(lambda _checked=False, name=name: self.show_tab(name))
        view.addSeparator()
        for dock in (self.forces_dock, self.detail_dock, self.search_dock):
            view.addAction(dock.toggleViewAction())

    def _help_menu(self) -> None:
        help_menu = self.menuBar().addMenu("&Help")
        help_action = help_menu.addAction("PEEL Viewer &help")
        help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_action.triggered.connect(lambda: self.dialogs.help(self))
        about = help_menu.addAction("&About PEEL Viewer")
        about.triggered.connect(lambda: self.dialogs.about(
            self, str(self.store.path) if self.store else "not open yet"))

    # Import and export (ui/import_controller.py, ui/export_controller.py)

    @property
    def import_job(self):
        """The import under way, or None."""
        return self.importer.job

    @property
    def export_job(self):
        """The export under way, or None."""
        return self.exporter.job

    def start_import(self, items: list) -> None:
        """Import files, folders, links or text (see ImportController.start)."""
        self.importer.start(items)

    def paste_report(self) -> None:
        self.importer.paste()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.importer.drag_enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.importer.drag_move(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.importer.drop(event)

    def _show_imported(self) -> None:
        """After an import: the views re-read, the Question pane keeping the user's place
        with the newest text."""
        shown = self.detail.question
        report = self.detail.report
        self.reload()
        if report is not None:
            self.detail.report = None
            self.detail.show_question(report.force_id, report.cycle, report.pillar,
                                      shown.number if shown else None)

    def export_scope(self) -> Scope | None:
        """What File > Export comparison PDF writes (see comparison_scope)."""
        return comparison_scope(
            compare_view=self.compare_view,
            compare_shown=self.tabs.currentWidget() is self.compare_view,
            force_ids=self.force_list.selected_force_ids(), cycle=self.cycle,
            pillar=self.pillar, dim_template=self.dim_template_action.isChecked())

    def export_pdf(self) -> None:
        self.exporter.export_pdf()

    def export_csv(self) -> None:
        self.exporter.export_csv()

    # State

    def _restore_layout(self) -> None:
        """The saved geometry, fitted back onto the screen if it no longer fits (a laptop
        after a big monitor); on first run a size taken from the screen."""
        settings = self.settings
        saved = settings.value("window/geometry")
        if saved is None or not self.restoreGeometry(saved):
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(first_run_geometry(screen.availableGeometry()))
            self.resizeDocks([self.forces_dock, self.detail_dock],
                             [FORCES_WIDTH, DETAIL_WIDTH], Qt.Orientation.Horizontal)
        elif not (self.isMaximized() or self.isFullScreen()):
            # The screen it was on, if that is still there; else the one Qt put it on.
            screen = (QGuiApplication.screenAt(self.geometry().center()) or self.screen()
                      or QGuiApplication.primaryScreen())
            self.setGeometry(fitted_geometry(self.geometry(), screen.availableGeometry()))
        if settings.value("window/state") is not None:
            self.restoreState(settings.value("window/state"))

    def _restore_view(self) -> None:
        settings = self.settings
        self._updating = True
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(
            settings.value("view/sort", "name"))))
        self.group_action.setChecked(settings.value("view/group", False, type=bool))
        self.missing_action.setChecked(settings.value("view/missing", False, type=bool))
        self.table_action.setChecked(settings.value("view/table", False, type=bool))
        self._updating = False
        self.reload(cycle=settings.value("view/cycle"), pillar=settings.value("view/pillar"))
        last = settings.value("view/question")
        if last:
            force_id, cycle, pillar, number = str(last).split("|")
            if cycle == self.cycle:
                self.detail.show_question(force_id, cycle, pillar, int(number))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.importer.stop()  # the current file finishes, never half a report
        self.exporter.wait()  # and the document being built
        self.indexing.stop()
        settings = self.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        if self.store is None:
            settings.sync()
            super().closeEvent(event)
            return
        settings.setValue("view/cycle", self.cycle)
        settings.setValue("view/pillar", self.pillar)
        settings.setValue("view/sort", self.sort_box.currentData())
        settings.setValue("view/group", self.group_action.isChecked())
        settings.setValue("view/missing", self.missing_action.isChecked())
        settings.setValue("view/table", self.table_action.isChecked())
        settings.sync()
        super().closeEvent(event)

    def _outline_shown_question(self, force_id: str, cycle: str, pillar: str,
                                number: int) -> None:
        """The heatmap outlines the cell of the question the pane shows, however it was
        opened: a click, the table, Previous/Next, a search hit."""
        grid = self.grid
        if grid is None or grid.cycle != cycle:
            return
        row = grid.row_of(force_id)
        if row is None:
            return
        for column, heading in enumerate(grid.columns):
            if (heading.key == pillar if grid.pillar == ALL_PILLARS
                    else grid.pillar == pillar and grid.cell(row, column).number == number):
                self.heatmap.select_cell(row, column)
                return

    def _remember_question(self, force_id: str, cycle: str, pillar: str, number: int) -> None:
        self.settings.setValue("view/question", f"{force_id}|{cycle}|{pillar}|{number}")

    @property
    def cycle(self) -> str:
        return self.cycle_box.currentData() or ""

    @property
    def pillar(self) -> str:
        return self.pillar_box.currentData() or ALL_PILLARS

    # Updating

    @guarded
    def reload(self, *, cycle: str | None = None, pillar: str | None = None) -> None:
        """Re-read the cycles the library holds, keep (or choose) a cycle, and refresh."""
        cycle = cycle or self.cycle
        pillar = pillar or self.pillar
        self._updating = True
        cycles = self.store.cycles()
        self.cycle_box.clear()
        for name in cycles:
            self.cycle_box.addItem(name, name)
        if cycles:
            self.cycle_box.setCurrentIndex(cycles.index(cycle) if cycle in cycles
                                           else len(cycles) - 1)
        self._fill_pillars(pillar)
        self._updating = False
        self.refresh()

    def _fill_pillars(self, wanted: str | None) -> None:
        self.pillar_box.clear()
        pillars = self.store.sections(self.cycle) if self.cycle else []
        # A 2021/22-onwards cycle has one whole-force report per force: its areas are the
        # only view, and "All pillars" would be a single column of nothing.
        if not is_modern(self.cycle):
            self.pillar_box.addItem("All pillars", ALL_PILLARS)
        for pillar in pillars:
            self.pillar_box.addItem(section_label(pillar), pillar)
        if wanted in pillars:
            self.pillar_box.setCurrentIndex(self.pillar_box.findData(wanted))
        elif len(pillars) == 1:
            self.pillar_box.setCurrentIndex(self.pillar_box.findData(pillars[0]))

    @guarded
    def _cycle_changed(self) -> None:
        if self._updating:
            return
        self._updating = True
        self._fill_pillars(self.pillar)
        self._updating = False
        self.refresh()
        chosen = self.force_list.selected_force_ids()
        if len(chosen) == 1 and self.detail.report is None:
            # The pane said the force had no report in the last cycle: try this one.
            self._forces_selected(chosen)

    @guarded
    def refresh(self) -> None:
        """Rebuild the grid for the chosen cycle, pillar, sort and grouping."""
        if self._updating or self.store is None:
            return
        cycle, pillar = self.cycle, self.pillar
        rows, pillar_rows = [], None
        if cycle:
            pillar_rows = self.store.pillar_cells(cycle)
            rows = (pillar_rows if pillar == ALL_PILLARS
                    else self.store.question_cells(cycle, pillar))
        self.grid = grade_grid(
            cycle, pillar, rows, sort=self.sort_box.currentData() or "name",
            group_by_region=self.group_action.isChecked(),
            include_missing=self.missing_action.isChecked(), pillar_rows=pillar_rows,
        )
        self.heatmap.set_grid(self.grid)
        self._show_centre()
        self.force_list.set_cycle_grades(cycle, self.store.force_pillar_grades(cycle)
                                         if cycle else {})
        self.gridChanged.emit(self.grid)

    def _show_centre(self) -> None:
        if self.store is None:
            self.centre.setCurrentWidget(self.loading)
        elif self.grid is not None and not self.grid.rows:
            self.centre.setCurrentWidget(self.empty_hint)
        else:
            if self.table_action.isChecked() and self.table.grid is not self.grid:
                # Filled when shown: a hidden table's model reset costs a switch 20 ms.
                self.table.set_grid(self.grid)
            self.centre.setCurrentWidget(
                self.table if self.table_action.isChecked() else self.heatmap)

    # Opening things

    @guarded
    def open_cell(self, row: int, column: int) -> None:
        self.tabs.setCurrentWidget(self.centre)
        grid = self.grid
        force_id = grid.rows[row].key  # the Grades view's rows are forces
        key = grid.columns[column].key
        if grid.pillar == ALL_PILLARS:
            self.detail.show_question(force_id, grid.cycle, str(key))
        else:
            # Areas of policing stand in a different order in each force's report: the
            # cell knows its question's number there.
            number = grid.cell(row, column).number
            self.detail.show_question(force_id, grid.cycle, grid.pillar,
                                      number if number is not None else None)
        self.detail_dock.raise_()

    @guarded
    def _forces_selected(self, force_ids: list[str]) -> None:
        self.compare_action.setEnabled(self.store is not None and len(force_ids) == 2)
        if len(force_ids) != 1 or self.store is None:
            return
        force_id = force_ids[0]
        pillar = self.store.section_to_show([force_id], self.cycle, self.pillar)
        if pillar is None:
            self.detail.clear(f"{force_by_id(force_id).name}: no PEEL {self.cycle} reports in "
                              "the library.")
            self.statusBar().showMessage(f"{force_by_id(force_id).name} has no reports for "
                                         f"PEEL {self.cycle}", 5000)
            return
        self.detail.show_question(force_id, self.cycle, pillar)

    @guarded
    def compare_selected(self) -> None:
        """Compare the two selected forces in the chosen cycle and pillar (for All pillars,
        the first pillar both have a report for)."""
        force_ids = self.force_list.selected_force_ids()
        if len(force_ids) != 2:
            return
        pillar = self.store.section_to_show(force_ids, self.cycle, self.pillar)
        if pillar is None:
            names = " and ".join(force_by_id(f).name for f in force_ids)
            self.statusBar().showMessage(f"{names} have no PEEL {self.cycle} report of the "
                                         "same pillar to compare", 8000)
            return
        number = self.detail.question.number if self.detail.question else None
        self.compare((force_ids[0], self.cycle, pillar), (force_ids[1], self.cycle, pillar),
                     f"q{number}" if number else "")

    @guarded
    def compare(self, left: tuple, right: tuple, section: str = "") -> None:
        if self.compare_view.compare(left, right, section=section or None):
            self.tabs.setCurrentWidget(self.compare_view)

    @guarded
    def open_hit(self, hit: SearchHit, query: str = "") -> None:
        """Show a search hit in the Question pane, the words of `query` highlighted."""
        if hit.cycle != self.cycle or hit.pillar != self.pillar:
            self.reload(cycle=hit.cycle, pillar=hit.pillar)
        self.detail.show_question(hit.force_id, hit.cycle, hit.pillar, hit.question_number,
                                  highlight=query)
        if hit.field == "summary":
            self.detail.tabs.setCurrentWidget(self.detail.summary)
        elif hit.field != "question":
            self.detail.tabs.setCurrentIndex(1)
        else:
            self.detail.tabs.setCurrentWidget(self.detail.narrative)
        self.detail_dock.raise_()

    def show_tab(self, name: str) -> None:
        """Bring a tab forward by its title: Grades, Compare, Timeline, Findings, National."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == name:
                self.tabs.setCurrentIndex(index)
                return

    def _dim_template(self, on: bool) -> None:
        self.settings.setValue("view/dim_template", on)
        if self.store is not None:
            self.detail.set_dim_template(on)
            self.compare_view.set_dim_template(on)

    @guarded
    def open_question(self, force_id: str, cycle: str, section: str,
                      number: int | None = None) -> None:
        """Show a question (or, with no number, a report's first) in the Question pane, from
        a workbench view; the toolbar follows to its cycle and pillar."""
        if cycle != self.cycle or (section != self.pillar and self.pillar != ALL_PILLARS):
            self.reload(cycle=cycle, pillar=section)
        self.detail.show_question(force_id, cycle, section, number)
        self.detail_dock.show()
        self.detail_dock.raise_()

    def focus_filter(self) -> None:
        self.forces_dock.show()
        self.forces_dock.raise_()
        self.force_list.filter_box.setFocus()
        self.force_list.filter_box.selectAll()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()
