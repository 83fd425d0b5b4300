"""Installs the analysis panels: runner, selection coordinator, panels, chart and layout.

Runs before the first paint, so it imports only light modules; core.extract is imported
on the worker thread and pyqtgraph once the article has been painted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QProgressBar

from lectern.core.errors import LecternError
from lectern.gui.analysis.chart.panel import ChartPanel
from lectern.gui.analysis.entities_panel import EntitiesPanel
from lectern.gui.analysis.facts_panel import FactsPanel
from lectern.gui.analysis.mention_layer import MentionLayer
from lectern.gui.analysis.panel_base import WAITING
from lectern.gui.analysis.quotes_panel import QuotesPanel
from lectern.gui.analysis.runner import AnalysisResult, AnalysisRunner
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.shell.actions import make_action

PROGRESS_MIN_CHARS = 200_000  # shorter articles finish before a progress bar would help


class AnalysisPanels(QObject):
    """Owns the analysis features of one window and connects them; holds no analysis logic."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.article_view
        self.result: AnalysisResult | None = None
        self.selection = SelectionCoordinator(self)
        self.runner = AnalysisRunner(self)
        self.layer = MentionLayer(self.view)
        self._moving_cursor = False
        self._painted = False

        self.entities = EntitiesPanel(self.selection)
        self.facts = FactsPanel(self.selection)
        self.quotes = QuotesPanel(self.selection)
        self.chart = ChartPanel(self.selection)
        for name, panel in (("entitiesPanel", self.entities), ("factsPanel", self.facts),
                            ("quotesPanel", self.quotes), ("chartPanel", self.chart)):
            window.docks[name].setWidget(panel)
            panel.escape.activated.connect(self.selection.clear)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setFormat("Analysing %p%")
        self.progress_bar.hide()
        window.statusBar().addWidget(self.progress_bar)

        self._build_actions()
        window.document_opened.connect(self.analyse)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.selection.changed.connect(self._show_selection)
        self.view.cursor_moved.connect(self._cursor_moved)
        self.entities.annotate_requested.connect(self.annotate)
        self.entities.hide_requested.connect(self.hide_entity)
        self.facts.export_requested.connect(self._export_facts)
        self.chart.export_failed.connect(lambda message: window.show_error(
            "Cannot export the chart", message))
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.runner.shutdown)
        if self.view.viewport().isVisible():
            # Installed after the window's first paint (the app's normal start): load now.
            self._painted = True
            QTimer.singleShot(0, self.chart.load_plot)
        else:
            self.view.viewport().installEventFilter(self)

    def _build_actions(self) -> None:
        window = self.window
        menu = window.view_menu
        menu.addSeparator()
        self.next_action = _action(window, menu, "&Next Mention", "F3",
                                   lambda: self.selection.step_mention(+1))
        self.previous_action = _action(window, menu, "&Previous Mention", "Shift+F3",
                                       lambda: self.selection.step_mention(-1))
        self.clear_action = _action(window, menu, "&Clear Highlight", None, self.selection.clear)
        menu.addSeparator()
        self.reset_layout_action = _action(window, menu, "&Reset Layout", None,
                                           window.reset_layout)
        # Escape belongs to the article only: other widgets keep their own Escape.
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.view)
        self.escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.escape.activated.connect(self.selection.clear)

    # --- first paint: then load the chart library --------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.chart.load_plot)
        return False

    # --- analysis ----------------------------------------------------------------------
    def analyse(self, document) -> None:
        self.result = None
        self.selection.clear()
        self.layer.clear()
        for panel in (self.entities, self.facts, self.quotes):
            panel.show_message(*WAITING)
        self.chart.waiting()
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(len(document.text) >= PROGRESS_MIN_CHARS)
        self.runner.start(document)

    def _progress(self, fraction: float) -> None:
        self.progress_bar.setValue(round(fraction * 100))

    def _finished(self, result: AnalysisResult) -> None:
        if result.document is not self.window.document:
            return  # an article that has since been replaced
        self.progress_bar.hide()
        self.result = result
        analysis, text = result.analysis, result.document.text
        self.selection.set_mention_counts(result.index.mention_counts)
        steps = [lambda: self.entities.set_analysis(analysis, text, self._hidden_keys()),
                 lambda: self.facts.set_facts(analysis.facts, text, result.fact_cells),
                 lambda: self.quotes.set_quotes(analysis.quotes),
                 lambda: self._fill_chart(result)]
        self._fill(result, steps)
        message = (f"Found {len(analysis.entities):,} entities, {len(analysis.facts):,} facts "
                   f"and {len(analysis.quotes):,} quotes")
        self.window.statusBar().showMessage(message, 4000)

    def _fill_chart(self, result: AnalysisResult) -> None:
        if result.chart is not None:
            self.chart.set_data(result.chart)
        else:
            self.chart.set_facts(result.analysis.facts, result.document.text)

    def _fill(self, result: AnalysisResult, steps: list) -> None:
        """One panel per turn of the event loop, so a long article never freezes the window."""
        if not steps or self.result is not result:
            return
        steps[0]()
        QTimer.singleShot(0, self, lambda: self._fill(result, steps[1:]))

    def _failed(self, message: str) -> None:
        self.progress_bar.hide()
        for panel in (self.entities, self.facts, self.quotes, self.chart):
            panel.show_message("The analysis failed", message)

    # --- selection -> article -----------------------------------------------------------
    def _show_selection(self, selection: Selection | None) -> None:
        analysis = self.result.analysis if self.result else None
        if selection is None or analysis is None:
            self.layer.clear()
            return
        scroll = selection.origin is not Origin.TEXT
        span = None
        if selection.kind is SelectionKind.ENTITY and (entity := analysis.entity(selection.id)):
            spans = [(m.start, m.end) for m in entity.mentions]
            focus = spans[selection.mention] if selection.mention is not None else None
            self.layer.show(spans, focus)
            span = focus or (spans[0] if spans and scroll and selection.origin is not Origin.STEP
                             else None)
        elif selection.kind is SelectionKind.FACT and (fact := _by_id(analysis.facts, selection.id)):
            self.layer.show([(fact.start, fact.end)], (fact.start, fact.end))
            span = (fact.sentence.start, fact.sentence.start)
        elif selection.kind is SelectionKind.QUOTE and (quote := _by_id(analysis.quotes, selection.id)):
            self.layer.show([(quote.start, quote.end)])
            span = (quote.start, quote.start)
        if span and scroll:
            self._moving_cursor = True
            try:
                self.view.move_cursor_to(span[0])
            finally:
                self._moving_cursor = False

    def _cursor_moved(self, offset: int) -> None:
        if self._moving_cursor or self.result is None or self.view.textCursor().hasSelection():
            return
        hit = self.result.index.hit(offset, self._hidden_ids())
        if hit:
            self.selection.select(hit[0], hit[1], hit[2], origin=Origin.TEXT)

    def _hidden_ids(self) -> frozenset[str]:
        visible = {e.id for e in self.entities.model.visible_entities()}
        return frozenset(e.id for e in self.result.analysis.entities if e.id not in visible)

    # --- actions on entities ---------------------------------------------------------------
    def _session(self):
        feature = getattr(self.window, "annotations", None)
        session = getattr(feature, "session", None)
        if session is not None and session.document is self.window.document:
            return session
        return None

    def annotate(self, entity_id: str, mention: int | None) -> None:
        """The entity's mentions (or one) become annotations with its tag: one undo step."""
        session = self._session()
        entity = self.result.analysis.entity(entity_id) if self.result else None
        if entity is None:
            return
        if session is None:
            self.window.show_error("Cannot annotate", "Annotations are not available for "
                                   "this article yet.")
            return
        mentions = entity.mentions if mention is None else [entity.mentions[mention]]
        tag = session.scheme.for_label(entity.label)
        tags = [tag.name] if tag else []
        try:
            session.add_many([(m.start, m.end) for m in mentions], tags,
                             label=f"Annotate '{entity.name}'")
        except LecternError as error:
            self.window.show_error("Cannot annotate", str(error))
            return
        noun = "mention" if len(mentions) == 1 else "mentions"
        self.window.statusBar().showMessage(
            f"Annotated {len(mentions):,} {noun} of {entity.name}", 4000)

    def hide_entity(self, entity_id: str) -> None:
        """Remove a wrong entity from this article's panels, remembered in the store."""
        entity = self.result.analysis.entity(entity_id) if self.result else None
        if entity is None:
            return
        key = entity.key
        session = self._session()
        try:
            if session is not None:
                session.hide_entity(key)
            else:
                self._with_store(lambda store: store.hide_entity(
                    self.result.document.fingerprint, key))
        except LecternError as error:
            self.window.show_error("Cannot hide the entity", str(error))
            return
        self.selection.clear()
        self.entities.model.set_hidden(self._hidden_keys() | {key})
        self.window.statusBar().showMessage(f"Hid “{entity.name}” in this article", 4000)

    def _hidden_keys(self) -> frozenset[str]:
        session = self._session()
        if session is not None:
            return session.hidden_entities
        fingerprint = self.result.document.fingerprint
        found = self._with_store(lambda store: store.hidden_entities(fingerprint),
                                 only_if_exists=True)
        return frozenset(found or ())

    def _with_store(self, use, only_if_exists: bool = False):
        """Open the local store briefly when no annotation session holds it."""
        from lectern.core.store import AnnotationStore

        path = self.window.paths.store_file
        if only_if_exists and not path.exists():
            return None
        with AnnotationStore.open(path) as store:
            return use(store)

    def _export_facts(self) -> None:
        document = self.window.document
        suggested = f"{Path(str(document.source)).stem}.facts.csv" if document and \
            document.source else "facts.csv"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export Facts", suggested,
                                              "CSV files (*.csv)")
        if path:
            self.export_facts(path)

    def export_facts(self, path: str | Path) -> None:
        from lectern.core.atomic_write import atomic_write_bytes

        try:
            atomic_write_bytes(path, self.facts.model.to_csv().encode("utf-8"))
        except LecternError as error:
            self.window.show_error("Cannot export the facts", str(error))


def install_analysis_panels(window: QMainWindow) -> AnalysisPanels:
    return AnalysisPanels(window)


def _action(window, menu, text: str, shortcut: str | None, slot) -> QAction:
    return make_action(window, text, shortcut or None, slot, menu=menu)


def _by_id(items, item_id: str):
    return next((item for item in items if item.id == item_id), None)
