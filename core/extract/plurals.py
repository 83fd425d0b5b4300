"""Whether a plural noun follows a number: "2000 people", "1709 schoolchildren" count
something, so the number is a count and not a year (irregular plurals: resources/lexicon)."""

from __future__ import annotations

import re
from functools import cache

from lectern.core.extract.gazetteers import lexicon_words

_WORD_AFTER = re.compile(r"[ \u00a0]+([a-z]+)\b")


@cache
def _irregular() -> tuple[str, ...]:
    return tuple(lexicon_words("irregular_plurals"))


def counted_after(text: str, end: int) -> bool:
    """Whether the word right after ``text[:end]`` is a plural noun (lower case: a name
    after a number, "2000 Olympics", is not what it counts)."""
    found = _WORD_AFTER.match(text, end)
    if found is None:
        return False
    word = found.group(1)
    return word.endswith("s") or word.endswith(_irregular())
