"""Settle the capitalised runs no rule could label, with evidence from the whole document.

A lone "Moxon" is a person when "Kendrick Moxon" was one; a word that only ever opens a
sentence is just a word; an unknown name used again and again is most likely an organisation.
"""

from __future__ import annotations

import re
from collections import Counter

from core.extract.gazetteers import Gazetteers, load_gazetteers
from core.extract.names import CONNECTORS, NameRun, find_name_runs
from core.extract.spans import Candidate

REPEATS_FOR_UNKNOWN_NAME = 2
_SPEECH_AFTER = re.compile(
    r"[ \u00a0]+(?:said|says|told|added|stated|explained|wrote|noted)\b|,[ \u00a0]+who\b"
)


def find_names(text: str) -> list[Candidate]:
    """Every proper-name mention in ``text``, labelled."""
    return settle_names(text, find_name_runs(text))


def settle_names(text: str, found: list[NameRun]) -> list[Candidate]:
    """Label the undecided parts with document-wide evidence; return every name mention."""
    return _settle(text, found, load_gazetteers())


def _settle(text: str, found: list[NameRun], gaz: Gazetteers) -> list[Candidate]:
    """Give undecided runs a label using what the rest of the document says about them."""
    person_words: set[str] = set()
    mid_sentence: Counter[str] = Counter()
    for start, end, label, _key, _role, initial in found:
        if label == "PERSON":
            _add_person_words(person_words, text[start:end])
        if not initial:
            mid_sentence[text[start:end]] += 1
    labels: dict[int, str | None] = {}
    # multi-word runs first: "Kendrick Moxon" settles before a lone "Moxon" is judged
    for single_words in (False, True):
        for index, (start, end, known, _key, _role, initial) in enumerate(found):
            name = text[start:end]
            if known is not None or (" " not in name) != single_words:
                continue
            label = _guess(text, name, start, initial, person_words, mid_sentence)
            labels[index] = label
            if label == "PERSON":
                _add_person_words(person_words, name)
    candidates = []
    for index, (start, end, known, key, role, _initial) in enumerate(found):
        label = known if known is not None else labels.get(index)
        if label is not None:
            candidates.append(Candidate(start, end, label, key=key, role=role))
    return candidates


def _add_person_words(person_words: set[str], name: str) -> None:
    words = name.split()
    person_words.add(words[-1])
    if len(words) > 1:
        person_words.add(words[0])


def _guess(
    text: str,
    name: str,
    start: int,
    initial: bool,
    person_words: set[str],
    mid_sentence: Counter[str],
) -> str | None:
    words = name.split()
    if words[-1] in person_words or name in person_words:
        return "PERSON"
    after_the = text.endswith(("the ", "The "), max(0, start - 4), start)
    if len(words) == 1:
        if initial and name not in mid_sentence:
            return None  # a capitalised first word with no other evidence is just a word
        if name.endswith("ing") or any(ch.isdigit() for ch in name):
            return None  # participles and product codes ("IE6") are not names
        if _SPEECH_AFTER.match(text, start + len(name)):
            return "PERSON"
        # an unknown single word that recurs mid-sentence is most often an organisation
        return "ORG" if mid_sentence[name] >= REPEATS_FOR_UNKNOWN_NAME else None
    if after_the or any(w in CONNECTORS for w in words):
        return "ORG"  # people are seldom "the X Y"
    if len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "PERSON"
    return "ORG"
