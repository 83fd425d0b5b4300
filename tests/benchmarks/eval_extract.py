"""Score the analysis on the seed, the dev set, our fresh articles and the blind sets (on demand).

    python tests/benchmarks/eval_extract.py [--backend builtin|spacy] [--out DIR] [--only NAME]
                                            [--blind-b]

Writes one PRED jsonl per gold set and prints the scorer's (../shared/eval/score.py) per-label
exact and overlap figures, each set on its own. fresh2 (tests/fixtures/fresh2: four articles
written and annotated after the rule work, before the analyser saw them) and the blind sets
(tests/fixtures/blind, written and annotated by someone who never saw the analyser) are
scored on PERSON, ORG and LOC only;
set b is for measuring, never for tuning, so it is scored only when asked (``--blind-b`` or
``--only blind-b``), only its aggregate figures are printed and no PRED file of it is kept.
For the fresh articles (tests/fixtures/fresh, read through ``load_document`` as a reader
opens them) it also scores facts and quotes:

* a found fact matches a gold fact when the kind is the same, their evidence spans overlap,
  the value is equal (numbers within 0.5 %; ISO strings exactly; a range by its low end), a
  money fact has the gold currency, and every word of the gold subject is in the found
  subject (words compared by their first five letters, so "established" meets "establish");
  each gold fact is matched at most once. "value only" drops the subject condition.
  A verb of measure in the gold subject ("cost", "rose", "reached") is not required when the
  subject has other words: the fact's kind and value already say it, so "Baltic Shipyard
  Museum" names what "museum cost" measures.
* a gold quote is found when a found quote contains its opening words; its speaker is right
  when the found speaker's name is the gold speaker (or both are missing).
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
FRESH_DIR = REPO / "tests" / "fixtures" / "fresh"
BLIND_DIR = REPO / "tests" / "fixtures" / "blind"
DEV_LABELS = "PERSON,ORG,LOC,NORP,DATE,MONEY,PERCENT,CARDINAL,QUANTITY"
BLIND_LABELS = "PERSON,ORG,LOC"
GOLD_FILES = {
    "seed": (EVAL_DIR / "seed_entities.jsonl", None),
    "dev": (EVAL_DIR / "gum_news_dev.jsonl", DEV_LABELS),
    "fresh": (FRESH_DIR / "gold.jsonl", DEV_LABELS),
    "blind-a": (BLIND_DIR / "a" / "gold.jsonl", BLIND_LABELS),
    "fresh2": (REPO / "tests" / "fixtures" / "fresh2" / "gold.jsonl", BLIND_LABELS),
    "blind-b": (BLIND_DIR / "b" / "gold.jsonl", BLIND_LABELS),
}
AGGREGATE_ONLY = frozenset({"blind-b"})  # measured, never inspected: no PRED file is kept
VALUE_TOLERANCE = 0.005
STEM_CHARS = 5
_SUBJECT_GLUE = frozenset(["the", "a", "an", "of", "in", "to", "by", "for", "on", "and"])

sys.path.insert(0, str(REPO))

from lectern.core.document import Document, load_document  # noqa: E402
from lectern.core.extract import Analysis, analyze  # noqa: E402
from lectern.core.extract.gazetteers import lexicon_words  # noqa: E402

_MEASURE_STEMS = {word[:STEM_CHARS] for word in lexicon_words("measure_verbs")}


def gold_records(gold_path: Path) -> list[dict]:
    with gold_path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def analyse_record(record: dict, backend: str = "builtin", folder: Path = FRESH_DIR) -> Analysis:
    """An article of ours is opened from its file in ``folder`` (HTML and Markdown as a reader
    gets them)."""
    if "file" in record:
        document = load_document(folder / record["file"])
        assert document.text == record["text"], f"{record['file']} changed: rebuild the gold"
    else:
        document = Document(text=record["text"], title=record["id"])
    return analyze(document, backend=backend)


def predictions(gold_path: Path, backend: str = "builtin") -> list[dict]:
    """One prediction record per gold document, mentions flattened."""
    rows = []
    for record in gold_records(gold_path):
        analysis = analyse_record(record, backend, gold_path.parent)
        entities = [
            {"start": m.start, "end": m.end, "label": e.label, "text": m.text}
            for e in analysis.entities
            for m in e.mentions
        ]
        rows.append({"id": record["id"], "entities": entities})
    return rows


def score(name: str, out_dir: Path, backend: str = "builtin") -> str:
    """Write the predictions for one gold file and return the scorer's report."""
    gold, labels = GOLD_FILES[name]
    if name in AGGREGATE_ONLY:
        with tempfile.TemporaryDirectory() as scratch:
            return _score_into(gold, labels, Path(scratch) / "pred.jsonl", backend)
    return _score_into(gold, labels, out_dir / f"{name}_pred.jsonl", backend)


