"""Reports and the quote ledger at 10,000 articles and 100,000 annotations.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_reports.py [--articles 10000]
        [--annotations 100000] [--rebuild]

The library is bench_library.py's (its generator and ``annotate()``), spread over twenty
outlets and analysed whole; it is built once and kept under ``.scratch/bench_reports/``
(``--rebuild`` makes it again). Each run copies it, so the quotes index is filled from the
stored analyses (the catch-up) in every run and timed. Figures are medians, each beside a
bare-SQL statement over the same rows measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))

from bench_library import add_library, annotate, make_articles, median_ms  # noqa: E402

CACHE = REPO / ".scratch" / "bench_reports"
OUTLETS = 20
REPEATS = 7


def build(articles: int, annotations: int, rebuild: bool) -> Path:
    """The cached, analysed library (built when missing)."""
    from lectern.core.library.analyses import run_pending
    from lectern.core.store import AnnotationStore

    store_file = CACHE / f"library-{articles}-{annotations}.sqlite3"
    done = store_file.with_suffix(".done")
    if done.exists() and not rebuild:
        return store_file
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(store_file.name + "*"):
        stale.unlink()
    work = Path(tempfile.mkdtemp(prefix="bench-reports-", dir=CACHE))
    for n, (_, text) in enumerate(make_articles(articles)):
        folder = work / "articles" / f"{n // 1000:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{n:05}.txt").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    add_library(work / "articles", store_file)
    print(f"added {articles:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    with AnnotationStore.open(store_file) as store:
        annotate(store, annotations)
        with store.batch():  # outlets and dates, so the reports have something to group by
            store._db.execute(f"UPDATE articles SET outlet = 'Outlet ' || (id % {OUTLETS}), "
                              "published = date('2021-01-01', '+' || (id % 700) || ' days')")
        started = time.perf_counter()
        analysed = run_pending(store)
        print(f"analysed {analysed:,} articles in {time.perf_counter() - started:.0f} s",
              flush=True)
    shutil.rmtree(work)
    done.write_text("built\n")
    return store_file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cached = build(options.articles, options.annotations, options.rebuild)
    if options.build_only:
        return
    run(cached)


def run(cached: Path) -> None:
    from lectern.core.library.analyses import stored_analysis
    from lectern.core.library.ledger import quote_ledger
    from lectern.core.library.quote_index import catch_up, index_analysis
    from lectern.core.library.reports import cooccurrence, sources, tag_frequencies
    from lectern.core.store import AnnotationStore

    work = Path(tempfile.mkdtemp(prefix="bench-reports-run-"))
    store_file = work / "store.sqlite3"
    shutil.copy(cached, store_file)
    started = time.perf_counter()
    store = AnnotationStore.open(store_file)  # migrates the cached store to the quotes index
    migrated = time.perf_counter() - started
    started = time.perf_counter()
    indexed = catch_up(store)
    filled = time.perf_counter() - started
    db: sqlite3.Connection = store._db
    quotes = db.execute("SELECT count(*) FROM library_quotes").fetchone()[0]
    print(f"{store.library.count():,} articles, {store.count():,} annotations, {quotes:,} "
          f"quotations; migration {migrated * 1000:.0f} ms; catch-up index of {indexed:,} "
          f"stored analyses {filled:.1f} s ({filled / max(indexed, 1) * 1000:.2f} ms each)")

    versions = [v for (v,) in db.execute("SELECT current FROM articles ORDER BY id LIMIT 25")]
    analyses = {v: stored_analysis(store, v) for v in versions}

    def one_article() -> None:
        version = versions[one_article.n % len(versions)]  # type: ignore[attr-defined]
        one_article.n += 1  # type: ignore[attr-defined]
        index_analysis(store, version, analyses[version] or {})

    one_article.n = 0  # type: ignore[attr-defined]
    incremental = median_ms(one_article, 25)
    bare_one = median_ms(lambda: db.execute(
        "SELECT count(*) FROM library_quotes WHERE version = ?", (versions[0],)).fetchall(), 25)
    print(f"incremental index update, one article: {incremental:.1f} ms (target <= 100 ms: "
          f"{_met(incremental, 100)}); bare lookup of its rows {bare_one:.2f} ms")

    bare = {
        # The least each report must read: every annotation's tags, every quotation.
        "tags": "SELECT document, tags FROM annotations",
        "cooccurrence": 'SELECT document, start, "end", tags FROM annotations',
        "sources": "SELECT speaker_key, attribution, count(*), count(DISTINCT version) "
                   "FROM library_quotes GROUP BY speaker_key, attribution",
        "ledger": "SELECT version, start, normalised, speaker_key FROM library_quotes",
    }
    runs = {"tags": lambda: tag_frequencies(store), "cooccurrence": lambda: cooccurrence(store),
            "sources": lambda: sources(store), "ledger": lambda: quote_ledger(store)}
    sizes = {"tags": len(tag_frequencies(store)), "cooccurrence": len(cooccurrence(store)),
             "sources": len(sources(store)), "ledger": len(quote_ledger(store))}
    for name, use_case in runs.items():
        cpu = time.process_time()
        ours = median_ms(use_case, REPEATS)
        cpu = (time.process_time() - cpu) / REPEATS * 1000  # a mean: the machine is shared
        plain = median_ms(lambda sql=bare[name]: db.execute(sql).fetchall(), REPEATS)
        target = 2000 if name == "ledger" else 1000
        print(f"{name} ({sizes[name]:,} rows): {ours:.0f} ms (target <= {target} ms: "
              f"{_met(ours, target)}; CPU {cpu:.0f} ms); bare SQL {plain:.0f} ms, ratio "
              f"{ours / plain:.1f}x")
    entries = quote_ledger(store)
    flags: dict[str, int] = {}
    for entry in entries:
        for occurrence in entry.occurrences:
            flags[str(occurrence.differs)] = flags.get(str(occurrence.differs), 0) + 1
    biggest = max((e.articles for e in entries), default=0)
    print(f"ledger: {len(entries):,} entries, the largest in {biggest:,} articles; "
          f"occurrences by flag {flags}")
    _charts(store)
    store.close()
    shutil.rmtree(work)


def _charts(store) -> None:
    """The Reports view and the Quote Ledger view filled from the same store."""
    try:
        from lectern.gui.reports.ledger_view import QuoteLedgerView
        from lectern.gui.reports.reports_view import ReportsView
    except ImportError:
        return
    from PySide6.QtWidgets import QApplication

    from lectern.core.library.ledger import quote_ledger
    from lectern.core.library.reports import cooccurrence, sources, tag_frequencies

    app = QApplication.instance() or QApplication([])
    view = ReportsView()
    view.resize(1280, 760)
    view.show()
    for name, rows in (("tags", tag_frequencies(store)), ("cooccurrence", cooccurrence(store)),
                       ("sources", sources(store))):
        def draw(name=name, rows=rows) -> None:
            view.set_report(name, rows)
            app.processEvents()
        draw()  # the first drawing builds the chart (and loads pyqtgraph): not a redraw
        print(f"{name} chart drawn from its rows: {median_ms(draw, 5):.0f} ms (add the "
              "report's own time above for the view)")
    ledger = QuoteLedgerView()
    ledger.resize(1280, 760)
    ledger.show()
    entries = quote_ledger(store)

    def fill() -> None:
        ledger.set_entries(entries)
        app.processEvents()
    print(f"quote ledger view filled from its entries: {median_ms(fill, 5):.0f} ms (add the "
          "ledger's own time above)")


def _met(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


if __name__ == "__main__":
    main()
