"""Annotation painting in the reader on a 1 MB article (run on demand; prints medians).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_annotation_gui.py [--runs 5]

Each run opens the article twice, once with no stored annotations and once with 10,000,
back to back, so the annotation cost is a difference measured under the same load
(the box may be busy: compare the costs, not the absolute times). Wall-time medians are
the figures to meet; the GUI thread's CPU time beside them shows how much was waiting.

  open, none        open the article with no annotations, through the first repaint
  open, 10k         the same with 10,000 stored annotations
  annotation cost   open, 10k minus open, none, paired per run          (target 200 ms)
  panel filled      open, 10k until the Annotations panel's table has the 10,000 rows
  add 1 of 10k      from the tag key press to the repainted viewport    (target 16 ms)
  scroll, none      one page down, viewport and scroll bar repainted, no annotations
  scroll 100k       the same with 100,000 annotations                   (target 16 ms)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lectern.core.document import load_document  # noqa: E402
from lectern.core.editing.session import AnnotationSession  # noqa: E402
from lectern.core.paths import AppPaths  # noqa: E402
from lectern.core.store import AnnotationStore  # noqa: E402
from lectern.gui.analysis.runner import AnalysisRunner  # noqa: E402
from lectern.gui.shell.main_window import MainWindow  # noqa: E402

WORDS = ("the council voted on a plan to build bridge across river mayor said cost million "
         "euros critics schools spring finish work expected minister trade talks")


def make_article(folder: Path, size: int = 1_000_000) -> Path:
    rng = random.Random(7)
    parts, total, words = ["A benchmark article\n\n"], 0, WORDS.split()
    while total < size:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120))) + ".\n\n"
        parts.append(paragraph)
        total += len(paragraph)
    path = folder / "big.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def store_annotations(paths: AppPaths, article: Path, count: int) -> None:
    document = load_document(article)
    rng = random.Random(count)
    spans = []
    for _ in range(count):
        start = rng.randrange(0, len(document.text) - 60)
        spans.append((start, start + rng.randint(3, 60)))
    with AnnotationStore.open(paths.store_file) as store:
        session = AnnotationSession(document, store)
        names = session.scheme.names
        with session.macro("bench"):
            for tag in names[:6]:
                chunk = [s for i, s in enumerate(spans) if names[i % 6] == tag]
                session.add_many(chunk, [tag])


def fresh_window(home: Path) -> MainWindow:
    window = MainWindow(AppPaths.from_environment(home).ensure())
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    return window


def ms(seconds: float) -> float:
    return seconds * 1000


class Clock:
    """Wall time and this (GUI) thread's CPU time since it started, in ms. The CPU time
    leaves out waiting for a core that another process holds: steadier on a busy box."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def read(self) -> tuple[float, float]:
        return ms(time.perf_counter() - self.wall), ms(time.thread_time() - self.cpu)


def timed_open(window: MainWindow, article: Path) -> tuple[float, float]:
    clock = Clock()
    window.open_file(article)
    window.article_view.viewport().repaint()
    return clock.read()


def settle(app: QApplication) -> None:
    """Run what the open left for the event loop (a panel filled after the first paint)."""
    app.processEvents()
    app.processEvents()


def dispose(window: MainWindow, app: QApplication) -> None:
    # An analysis left running in a worker thread would compete for the GIL with the next run.
    for runner in window.findChildren(AnalysisRunner):
        runner.shutdown()
    window.annotations.files._close_confirmed = True
    window.close()
    window.deleteLater()
    app.processEvents()


def add_one(window: MainWindow, run: int) -> tuple[float, float]:
    """Tag a word in the middle of the screen by key press; ms to the repainted viewport."""
    flow, view = window.annotations, window.article_view
    before = len(flow.session.annotations)
    cursor = view.cursorForPosition(view.viewport().rect().center())
    # A different word each run: the same span and tag again would toggle it off.
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, n=run * 7)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    clock = Clock()
    QTest.keyClick(view, Qt.Key.Key_9)  # "Important": a tag the stored ones lack
    view.viewport().repaint()
    elapsed = clock.read()
    assert len(flow.session.annotations) == before + 1
    return elapsed


def scroll_pages(window: MainWindow, app: QApplication,
                 pages: int) -> list[tuple[float, float]]:
    """Page down ``pages`` times from a third of the way in; ms per repaint of the viewport
    and the scroll bar (whose marks are repainted on every scroll too)."""
    view, times = window.article_view, []
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    view.viewport().repaint()
    settle(app)
    for _ in range(pages):
        clock = Clock()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        bar.repaint()
        times.append(clock.read())
    return times


def bench(runs: int) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = make_article(folder)
        home10, home100 = folder / "h10", folder / "h100"
        store_annotations(AppPaths.from_environment(home10).ensure(), article, 10_000)
        store_annotations(AppPaths.from_environment(home100).ensure(), article, 100_000)

        rows: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in FIGURES}
        for run in range(runs):
            window = fresh_window(folder / "empty")
            none = timed_open(window, article)
            settle(app)
            dispose(window, app)

            window = fresh_window(home10)
            clock = Clock()
            loaded = timed_open(window, article)
            while window.annotations.model.rowCount() < 10_000:  # the panel fills after paint
                app.processEvents()
            filled = clock.read()
            settle(app)
            assert len(window.annotations.session.annotations) >= 10_000
            rows["add 1 of 10k"].append(add_one(window, run))
            dispose(window, app)
            rows["open, none"].append(none)
            rows["open, 10k"].append(loaded)
            rows["annotation cost"].append((loaded[0] - none[0], loaded[1] - none[1]))
            rows["panel filled"].append(filled)

        pages = max(runs, 10) * 3
        for home, name in ((folder / "empty", "scroll, none"), (home100, "scroll 100k")):
            window = fresh_window(home)
            window.open_file(article)
            rows[name] = scroll_pages(window, app, pages)
            dispose(window, app)

    print(f"{'':16} {'median':>8} {'max':>8} {'cpu median':>11}")
    for name, target in FIGURES:
        wall = [w for w, _ in rows[name]]
        cpu = statistics.median(c for _, c in rows[name])
        goal = f"target {target} ms" if target else "reference"
        print(f"{name:16} {statistics.median(wall):5.1f} ms {max(wall):5.1f} ms {cpu:8.1f} ms"
              f"   ({goal}, {len(wall)} runs)")


FIGURES = (("open, none", 0), ("open, 10k", 0), ("annotation cost", 200), ("panel filled", 0),
           ("add 1 of 10k", 16), ("scroll, none", 0), ("scroll 100k", 16))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    bench(parser.parse_args().runs)
