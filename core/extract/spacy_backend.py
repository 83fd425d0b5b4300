"""Optional spaCy backend: spaCy's named entities as candidates; the rest of the pipeline is shared.

Install with the ``[spacy]`` extra and an English pipeline package (for example
``en_core_web_sm``). The first installed English pipeline with an entity recogniser is used,
preferring en_core_web_sm, then md, lg and trf; ``$LECTERN_SPACY_MODEL`` names another one
(a package name or a pipeline folder). Nothing is downloaded, and nothing here imports spaCy
unless ``backend="spacy"`` is asked for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.extract.blocks import text_blocks
from lectern.core.extract.dates import normalise_date
from lectern.core.extract.gazetteers import Gazetteers, lexicon_words, load_gazetteers
from lectern.core.extract.numbers import AMOUNT_PATTERN, APPROX_WORDS, amount_candidate
from lectern.core.extract.spans import Candidate

MODEL_ENV_VAR = "LECTERN_SPACY_MODEL"
MODEL_NAMES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
SPACY_BLOCK_CHARS = 100_000  # well under spaCy's default nlp.max_length of 1,000,000
# only the entity recogniser (and the tok2vec it may listen to) is needed
UNUSED_COMPONENTS = ("parser", "lemmatizer", "tagger", "attribute_ruler", "morphologizer", "senter")
HONORIFICS = lexicon_words("honorifics")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[ \u00a0]+$")
ROLE_WINDOW = 80
# "Around 50": spaCy often leaves the approximation word outside the number
_APPROX_BEFORE = re.compile(
    r"(?i:\b(?:"
    + "|".join(re.escape(w) for w in sorted(APPROX_WORDS, key=len, reverse=True))
    + r"))[ \u00a0]+$"
)
APPROX_WINDOW = 24
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


def available_model(name: str | None = None) -> str | None:
    """The spaCy pipeline the backend would load, or None (also when spaCy is missing).

    ``name`` (else ``$LECTERN_SPACY_MODEL``) asks for one pipeline and is returned only when
    it is installed; otherwise the best installed English pipeline with NER is chosen.
    """
    try:
        import spacy.util
    except ImportError:
        return None
    wanted = (name or os.environ.get(MODEL_ENV_VAR, "")).strip()
    if wanted:
        return wanted if _meta(wanted) is not None else None
    try:
        installed = set(spacy.util.get_installed_models())
    except Exception:  # a broken entry point of some other package must not hide the rest
        installed = set()
    installed.update(n for n in MODEL_NAMES if spacy.util.is_package(n))
    english = [n for n in installed if _is_english_ner(_meta(n))]
    return min(english, key=_preference, default=None)


def _meta(name: str) -> dict[str, Any] | None:
    """The meta.json of an installed pipeline package or pipeline folder, else None."""
    import spacy.util

    try:
        if spacy.util.is_package(name):
            path = spacy.util.get_package_path(name)
        elif Path(name).is_dir():
            path = Path(name)
        else:
            return None
        meta: dict[str, Any] = spacy.util.get_model_meta(path)
        return meta
    except Exception:  # an unreadable or foreign package is simply not a candidate
        return None


def _is_english_ner(meta: dict[str, Any] | None) -> bool:
    return meta is not None and meta.get("lang") == "en" and "ner" in meta.get("pipeline", ())


def _preference(name: str) -> tuple[int, int, str]:
    """en_core_web_sm first, then md, lg, trf; a re-packaged copy after the original."""
    for rank, preferred in enumerate(MODEL_NAMES):
        if name == preferred:
            return rank, 0, name
        if name.startswith(preferred):
            return rank, 1, name
    return len(MODEL_NAMES), 0, name


def model_name() -> str:
    """The pipeline to load, or a LecternError saying what to install."""
    try:
        import spacy  # noqa: F401
    except ImportError:
        raise LecternError(
            "The spaCy backend needs spaCy: pip install 'lectern[spacy]' and an English "
            "pipeline package such as en_core_web_sm."
        ) from None
    name = available_model()
    if name is None:
        wanted = os.environ.get(MODEL_ENV_VAR, "").strip()
        raise LecternError(
            f"The spaCy pipeline “{wanted}” (${MODEL_ENV_VAR}) is not installed."
            if wanted
            else "The spaCy backend needs an English spaCy pipeline with NER: install a "
            "package such as en_core_web_sm (python -m spacy download en_core_web_sm)."
        )
    return name


@cache
def _load_pipeline(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name)
    except Exception as error:  # version mismatch, missing factory (trf without its package)
        raise LecternError(f"Could not load the spaCy pipeline “{name}”: {error}") from error
    for component in UNUSED_COMPONENTS:
        if component in nlp.pipe_names:
            nlp.disable_pipe(component)
    return nlp


def spacy_candidates(text: str, report: Callable[[float], None]) -> list[Candidate]:
    """spaCy's entities over ``text``, relabelled and normalised like the built-in ones."""

    nlp = _load_pipeline(model_name())
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
    return _refined(text, candidates, load_gazetteers())


