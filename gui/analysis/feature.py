"""The analysis feature: runner, selection coordinator, panels and chart, wired together.

Installed right after the first paint; core.extract's pipeline is imported on the worker
thread and pyqtgraph once the article has been painted. It sees the window only through
``WindowApi`` and the annotation session only through ``SessionSource``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressBar

from lectern.core.document import Document
from lectern.core.editing.session import AnnotateReport
from lectern.core.errors import LecternError
from lectern.core.extract.model import Entity
from lectern.core.library.curation_apply import curated_analysis, curation_stamp
from lectern.core.readouts.wording import count
from lectern.gui.analysis.chart.panel import ChartPanel
from lectern.gui.analysis.entities_panel import EntitiesPanel
from lectern.gui.analysis.facts_panel import FactsPanel
from lectern.gui.analysis.mention_layer import MentionLayer
from lectern.gui.analysis.panel_base import WAITING
from lectern.gui.analysis.quotes_panel import QuotesPanel
from lectern.gui.analysis.runner import AnalysisResult, AnalysisRunner
from lectern.gui.analysis.selection import Origin, Selection, SelectionCoordinator, SelectionKind
from lectern.gui.shell.api import SessionSource, WindowApi
from lectern.gui.shell.errors import reported

PROGRESS_MIN_CHARS = 200_000  # shorter articles finish before a progress bar would help


class AnalysisPanels(QObject):
    """Owns the analysis features of one window and connects them; holds no analysis logic."""

    def __init__(self, window: WindowApi, sessions: SessionSource) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.sessions = sessions
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
        self.chart.protected = window.paths
        for name, panel in (("entitiesPanel", self.entities), ("factsPanel", self.facts),
                            ("quotesPanel", self.quotes), ("chartPanel", self.chart)):
            window.put_panel(name, panel)
            panel.escape.activated.connect(self.selection.clear)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setFormat("Analysing %p%")
        self.progress_bar.hide()
        window.add_status_widget(self.progress_bar)

        self._build_actions()
        window.document_opened.connect(self.analyse)
        self.entities.installEventFilter(self)  # shown again when a library view steps aside
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.selection.changed.connect(self._show_selection)
        self.view.cursor_moved.connect(self._cursor_moved)
        self.entities.annotate_requested.connect(self.annotate)
        self.entities.hide_requested.connect(self.hide_entity)
        self.entities.unhide_requested.connect(lambda i: self.hide_entity(i, hide=False))
        sessions.watch(self._hidden_changed)
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
        self.next_action = window.action("view.next_mention", lambda: self._step(+1))
        self.previous_action = window.action("view.previous_mention", lambda: self._step(-1))
        # Escape (article only, from the keymap): other widgets keep their own Escape.
        self.clear_action = window.action("view.clear_highlight", self.selection.clear)

    def _step(self, step: int) -> None:
        self.selection.step_mention(step)
        position = self.selection.mention_position()
        if position:
            self.window.show_status(position.capitalize(), 3000)

    # --- first paint: then load the chart library --------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.entities and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self._recurate)  # back from a library view: curation may differ
            return False
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.chart.load_plot)
        return False

    # --- analysis ----------------------------------------------------------------------
    def analyse(self, document: Document) -> None:
        self.result = None
        self.selection.clear()
        self.layer.clear()
        for panel in (self.entities, self.facts, self.quotes):
            panel.show_message(*WAITING)
        self.chart.waiting(document)
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(len(document.text) >= PROGRESS_MIN_CHARS)
        store_file = self.window.paths.store_file
        self.runner.start(document, lambda analysis, doc: curated_analysis(
            store_file, analysis, doc.text), stored=self._stored(document))

    def _stored(self, document: Document) -> tuple[str, bytes] | None:
        """The library's stored analysis of the text (one indexed read; decoded on the
        worker), so a kept article's panels fill without analysing it again."""
        session = self.sessions.current_session()
        store = session.store if session is not None else None
        if store is None or session is None or session.document is not document:
            return None
        from lectern.core.library.analyses import stored_body

        try:
            return stored_body(store, document.fingerprint)
        except LecternError:
            return None  # the store cannot be read: analyse as ever

    def _progress(self, fraction: float) -> None:
        self.progress_bar.setValue(round(fraction * 100))

    def _recurate(self) -> None:
        """The library's curation changed since the article was analysed (a merge or a
        rejection in the Entities view): the panels show it, without analysing again."""
        result = self.result
        if result is None or result.raw is None:
            return
        store_file = self.window.paths.store_file
        if curation_stamp(store_file) == result.curation:
            return
        from lectern.core.readouts.mention_index import AnalysisIndex

        analysis, stamp = curated_analysis(store_file, result.raw, result.document.text)
        self._finished(replace(result, analysis=analysis, index=AnalysisIndex(analysis),
                               curation=stamp))

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
        message = (f"Found {count(len(analysis.entities), 'entity', 'entities')}, "
                   f"{count(len(analysis.facts), 'fact')} and "
                   f"{count(len(analysis.quotes), 'quote')}")
        self.window.show_status(message, 4000)

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
        kind = selection.kind
        if kind is SelectionKind.ENTITY and (entity := analysis.entity(selection.id)):
            spans = [(m.start, m.end) for m in entity.mentions]
            focus = spans[selection.mention] if selection.mention is not None else None
            self.layer.show(spans, focus)
            first = spans[0] if spans and scroll and selection.origin is not Origin.STEP \
                else None
            span = focus or first
        elif kind is SelectionKind.FACT and (fact := _by_id(analysis.facts, selection.id)):
            self.layer.show([(fact.start, fact.end)], (fact.start, fact.end))
            span = (fact.sentence.start, fact.sentence.start)
        elif kind is SelectionKind.QUOTE and (quote := _by_id(analysis.quotes, selection.id)):
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
        current = self.selection.current
        if hit:
            self.selection.select(hit[0], hit[1], hit[2], origin=Origin.TEXT)
        elif current is not None and current.origin is Origin.TEXT:
            # A click away from what a click selected lets it go (a whole quotation stayed
            # marked until View › Clear Highlight).
            self.selection.clear()

    def _hidden_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self._hidden_entities())

    # --- actions on entities ---------------------------------------------------------------
    def _session(self):
        return self.sessions.current_session()

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
        done: list[AnnotateReport] = []
        if reported(self.window, "Cannot annotate", lambda: done.append(session.annotate_spans(
                [(m.start, m.end) for m in mentions], tag.name if tag else None,
                label=f"Annotate '{entity.name}'"))):
            self.window.show_status(done[0].summary(entity.name), 4000)

    def hide_entity(self, entity_id: str, hide: bool = True) -> None:
        """Hide a wrong entity from this article's panels (or show it again): undoable."""
        entity = self.result.analysis.entity(entity_id) if self.result else None
        session = self._session()
        if entity is None or session is None:
            return
        change = session.hide_entity if hide else session.unhide_entity
        if not reported(self.window, "Cannot hide the entity",
                        lambda: change(entity.key, entity.name)):
            return
        if hide:
            self.selection.clear()
        self.window.show_status(f"{'Hid' if hide else 'Showing'} “{entity.name}” in this "
                                "article", 4000)

    def _hidden_changed(self) -> None:
        """The session's hidden entities changed (hide, show, undo): the panel follows."""
        session = self._session()
        if session is not None and self.result is not None \
                and session.hidden_entities != self.entities.model.hidden:
            self.entities.model.set_hidden(session.hidden_entities)

    def _hidden_keys(self) -> frozenset[str]:
        session = self._session()
        return session.hidden_entities if session is not None else frozenset()

    def _hidden_entities(self) -> list[Entity]:
        hidden = self._hidden_keys()
        return [e for e in self.result.analysis.entities if e.key in hidden] if self.result \
            else []

    def _export_facts(self) -> None:
        document = self.window.document
        suggested = f"{Path(str(document.source)).stem}.facts.csv" if document and \
            document.source else "facts.csv"
        path, _ = QFileDialog.getSaveFileName(self.view, "Export Facts", suggested,
                                              "CSV files (*.csv)")
        if path:
            self.export_facts(path)

    def export_facts(self, path: str | Path) -> None:
        from lectern.core.readouts.facts_table import save_facts_csv

        model, document = self.facts.model, self.window.document
        reported(self.window, "Cannot export the facts", lambda: save_facts_csv(
            path, model.facts_in_order, model.text, protected=self.window.paths,
            article=document.source if document else None))


def _by_id(items, item_id: str):
    return next((item for item in items if item.id == item_id), None)
