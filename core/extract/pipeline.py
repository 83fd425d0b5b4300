"""The built-in analysis: recognisers over blocks of text, then grouping, facts and quotes."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.extract.anchors import scan_anchors
from lectern.core.extract.blocks import BLOCK_CHARS, text_blocks
from lectern.core.extract.bylines import relabel_datelines
from lectern.core.extract.collector import full_collections_deferred
from lectern.core.extract.currencies import settle_currencies
from lectern.core.extract.dates import find_dates
from lectern.core.extract.evidence import settle_names
from lectern.core.extract.facts import find_facts
from lectern.core.extract.grouping import group_candidates
from lectern.core.extract.model import Analysis
from lectern.core.extract.names import NameRun, find_name_runs
from lectern.core.extract.numbers import find_amounts
from lectern.core.extract.quotes import find_quotes
from lectern.core.extract.relative_dates import resolve_relative_dates
from lectern.core.extract.sentences import SentenceIndex, sentence_spans
from lectern.core.extract.spans import Candidate, resolve_overlaps
from lectern.core.extract.teams import relabel_teams

RELEASE_CHUNK = 4096  # objects freed per step when dropping big intermediate lists
BACKENDS = ("builtin", "spacy")

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


class AnalysisCancelled(Exception):
    """``cancelled()`` returned True while the analysis ran."""


def analyze(
    document: Document,
    *,
    backend: str = "builtin",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    published: datetime.date | None = None,
) -> Analysis:
    """Entities, facts and quotes of ``document``; offsets index ``document.text``.

    ``published`` is the article's date, for "on Thursday" and "yesterday"; without it the
    date of the article's byline or dateline is used, when it has one.
    """
    if backend not in BACKENDS:
        raise LecternError(
            f"Unknown analysis backend “{backend}” (choose from {', '.join(BACKENDS)})."
        )
    with full_collections_deferred():
        return _analyze(document, backend, _Reporter(progress, cancelled), published)


def _analyze(
    document: Document, backend: str, report: _Reporter, published: datetime.date | None = None
) -> Analysis:
    text = document.text
    report(0.0)
    sentences: list[tuple[int, int]] = []
    if backend == "spacy":
        from lectern.core.extract.spacy_backend import (
            spacy_candidates,  # spaCy is optional and heavy
        )

        sentences = sentence_spans(text)
        candidates = spacy_candidates(text, report)
    else:
        candidates = []
        runs: list[NameRun] = []
        for start, end in text_blocks(text, BLOCK_CHARS):
            sentences.extend(sentence_spans(text, start, end))
            date_anchors, amount_anchors = scan_anchors(text, start, end)
            candidates.extend(find_dates(text, start, end, date_anchors))
            candidates.extend(find_amounts(text, start, end, amount_anchors))
            runs.extend(find_name_runs(text, start, end))
            report(0.6 * end / max(1, len(text)))
        candidates.extend(settle_names(text, runs))
        release(runs)
    relabel_datelines(text, candidates)
    report(0.65)
    resolved = resolve_overlaps(candidates)
    resolve_relative_dates(text, resolved, published)
    settle_currencies(text, resolved)
    release(candidates)
    report(0.7)
    entities = relabel_teams(text, group_candidates(text, resolved))
    report(0.8)
    facts = find_facts(text, resolved, SentenceIndex(sentences))
    release(resolved, sentences)
    report(0.9)
    quotes = find_quotes(text, entities)
    report(1.0)
    return Analysis(
        title=document.title,
        fingerprint=document.fingerprint,
        length=len(text),
        entities=entities,
        facts=facts,
        quotes=quotes,
        backend=backend,
    )


def release(*lists: list[Any]) -> None:
    """Empty big lists a chunk at a time: freeing 100,000 objects at once holds the GIL too long."""
    for items in lists:
        while items:
            del items[-RELEASE_CHUNK:]


class _Reporter:
    """Calls ``progress`` with a fraction and raises AnalysisCancelled when asked to stop."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.progress = progress
        self.cancelled = cancelled

    def __call__(self, fraction: float) -> None:
        if self.cancelled is not None and self.cancelled():
            raise AnalysisCancelled("The analysis was cancelled.")
        if self.progress is not None:
            self.progress(min(1.0, max(0.0, fraction)))


__all__ = ["AnalysisCancelled", "Candidate", "analyze"]
