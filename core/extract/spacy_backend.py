"""Optional spaCy backend: spaCy's named entities as candidates; the rest of the pipeline is shared.

Install with the ``[spacy]`` extra and an English model (``python -m spacy download
en_core_web_sm``). Nothing here is imported unless ``backend="spacy"`` is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from core.errors import LecternError
from core.extract.dates import normalise_date
from core.extract.numbers import AMOUNT_PATTERN, amount_candidate
from core.extract.spans import Candidate

MODEL_NAMES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
SPACY_BLOCK_CHARS = 100_000  # well under spaCy's default nlp.max_length of 1,000,000
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "DATE": "DATE",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "QUANTITY": "QUANTITY",
    "CARDINAL": "CARDINAL",
}


def available_model() -> str | None:
    """The name of the first installed English model, or None (also when spaCy is missing)."""
    try:
        import spacy.util
    except ImportError:
        return None
    return next((name for name in MODEL_NAMES if spacy.util.is_package(name)), None)


@cache
def _load_pipeline() -> Any:
    name = available_model()
    if name is None:
        raise LecternError(
            "The spaCy backend needs spaCy and an English model: pip install 'lectern[spacy]' "
            "and python -m spacy download en_core_web_sm."
        )
    import spacy

    # only the entity recogniser is needed; the parser and lemmatizer cost time for nothing
    return spacy.load(name, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])


def spacy_candidates(text: str, report: Callable[[float], None]) -> list[Candidate]:
    """spaCy's entities over ``text``, relabelled and normalised like the built-in ones."""
    from core.extract.pipeline import text_blocks

    nlp = _load_pipeline()
    blocks = text_blocks(text, SPACY_BLOCK_CHARS)
    candidates: list[Candidate] = []
    docs = nlp.pipe(text[start:end] for start, end in blocks)
    for (offset, _), doc in zip(blocks, docs, strict=True):
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_)
            if label is not None:
                candidates.append(
                    _normalised(text, offset + ent.start_char, offset + ent.end_char, label)
                )
        report(0.6 * (offset + len(doc.text)) / max(1, len(text)))
    return candidates


def _normalised(text: str, start: int, end: int, label: str) -> Candidate:
    surface = text[start:end]
    if label == "DATE":
        return Candidate(start, end, label, value=normalise_date(surface))
    if label in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        match = AMOUNT_PATTERN.search(surface)
        found = amount_candidate(surface, match) if match else None
        if found is not None:
            return Candidate(
                start, end, label, value=found.value, unit=found.unit, approx=found.approx
            )
    return Candidate(start, end, label)
