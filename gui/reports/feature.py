"""The reports feature: the Reports and Quote Ledger views across the library. It sees the
window through ``WindowApi`` and the library through ``LibraryNavigator``; every report and
the ledger are core's use cases. Analyses still pending (or stored before the quotes index)
are brought up to date on a worker thread with its own connection, then the views fill."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog

from lectern.core.errors import LecternError
from lectern.core.library.analyses import analyser_version, pending
from lectern.core.library.ledger import Occurrence, curated_ledger
from lectern.core.library.quote_index import bring_up_to_date
from lectern.core.library.reports import cooccurrence, sources, tag_frequencies, write_csv
from lectern.core.output_paths import output_target
from lectern.core.readouts.chart_data import Captions
from lectern.core.store import AnnotationStore
from lectern.gui.reports.ledger_view import QuoteLedgerView
from lectern.gui.reports.reports_view import ReportsView, summary
from lectern.gui.shell.api import LibraryNavigator, WindowApi

TITLES = {"tags": "Tag frequencies by outlet", "cooccurrence": "Tag co-occurrence",
          "sources": "Sourcing: who is quoted"}
REPORTS: dict[str, Callable[[AnnotationStore], Sequence[object]]] = {
    "tags": tag_frequencies, "cooccurrence": cooccurrence, "sources": sources}
FILTERS = {".png": "PNG image (*.png)", ".svg": "SVG drawing (*.svg)", ".csv": "CSV (*.csv)"}


class CatchUp(QThread):
    """Analyse what is pending and index older analyses, on a connection of its own."""

    failed = Signal(str)

    def __init__(self, store_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_file = store_file
        self._stop = threading.Event()

    def run(self) -> None:
        try:
            with AnnotationStore.open(self.store_file) as store:
                bring_up_to_date(store, cancelled=self._stop.is_set)
        except LecternError as error:
            self.failed.emit(str(error))

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Quitting: the article being analysed is finished and kept, the rest waits."""
        self._stop.set()
        self.wait(timeout_ms)


class ReportsFeature(QObject):
    def __init__(self, window: WindowApi, library: LibraryNavigator) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.library = library
        self.reports_view = ReportsView()
        self.ledger_view = QuoteLedgerView()
        window.add_view("reports", self.reports_view)
        window.add_view("ledger", self.ledger_view)
        window.action("view.reports", self.show_reports)
        window.action("view.quote_ledger", self.show_ledger)
        self.reports_view.refresh_requested.connect(lambda: self._bring_up(self.fill_reports))
        self.reports_view.export_requested.connect(self.export)
        self.reports_view.tabs.currentChanged.connect(lambda _: self._fill_shown())
        self._stale: set[str] = set(REPORTS)  # reports not drawn since the last refresh
        self.ledger_view.refresh_requested.connect(lambda: self._bring_up(self.fill_ledger))
        self.ledger_view.occurrence_activated.connect(self.open_occurrence)
        self.catch_up: CatchUp | None = None
        self._then: list[Callable[[], None]] = []

    # --- showing ---------------------------------------------------------------------------
    def show_reports(self) -> None:
        self.window.show_view("reports")
        self._bring_up(self.fill_reports)

    def show_ledger(self) -> None:
        self.window.show_view("ledger")
        self._bring_up(self.fill_ledger)

    def _bring_up(self, then: Callable[[], None]) -> None:
        """``then()`` now when nothing waits to be analysed or indexed, else after the
        worker has done it."""
        try:
            store = self.library.store
            idle = not pending(store) and not store.reports.unindexed(analyser_version())
        except LecternError as error:
            self.window.show_error("The library cannot be read", str(error))
            return
        if idle and self.catch_up is None:
            then()
            return
        self._then.append(then)
        self.reports_view.waiting()
        self.ledger_view.waiting()
        if self.catch_up is None:
            self.catch_up = CatchUp(self.window.paths.store_file, self)
            self.catch_up.failed.connect(lambda m: self.window.show_error(
                "The library's analyses could not be brought up to date", m))
            self.catch_up.finished.connect(self._caught_up)
            self.catch_up.start()

    def shutdown(self) -> None:
        if self.catch_up is not None:
            self.catch_up.stop()

    def _caught_up(self) -> None:
        if self.catch_up is not None:
            self.catch_up.deleteLater()
        self.catch_up = None
        waiting, self._then = self._then, []
        for then in dict.fromkeys(waiting):
            then()

    def fill_reports(self) -> None:
        """The report on show now; the others when their tab is chosen (each takes up to a
        second at 10,000 articles, and most visits look at one)."""
        self._stale = set(REPORTS)
        self._fill_shown()

    def _fill_shown(self) -> None:
        kind = self.reports_view.current_kind()
        if kind not in self._stale:
            return
        try:
            self.reports_view.set_report(kind, REPORTS[kind](self.library.store))
        except LecternError as error:
            self.window.show_error("The reports cannot be made", str(error))
            return
        self._stale.discard(kind)

    def fill_ledger(self) -> None:
        try:
            self.ledger_view.set_entries(curated_ledger(self.library.store))
        except LecternError as error:
            self.window.show_error("The quote ledger cannot be made", str(error))

    def open_occurrence(self, occurrence: Occurrence) -> None:
        q = occurrence.quote
        self.library.open_at(q.article, q.quote.start, q.quote.end, exact=True)

    # --- exporting -------------------------------------------------------------------------
    def export(self, kind: str, suffix: str) -> None:
        name = f"{kind}-report{suffix}"
        path, _ = QFileDialog.getSaveFileName(self.reports_view, "Export Report", name,
                                              FILTERS[suffix])
        if path:
            self.export_to(kind, path if path.lower().endswith(suffix) else path + suffix)

    def export_to(self, kind: str, path: str) -> None:
        """Write the report ``kind`` as it shows to ``path`` (PNG, SVG or CSV by suffix)."""
        page = self.reports_view.pages[kind]
        try:
            if path.lower().endswith(".csv"):
                message = write_csv(path, kind, page.rows, self.window.paths)  # type: ignore[arg-type]
            else:
                if page.chart is None:
                    raise LecternError("There is no chart to export yet.")
                target = output_target(path, self.window.paths)
                page.chart.export(str(target), self.captions(kind))
                message = f"{TITLES[kind]} written to {Path(path).name}"
        except (LecternError, OSError) as error:
            self.window.show_error("The report could not be exported", str(error))
            return
        self.window.show_status(message)

    def captions(self, kind: str) -> Captions:
        rows = self.reports_view.pages[kind].rows
        return Captions(TITLES[kind], summary(kind, rows),
                        f"Lectern library report, {date.today().isoformat()}")
