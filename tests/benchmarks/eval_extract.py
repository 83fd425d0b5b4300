"""Score the built-in analysis against the gold files in ../shared/eval (run on demand).

    python tests/benchmarks/eval_extract.py [--backend builtin|spacy] [--out DIR]

Writes one PRED jsonl per gold file and prints the scorer's per-label exact and overlap figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO.parent / "shared" / "eval"
DEV_LABELS = "PERSON,ORG,LOC,NORP,DATE,MONEY,PERCENT,CARDINAL,QUANTITY"
GOLD_FILES = {"seed": ("seed_entities.jsonl", None), "dev": ("gum_news_dev.jsonl", DEV_LABELS)}

sys.path.insert(0, str(REPO))

from lectern.core.document import Document  # noqa: E402
from lectern.core.extract import analyze  # noqa: E402


def predictions(gold_path: Path, backend: str = "builtin") -> list[dict]:
    """One prediction record per gold document, mentions flattened."""
    rows = []
    with gold_path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            document = Document(text=record["text"], title=record["id"])
            analysis = analyze(document, backend=backend)
            entities = [
                {"start": m.start, "end": m.end, "label": e.label, "text": m.text}
                for e in analysis.entities
                for m in e.mentions
            ]
            rows.append({"id": record["id"], "entities": entities})
    return rows


def score(name: str, out_dir: Path, backend: str = "builtin") -> str:
    """Write the predictions for one gold file and return the scorer's report."""
    gold_name, labels = GOLD_FILES[name]
    gold = EVAL_DIR / gold_name
    pred = out_dir / f"{name}_pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        for row in predictions(gold, backend):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    command = [sys.executable, str(EVAL_DIR / "score.py"), str(gold), str(pred)]
    if labels:
        command += ["--labels", labels]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def overall_f1(report: str) -> dict[str, float]:
    """{"exact": F1, "overlap": F1} from the scorer's ALL lines."""
    figures, mode = {}, None
    for line in report.splitlines():
        if line.startswith("== "):
            mode = line.split()[1]
        elif line.strip().startswith("ALL") and mode:
            figures[mode] = float(line.split("F1=")[1].split()[0])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="builtin", choices=("builtin", "spacy"))
    parser.add_argument("--out", type=Path, help="keep the PRED files in this folder")
    args = parser.parse_args()
    if not EVAL_DIR.is_dir():
        print(f"no eval data at {EVAL_DIR}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        out_dir = args.out or Path(scratch)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in GOLD_FILES:
            report = score(name, out_dir, args.backend)
            print(f"### {name} ({GOLD_FILES[name][1] or 'all labels'})")
            print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
