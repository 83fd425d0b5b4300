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
from bench_library import median_ms  # noqa: E402  (the library benchmark's)

CACHE = REPO / ".scratch" / "bench_timeline"


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
    from lectern.core.library import facts_index
    from lectern.core.library.conflicts import conflicts
    from lectern.core.library.figures import figure_groups
    from lectern.core.library.timeline import timeline_events
    from lectern.core.readouts.library_chart import bars_chart, timeline_chart
    from lectern.core.store import AnnotationStore

    work = CACHE / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    copy = work / "library.sqlite3"
    for suffix in ("", "-wal"):
        if Path(f"{store_file}{suffix}").exists():
            shutil.copy(f"{store_file}{suffix}", f"{copy}{suffix}")
    store = AnnotationStore.open(copy)  # migrates a store from before the index, if need be
    bare = sqlite3.connect(copy)
    bare.execute("DELETE FROM library_facts_done")  # the catch-up of every stored analysis
    bare.commit()
    started = time.perf_counter()
    caught = facts_index.catch_up(store)
    print(f"catch-up (index every stored analysis once): {caught:,} versions in "
          f"{time.perf_counter() - started:.1f} s")
    rows, dated = bare.execute("SELECT count(*), sum(kind = 'date') FROM library_facts").fetchone()
    print(f"{options.articles:,} articles, {rows:,} facts indexed ({dated:,} dated)")

    _incremental(store, bare)

    events = timeline_events(store)
    data_ms = median_ms(lambda: timeline_chart(timeline_events(store)))
    bare_ms = median_ms(lambda: bare.execute(
        "SELECT f.day, f.subject_key, f.entities, a.id, f.start, f.\"end\" FROM articles a "
        "JOIN library_facts f ON f.version = a.current WHERE f.kind = 'date' "
        "ORDER BY f.day").fetchall())
    plot_ms = _plot_ms(timeline_chart(events).data)
    drawn = len(timeline_chart(events).data.events)
    print(f"whole-library timeline: {len(events):,} events ({drawn:,} drawn): data "
          f"{data_ms:.0f} ms + plot {plot_ms:.0f} ms = {data_ms + plot_ms:.0f} ms "
          f"(target <= 500 ms); bare SELECT of the dated rows {bare_ms:.0f} ms, data/bare "
          f"ratio {data_ms / bare_ms:.1f}x")
    found = conflicts(store)
    conflict_ms = median_ms(lambda: conflicts(store))
    bare_conflict_ms = median_ms(lambda: bare.execute(
        "SELECT f.subject_key, f.unit, f.period, f.kind, count(DISTINCT a.id) FROM articles a "
        "JOIN library_facts f ON f.version = a.current WHERE f.number IS NOT NULL AND "
        "f.period != '' GROUP BY 1, 2, 3, 4 HAVING count(DISTINCT a.id) > 1 AND "
        "min(f.number) < max(f.number)").fetchall())
    print(f"conflicts: {len(found):,} found in {conflict_ms:.0f} ms (target <= 1000 ms); "
          f"bare GROUP BY of the measures {bare_conflict_ms:.0f} ms, ratio "
          f"{conflict_ms / bare_conflict_ms:.1f}x")
    for by in ("unit", "entity"):
        groups = figure_groups(store, by)
        bars_ms = median_ms(lambda b=by: bars_chart(figure_groups(store, b)))
        plot = _plot_ms(bars_chart(groups).data)
        print(f"figure bars by {by}: {sum(len(g.bars) for g in groups)} bars in "
              f"{len(groups)} plots: data {bars_ms:.0f} ms + plot {plot:.0f} ms")
    bare.close()
    store.close()


def _incremental(store, bare: sqlite3.Connection) -> None:
    """The index's update as one analysis is stored: its rows made and replaced."""
    from lectern.core.library import facts_index
    from lectern.core.library.analyses import stored_analysis
    from lectern.core.store.library_facts import FactRow

    versions = [r[0] for r in bare.execute("SELECT current FROM articles ORDER BY id LIMIT 200")]
    loaded = [(v, stored_analysis(store, v)) for v in versions]
    times, rows_made = [], []
    for version, analysis in loaded:
        started = time.perf_counter()
        facts_index.index_analysis(store, version, analysis)
        times.append((time.perf_counter() - started) * 1000)
        rows_made.append(facts_index.fact_rows(version, analysis))
    bare.execute("CREATE TEMP TABLE bare_facts AS SELECT * FROM library_facts LIMIT 0")
    bare_times = []
    for rows in rows_made:
        started = time.perf_counter()
        bare.execute("BEGIN")
        bare.executemany("INSERT INTO bare_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?, ?, ?)", [tuple(getattr(r, f) for f in FactRow.__slots__)
                                          for r in rows])
        bare.execute("COMMIT")
        bare_times.append((time.perf_counter() - started) * 1000)
    ours, plain = statistics.median(times), statistics.median(bare_times)
    print(f"incremental index update per article ({statistics.mean(map(len, rows_made)):.1f} "
          f"facts each, 200 articles): median {ours:.2f} ms (max {max(times):.1f} ms); bare "
          f"INSERT of the same rows {plain:.2f} ms, ratio {ours / plain:.1f}x")


def _plot_ms(data) -> float:
    """Drawing ChartData in the chart widget at 1280x700, laid out and painted once."""
    from PySide6.QtWidgets import QApplication

    from lectern.gui.widgets.chart.plot import FactChart

    app = QApplication.instance() or QApplication([])
    chart = FactChart(False)
    chart.resize(1280, 700)
    chart.show()
    app.processEvents()

    def draw() -> None:
        chart.draw(data)
        app.processEvents()
        chart.grab()

    draw()  # the first draw pays for pyqtgraph's imports and caches
    result = median_ms(draw, 7)
    if chart.timeline is not None:  # placed: every marker on its row, the title counted
        assert len(chart.timeline.placements) == len(data.events)
    chart.close()
    return result


if __name__ == "__main__":
    main()
