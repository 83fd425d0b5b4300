"""The analyses of the library's articles: run in the background, stored per version with
the analyser's version, and run again when the analyser changes.

The analyser's version is a digest of its code and word lists, so any change to the
recognisers or the gazetteers makes every stored analysis pending again without anyone
having to remember to bump a number. ``analyse_text`` is a plain top-level function: a
process pool (spawned, so safe beside Qt's threads) runs it on many articles at once.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lectern.core.store import AnnotationStore

if TYPE_CHECKING:
    from lectern.core.extract.model import Analysis

BACKEND = "builtin"
POOL_FROM = 8  # fewer pending articles than this run here: starting processes costs more
Progress = Callable[[int, int], None]  # (analysed, pending)
# Library-wide indexes (entities, facts, quotes) kept in step with the stored analyses:
# ``"module"``s whose ``index_analysis(store, version_id, analysis_json)`` runs after each
# analysis is stored, ``catch_up(store)`` takes in older ones and ``behind(store)`` counts
# them. Modules, not imports, so adding articles loads only what it needs.
INDEXER_MODULES: tuple[str, ...] = ("lectern.core.library.facts_index",
                                    "lectern.core.library.entity_index",
                                    "lectern.core.library.quote_index")


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """"builtin:<digest>" of the analysis code and the resources it reads."""
    from lectern.core.resources import resource_folder

    digest = hashlib.sha256()
    folders = (Path(__file__).resolve().parents[1] / "extract",
               resource_folder("gazetteers"), resource_folder("lexicon"))
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".txt", ".tsv", ".json"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return f"{BACKEND}:{digest.hexdigest()[:16]}"


def analyse_text(text: str, title: str, published: str) -> bytes:
    """The Analysis of one canonical text as compressed JSON (runs in a worker process)."""
    from lectern.core.document import Document
    from lectern.core.extract import analyze

    day = None
    if published:
        try:
            day = datetime.date.fromisoformat(published[:10])
        except ValueError:
            day = None
    analysis = analyze(Document(text=text, title=title), backend=BACKEND, published=day)
    return zlib.compress(json.dumps(analysis.to_json(), ensure_ascii=False).encode("utf-8"))


def stored_analysis(store: AnnotationStore, version_id: int) -> dict[str, Any] | None:
    """The stored Analysis JSON of a version, if the current analyser made it."""
    found = store.library.analysis(version_id)
    if found is None or found[0] != analyser_version():
        return None
    value: dict[str, Any] = json.loads(zlib.decompress(found[1]).decode("utf-8"))
    return value


def stored_body(store: AnnotationStore, fingerprint: str) -> tuple[str, bytes] | None:
    """``(analyser, compressed JSON)`` stored for the text with ``fingerprint``, as kept:
    one indexed read, so the window can look before it starts an analysis (the decoding
    is ``analysis_of_body``'s, on a worker thread)."""
    if not store.library.available():
        return None
    version = store.library.version_of(fingerprint)
    return store.library.analysis(version.id) if version is not None else None


def analysis_of_body(found: tuple[str, bytes]) -> Analysis | None:
    """The Analysis a stored body holds, or None when another analyser made it."""
    analyser, body = found
    if analyser != analyser_version():
        return None
    return analysis_of_json(json.loads(zlib.decompress(body).decode("utf-8")))


def analysis_of_json(value: dict[str, Any]) -> Analysis:
    """``Analysis.to_json()`` read back."""
    from lectern.core.extract.model import Analysis, Entity, Fact, Mention, Quote, Span

    document = value["document"]
    return Analysis(
        document["title"], document["fingerprint"], document["length"],
        [Entity(e["id"], e["label"], e["name"], [Mention(**m) for m in e["mentions"]],
                e["value"], e["role"], e["unit"], e["approx"]) for e in value["entities"]],
        [Fact(f["id"], f["kind"], f["subject"], f["value"], f["unit"], f["approx"], f["date"],
              f["start"], f["end"], Span(**f["sentence"]), f["text"])
         for f in value["facts"]],
        [Quote(**q) for q in value["quotes"]], value["backend"])


def pending(store: AnnotationStore) -> list[int]:
    return store.library.pending_analyses(analyser_version())


def run_pending(store: AnnotationStore, *, workers: int | None = None,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> int:
    """Analyse every current version without an analysis by this analyser; returns how many
    were stored. Each result is committed as it comes, so a stop keeps what was done."""
    versions = pending(store)
    if not versions:
        return 0
    analyser = analyser_version()
    jobs = (_job(store, version) for version in versions)
    done = 0
    if progress is not None:
        progress(0, len(versions))
    if len(versions) < POOL_FROM or workers == 1:
        for version, args in jobs:
            if cancelled is not None and cancelled():
                break
            keep_analysis(store, version, analyser, analyse_text(*args))
            done += 1
            if progress is not None:
                progress(done, len(versions))
        return done
    import multiprocessing

    count = workers or max(1, min(len(versions), (os.cpu_count() or 2) - 1))
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
        flight: dict[Future[bytes], int] = {}
        for version, args in jobs:
            if cancelled is not None and cancelled():
                break
            flight[pool.submit(analyse_text, *args)] = version
            if len(flight) >= 2 * count:  # a few texts in memory at a time, not the library
                done += _collect(store, analyser, flight, len(versions), done, progress)
        while flight:
            done += _collect(store, analyser, flight, len(versions), done, progress)
    return done


def catch_up_indexes(store: AnnotationStore) -> int:
    """Take every stored analysis an index lacks into it (analyses stored before the index
    existed, or while it could not be written); returns how many each took, summed."""
    import importlib

    return sum(int(importlib.import_module(name).catch_up(store)) for name in INDEXER_MODULES)


def indexes_behind(store: AnnotationStore) -> int:
    """How much ``catch_up_indexes`` has to do: the stored analyses each index lacks, summed
    (a view leaves a long catch-up to the background worker rather than wait for it)."""
    import importlib

    return sum(int(importlib.import_module(name).behind(store)) for name in INDEXER_MODULES)


def keep_analysis(store: AnnotationStore, version_id: int, analyser: str, body: bytes) -> None:
    """Store one analysis, then let each library-wide index take it in."""
    store.library.put_analysis(version_id, analyser, body)
    if INDEXER_MODULES:
        import importlib

        analysis = json.loads(zlib.decompress(body).decode("utf-8"))
        for name in INDEXER_MODULES:
            importlib.import_module(name).index_analysis(store, version_id, analysis)


def _job(store: AnnotationStore, version_id: int) -> tuple[int, tuple[str, str, str]]:
    text = store.library.text(version_id) or ""
    version = store.library.version(version_id)
    article = store.library.article(version.article) if version is not None else None
    return version_id, (text, article.title if article else "",
                        article.published if article else "")


def _collect(store: AnnotationStore, analyser: str, flight: dict[Future[bytes], int],
             total: int, done: int, progress: Progress | None) -> int:
    """Store the first finished analysis (waiting for one); returns 1."""
    from concurrent.futures import FIRST_COMPLETED, wait

    finished, _ = wait(list(flight), return_when=FIRST_COMPLETED)
    future = next(iter(finished))
    version = flight.pop(future)
    keep_analysis(store, version, analyser, future.result())
    if progress is not None:
        progress(done + 1, total)
    return 1
