"""The library's timeline and figure conflicts at 10,000 analysed articles.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_timeline.py [--articles 10000]

The articles are bench_library.py's (its generator, imported), added and analysed once and
cached under .scratch/bench_timeline/ (delete the folder to build again). Every figure is a
median, and is also given as a ratio to a bare sqlite3 statement over the same rows,
measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))
CACHE = REPO / ".scratch" / "bench_timeline"


def median_ms(run, repeats: int = 9) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def built_library(count: int) -> Path:
    """The cached analysed library of ``count`` articles (built on the first run)."""
    from bench_library import make_articles

    from lectern.core.library import analyses
    from lectern.core.library.adding import add_paths
    from lectern.core.store import AnnotationStore

    store_file = CACHE / f"library-{count}.sqlite3"
    if store_file.exists():
        return store_file
    folder = CACHE / f"articles-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    for n, (_, text) in enumerate(make_articles(count)):
        part = folder / f"{n // 1000:02}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"a{n:05}.txt").write_text(text, encoding="utf-8")
    building = store_file.with_suffix(".building")
    started = time.perf_counter()
    with AnnotationStore.open(building) as store:
        add_paths(store, [folder])
        print(f"added {count:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        done = analyses.run_pending(store, progress=_progress)
        print(f"analysed {done:,} in {time.perf_counter() - started:.0f} s", flush=True)
        store.sync_to_disk()
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{building}{suffix}")
        if source.exists():
            source.rename(f"{store_file}{suffix}")
    return store_file


def _progress(done: int, total: int) -> None:
    if done % 500 == 0:
        print(f"  {done:,}/{total:,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--build-only", action="store_true")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    CACHE.mkdir(parents=True, exist_ok=True)
    store_file = built_library(options.articles)
    if options.build_only:
        return
    del sqlite3


if __name__ == "__main__":
    main()
