"""Analysis panels: time to filled panels, GUI-thread stalls, chart redraw on selection.

Run on demand:  python tests/benchmarks/bench_analysis_gui.py [--runs 5]
Prints medians of:
  sample  process start -> article painted, and -> every panel and the chart filled,
          through main.main as the app starts (features install after the first paint)
  1 MB    open -> panels filled, and the longest gap between 10 ms timer ticks meanwhile:
          apart while the worker analyses (GIL) and while the GUI thread fills the panels
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

# The app's own start (main.main): the article is painted, then the features install.
CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
class Paint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched.parent()).__name__ == "ArticleView":
            app.removeEventFilter(self)
            print(f"painted {time.perf_counter():.6f}", flush=True)
        return False
spy = Paint()
app.installEventFilter(spy)
def check():
    for window in app.topLevelWidgets():
        panels = getattr(window, "analysis", None)
        if panels and panels.chart.is_drawn and all(
                p.showing_content for p in (panels.entities, panels.facts, panels.quotes)):
            print(f"filled {time.perf_counter():.6f}", flush=True)
            panels.runner.shutdown()
            app.quit()
timer = QTimer(); timer.timeout.connect(check); timer.start(1)
from lectern import main
main.main([sys.argv[3], "--home", sys.argv[2]])
"""


def sample_run(home: str) -> tuple[float, float]:
    from lectern.core.resources import sample_article

    SAMPLE_ARTICLE = sample_article()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(REPO), home, str(SAMPLE_ARTICLE)],
                         env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    marks = dict(line.split() for line in out.splitlines() if line[:6] in ("painte", "filled"))
    return float(marks["painted"]) - started, float(marks["filled"]) - started


def in_process(runs: int) -> tuple[list[float], list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from test_gui_analysis_large import make_article

    from lectern.core.paths import AppPaths
    from lectern.core.resources import sample_article
    SAMPLE_ARTICLE = sample_article()
    from lectern.gui.shell.main_window import MainWindow

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
    fills, analysing, filling, redraws = [], [], [], []
    arrived: list[float] = []
    runner, panels = window.analysis.runner, window.analysis
    # Heard before the panels hear it: the moment the result reaches the GUI thread.
    runner.finished.disconnect(panels._finished)
    runner.finished.connect(lambda _result: arrived.append(time.perf_counter()))
    runner.finished.connect(panels._finished)
    for _ in range(runs):
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start(10)
        arrived.clear()
        opened = time.perf_counter()
        window.open_file(big)
        wait(lambda: window.analysis.chart.is_drawn and window.analysis.quotes.showing_content)
        fills.append(time.perf_counter() - opened)
        settle = time.perf_counter() + 0.2  # the first paint of the filled panels counts too
        wait(lambda settle=settle: time.perf_counter() > settle)
        timer.stop()
        # Until the result arrives a gap is the analysis thread's (it holds the GIL); from
        # then on, the panels being filled and painted on the GUI thread.
        came = arrived[0]
        pairs = list(itertools.pairwise(ticks))
        analysing.append(max((min(b, came) - a for a, b in pairs if a < came), default=0.0))
        filling.append(max((b - max(a, came) for a, b in pairs if b > came), default=0.0))
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
    return fills, analysing, filling, redraws


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
    fills, analysing, filling, redraws = in_process(runs)
    print(f"1 MB:   panels filled {statistics.median(fills):.2f} s after open (target <= 2 s); "
          f"longest GUI-thread gap (target <= 100 ms): while analysing "
          f"{statistics.median(analysing) * 1000:.0f} ms, while filling the panels "
          f"{statistics.median(filling) * 1000:.0f} ms")
    print(f"chart redraw on selection: median {statistics.median(redraws) * 1000:.1f} ms "
          f"(target <= 16 ms)")


if __name__ == "__main__":
    main()
