"""How long the analysis, run on a worker thread, keeps the main thread from running (on demand).

    python tests/benchmarks/bench_extract_gil.py [--runs N] [--size MB] [--where]

The GUI analyses an article on a worker thread; a single long C-level call there (a regex
over a big block, a huge sort) holds the GIL and freezes the GUI thread. Here the main
thread sleeps 1 ms in a loop and records the longest gap between its wake-ups, first with
no worker (the floor of this machine) and then while ``analyze`` runs. ``--where`` names
the line the worker had reached when each of the longest gaps ended.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import MB, build_article  # noqa: E402

TICK_S = 0.001  # the main thread's sleep: a GUI event loop wakes about this often
BASELINE_S = 1.0  # how long to watch the idle main thread
WORST_GAPS_SHOWN = 5


def watch(worker: threading.Thread | None, seconds: float = BASELINE_S) -> list[tuple[float, str]]:
    """Gaps between wake-ups (seconds, worker's line) while ``worker`` runs, else ``seconds``."""
    gaps: list[tuple[float, str]] = []
    deadline = time.perf_counter() + seconds
    if worker is not None:
        worker.start()
    while (worker.is_alive() if worker is not None else time.perf_counter() < deadline):
        before = time.perf_counter()
        time.sleep(TICK_S)
        gap = time.perf_counter() - before
        where = ""
        if worker is not None and gap > 0.010:
            where = _worker_line(worker)
        gaps.append((gap, where))
    if worker is not None:
        worker.join()
    return gaps


class _CollectionTimer:
    """The longest garbage collection (a C-level pause too) while installed."""

    def __init__(self) -> None:
        self.started = 0.0
        self.longest = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self.started)


def _analyse_into(analyze, document, results: list) -> None:
    results.append(analyze(document))


def _worker_line(worker: threading.Thread) -> str:
    frame = sys._current_frames().get(worker.ident or -1)
    if frame is None:
        return "?"
    last = traceback.extract_stack(frame, limit=1)[-1]
    return f"{Path(last.filename).name}:{last.lineno} {last.line}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=float, default=1.0, help="article size in MB")
    parser.add_argument("--where", action="store_true", help="show where the worst gaps ended")
    parser.add_argument(
        "--no-gc", action="store_true", help="collector off while analysing: long C calls only"
    )
    args = parser.parse_args()

    from lectern.core.document import Document
    from lectern.core.extract import analyze

    document = Document.from_text(build_article(int(args.size * MB)))
    analyze(document)  # warm caches (gazetteers, compiled patterns) outside the measurement

    idle = [max(gap for gap, _ in watch(None)) for _ in range(args.runs)]
    busy_max, worst, collections = [], [], []
    for _ in range(args.runs):
        timer = _CollectionTimer()
        gc.callbacks.append(timer)
        if args.no_gc:
            gc.disable()
        results: list = []  # the GUI keeps the analysis; freeing it is not the worker's stall
        worker = threading.Thread(target=_analyse_into, args=(analyze, document, results))
        gaps = watch(worker)
        busy_max.append(max(gap for gap, _ in gaps))
        worst.extend(gaps)
        gc.enable()
        results.clear()
        gc.callbacks.remove(timer)
        collections.append(timer.longest)
    print(f"article {len(document.text) / MB:.1f} MB, {args.runs} runs, "
          f"tick {TICK_S * 1000:.0f} ms, switch interval {sys.getswitchinterval() * 1000:.0f} ms")
    print(f"no worker:   max gap median {statistics.median(idle) * 1000:6.1f} ms  "
          f"(runs: {', '.join(f'{g * 1000:.1f}' for g in idle)})")
    print(f"analysing:   max gap median {statistics.median(busy_max) * 1000:6.1f} ms  "
          f"(runs: {', '.join(f'{g * 1000:.1f}' for g in busy_max)})")
    print(f"longest garbage collection while analysing: median "
          f"{statistics.median(collections) * 1000:.1f} ms "
          f"(runs: {', '.join(f'{g * 1000:.1f}' for g in collections)})")
    if args.where:
        for gap, where in sorted(worst, reverse=True)[:WORST_GAPS_SHOWN]:
            print(f"  {gap * 1000:6.1f} ms  worker at {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
