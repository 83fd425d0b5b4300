"""Benchmark re-anchoring: ``python tests/benchmarks/bench_anchoring.py`` prints medians.

Scenario from issue 4: 1,000 annotations on a 1 MB article, re-anchored after an edit
near the top (budget 1 s). Also: the same after an edit that changes the words of 5% of
the annotated sentences (fuzzy matches), and after deleting 5% of them (orphans).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lectern.core.anchoring import reanchor_all
from lectern.core.annotations import Annotation

RUNS = 5
WORDS = ["council", "budget", "mayor", "vote", "district", "library", "school", "police",
         "report", "city", "officials", "said", "would", "plan", "critics", "public", "money",
         "street", "week", "year"]


def article(size: int, rng: random.Random) -> str:
    parts, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize()
        sentence += f" ({len(parts)}). "  # real articles rarely repeat whole sentences
        parts.append(sentence)
        length += len(sentence)
        if len(parts) % 6 == 0:
            parts.append("\n\n")
    return "".join(parts)[:size]


def annotations_on(text: str, count: int, rng: random.Random) -> list[Annotation]:
    result = []
    for _ in range(count):
        start = rng.randrange(1000, len(text) - 200)
        result.append(Annotation.from_span(text, start, start + rng.randint(10, 120)))
    return result


def timed(label: str, annotations: list[Annotation], text: str) -> None:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        _, report = reanchor_all(annotations, text)
        times.append(time.perf_counter() - began)
    print(f"{label:58s} median {statistics.median(times) * 1000:8.1f} ms   ({report})")


def main() -> None:
    rng = random.Random(4)
    text = article(1_000_000, rng)
    annotations = annotations_on(text, 1000, rng)
    print(f"article {len(text):,} characters, {len(annotations):,} annotations, {RUNS} runs")
    timed("unchanged text", annotations, text)
    edited = text[:500] + "A new paragraph added near the top by an editor.\n\n" + text[500:]
    timed("paragraph inserted near the top (budget 1 s)", annotations, edited)
    damaged = edited
    for a in rng.sample(annotations, 50):
        middle = a.exact[len(a.exact) // 2]
        damaged = damaged.replace(a.exact, a.exact.replace(middle, "#", 1), 1)
    timed("... and 50 annotated passages lightly edited", annotations, damaged)
    removed = edited
    for a in rng.sample(annotations, 50):
        removed = removed.replace(a.exact, "", 1)
    timed("... and 50 annotated passages deleted", annotations, removed)
    lines = "".join(f"Item {n}: the council approved the budget again.\n" for n in range(500))
    start = lines.index("Item 317:") + 10
    repeated = [Annotation.from_span(lines, start, start + 31)]
    timed("a quote repeated 500 times, text inserted above", repeated, "New.\n\n" + lines)


if __name__ == "__main__":
    main()
