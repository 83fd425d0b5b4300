"""The quotes index across the library, kept in step with the stored analyses.

``index_analysis`` is an indexer of core/library/analyses.py (INDEXER_MODULES): it runs
after each analysis is stored. ``bring_up_to_date`` analyses what is pending and indexes the
analyses stored before the index existed; every report and the ledger call it first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from lectern.core.library.speakers import NAMED, NONE, UNNAMED, key_of, speaker_key, unnamed_credit
from lectern.core.store import AnnotationStore
from lectern.core.store.report_tables import IndexedQuote

_MARKS = "\"“”„«»‘’'"
_NOT_WORD = re.compile(r"[^\w]+")


def normalised_quote(text: str) -> str:
    """The words of a quotation, case folded, without marks or punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_NOT_WORD.sub(" ", folded.replace("'", "")).split())


def quote_words(text: str) -> str:
    """The quotation as written, without its enclosing marks or the comma before "he said"."""
    return text.strip().strip(_MARKS).strip().rstrip(",;:").rstrip()


def paragraph_breaks(text: str) -> str:
    """Where each paragraph after the first begins (the offset of its line break run)."""
    found = [str(i) for i, ch in enumerate(text) if ch == "\n" and (i == 0 or
                                                                   text[i - 1] != "\n")]
    return ",".join(found)


def indexed_quotes(text: str, analysis: dict[str, Any]) -> list[IndexedQuote]:
    """The index's rows for one analysis of ``text``."""
    entities = {e["id"]: e for e in analysis.get("entities", [])}
    people = [e["name"] for e in entities.values() if e.get("label") == "PERSON"]
    rows = []
    for quote in analysis.get("quotes", []):
        start, end = int(quote["start"]), int(quote["end"])
        entity = entities.get(quote.get("speaker") or "")
        name = entity["name"] if entity is not None else quote.get("speaker_name") or ""
        speaker = speaker_key(name, people) if name else ""
        attribution = NAMED if speaker else NONE
        credit = unnamed_credit(text, start, end)
        if credit is not None and (not speaker or credit[1]):
            speaker, attribution = credit[0], UNNAMED
        words = quote_words(str(quote["text"]))
        rows.append(IndexedQuote(start, end, words, normalised_quote(words), speaker,
                                 key_of(speaker), attribution))
    return rows


def index_analysis(store: AnnotationStore, version_id: int, analysis: dict[str, Any]) -> None:
    """Index one stored analysis (the seam of INDEXER_MODULES)."""
    from lectern.core.library.analyses import analyser_version

    if not store.reports.available():
        return  # a store from before the index: the catch-up indexes it once migrated
    version = store.library.version(version_id)
    text = store.library.text(version_id)
    if version is None or text is None:
        return
    store.reports.replace_quotes(version_id, version.fingerprint, analyser_version(),
                                 paragraph_breaks(text), indexed_quotes(text, analysis))


def catch_up(store: AnnotationStore) -> int:
    """Index every stored analysis of a current version not indexed yet; returns how many."""
    from lectern.core.library.analyses import analyser_version, stored_analysis

    if not store.reports.available():
        return 0
    versions = store.reports.unindexed(analyser_version())
    with store.batch():
        for version in versions:
            analysis = stored_analysis(store, version)
            if analysis is not None:
                index_analysis(store, version, analysis)
    return len(versions)


def behind(store: AnnotationStore) -> int:
    """How many stored analyses the quote index has yet to take in."""
    from lectern.core.library.analyses import analyser_version

    return len(store.reports.unindexed(analyser_version())) if store.reports.available() else 0


def bring_up_to_date(store: AnnotationStore,
                     cancelled: Callable[[], bool] | None = None) -> None:
    """Analyse the pending articles (each is indexed as it is stored), then catch up; a
    ``cancelled()`` stop keeps every article analysed so far and leaves the rest pending."""
    from lectern.core.library.analyses import run_pending

    run_pending(store, cancelled=cancelled)
    if cancelled is None or not cancelled():
        catch_up(store)
