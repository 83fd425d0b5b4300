"""Look-ups of words and stretches of a capitalised run in the gazetteers.

Pure helpers for ``names.py``: is this stretch a known place, organisation or nationality,
is this word a title, which known name opens a role ("Azerbaijani" in "Azerbaijani Health
Minister").
"""

from __future__ import annotations

from typing import NamedTuple

from lectern.core.extract.gazetteers import Gazetteers, lexicon_phrases

CONNECTORS = frozenset(w for phrase in lexicon_phrases("name_connectors") for w in phrase.split())


class Part(NamedTuple):
    """One labelled piece of a capitalised run, offsets relative to the run."""

    start: int
    end: int
    label: str | None  # None: undecided, settled later with document evidence
    key: str | None = None
    role: str | None = None


class Token(NamedTuple):
    start: int
    end: int
    text: str


def lookup(name: str, gaz: Gazetteers) -> Part | None:
    place = gaz.places.get(name)
    if place is None and name.isupper() and len(name) > 3:
        place = gaz.places.get(name.title())
    if place is not None:
        return Part(0, 0, place[0], place[1])
    if name in gaz.organisations:
        return Part(0, 0, "ORG", name)
    if name in gaz.demonyms:
        return Part(0, 0, "NORP", name)
    return None


def is_place(name: str, gaz: Gazetteers) -> bool:
    return name in gaz.places


def hyphenated(name: str, offset: int, gaz: Gazetteers) -> list[Part]:
    """ "Azerbaijani-Hungarian" → two NORP parts; anything else → []."""
    parts, position = [], offset
    for piece in name.split("-"):
        known = lookup(piece, gaz)
        if known is None:
            return []
        parts.append(known._replace(start=position, end=position + len(piece)))
        position += len(piece) + 1
    return parts


_NOT_YET = ("-designate", "-elect")  # "Prime Minister-designate", "President-elect"


def is_title_head(token: str, gaz: Gazetteers) -> bool:
    token = next((token[: -len(s)] for s in _NOT_YET if token.endswith(s)), token)
    return token in gaz.title_heads or token.rstrip(".").lower() in gaz.title_heads_lower


def is_role_prefix(tokens: list[Token], gaz: Gazetteers) -> bool:
    """Tokens before a title head: nationality, place or modifiers ("Azerbaijani Health")."""
    return all(
        t.text in gaz.title_modifiers
        or t.text in gaz.demonyms
        or t.text in gaz.places
        or t.text in gaz.title_heads
        or t.text in CONNECTORS
        for t in tokens
    )


def gazetteer_prefix(run: str, tokens: list[Token], gaz: Gazetteers) -> list[Part]:
    """The nationality or place at the head of a role ("Azerbaijani" in the role above)."""
    for size in (3, 2, 1):
        if len(tokens) >= size:
            start, end = tokens[0].start, tokens[size - 1].end
            known = lookup(run[start:end], gaz)
            if known is not None:
                return [known._replace(start=start, end=end)]
    return []
