"""Speed and memory of the built-in analysis on 1 MB and 10 MB articles (run on demand).

    python tests/benchmarks/bench_extract.py [--runs N] [--sizes 1,10]

Each size runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own. The
article is the bundled sample repeated, with its figures and names varied per copy.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

MB = 1_000_000
_NAME_VARIANTS = ("Kapanadze", "Kapanadzi", "Lepik", "Lepikov", "Tbilisi", "Tallinn")


def build_article(size: int) -> str:
    """About ``size`` characters of news text: the sample article, varied copy by copy."""
    from lectern.core.resources import sample_article

    SAMPLE_ARTICLE = sample_article()
    base = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    pieces, total, copy = [], 0, 0
    while total < size:
        shift = copy % 10
        varied = re.sub(r"\d", lambda m, s=shift: str((int(m.group()) + s) % 10), base)
        if copy % 3:
            varied = varied.replace("Kapanadze", _NAME_VARIANTS[copy % len(_NAME_VARIANTS)])
        pieces.append(varied)
        total += len(varied) + 2
        copy += 1
    return "\n\n".join(pieces)[:size]


def measure(size: int, runs: int) -> dict:
    """Analyse an article of ``size`` characters ``runs`` times in this process."""
    from lectern.core.document import Document
    from lectern.core.extract import analyze

    document = Document.from_text(build_article(size))
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings = []
    counts = {}
    for _ in range(runs):
        started = time.perf_counter()
        analysis = analyze(document)
        timings.append(time.perf_counter() - started)
        counts = {
            "entities": len(analysis.entities),
            "facts": len(analysis.facts),
            "quotes": len(analysis.quotes),
            "mentions": sum(len(e.mentions) for e in analysis.entities),
        }
        del analysis
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    median = statistics.median(timings)
    return {
        "size_mb": len(document.text) / MB,
        "median_s": median,
        "mb_per_s": len(document.text) / MB / median,
        "runs": timings,
        "peak_rss_mb": peak_kb / 1024,
        "text_and_baseline_rss_mb": baseline_kb / 1024,
        **counts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10", help="sizes in MB, comma separated")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(int(args.child * MB), args.runs)))
        return 0
    print(
        f"{'size':>8} {'median s':>9} {'MB/s':>7} {'peak RSS MB':>12} {'mentions':>9} "
        f"{'facts':>7} {'quotes':>7}"
    )
    for size in (float(s) for s in args.sizes.split(",")):
        runs = args.runs if size <= 2 else max(3, args.runs // 2)
        completed = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--runs", str(runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(completed.stdout)
        print(
            f"{result['size_mb']:>6.1f}MB {result['median_s']:>9.3f} {result['mb_per_s']:>7.2f} "
            f"{result['peak_rss_mb']:>12.0f} {result['mentions']:>9} {result['facts']:>7} "
            f"{result['quotes']:>7}   (runs: {', '.join(f'{t:.2f}' for t in result['runs'])}; "
            f"RSS before analysis {result['text_and_baseline_rss_mb']:.0f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
