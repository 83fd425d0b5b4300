"""Startup to first paint, as whole processes, against a bare PySide6 floor measured alongside.

Run on demand:  python tests/benchmarks/bench_startup.py [--runs 7] [--compare CHECKOUT]
Prints the median time from process launch to the article's first paint for:
  floor   a bare QMainWindow + QTextEdit showing the sample text
  lectern python main.py on the sample article
  10 MB   python main.py on a generated 10 MB article
Both clocks are CLOCK_MONOTONIC (time.perf_counter on Linux), so parent and child agree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "tbilisi_tallinn_trade_talks.txt"

FLOOR_PROGRAM = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication(sys.argv[:1])
window = QMainWindow()
editor = QTextEdit()
editor.setPlainText(open(sys.argv[1], encoding="utf-8").read())
window.setCentralWidget(editor)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.perf_counter():.6f} {time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
spy = FirstPaint()
editor.viewport().installEventFilter(spy)
window.resize(1400, 900)
window.show()
app.exec()
"""


def time_to_first_paint(command: list[str], env: dict[str, str], cwd: Path = REPO
                        ) -> tuple[float, float]:
    """Wall seconds from launch to the first paint, and the CPU seconds the process had used
    by then (less disturbed than wall time when the machine is busy)."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            _, wall, cpu = line.split()
            return float(wall) - started, float(cpu)
    raise RuntimeError(f"no first paint reported by {command}: {result.stderr}")


def make_large_article(folder: Path, megabytes: int) -> Path:
    paragraph = SAMPLE.read_text(encoding="utf-8").split("\n", 2)[2]
    path = folder / f"large-{megabytes}mb.txt"
    repeats = megabytes * 1024 * 1024 // len(paragraph.encode("utf-8")) + 1
    path.write_text("A very long article\n\n" + paragraph * repeats, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="also time the sample article in another checkout (say, `git "
                             "worktree add /tmp/old HEAD~1`), alternating with this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as other:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "LECTERN_HOME": home}
        # An installed Lectern starts from bytecode (pip compiles a wheel as it installs it),
        # as PySide6 does here: with PYTHONDONTWRITEBYTECODE every run would compile ours.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        large = make_large_article(Path(home), 10)
        commands = {
            "floor (bare QMainWindow+QTextEdit)": [sys.executable, "-c", FLOOR_PROGRAM,
                                                   str(SAMPLE)],
            "lectern, sample article": [sys.executable, "main.py", "--quit-after-paint",
                                        str(SAMPLE)],
            "lectern, 10 MB article": [sys.executable, "main.py", "--quit-after-paint",
                                       str(large)],
        }
        places: dict[str, tuple[dict[str, str], Path]] = {}
        if args.compare:
            # The other checkout imported as the lectern package (its folder linked under
            # that name first on the path), with a home of its own.
            package = Path(other) / "path"
            package.mkdir()
            (package / "lectern").symlink_to(args.compare.resolve())
            name = f"lectern at {args.compare}, sample"
            commands[name] = [sys.executable, "main.py", "--quit-after-paint", str(SAMPLE)]
            places[name] = ({**env, "PYTHONPATH": str(package), "LECTERN_HOME": other},
                            args.compare.resolve())

        def run(name: str) -> tuple[float, float]:
            own_env, cwd = places.get(name, (env, REPO))
            return time_to_first_paint(commands[name], own_env, cwd)

        for name in commands:  # a warm-up run: caches, bytecode, the saved panels
            run(name)
        timings: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved so machine noise hits all alike
            for name in commands:
                wall, used = run(name)
                timings[name].append(wall)
                cpu[name].append(used)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    for name, values in timings.items():
        spread = ", ".join(f"{v * 1000:.0f}" for v in values)
        print(f"{name:38s} median {medians[name] * 1000:7.0f} ms   "
              f"(cpu {cpu_medians[name] * 1000:5.0f} ms)   runs: {spread}")
    floor = medians["floor (bare QMainWindow+QTextEdit)"]
    cpu_floor = cpu_medians["floor (bare QMainWindow+QTextEdit)"]
    print(f"startup ratio lectern/floor: {medians['lectern, sample article'] / floor:.2f} "
          f"(target <= 1.3); in CPU time to the paint: "
          f"{cpu_medians['lectern, sample article'] / cpu_floor:.2f}")
    for name in places:
        print(f"startup ratio {name.removesuffix(', sample')}/floor: "
              f"{medians[name] / floor:.2f}; in CPU time: {cpu_medians[name] / cpu_floor:.2f}")
    print(f"10 MB article to first paint: {medians['lectern, 10 MB article']:.2f} s "
          "(target < 2 s)")


if __name__ == "__main__":
    main()
