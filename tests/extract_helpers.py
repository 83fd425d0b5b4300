"""Shared helpers for the extract tests: where the shared eval data lives, invariant checks."""

from __future__ import annotations

import itertools
from pathlib import Path

from core.extract import Analysis

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL_DIR = SHARED / "eval"
SEED_ARTICLE = SHARED / "seeds" / "000_3f7202940e0854aa.txt"


def assert_offsets_valid(text: str, analysis: Analysis) -> None:
    """Every offset is in range and every mention's text is the text at its offsets."""
    by_label: dict[str, list[tuple[int, int]]] = {}
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
            by_label.setdefault(entity.label, []).append((mention.start, mention.end))
    for spans in by_label.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, "mentions of one label overlap"
    for fact in analysis.facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.sentence.start <= fact.start and fact.end <= fact.sentence.end <= len(text)
        assert text[fact.start : fact.end] == fact.text
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text


def assert_gold_facts_found(analysis: Analysis, gold_facts: list[dict]) -> None:
    """Each gold fact has a found fact of its kind and value inside its evidence, with the
    gold's approximation, currency and date."""
    for gold_fact in gold_facts:
        matches = [f for f in analysis.facts
                   if f.kind == gold_fact["kind"] and f.value == gold_fact["value"]]
        assert matches, gold_fact
        fact = matches[0]
        assert gold_fact["start"] <= fact.start and fact.end <= gold_fact["end"]
        if "approx" in gold_fact:
            assert fact.approx == gold_fact["approx"]
        if "unit" in gold_fact and gold_fact["kind"] == "money":
            assert fact.unit == gold_fact["unit"]
        if "time" in gold_fact:
            assert fact.date == gold_fact["time"]


def person(analysis: Analysis, name: str):
    return next(e for e in analysis.entities if e.label == "PERSON" and e.name == name)


def assert_sample_basics(analysis: Analysis) -> None:
    """What any backend must find in our sample: both officials with their roles, the
    dollar figure with its year, two dates, and each quote's speaker."""
    kapanadze = person(analysis, "Nino Kapanadze")
    lepik = person(analysis, "Mart Lepik")
    assert kapanadze.role == "Georgian Economy Minister"
    assert lepik.role == "Estonian Ambassador"
    assert [m.text for m in lepik.mentions] == ["Mart Lepik", "Lepik"]
    money = {(f.value, f.unit, f.date) for f in analysis.facts if f.kind == "money"}
    assert (48_600_000, "USD", "2023") in money
    dates = {f.value for f in analysis.facts if f.kind == "date"}
    assert {"1992-05-20", "2009-01"} <= dates
    assert [q.speaker for q in analysis.quotes] == [kapanadze.id, lepik.id]
