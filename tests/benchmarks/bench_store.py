"""Benchmark of the local store (run on demand: python tests/benchmarks/bench_store.py).

Prints medians: one autosave (add, edit note) with 100,000 annotations already stored,
and restoring 10,000 and 100,000 annotations of one document into an AnnotationSet.
Targets (issue 4): autosave <= 5 ms; restore 10k <= 100 ms, 100k <= 1 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lectern.core.annotations import Annotation, AnnotationSet
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.gc_control import paused_gc
from lectern.core.store import AnnotationStore

TEXT = ("Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday, "
        "officials said. ") * 2000
TAGS = [("Claim",), ("Place", "Person"), (), ("Figure",)]


def fill(store: AnnotationStore, fingerprint: str, count: int) -> None:
    batch = []
    for i in range(count):
        start = (i * 13) % (len(TEXT) - 40)
        batch.append((fingerprint, Annotation.from_span(TEXT, start, start + 5 + i % 30,
                                                        TAGS[i % 4], f"note {i}" * (i % 3))))
        if len(batch) == 10_000:
            store.apply(batch)
            batch = []
    store.apply(batch)


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms"


def bench_autosave(folder: Path) -> None:
    with AnnotationStore.open(folder / "autosave.sqlite3") as store:
        fill(store, "other", 100_000)
        session = AnnotationSession(Document.from_text(TEXT), store)
        adds, notes = [], []
        for i in range(300):
            t = time.perf_counter()
            annotation = session.add(i * 3, i * 3 + 10, ["Claim"])
            adds.append(time.perf_counter() - t)
            t = time.perf_counter()
            session.set_note(annotation.id, f"edited {i}")
            notes.append(time.perf_counter() - t)
        print(f"autosave with {store.count():,} stored: add {median_ms(adds)}, "
              f"edit note {median_ms(notes)} (median of 300 each)")


def bench_restore(folder: Path, count: int, runs: int = 5) -> None:
    with AnnotationStore.open(folder / f"restore{count}.sqlite3") as store:
        fill(store, "doc", count)
        fill(store, "noise", 20_000)  # other documents must not slow this one down
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            with paused_gc():  # as AnnotationSession does
                restored = AnnotationSet("doc", store.annotations("doc"))
            samples.append(time.perf_counter() - t)
        assert len(restored) == count
        print(f"restore {count:,} annotations: {median_ms(samples)} (median of {runs})")
    opens = []
    for _ in range(runs):
        t = time.perf_counter()
        AnnotationStore.open(folder / f"restore{count}.sqlite3").close()
        opens.append(time.perf_counter() - t)
    print(f"open a store of {count + 20_000:,} (with quick_check): {median_ms(opens)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_autosave(Path(folder))
        bench_restore(Path(folder), 10_000)
        bench_restore(Path(folder), 100_000)


if __name__ == "__main__":
    main()
