"""Runs ``core.extract.analyze`` on a worker thread; results reach the GUI through signals only.

Each run has a generation number: opening another article cancels the running one
(``analyze`` checks ``cancelled()`` between blocks) and any late result is dropped. A run
may be handed the library's stored analysis of the text: when the current analyser made it,
the worker reads it back instead of analysing again.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from lectern.core.document import Document

PROGRESS_STEP = 0.01  # emit at most ~100 progress signals per run
# (Analysis, Document) -> (the curated Analysis, a token naming the curation applied)
Curate = Callable[[Any, Document], tuple[Any, Any]]


@dataclass(frozen=True)
class AnalysisResult:
    """An Analysis and what the panels show of it, all prepared on the worker thread.

    The GUI thread then only hands prepared rows to the models: on a 1 MB article,
    formatting 10,000 facts and laying out the chart would otherwise stall it.
    """

    document: Document
    analysis: Any  # core.extract.Analysis (imported lazily, so not named here)
    index: Any  # gui.analysis_index.AnalysisIndex
    chart: Any = None  # gui.panels.chart_data.ChartData
    fact_cells: list | None = None  # core.readouts.facts_table.display_rows(analysis.facts)
    raw: Any = None  # the analyser's own Analysis, before the library's curation
    curation: Any = None  # the token of the curation applied (to see when it changed)
    stored: bool = False  # read back from the library's stored analysis, not analysed now


class _Relay(QObject):
    """Carries one job's signals; owned by the job so it outlives the worker's last emit."""

    progress = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _Job(QRunnable):
    def __init__(self, generation: int, document: Document, relay: _Relay,
                 stop: threading.Event, curate: Curate | None = None,
                 stored: tuple[str, bytes] | None = None) -> None:
        super().__init__()
        self.curate = curate
        self.setAutoDelete(True)
        self.generation = generation
        self.document = document
        self.stored = stored
        self.relay = relay
        self.stop = stop
        self._last = -1.0

    def run(self) -> None:
        try:
            # Imported here: core.extract and its gazetteers stay off the startup path.
            from lectern.core.extract import AnalysisCancelled, analyze
            from lectern.core.readouts.chart_data import chart_data
            from lectern.core.readouts.facts_table import display_rows
            from lectern.core.readouts.mention_index import AnalysisIndex

            try:
                analysis = self._stored_analysis()
                stored = analysis is not None
                if analysis is None:
                    analysis = analyze(self.document, progress=self._progress,
                                       cancelled=self.stop.is_set)
                if self.stop.is_set():
                    raise AnalysisCancelled("cancelled")
                raw, curation = analysis, None
                if self.curate is not None:  # the library's curation, before any index is made
                    analysis, curation = self.curate(analysis, self.document)
                index = AnalysisIndex(analysis)
                chart = chart_data(analysis.facts, self.document.text)
                cells = display_rows(analysis.facts)
                if self.stop.is_set():
                    raise AnalysisCancelled("cancelled")
            except AnalysisCancelled:
                self.relay.cancelled.emit(self.generation)
                return
            self.relay.finished.emit(self.generation, AnalysisResult(
                self.document, analysis, index, chart, cells, raw, curation, stored))
        except Exception as error:  # a bug in analysis must not kill the reader
            self.relay.failed.emit(self.generation, f"{type(error).__name__}: {error}")

    def _stored_analysis(self) -> Any:
        """The stored analysis, when the current analyser made it for this very text."""
        if self.stored is None:
            return None
        from lectern.core.library.analyses import analysis_of_body

        try:
            analysis = analysis_of_body(self.stored)
        except (ValueError, KeyError, TypeError, zlib.error):  # unreadable: analyse instead
            return None
        if analysis is None or analysis.fingerprint != self.document.fingerprint:
            return None
        self.relay.progress.emit(self.generation, 1.0)
        return analysis

    def _progress(self, fraction: float) -> None:
        if fraction - self._last >= PROGRESS_STEP or fraction >= 1.0:
            self._last = fraction
            self.relay.progress.emit(self.generation, fraction)


class AnalysisRunner(QObject):
    """Starts, cancels and reports analyses; only the newest run's signals get through."""

    started = Signal(object)  # Document
    progress = Signal(float)  # 0..1
    finished = Signal(object)  # AnalysisResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        # Two threads: a new article starts at once while a cancelled run reaches its next check.
        self.pool.setMaxThreadCount(2)
        self._generation = 0
        self._stop: threading.Event | None = None
        self._relays: dict[int, _Relay] = {}
        self.cancelled_runs = 0

    @property
    def running(self) -> bool:
        return self._stop is not None

    def start(self, document: Document, curate: Curate | None = None, *,
              stored: tuple[str, bytes] | None = None) -> None:
        """Analyse ``document``; ``curate(analysis, document)`` (run on the worker) returns
        the analysis with the library's curation applied. ``stored``: the library's stored
        analysis of its text, as ``analyses.stored_body`` gives it, read back instead of
        analysing when the current analyser made it."""
        self.cancel()
        self._generation += 1
        stop = threading.Event()
        relay = _Relay()
        relay.progress.connect(self._on_progress)
        relay.finished.connect(self._on_finished)
        relay.failed.connect(self._on_failed)
        relay.cancelled.connect(self._on_cancelled)
        self._relays[self._generation] = relay
        self._stop = stop
        self.started.emit(document)
        self.pool.start(_Job(self._generation, document, relay, stop, curate, stored))

    def cancel(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel and wait for the workers (on quit, and at the end of tests)."""
        self.cancel()
        self.pool.waitForDone(timeout_ms)

    def _done(self, generation: int) -> bool:
        """Forget a finished job; True when it is the current one."""
        self._relays.pop(generation, None)
        current = generation == self._generation and self._stop is not None
        if current:
            self._stop = None
        return current

    def _on_progress(self, generation: int, fraction: float) -> None:
        if generation == self._generation and self._stop is not None:
            self.progress.emit(fraction)

    def _on_finished(self, generation: int, result: AnalysisResult) -> None:
        if self._done(generation):
            self.finished.emit(result)

    def _on_failed(self, generation: int, message: str) -> None:
        if self._done(generation):
            self.failed.emit(message)

    def _on_cancelled(self, generation: int) -> None:
        self._done(generation)
        self.cancelled_runs += 1
        self.cancelled.emit()
