"""Benchmark of importing into an article (run on demand: python tests/benchmarks/bench_import.py).

Importing now reads what the store holds for the article inside the write transaction (so
simultaneous imports cannot both add the same annotations). This prints, in one run, the
median time of an import the old way (checked against the open set, then written), the new
way (checked and written in one BEGIN IMMEDIATE transaction; memory is enough while no other
Lectern has committed), and the new way right after another Lectern committed (the store's
annotations of the article are read inside the transaction), for an article with 1,000
and with 20,000 annotations stored, importing 1,000 of which half are there.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.commands import ImportAnnotations
from lectern.core.editing.session import AnnotationSession
from lectern.core.store import AnnotationStore

TEXT = ("Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday, "
        "officials said. ") * 3000
RUNS = 15


def spans(count: int, offset: int) -> list[Annotation]:
    return [Annotation.from_span(TEXT, start, start + 5 + i % 30, ["Place"], f"n{i}")
            for i in range(count) for start in [((i + offset) * 17) % (len(TEXT) - 40)]]


def the_old_way(session: AnnotationSession, incoming: list[Annotation]) -> None:
    """What import_annotations did before: locate, check against memory, write."""
    assert session.store is not None
    session.store.locate(a.id for a in incoming)
    session.stack.push(ImportAnnotations(session.context, incoming))


def the_new_way(session: AnnotationSession, incoming: list[Annotation]) -> None:
    session.import_annotations(incoming)


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def bench(folder: Path, stored: int) -> None:
    with AnnotationStore.open(folder / f"import{stored}.sqlite3") as store:
        document = Document.from_text(TEXT)
        session = AnnotationSession(document, store)
        session.import_annotations(spans(stored, 0))
        session.stack.set_clean()
        # Half already there under other ids (another export of them), half new.
        there = [a.with_changes(id=str(uuid.uuid4())) for a in spans(500, 0)]
        incoming = there + spans(500, stored + 7)
        times: dict[str, list[float]] = {"before": [], "after": [], "after, shared": []}
        other = AnnotationStore.open(store.path)  # another Lectern on the same store
        for _ in range(RUNS):
            for name, way in (("before", the_old_way), ("after", the_new_way),
                              ("after, shared", the_new_way)):
                if name == "after, shared":  # it commits: this import must read the store
                    other.set_setting("touched", time.time())
                t = time.perf_counter()
                way(session, incoming)
                times[name].append(time.perf_counter() - t)
                session.undo()
        other.close()
        assert store.count(document.fingerprint) == stored
        print(f"import 1,000 into an article with {stored:,} stored: "
              + ", ".join(f"{name} {median_ms(samples)}" for name, samples in times.items())
              + f" (median of {RUNS} each)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench(Path(folder), 1_000)
        bench(Path(folder), 20_000)


if __name__ == "__main__":
    main()
