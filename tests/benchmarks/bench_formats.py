"""Benchmark annotation files: ``python tests/benchmarks/bench_formats.py`` prints medians.

W3C save and load of 10,000 annotations (budget 300 ms each), plus brat, CSV and JSONL.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lectern.core.annotations import Annotation
from lectern.core.formats import (
    load_brat,
    load_w3c,
    save_brat,
    save_csv,
    save_w3c,
)
from lectern.core.formats.prodigy import dumps_prodigy

RUNS = 7
COUNT = 10_000


def timed(label: str, action) -> None:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    print(f"{label:40s} median {statistics.median(times) * 1000:8.1f} ms")


def main() -> None:
    rng = random.Random(7)
    words = ["the", "council", "said", "budget", "mayor", "😀", "vote", "café", "district"]
    text = " ".join(rng.choice(words) for _ in range(200_000))
    annotations = []
    for n in range(COUNT):
        start = rng.randrange(0, len(text) - 200)
        tags = rng.sample(["Person", "Place", "Date", "Claim"], rng.randint(0, 2))
        note = f"note number {n}" if n % 3 == 0 else ""
        annotations.append(Annotation.from_span(text, start, start + rng.randint(5, 150),
                                                tags=tags, note=note))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.json"
        print(f"{COUNT:,} annotations on a text of {len(text):,} characters, {RUNS} runs")
        timed("W3C save (budget 300 ms)", lambda: save_w3c(path, annotations, "a.txt", "f"))
        print(f"{'':40s} file size {path.stat().st_size / 2**20:.1f} MB")
        timed("W3C load (budget 300 ms)", lambda: load_w3c(path, text_length=len(text)))
        loaded, _ = load_w3c(path)
        assert loaded == annotations
        txt = Path(folder) / "a.txt"
        timed("brat export", lambda: save_brat(txt, text, annotations))
        timed("brat import", lambda: load_brat(txt.with_suffix(".ann")))
        timed("CSV export", lambda: save_csv(Path(folder) / "a.csv", annotations))
        timed("Prodigy JSONL export", lambda: (Path(folder) / "a.jsonl").write_text(
            dumps_prodigy(text, annotations)[0], "utf-8"))


if __name__ == "__main__":
    main()