def _refined(text: str, candidates: list[Candidate], gaz: Gazetteers) -> list[Candidate]:
    """What the built-in recognisers know and spaCy does not say: roles, demonyms, surnames.

    A title before a person becomes the person's role ("Hungarian Ambassador Tamás József
    Torma"), a nationality spaCy calls a person or organisation is NORP, a lone surname of a
    person named in full is that PERSON, and places carry their canonical name for grouping.
    """
    surnames = {
        text[c.start : c.end].split()[-1]
        for c in candidates
        if c.label == "PERSON" and len(text[c.start : c.end].split()) > 1
    }
    for candidate in candidates:
        surface = text[candidate.start : candidate.end]
        if candidate.label != "NORP" and surface in gaz.demonyms:
            candidate.label = "NORP"
        elif candidate.label in ("ORG", "GPE", "LOC", "NORP") and (
            surface in surnames and surface not in gaz.places
        ):
            candidate.label = "PERSON"
        if candidate.label == "PERSON":
            _split_title(text, candidate, gaz)
            candidate.role = candidate.role or _role_before(text, candidate.start, gaz)
        elif candidate.label in ("GPE", "LOC") and surface in gaz.places:
            candidate.key = gaz.places[surface][1]
    return candidates


def _is_title_head(word: str, gaz: Gazetteers) -> bool:
    return word in gaz.title_heads or word.rstrip(".").lower() in gaz.title_heads_lower


def _is_role_word(word: str, gaz: Gazetteers) -> bool:
    return (
        _is_title_head(word, gaz)
        or word in gaz.title_modifiers
        or word in gaz.demonyms
        or word in gaz.places
    )


def _role_before(text: str, start: int, gaz: Gazetteers) -> str | None:
    """The title right before a name: capitalised role words ending in a title head."""
    floor = max(0, start - ROLE_WINDOW)
    end = start
    match = _WORD_BEFORE.search(text, floor, end)
    if match is None or not _is_title_head(match.group(1), gaz):
        return None
    role_end, role_start = match.end(1), match.start(1)
    while True:
        match = _WORD_BEFORE.search(text, floor, role_start)
        if match is None or not _is_role_word(match.group(1), gaz):
            break
        role_start = match.start(1)
    role = text[role_start:role_end]
    return None if role.rstrip(".").lower() in HONORIFICS else role


def _split_title(text: str, candidate: Candidate, gaz: Gazetteers) -> None:
    """Move a title that spaCy put inside the PERSON span ("Ambassador Torma") into the role."""
    words = list(re.finditer(r"\S+", text[candidate.start : candidate.end]))
    head = None
    for index, word in enumerate(words[:-1]):
        if _is_title_head(word.group(), gaz):
            head = index
        elif not _is_role_word(word.group(), gaz):
            break
    if head is None:
        return
    role = text[candidate.start : candidate.start + words[head].end()]
    if role.rstrip(".").lower() not in HONORIFICS:
        candidate.role = role
    candidate.start += words[head + 1].start()


def _normalised(text: str, start: int, end: int, label: str) -> Candidate:
    surface = text[start:end]
    if label == "DATE":
        return Candidate(start, end, label, value=normalise_date(surface))
    if label in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        before = _APPROX_BEFORE.search(text, max(0, start - APPROX_WINDOW), start)
        if before is not None:
            start = before.start()
            surface = text[start:end]
        match = AMOUNT_PATTERN.search(surface)
        found = amount_candidate(surface, match) if match else None
        if found is not None:
            return Candidate(
                start, end, label, value=found.value, unit=found.unit, approx=found.approx
            )
    return Candidate(start, end, label)
