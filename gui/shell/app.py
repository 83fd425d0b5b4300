"""Start the Qt application: pick the article, build the window, run or take a screenshot."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from lectern.core.errors import LecternError
from lectern.core.gc_control import paused_gc
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.resources import sample_article
from lectern.core.settings import Settings

SCREENSHOT_SETTLE_MS = 150


def choose_startup_file(requested: str | None, settings: Settings) -> Path:
    """The file named on the command line, else the last article read, else the sample."""
    if requested:
        return Path(requested)
    last = settings.last_file
    if last and Path(last).is_file():
        return Path(last)
    return sample_article()


def run_gui(args, paths: AppPaths, size: tuple[int, int], settled: Sequence[str] = ()) -> int:
    """The window, on the file asked for; ``settled``: what was done at start about saves a
    killed Lectern left half done, told in the window too (started from a menu, nobody
    reads stderr)."""
    with ExitStack() as startup:
        # Importing Qt and building the window make many objects and no garbage: the cyclic
        # GC would rescan them again and again (3 ms of the first paint). On again after it.
        startup.enter_context(paused_gc())
        return _run_gui(args, paths, size, settled, resume_gc=startup.close)


def _run_gui(args, paths: AppPaths, size: tuple[int, int], settled: Sequence[str],
             resume_gc: Callable[[], None]) -> int:
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from PySide6.QtWidgets import QApplication

    from lectern.gui.shell.main_window import MainWindow
    from lectern.gui.shell.theme import STYLE_ARGUMENTS, apply_theme

    existing = QApplication.instance()
    app = existing or QApplication(sys.argv[:1] + STYLE_ARGUMENTS)
    app.setApplicationName("Lectern")
    app.setOrganizationName("Lectern")
    apply_theme(app, dark=True if args.dark else None, set_style=existing is not None)
    try:
        paths.ensure()
    except LecternError as error:
        if not args.screenshot:  # started from a menu, nobody reads stderr: say it on screen
            _tell_and_wait("Lectern cannot start", str(error))
        raise
    settings = Settings(paths.settings_file)

    # A screenshot wants everything at once; an interactive start paints the article first.
    window = MainWindow(paths, settings, with_features=bool(args.screenshot))
    article = getattr(args, "article", None)
    if article is not None:  # `open ID`: a library article, from its file or its kept text
        if not _open_library_article(window, paths, article):
            _dispose(app, window)
            return 1
    else:
        startup_file = choose_startup_file(args.file, settings)
        if not window.open_file(startup_file):
            if args.file:  # an explicitly named file that fails is an error for the caller
                message = window.last_error_box.text() if window.last_error_box \
                    else "cannot open"
                print(f"lectern: {message}", file=sys.stderr)
                return 1
            window.open_file(sample_article())
    show = getattr(args, "show", None)
    if args.screenshot:
        try:
            if args.annotations and not _load_annotations(window, args.annotations):
                return 1
            return _take_screenshot(app, window, output_target(args.screenshot, paths), size,
                                    show)
        finally:
            _dispose(app, window)

    def finish_startup() -> None:
        resume_gc()
        window.install_features()
        if args.annotations:
            _load_annotations(window, args.annotations)
        if show:
            _show_view(window, show)
        if settled:
            window.show_notice("Interrupted saves were settled", "\n\n".join(settled))

    _after_first_paint(window, finish_startup)
    if getattr(args, "quit_after_paint", False):
        _after_first_paint(window, lambda: _report_first_paint(app), deferred=False)
    window.show()
    try:
        return app.exec()
    finally:
        _dispose(app, window)


def _dispose(app, window) -> None:
    """Destroy the window while Python is still whole: left to interpreter shutdown, the
    chart's pyqtgraph items get Qt events after their Python side is gone and crash."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if window.analysis is not None:
        window.analysis.runner.shutdown()
    if window.library is not None:
        window.library.shutdown()  # a keep or an add in flight finishes its article first
    if window.reports is not None:
        window.reports.shutdown()  # a catch-up of the library's analyses in flight stops
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def _open_library_article(window, paths: AppPaths, article_id: int) -> bool:
    from lectern.core.library.opening import open_article
    from lectern.core.store import AnnotationStore

    try:
        with AnnotationStore.open(paths.store_file) as store:
            opened = open_article(store, article_id)
    except LecternError as error:
        print(f"lectern: {error}", file=sys.stderr)
        return False
    source = opened.document.source
    if opened.notice or source is None or not window.open_file(source):
        window.show_document(opened.document)
        if opened.notice:
            window.show_status(opened.notice, 10_000)
    return True


def _tell_and_wait(title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, title, message)


def _load_annotations(window, path: str) -> bool:
    if window.annotations.files.load_file(path, announce=False) is not None:
        return True
    message = window.last_error_box.text() if window.last_error_box else "cannot load"
    print(f"lectern: {message}", file=sys.stderr)
    return False


SHOW_ACTIONS = {"ledger": "view.quote_ledger"}  # --show names whose action is named otherwise


def _show_view(window, name: str) -> None:
    """A view through its action, as a reader brings it (the feature fills it first)."""
    action = window.menu_actions.actions.get(SHOW_ACTIONS.get(name, f"view.{name}"))
    if action is not None and action.isEnabled():
        action.trigger()


def _take_screenshot(app, window, out: Path, size: tuple[int, int], show: str | None = None
                     ) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    window.resize(*size)
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(SCREENSHOT_SETTLE_MS, loop.quit)  # let docks and deferred panels lay out
    loop.exec()
    _wait_for_analysis(app, window)
    if show:
        _show_view(window, show)
        loop = QEventLoop()
        QTimer.singleShot(SCREENSHOT_SETTLE_MS, loop.quit)
        loop.exec()
    app.processEvents()
    image = window.grab()
    if not image.save(str(out)):
        raise LecternError(f"Could not write the screenshot to “{out}”.")
    return 0


def _wait_for_analysis(app, window, timeout_s: float = 30.0) -> None:
    """A screenshot shows the panels and chart filled, not their "Analysing…" state."""
    analysis = getattr(window, "analysis", None)
    deadline = time.perf_counter() + timeout_s
    while analysis is not None and not analysis.chart.is_drawn \
            and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _after_first_paint(window, callback, *, deferred: bool = True) -> None:
    """Run ``callback`` once the article has been painted for the first time.

    ``deferred`` waits for the next turn of the event loop, so the frame reaches the screen
    before the callback's work starts.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                if deferred:
                    QTimer.singleShot(0, callback)
                else:
                    callback()
            return False

    spy = FirstPaint(window)
    window.article_view.viewport().installEventFilter(spy)


def _report_first_paint(app) -> None:
    """For the startup benchmark: say when the article was first painted, then quit."""
    print(f"first-paint {time.perf_counter():.6f} {time.process_time():.6f}", flush=True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)
