"""A person named together with where they work: "Fernanda Lima of Banco Meridional said".

Such a run holds two names joined by "of". It is an organisation's name when the words before
"of" are an organisation's ("Bank of Ghana", "Food Standards of Australia"), a person's when
they read as a name and the sentence uses the run as a speaker ("said X of Y", "X of Y
said", "according to X of Y"). The part after "of" is where the person works: an
organisation unless the gazetteers know it as a place ("Lim Wei Ling of Singapore-based ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lectern.core.extract.gazetteers import Gazetteers, lexicon_words
from lectern.core.extract.name_lookup import CONNECTORS, Part, Token, is_title_head, lookup

MAX_PERSON_WORDS = 3
SPEAKER_WINDOW = 24
_SAY_VERBS = "|".join(sorted(lexicon_words("say_verbs")))
_SPEAKER_BEFORE = re.compile(
    rf"(?:\b(?:{_SAY_VERBS})|\b(?i:according[ \u00a0]+to)|\bwhile)[ \u00a0]+$"
)
# "... of Meridional said", "... of Singapore-based Straits Capital", "..., who"
_SPEAKER_AFTER = re.compile(rf"[ \u00a0]+(?:{_SAY_VERBS})\b|-based\b|,[ \u00a0]+who\b")

Analyse = Callable[[str, list[Token]], list[Part]]


def is_speaker(text: str, start: int, end: int) -> bool:
    """Whether the run at ``[start, end)`` stands as who says something (people are seldom
    "the X of Y": "the Food Standards of Australia said" is an organisation)."""
    if text.endswith(("the ", "The "), max(0, start - 4), start):
        return False
    return bool(
        _SPEAKER_AFTER.match(text, end, end + SPEAKER_WINDOW)
        or _SPEAKER_BEFORE.search(text, max(0, start - SPEAKER_WINDOW), start)
    )


def of_a_place(text: str, start: int, name: str, gaz: Gazetteers) -> bool:
    """ "Mira Patel of India": a name, then "of" and a known place (not "the X of Y", which
    names an institution); ``person_of`` still asks the words before "of" to read as a name."""
    return name.split(" of ", 1)[1] in gaz.places and not text.endswith(
        ("the ", "The "), max(0, start - 4), start)


def person_of(run: str, gaz: Gazetteers, analyse: Analyse) -> list[Part] | None:
    """ "Fernanda Lima of Banco Meridional" → PERSON + ORG, or None when the words before "of"
    do not read as a person's name. Offsets are relative to ``run``."""
    tokens = [Token(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", run)]
    cut = next((i for i, t in enumerate(tokens) if t.text == "of"), None)
    if cut is None or not 2 <= cut <= MAX_PERSON_WORDS or cut == len(tokens) - 1:
        return None
    first = tokens[0].text
    if lookup(first, gaz) is not None and first not in gaz.given_names:
        return None  # "Lima of ...": a place opens it; "Carolina Bustos of ...": a given name
    if not all(_reads_as_name(t.text, gaz) for t in tokens[:cut]):
        return None
    person_end = tokens[cut - 1].end
    return [Part(0, person_end, "PERSON", run[:person_end]),
            *affiliation(run, tokens[cut + 1 :], gaz, analyse)]


def affiliation(run: str, tokens: list[Token], gaz: Gazetteers, analyse: Analyse) -> list[Part]:
    """Where a person works, named after "of": what the run's analysis says, and an
    organisation where it cannot say ("Ingrid Solberg of Fjordkapital")."""
    while tokens and (tokens[0].text in CONNECTORS or tokens[0].text.lower() in gaz.common_words):
        tokens = tokens[1:]  # "of the", "of The Globe"
    if not tokens:
        return []
    parts = analyse(run, tokens)
    if not parts:
        start, end = tokens[0].start, tokens[-1].end
        return [Part(start, end, "ORG", run[start:end])]
    return [p._replace(label="ORG") if p.label is None else p for p in parts]


def _reads_as_name(word: str, gaz: Gazetteers) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.lower() not in gaz.common_words
        and word not in gaz.org_words
        and word not in gaz.place_words
        and not is_title_head(word, gaz)
        and word not in gaz.organisations
    )
