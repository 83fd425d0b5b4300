"""Who a quotation is credited to, as one key across the library, and whether the credit
names anyone ("officials said", "a source close to" do not: resources/reports).

``speaker_key`` is the one place a speaker's name becomes the library's name for them, so
that entity curation can be routed through it: today it normalises the name, strips forms
of address and joins a surname alone to the article's full name of that person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from lectern.core.extract.gazetteers import lexicon_words
from lectern.core.resources import resource_path

NAMED, UNNAMED, NONE = "named", "unnamed", "none"
UNNAMED_WINDOW = 160  # characters either side of a quotation searched for an unnamed credit
_POSSESSIVE = re.compile(r"[’']s$")


def normalised_name(name: str) -> str:
    """"Dr.  Teymur  Musayev's" -> "Teymur Musayev": forms of address and spacing gone."""
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    text = _POSSESSIVE.sub("", text).strip(" ,.;:")
    words = text.split(" ")
    honorifics = lexicon_words("honorifics")
    while len(words) > 1 and words[0].rstrip(".").casefold() in honorifics:
        words = words[1:]
    return " ".join(words)


def speaker_key(name: str, people: Iterable[str] = ()) -> str:
    """The library's name for the speaker ``name`` ("" for none). ``people``: the names of
    the article's PERSON entities (the analysis's own groups), which a surname alone is
    joined to when exactly one of them ends with it."""
    found = normalised_name(name)
    if not found or " " in found:
        return found
    surname = found.casefold()
    full = {normalised_name(person) for person in people}
    matches = {p for p in full if " " in p and p.split(" ")[-1].casefold() == surname}
    return matches.pop() if len(matches) == 1 else found


def same_speaker(a: str, b: str) -> bool:
    """Two keys for one person: equal, or one a surname alone that ends the other (an
    article that names "Musayev" only, another "Teymur Musayev")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return " " not in short and long.rsplit(" ", 1)[-1] == short


def joined_surnames(keys: set[str]) -> dict[str, str]:
    """Each surname-alone key of ``keys`` mapped to the one full key it ends, where exactly
    one does."""
    found: dict[str, str] = {}
    for key in keys:
        if " " not in key:
            fuller = [k for k in keys if k != key and k.rsplit(" ", 1)[-1] == key]
            if len(fuller) == 1:
                found[key] = fuller[0]
    return found


def key_of(speaker: str) -> str:
    """What speakers are grouped by: the key, case folded."""
    return speaker.casefold()


@cache
def unnamed_phrases() -> re.Pattern[str]:
    lines = resource_path("reports", "unnamed_sources.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in lines.splitlines()
               if line.strip() and not line.startswith("#")]
    words = (r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len,
                                                                          reverse=True))
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def unnamed_credit(text: str, start: int, end: int) -> tuple[str, bool] | None:
    """The unnamed credit ("officials said") nearest the quotation at ``start:end`` in its
    paragraph, lower case, and whether it stands right beside the quotation (``," officials
    said``): that one outweighs a speaker the analysis carried over from an earlier quote."""
    left = text.rfind("\n", max(0, start - UNNAMED_WINDOW), start) + 1
    right = text.find("\n", end, end + UNNAMED_WINDOW)
    window_start = max(left, start - UNNAMED_WINDOW)
    window_end = right if right >= 0 else min(len(text), end + UNNAMED_WINDOW)
    pattern = unnamed_phrases()
    found = [m for span in ((window_start, start), (end, window_end))
             for m in pattern.finditer(text, *span)]
    if not found:
        return None
    nearest = min(found, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    words = nearest.group().lower().split()
    if len(words) > 1 and words[-1] in lexicon_words("say_verbs"):
        words = words[:-1]  # "officials said" is credited to "officials"
    gap = text[end:nearest.start()] if nearest.start() >= end else text[nearest.end():start]
    return " ".join(words), not gap.strip(" ,:\u00a0")
