"""The library at 10,000 articles and 100,000 annotations: adding, searching, listing.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_library.py [--articles 10000]
        [--annotations 100000] [--analyse 200]

Articles are made from the sentences of ../shared/eval/gum_news_dev.jsonl, shuffled and
recombined (every text distinct, about 5 KB each), written as .txt files and added through
``add_paths`` as ``add --no-analysis`` does. Every figure is a median and is also given as
a ratio to a bare sqlite3/FTS5 statement over the same rows, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
DEV = REPO.parent / "shared" / "eval" / "gum_news_dev.jsonl"
SENTENCES_PER_ARTICLE = (30, 50)
REPEATS = 15
TAGS = ("Claim", "Quote", "Person", "Place", "Figure", "Question", "Important")
ADDER = """
import resource, sys, time, json
from lectern.core.library.adding import add_paths
from lectern.core.store import AnnotationStore
with AnnotationStore.open(sys.argv[1]) as store:
    started = time.perf_counter()
    report = add_paths(store, [sys.argv[2]])
    elapsed = time.perf_counter() - started
print(json.dumps({"added": len(report.added), "seconds": elapsed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def sentences() -> list[str]:
    found: list[str] = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for paragraph in text.split("\n"):
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", paragraph) if len(s) > 20]
    return found


def make_articles(count: int, seed: int = 13) -> list[tuple[str, str]]:
    pool = sentences()
    rng = random.Random(seed)
    made: dict[str, str] = {}
    while len(made) < count:
        picked = rng.sample(pool, rng.randint(*SENTENCES_PER_ARTICLE))
        title = picked[0].rstrip(".")[:90]
        paragraphs = [" ".join(picked[i:i + 4]) for i in range(1, len(picked), 4)]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        made.setdefault(text, title)
    return [(title, text) for text, title in made.items()]


def median_ms(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def add_library(folder: Path, store_file: Path) -> dict[str, float]:
    """``add`` in a child process, for its own peak memory."""
    result = subprocess.run([sys.executable, "-c", ADDER, str(store_file), str(folder)],
                            cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_add(articles: list[tuple[str, str]], path: Path) -> float:
    """Articles/s into a bare FTS5 table, one transaction per article like ``add``."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE VIRTUAL TABLE bare USING fts5(title, body, "
               "tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    for title, text in articles:
        db.execute("BEGIN")
        db.execute("INSERT INTO bare (title, body) VALUES (?, ?)", (title, text))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return len(articles) / elapsed


def annotate(store, count: int, seed: int = 7) -> int:
    """``count`` annotations spread over the articles (tags, some notes): raw bytes."""
    from lectern.core.annotations import Annotation

    rng = random.Random(seed)
    articles = store.library.articles()
    raw = 0
    per = max(1, count // len(articles))
    made = 0
    for article in articles:
        if made >= count:
            break
        text = store.library.text(store.library.current_version(article.id))
        puts = []
        for _ in range(min(per, count - made)):
            start = rng.randrange(0, len(text) - 80)
            end = start + rng.randint(12, 70)
            tags = rng.sample(TAGS, rng.randint(1, 2))
            note = rng.choice(("", "", "check the figure", "second source?", "quote in full"))
            a = Annotation.from_span(text, start, end, tags, note)
            puts.append((article.fingerprint, a))
            raw += sum(len(s.encode()) for s in (a.exact, a.prefix, a.suffix, a.note, a.id,
                                                 a.created, a.modified, *a.tags))
        store.apply(puts)
        made += len(puts)
    return raw


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--analyse", type=int, default=200,
                        help="articles analysed through the worker pool (0: skip)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="a folder keeping the built library: built once, then reused "
                             "(its add and size figures are then the first run's)")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from lectern.core.store import AnnotationStore

    work = options.cache or Path(tempfile.mkdtemp(prefix="bench-library-"))
    articles = make_articles(options.articles)
    raw_text = sum(len(text.encode()) for _, text in articles)
    built = work / "built.json"
    if built.exists():
        _measure(options, work, articles, raw_text, json.loads(built.read_text()))
        return
    work.mkdir(parents=True, exist_ok=True)
    for n, (_, text) in enumerate(articles):
        folder = work / "articles" / f"{n // 1000:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{n:05}.txt").write_text(text, encoding="utf-8")
    small = work / "small"
    small.mkdir()
    for n, (_, text) in enumerate(articles[: options.articles // 10]):
        (small / f"a{n:05}.txt").write_text(text, encoding="utf-8")
    print(f"{len(articles):,} distinct articles, {raw_text / 2**20:.1f} MB of text")

    added = add_library(work / "articles", work / "store.sqlite3")
    rate = added["added"] / added["seconds"]
    bare_rate = bare_add(articles, work / "bare.sqlite3")
    print(f"add (no analysis): {rate:,.0f} articles/s (bare FTS5 insert {bare_rate:,.0f}/s, "
          f"ratio {bare_rate / rate:.1f}x); peak memory while adding "
          f"{added['peak_mb']:.0f} MB")
    add_library(small, work / "small.sqlite3")

    with AnnotationStore.open(work / "store.sqlite3") as store:
        started = time.perf_counter()
        raw_annotations = annotate(store, options.annotations)
        print(f"{store.count():,} annotations stored in "
              f"{time.perf_counter() - started:.1f} s")
    figures = {"raw_annotations": raw_annotations}
    if options.cache:
        built.write_text(json.dumps(figures))
    _measure(options, work, articles, raw_text, figures)


def _measure(options: argparse.Namespace, work: Path, articles: list[tuple[str, str]],
             raw_text: int, figures: dict[str, int]) -> None:
    from lectern.core.library.find import find
    from lectern.core.library.passages import passage_list, passages
    from lectern.core.library.query import parse_query
    from lectern.core.store import AnnotationStore

    raw_annotations = figures["raw_annotations"]
    store = AnnotationStore.open(work / "store.sqlite3")
    rare = _rare_phrase(articles)
    queries = (("rare phrase", f'"{rare}"', 100), ("common word", "the", 50),
               ("prefix", "scien*", 50))
    bare = sqlite3.connect(work / "bare.sqlite3")
    small_store = AnnotationStore.open(work / "small.sqlite3")
    small_bare = sqlite3.connect(":memory:")
    small_bare.execute("CREATE VIRTUAL TABLE bare USING fts5(title, body, "
                       "tokenize='unicode61 remove_diacritics 2')")
    small_bare.executemany("INSERT INTO bare VALUES (?, ?)", articles[: options.articles // 10])
    for name, query, limit in queries:
        match = parse_query(query).match  # the same FTS5 expression for the bare query
        ours = median_ms(lambda q=query, n=limit: find(store, q, n))
        ours_small = median_ms(lambda q=query, n=limit: find(small_store, q, n))
        plain = median_ms(lambda m=match, n=limit: bare.execute(
            "SELECT rowid, bm25(bare) FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT ?",
            (m, n)).fetchall())
        plain_small = median_ms(lambda m=match, n=limit: small_bare.execute(
            "SELECT rowid, bm25(bare) FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT ?",
            (m, n)).fetchall())
        hits = len(find(store, query, limit))
        print(f"find {name} ({query}, limit {limit}, {hits} hits): {ours:.1f} ms at "
              f"{options.articles:,} articles, {ours_small:.1f} ms at "
              f"{options.articles // 10:,} (x{ours / max(ours_small, 1e-9):.1f} for 10x the "
              f"articles); bare FTS5 {plain:.1f} ms / {plain_small:.1f} ms, ratio "
              f"{ours / max(plain, 1e-9):.1f}x")

    from PySide6.QtWidgets import QApplication

    from lectern.gui.library.library_view import LibraryView
    from lectern.gui.library.passages_view import PassagesView

    app = QApplication.instance() or QApplication([])
    library_view, passages_view = LibraryView(), PassagesView()
    listing = median_ms(lambda: library_view.set_articles(store.library.articles()), 7)
    bare_listing = median_ms(lambda: store._db.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.path, d.words FROM articles a "
        "JOIN documents d ON d.id = a.current").fetchall(), 7)
    print(f"library list ({options.articles:,} articles, model filled): {listing:.0f} ms; "
          f"bare SELECT {bare_listing:.0f} ms, ratio {listing / bare_listing:.1f}x")
    def open_passages(query: object = None) -> None:
        rows = passage_list(store) if query is None else passage_list(store, query)
        passages_view.set_passages(rows, query is not None)
        _first_screenful(passages_view.model)

    shown = median_ms(open_passages, 5)
    bare_passages = median_ms(lambda: store._db.execute(
        "SELECT * FROM annotations").fetchall(), 5)
    tagged = median_ms(lambda: open_passages(_claims()), 5)
    whole = median_ms(lambda: passages(store), 3)
    print(f"passages view ({store.count():,} annotations, counted and its first screenful "
          f"shown): {shown:.0f} ms (tag filter: {tagged:.0f} ms; every passage read whole, "
          f"as search and exports do: {whole:.0f} ms); bare SELECT * {bare_passages:.0f} ms, "
          f"ratio {shown / bare_passages:.2f}x")
    del app

    store.sync_to_disk()
    size = sum(f.stat().st_size for f in work.glob("store.sqlite3*"))
    bare_size = sum(f.stat().st_size for f in work.glob("bare.sqlite3*"))
    raw = raw_text + raw_annotations
    print(f"store {size / 2**20:.1f} MB for {raw / 2**20:.1f} MB of text and annotations: "
          f"{size / raw:.2f}x (bare FTS5 of the texts alone: {bare_size / 2**20:.1f} MB)")

    if options.analyse:
        _analysis_speed(work, articles[: options.analyse])
    store.close()
    small_store.close()
    if options.cache is None:
        shutil.rmtree(work, ignore_errors=True)  # ~400 MB of files and stores


def _first_screenful(model, rows: int = 40) -> None:
    """What painting the view's first screen asks of the model."""
    from lectern.gui.widgets.marked_text import MARKED_ROLE

    for row in range(min(rows, model.rowCount())):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))
        model.data(model.index(row, 3), MARKED_ROLE)


def _claims():
    from lectern.core.library.passages import PassageQuery

    return PassageQuery(tags=("Claim",))


def _rare_phrase(articles: list[tuple[str, str]]) -> str:
    """Four words across a sentence boundary (sentences are shuffled): in very few
    articles."""
    text = articles[len(articles) // 20][1]  # also among the first tenth
    first, second = text.split("\n\n")[1].split(". ")[:2]
    words = [re.sub(r"\W", "", w) for w in (*first.split()[-2:], *second.split()[:2])]
    return " ".join(w for w in words if w)


def _analysis_speed(work: Path, articles: list[tuple[str, str]]) -> None:
    from lectern.core.library import analyses
    from lectern.core.library.adding import add_paths
    from lectern.core.store import AnnotationStore

    work = Path(tempfile.mkdtemp(prefix="analyse-", dir=work))
    folder = work / "analyse"
    folder.mkdir()
    for n, (_, text) in enumerate(articles):
        (folder / f"a{n:05}.txt").write_text(text, encoding="utf-8")
    with AnnotationStore.open(work / "analyse.sqlite3") as store:
        add_paths(store, [folder])
        started = time.perf_counter()
        done = analyses.run_pending(store)
        pooled = done / (time.perf_counter() - started)
    text = articles[0][1]
    one = median_ms(lambda: analyses.analyse_text(text, "", ""), 5)
    print(f"analysis: {pooled:.1f} articles/s through the pool of "
          f"{max(1, (os.cpu_count() or 2) - 1)} processes ({done} articles); one article "
          f"in one process {one:.0f} ms ({1000 / one:.1f}/s)")


if __name__ == "__main__":
    main()
