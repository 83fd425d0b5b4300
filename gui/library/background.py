"""Library work off the GUI thread: adding files (then analysing what was added) and keeping
the article just opened. Each job opens its own store connection (a connection never
crosses threads) and reports through signals only."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from lectern.core.document import Document
from lectern.core.errors import LecternError

PROGRESS_EVERY_S = 0.05  # at most ~20 progress signals a second


class _Relay(QObject):
    progress = Signal(str, int, int)  # stage ("adding", "analysing"), done, total
    added = Signal(object)  # AddReport
    finished = Signal()
    failed = Signal(str)
    kept = Signal(object)  # KeepResult
    analysed = Signal(int)  # analyses made and taken into the indexes by a background job


class _AddJob(QRunnable):
    def __init__(self, store_file: Path, paths: Sequence[str], relay: _Relay,
                 stop: threading.Event, analyse: bool) -> None:
        super().__init__()
        self.store_file, self.paths, self.relay, self.stop = store_file, paths, relay, stop
        self.analyse = analyse
        self._progress = _Throttled(relay)

    def run(self) -> None:
        try:
            from lectern.core.library.adding import add_paths
            from lectern.core.library.analyses import run_pending
            from lectern.core.store import AnnotationStore

            with AnnotationStore.open(self.store_file) as store:
                report = add_paths(store, self.paths, cancelled=self.stop.is_set,
                                   progress=lambda d, t, _: self._progress("adding", d, t))
                self.relay.added.emit(report)
                if self.analyse and report.added and not self.stop.is_set():
                    run_pending(store, cancelled=self.stop.is_set,
                                progress=lambda d, t: self._progress("analysing", d, t))
        except LecternError as error:
            self.relay.failed.emit(str(error))
        except Exception as error:  # a bug in a job must not take the window down
            self.relay.failed.emit(f"{type(error).__name__}: {error}")
        self.relay.finished.emit()



class _Throttled:
    """A job's progress, at most every PROGRESS_EVERY_S and always its last step."""

    def __init__(self, relay: _Relay) -> None:
        self.relay = relay
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY_S or done >= total:
            self._last = now
            self.relay.progress.emit(stage, done, total)


class _AnalyseJob(QRunnable):
    """The library's articles whose analysis is missing or by an older analyser, analysed
    (Cancel stops it between articles), then the library-wide indexes caught up."""

    def __init__(self, store_file: Path, relay: _Relay, stop: threading.Event) -> None:
        super().__init__()
        self.store_file, self.relay, self.stop = store_file, relay, stop
        self._progress = _Throttled(relay)

    def run(self) -> None:
        try:
            from lectern.core.library.analyses import catch_up_indexes, run_pending
            from lectern.core.store import AnnotationStore

            with AnnotationStore.open(self.store_file) as store:
                done = run_pending(store, cancelled=self.stop.is_set,
                                   progress=lambda d, t: self._progress("analysing", d, t))
                if not self.stop.is_set():
                    done += catch_up_indexes(store)
            self.relay.analysed.emit(done)
        except LecternError as error:
            self.relay.failed.emit(str(error))
        except Exception as error:  # a bug in a job must not take the window down
            self.relay.failed.emit(f"{type(error).__name__}: {error}")
        self.relay.finished.emit()


class _KeepJob(QRunnable):
    def __init__(self, store_file: Path, document: Document, reanchored: Any,
                 earlier: str | None, relay: _Relay) -> None:
        super().__init__()
        self.store_file, self.document, self.relay = store_file, document, relay
        self.reanchored, self.earlier = reanchored, earlier

    def run(self) -> None:
        try:
            from lectern.core.library.adding import file_info
            from lectern.core.library.keeping import keep
            from lectern.core.store import AnnotationStore

            with AnnotationStore.open(self.store_file) as store:
                result = keep(store, self.document, file_info(self.document), opened=True,
                              reanchored=self.reanchored, earlier=self.earlier)
            self.relay.kept.emit(result)
        except Exception as error:  # keeping is a courtesy: the article is on screen anyway
            self.relay.failed.emit(f"The article could not be kept in the library: {error}")


class LibraryWorker(QObject):
    """Runs one add at a time (Cancel stops it between articles) and keeps opened articles."""

    progress = Signal(str, int, int)
    added = Signal(object)
    finished = Signal()
    failed = Signal(str)
    kept = Signal(object)
    analysed = Signal(int)

    def __init__(self, store_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_file = store_file
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._stop: threading.Event | None = None
        self._relays: list[_Relay] = []

    @property
    def adding(self) -> bool:
        return self._stop is not None

    def add(self, paths: Sequence[str], analyse: bool = True) -> bool:
        if self._stop is not None:
            return False
        self._stop = threading.Event()
        relay = self._relay()
        relay.finished.connect(self._add_finished)
        self.pool.start(_AddJob(self.store_file, list(paths), relay, self._stop, analyse))
        return True

    def analyse_pending(self) -> bool:
        """Analyse what the library lacks in the background (False: a job is running)."""
        if self._stop is not None:
            return False
        self._stop = threading.Event()
        relay = self._relay()
        relay.finished.connect(self._add_finished)
        self.pool.start(_AnalyseJob(self.store_file, relay, self._stop))
        return True

    def keep(self, document: Document, reanchored: Any = None, earlier: str | None = None
             ) -> None:
        self.pool.start(_KeepJob(self.store_file, document, reanchored, earlier,
                                 self._relay()))

    def cancel(self) -> None:
        if self._stop is not None:
            self._stop.set()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self.cancel()
        self.pool.waitForDone(timeout_ms)

    def _relay(self) -> _Relay:
        relay = _Relay()
        relay.progress.connect(self.progress)
        relay.added.connect(self.added)
        relay.failed.connect(self.failed)
        relay.kept.connect(self.kept)
        relay.analysed.connect(self.analysed)
        self._relays.append(relay)  # alive until its job's last signal is delivered
        del self._relays[:-16]
        return relay

    def _add_finished(self) -> None:
        self._stop = None
        self.finished.emit()
