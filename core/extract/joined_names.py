"""Organisation names that hold an "and": the capitalised runs on either side are one name.

- "the Food and Drug Administration", "the Bill and Melinda Gates Foundation": after "the",
  a word, "and", then a run that ends in an organisation's word is one organisation.
- "the Union of Rationalist Atheists and Agnostics (UAAR)": an acronym of three letters or
  more in brackets after the second run is made of the initials of both: one organisation.

Two names a sentence lists stay two: "Apple and Google Foundation" has no "the" before it,
and "Chile and the Andean Community (CAN)" spells no such acronym of both.
"""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import load_gazetteers
from lectern.core.extract.names import NameRun

_AND = re.compile(r"[ \u00a0]+(?:and|&)[ \u00a0]+")
_THE = re.compile(r"(?:^|(?<=[\s(\"“]))[Tt]he[ \u00a0]+$")
_ACRONYM_AFTER = re.compile(r"[ \u00a0]*\(([A-Z][A-Z0-9]{2,9})\)")
_MINOR = frozenset({"of", "and", "the", "for", "on", "in", "&", "de", "du", "des", "der"})
JOINABLE = (None, "ORG", "PERSON")  # a first word the rules read as a person: "Bill and ..."


def join_and_names(text: str, found: list[NameRun]) -> list[NameRun]:
    """``found`` with each pair of runs that one of the rules above makes one name joined."""
    org_words = load_gazetteers().org_words
    joined: list[NameRun] = []
    index = 0
    while index < len(found):
        run = found[index]
        after = found[index + 1] if index + 1 < len(found) else None
        if after is not None and run[2] in JOINABLE and after[2] in JOINABLE \
                and _AND.fullmatch(text, run[1], after[0]):
            label = _joined_label(text, run, after, org_words)
            if label is not None:
                joined.append((run[0], after[1], label, None, None, run[5]))
                index += 2
                continue
        joined.append(run)
        index += 1
    return joined


def _joined_label(text: str, first: NameRun, second: NameRun,
                  org_words: frozenset[str]) -> str | None:
    words = text[first[0]:first[1]].split()
    last = text[second[0]:second[1]].split()[-1]
    if len(words) == 1 and last in org_words and _THE.search(text, max(0, first[0] - 5),
                                                              first[0]):
        return "ORG"
    acronym = _ACRONYM_AFTER.match(text, second[1])
    # The same letters in any order: an acronym kept from the name in another language
    # ("UAAR" for the Italian of the Union of Rationalist Atheists and Agnostics).
    if acronym is not None and sorted(acronym.group(1)) == sorted(
            _initials(text[first[0]:second[1]])):
        return "ORG"
    return None


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.split(r"[\s\-]+", name)
                   if word and word.casefold() not in _MINOR and word[0].isupper())
