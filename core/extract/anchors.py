"""Where dates and amounts may start: one scan for digits and anchor words, shared by both.

A date or an amount always contains an anchor (a digit run, a month, a unit of time, a
number word). Scanning for them with one alternation per recogniser tried at every position
was a third of the analysis; here a single pattern, its words factored into a trie (so the
regex engine rejects most positions after one or two characters), finds both kinds at once.
Words matched in any case by the recognisers are anchored in their lower, Title and UPPER
spellings (a case-insensitive scan costs three times as much; "yEaRs" is not news text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lectern.core.extract.gazetteers import lexicon_numbers, lexicon_words

# Digit runs not continuing a number ("1.2" gives one anchor); digit-first so the lookbehind
# only runs on digits.
_DIGIT_RUN = r"\d(?<![\d.,]\d)\d*"
# Case-sensitive date words: "May" is a month, "may" is not.
MONTH_AND_DAY_NAMES = frozenset(m.title() for m in lexicon_numbers("months")) | lexicon_words(
    "weekdays"
)
# Date words in any case ("Last Week", "two years ago").
TIME_WORDS = lexicon_words("time_words")
NUMBER_WORDS = frozenset(lexicon_numbers("number_words"))


def _case_forms(words: Iterable[str]) -> set[str]:
    """The spellings news text uses for a case-insensitive word: lower, Title and UPPER."""
    return {form for word in words for form in (word, word.title(), word.upper())}


Trie = dict[str, "Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by shared prefixes (``week(?:s|end(?:s)?)?``)."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: Trie) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


_ANCHOR_WORDS = MONTH_AND_DAY_NAMES | _case_forms(TIME_WORDS | NUMBER_WORDS)
ANCHOR_PATTERN = re.compile(rf"{_DIGIT_RUN}|\b{trie_pattern(_ANCHOR_WORDS)}\b")


def scan_anchors(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Offsets in ``text[start:end]`` where a date may be anchored, and where an amount may."""
    date_anchors: list[int] = []
    amount_anchors: list[int] = []
    for match in ANCHOR_PATTERN.finditer(text, start, end):
        word = match.group()
        if word[0].isdigit():
            date_anchors.append(match.start())
            amount_anchors.append(match.start())
            continue
        lower = word.lower()
        if word in MONTH_AND_DAY_NAMES or lower in TIME_WORDS:
            date_anchors.append(match.start())
        elif lower in NUMBER_WORDS:
            amount_anchors.append(match.start())
    return date_anchors, amount_anchors