def _score_into(gold: Path, labels: str | None, pred: Path, backend: str) -> str:
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


def _gold_stems(subject: str) -> set[str]:
    """The stems a found subject must hold: the gold subject's, less its verbs of measure."""
    stems = _stems(subject)
    content = stems - _MEASURE_STEMS
    return content or stems


def _stems(phrase: str) -> set[str]:
    words = (word.strip(".,;:'’\"()").lower() for word in phrase.split())
    return {word[:STEM_CHARS] for word in words if word and word not in _SUBJECT_GLUE}


def _same_value(found: object, gold: object) -> bool:
    if isinstance(gold, str) or isinstance(found, str):
        return str(found) == str(gold) or str(found).split("/")[0] == str(gold)
    return abs(float(found) - float(gold)) <= VALUE_TOLERANCE * max(1.0, abs(float(gold)))


def fact_matches(found, gold: dict, with_subject: bool = True) -> bool:
    """The match rule in the module docstring."""
    return (
        found.kind == gold["kind"]
        and found.start < gold["end"]
        and gold["start"] < found.end
        and _same_value(found.value, gold["value"])
        and (gold["kind"] != "money" or found.unit == gold["unit"])
        and (not with_subject or _gold_stems(gold["subject"]) <= _stems(found.subject))
    )


def score_fresh_facts(backend: str = "builtin", misses: list[str] | None = None) -> dict:
    """Fact precision/recall (with and without subjects) and quote figures on the fresh gold."""
    counts = dict.fromkeys(("found", "gold", "matched", "value_matched", "quotes",
                            "quotes_found", "speakers_right"), 0)
    for record in gold_records(FRESH_DIR / "gold.jsonl"):
        analysis = analyse_record(record, backend)
        counts["found"] += len(analysis.facts)
        counts["gold"] += len(record["facts"])
        for with_subject, key in ((True, "matched"), (False, "value_matched")):
            free = list(analysis.facts)
            for gold in record["facts"]:
                hit = next((f for f in free if fact_matches(f, gold, with_subject)), None)
                if hit is not None:
                    free.remove(hit)
                    counts[key] += 1
                elif misses is not None and with_subject:
                    misses.append(f"{record['id']}: missed {gold['text']!r} ({gold['subject']})")
            if misses is not None and with_subject:
                misses.extend(f"{record['id']}: extra {f.text!r} -> {f.subject!r} = {f.value}"
                              for f in free)
        for gold in record["quotes"]:
            counts["quotes"] += 1
            quote = next((q for q in analysis.quotes if gold["opening"] in q.text), None)
            if quote is not None:
                counts["quotes_found"] += 1
                counts["speakers_right"] += quote.speaker_name == gold["speaker"]
    return counts


def facts_report(counts: dict) -> str:
    lines = []
    for key, label in (("matched", "facts (subject too)"), ("value_matched", "facts (value only)")):
        precision = counts[key] / counts["found"] if counts["found"] else 0.0
        recall = counts[key] / counts["gold"] if counts["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        lines.append(f"  {label:<20} P={precision:.3f} R={recall:.3f} F1={f1:.3f} "
                     f"(matched={counts[key]} found={counts['found']} gold={counts['gold']})")
    lines.append(f"  quotes found {counts['quotes_found']}/{counts['quotes']}, "
                 f"speaker right {counts['speakers_right']}/{counts['quotes']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="builtin", choices=("builtin", "spacy"))
    parser.add_argument("--out", type=Path, help="keep the PRED files in this folder")
    parser.add_argument("--only", choices=tuple(GOLD_FILES), help="score one set")
    parser.add_argument("--misses", action="store_true", help="list fresh facts missed/extra")
    parser.add_argument("--blind-b", action="store_true", help="also score blind set b (aggregate)")
    args = parser.parse_args()
    if not EVAL_DIR.is_dir():
        print(f"no eval data at {EVAL_DIR}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        out_dir = args.out or Path(scratch)
        out_dir.mkdir(parents=True, exist_ok=True)
        every = [n for n in GOLD_FILES if args.blind_b or n not in AGGREGATE_ONLY]
        for name in [args.only] if args.only else every:
            report = score(name, out_dir, args.backend)
            print(f"### {name} ({GOLD_FILES[name][1] or 'all labels'})")
            print(report)
        if args.only in (None, "fresh"):
            misses: list[str] = []
            print("### fresh facts and quotes")
            print(facts_report(score_fresh_facts(args.backend, misses)))
            if args.misses:
                print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
