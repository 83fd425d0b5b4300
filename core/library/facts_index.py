"""The library's facts index kept in step with the stored analyses.

``index_analysis`` runs after each analysis is stored (``INDEXER_MODULES``); ``catch_up``
takes in the analyses stored before the index existed (or before a re-analysis), and is run
by every use case that reads the index, so what they show never lags the analyses.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from lectern.core.store import AnnotationStore
from lectern.core.store.library_facts import ENTITY_SEPARATOR, FactRow

# Entities a figure or an event is *about*; dates and amounts are what it says, not whom.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"})
NAME_TYPE = "\t"  # between an entity's label and its name in a row's ``entities``


@lru_cache(maxsize=65_536)
def entity_key(name: str, label: str) -> str:
    """Which entity a name of a label is, across the library: the ONE place the timeline,
    the bars and the conflicts ask (curation's aliases and merges would answer here)."""
    return f"{label}:{' '.join(name.casefold().split())}"


@lru_cache(maxsize=1)
def _filler_words() -> frozenset[str]:
    from lectern.core.resources import resource_folder

    path = resource_folder("library") / "measure_filler_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def subject_key(subject: str) -> str:
    """A subject's wording normalised: case, accents, punctuation and filler words aside."""
    folded = unicodedata.normalize("NFKD", subject.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"\w+", plain)
    return " ".join(w for w in words if w not in _filler_words())


def fact_rows(version_id: int, analysis: dict[str, Any]) -> list[FactRow]:
    """The index's rows for one stored analysis (its JSON, as Analysis.to_json makes it)."""
    mentions = sorted((m["start"], m["end"], e["label"], e["name"])
                      for e in analysis.get("entities", ()) if e.get("label") in NAMED_LABELS
                      for m in e.get("mentions", ()))
    starts = [m[0] for m in mentions]
    rows: list[FactRow] = []
    for seq, fact in enumerate(analysis.get("facts", ())):
        sentence = fact.get("sentence") or {"start": fact["start"], "end": fact["end"]}
        value = fact.get("value")
        dated = fact.get("kind") == "date"
        number = float(value) if not dated and isinstance(value, int | float) else None
        first = bisect_left(starts, sentence["start"])
        last: int = sentence["end"]
        names: dict[str, None] = {}
        for start, end, label, name in mentions[first:]:
            if start >= last:
                break
            if end <= last:
                names[f"{label}{NAME_TYPE}{name}"] = None
        subject = " ".join(str(fact.get("subject") or "").split())
        rows.append(FactRow(
            version=version_id, seq=seq, kind=str(fact.get("kind")), subject=subject,
            subject_key=subject_key(subject), number=number,
            day=str(value) if dated and value else None, unit=str(fact.get("unit") or ""),
            approx=bool(fact.get("approx")), period=str(fact.get("date") or ""),
            written=" ".join(str(fact.get("text") or "").split()), start=int(fact["start"]),
            end=int(fact["end"]), sentence_start=int(sentence["start"]),
            sentence_end=int(sentence["end"]), entities=ENTITY_SEPARATOR.join(names)))
    return rows


@lru_cache(maxsize=65_536)  # a sentence's entities are read once for each of its facts
def entities_of(joined: str) -> tuple[tuple[str, str], ...]:
    """(label, name) pairs of a row's ``entities`` column."""
    if not joined:
        return ()
    pairs = (item.partition(NAME_TYPE) for item in joined.split(ENTITY_SEPARATOR))
    return tuple((label, name) for label, _, name in pairs)


@lru_cache(maxsize=65_536)
def entity_keys_of(joined: str) -> tuple[str, ...]:
    """The entity keys of a row's ``entities`` column."""
    return tuple(entity_key(name, label) for label, name in entities_of(joined))


def index_analysis(store: AnnotationStore, version_id: int, analysis: dict[str, Any]) -> None:
    """Take one stored analysis into the index (the INDEXER_MODULES seam)."""
    from lectern.core.library.analyses import analyser_version

    if store.facts.available():
        store.facts.replace(version_id, analyser_version(), fact_rows(version_id, analysis))


def behind(store: AnnotationStore) -> int:
    """How many stored analyses the facts index has yet to take in."""
    from lectern.core.library.analyses import analyser_version

    if store.read_only or not store.facts.available():
        return 0
    return len(store.facts.behind(analyser_version()))


def catch_up(store: AnnotationStore) -> int:
    """Index every current analysis the index lacks; drop rows of versions gone for good.
    Returns how many versions were taken in."""
    from lectern.core.library.analyses import analyser_version, stored_analysis

    if store.read_only or not store.facts.available():
        return 0
    behind = store.facts.behind(analyser_version())
    if behind:  # tidy only when there is work: rows of a removed article never show anyway
        store.facts.forget_missing()
    done = 0
    for version in behind:
        analysis = stored_analysis(store, version)
        if analysis is not None:
            store.facts.replace(version, analyser_version(), fact_rows(version, analysis))
            done += 1
    return done
