"""Annotation painting in the reader on a 1 MB article (run on demand; prints medians).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_annotation_gui.py [--runs 5]

  load+paint 10k   open the article with 10,000 stored annotations, through the first repaint
  open, none       the same without annotations (the cost of opening 1 MB at all)
  add 1 of 10k     from the tag key press to the repainted viewport
  scroll 100k      one page down and its repaint, with 100,000 annotations
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

from core.document import load_document  # noqa: E402
from core.paths import AppPaths  # noqa: E402
from core.session import AnnotationSession  # noqa: E402
from core.store import AnnotationStore  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

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


def bench(runs: int) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = make_article(folder)
        home10, home100 = folder / "h10", folder / "h100"
        store_annotations(AppPaths.from_environment(home10).ensure(), article, 10_000)
        store_annotations(AppPaths.from_environment(home100).ensure(), article, 100_000)

        load, baseline, add, scroll = [], [], [], []
        for _ in range(runs):  # the same article with no annotations: what opening costs anyway
            window = fresh_window(folder / "empty")
            t0 = time.perf_counter()
            window.open_file(article)
            window.article_view.viewport().repaint()
            baseline.append(ms(time.perf_counter() - t0))
            window.close()
            window.deleteLater()
            app.processEvents()
        for run in range(runs):
            window = fresh_window(home10)
            flow = window.annotations
            t0 = time.perf_counter()
            window.open_file(article)
            window.article_view.viewport().repaint()
            load.append(ms(time.perf_counter() - t0))
            before = len(flow.session.annotations)
            assert before >= 10_000, before  # earlier runs each added one
            # Add one annotation by key press, in the middle of what is on screen.
            view = window.article_view
            cursor = view.cursorForPosition(view.viewport().rect().center())
            # A different word each run: the same span and tag again would toggle it off.
            cursor.movePosition(QTextCursor.MoveOperation.NextWord, n=run * 7)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfWord,
                                QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            view.setFocus()
            t0 = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_9)  # "Important": a tag the stored ones lack
            view.viewport().repaint()
            add.append(ms(time.perf_counter() - t0))
            assert len(flow.session.annotations) == before + 1
            window.annotations.files._close_confirmed = True
            window.close()
            window.deleteLater()
            app.processEvents()

        window = fresh_window(home100)
        window.open_file(article)
        bar = window.article_view.verticalScrollBar()
        bar.setValue(bar.maximum() // 3)
        window.article_view.viewport().repaint()
        for _ in range(max(runs, 10) * 3):
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            window.article_view.viewport().repaint()
            scroll.append(ms(time.perf_counter() - t0))
        window.close()

    for name, values, target in (("load+paint 10k", load, 200), ("open, none", baseline, 0),
                                 ("add 1 of 10k", add, 16), ("scroll 100k", scroll, 16)):
        print(f"{name:16} median {statistics.median(values):7.1f} ms   "
              f"max {max(values):7.1f} ms   (target {target} ms, {len(values)} runs)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    bench(parser.parse_args().runs)
