"""Analysis panels: time to filled panels, GUI-thread stalls, chart redraw on selection.

Run on demand:  python tests/benchmarks/bench_analysis_gui.py [--runs 5]
Prints medians of:
  sample  process start -> article painted, and -> every panel and the chart filled
  1 MB    open -> panels filled, and the longest gap between 10 ms timer ticks meanwhile
  redraw  chart update when the selected fact changes
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from core.paths import AppPaths, SAMPLE_ARTICLE
app = QApplication(sys.argv[:1])
from gui.main_window import MainWindow
window = MainWindow(AppPaths.from_environment(sys.argv[2]).ensure())
window.open_file(SAMPLE_ARTICLE)
class Paint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"painted {time.perf_counter():.6f}", flush=True)
        return False
spy = Paint()
window.article_view.viewport().installEventFilter(spy)
def check():
    if window.analysis.chart.is_drawn and window.analysis.quotes.showing_content:
        print(f"filled {time.perf_counter():.6f}", flush=True)
        app.quit()
timer = QTimer(); timer.timeout.connect(check); timer.start(1)
window.resize(1280, 800); window.show(); app.exec()
window.analysis.runner.shutdown()
"""


def sample_run(home: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(REPO), home], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    marks = dict(line.split() for line in out.splitlines() if line[:6] in ("painte", "filled"))
    return float(marks["painted"]) - started, float(marks["filled"]) - started


def in_process(runs: int) -> tuple[list[float], list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from test_gui_analysis_large import make_article

    from core.paths import SAMPLE_ARTICLE, AppPaths
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    window = MainWindow(AppPaths.from_environment(folder / "home").ensure())
    window.resize(1280, 800)
    window.show()

    def wait(done, limit=120.0):
        end = time.perf_counter() + limit
        while not done() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    window.open_file(SAMPLE_ARTICLE)
    wait(lambda: window.analysis.chart.is_drawn)
    big = make_article(folder, 1.0)
    fills, stalls, redraws = [], [], []
    for _ in range(runs):
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start(10)
        opened = time.perf_counter()
        window.open_file(big)
        wait(lambda: window.analysis.chart.is_drawn and window.analysis.quotes.showing_content)
        fills.append(time.perf_counter() - opened)
        timer.stop()
        stalls.append(max(b - a for a, b in itertools.pairwise(ticks)))
        window.open_file(SAMPLE_ARTICLE)
        wait(lambda: window.analysis.chart.is_drawn)
    chart = window.analysis.chart
    facts = [f.id for f in window.analysis.result.analysis.facts]
    for i in range(max(runs * 10, 50)):
        began = time.perf_counter()
        window.analysis.selection.select_fact(facts[i % len(facts)], origin="bench")
        chart.plot.viewport().repaint()
        redraws.append(time.perf_counter() - began)
    window.analysis.runner.shutdown()
    window.close()
    return fills, stalls, redraws


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        samples = [sample_run(home) for _ in range(runs)]
    painted = statistics.median(p for p, _ in samples)
    filled = statistics.median(f for _, f in samples)
    print(f"sample: article painted {painted:.2f} s, panels and chart filled {filled:.2f} s "
          f"after process start (target <= 1.5 s)")
    fills, stalls, redraws = in_process(runs)
    print(f"1 MB:   panels filled {statistics.median(fills):.2f} s after open (target <= 2 s); "
          f"longest GUI-thread gap {statistics.median(stalls) * 1000:.0f} ms (target <= 100 ms)")
    print(f"chart redraw on selection: median {statistics.median(redraws) * 1000:.1f} ms "
          f"(target <= 16 ms)")


if __name__ == "__main__":
    main()
