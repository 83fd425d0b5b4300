"""What makes two names the same name: case, full stops, a leading "the", a form of address.

"U.S." and "US" are one name; "Dr Musayev" and "Musayev" are one name; "United States" and
"U.S." are not (that is a suggested merge: its initials match). Entities are kept apart by
the label an analysis gave them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Labels of things with names; dates and figures are values, not entities of the library.
NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT")
_DROP = re.compile(r"[.\u00b7]")
_SPACE = re.compile(r"[^\w'&-]+")
_POSSESSIVE = re.compile(r"'s?$")


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    from lectern.core.extract.gazetteers import lexicon_words

    return lexicon_words("honorifics")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The form names are compared in: "The U.S." -> "us", "Dr. Teymur Musayev's" ->
    "teymur musayev"."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    text = _SPACE.sub(" ", _DROP.sub("", text))
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[0] in _honorifics():
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    return " ".join(words)


def initials(norm: str) -> str:
    """"united states" -> "us": what an abbreviation of the name would be."""
    words = [w for w in norm.split() if w not in ("of", "and", "for", "the", "&")]
    return "".join(w[0] for w in words) if len(words) > 1 else ""
