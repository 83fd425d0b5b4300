"""Headlines in Title Case or capitals: every word is capitalised, so capitals say nothing.

"Mines Ministry Signs Licence Deal With Tavoy Copper of Canada" is not one long name. In such
a line each word is judged against the body of the article: the longest stretches that the
body names ("Mines Ministry", "Tavoy Copper") or the gazetteers know ("Canada") are kept with
the body's label, every other word ("Signs", "Licence", "Deal") is dropped.
"""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import Gazetteers, lexicon_words
from lectern.core.extract.name_lookup import lookup
from lectern.core.extract.spans import Candidate

HEADLINE = "?headline"  # the label of a name run found in a headline, judged after the body
HEADLINE_MAX_CHARS = 150
MIN_CAPITALISED_WORDS = 3
CAPITALISED_SHARE = 0.8  # of the words that are not small words
LONGEST_NAME_WORDS = 5
_SMALL_WORDS = lexicon_words("headline_small_words")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = (".", ",", ";", ":", '"', "”")
_BYLINE = re.compile(r"(?:By|BY|Photo|Image)\b")
_SCORE = re.compile(r"\d[ \u00a0]*[–—-][ \u00a0]*\d")  # "Group F — Sweden 1 – 0 Korea": a result
# "Nottingham Forest 1 Chelsea 1", "Arsenal 3 2 1 0 5 1 7": a results line or a table row
_SIDE_SCORE = re.compile(r"[^\W\d_][ \u00a0]+\d{1,3}(?:[ \u00a0]+\d{1,3})*[ \u00a0]*$")
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\b\d{1,3}\b(?![.,]\d)")


class HeadlineLines:
    """Which lines of a text are headlines, asked offset by offset in text order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_end = -1
        self.headline = False

    def holds(self, offset: int) -> bool:
        if offset > self.line_end:
            text = self.text
            start = text.rfind("\n", 0, offset) + 1
            end = text.find("\n", offset)
            self.line_end = len(text) if end < 0 else end
            self.headline = (
                self.line_end - start <= HEADLINE_MAX_CHARS
                and is_headline(text[start : self.line_end])
            )
        return self.headline


def is_headline(line: str) -> bool:
    """A short line, not ending like a sentence, whose words are nearly all capitalised."""
    line = line.strip()
    if not line or line.endswith(_SENTENCE_END) or _BYLINE.match(line) or _SCORE.search(line):
        return False
    if line[-1].isdigit() and _SIDE_SCORE.search(line) and len(_SMALL_NUMBER.findall(line)) > 1:
        return False  # two scores or a row of figures ("Storm Kills 12" stays a headline)
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(words) < MIN_CAPITALISED_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= CAPITALISED_SHARE * len(words)


def settle_headlines(
    text: str, runs: list[tuple[int, int]], body: list[Candidate], gaz: Gazetteers
) -> list[Candidate]:
    """Names in the headline runs ``runs``: stretches the body names, or the gazetteers know."""
    named: dict[str, Candidate] = {}
    for candidate in body:
        surface = text[candidate.start : candidate.end].casefold()
        named.setdefault(surface, candidate)
        if candidate.label == "PERSON":
            for word in surface.split()[1:]:
                named.setdefault(word, candidate)  # "Perera Century": a surname of the body
    found: list[Candidate] = []
    for start, end in runs:
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
        index = 0
        while index < len(words):
            size = _longest_name(text, words, index, named, gaz)
            if size:
                first, last = words[index][0], words[index + size - 1][1]
                found.append(_candidate(text, first, last, named, gaz))
                index += size
            else:
                index += 1
    return found


def _longest_name(
    text: str, words: list[tuple[int, int]], index: int, named: dict[str, Candidate],
    gaz: Gazetteers,
) -> int:
    for size in range(min(LONGEST_NAME_WORDS, len(words) - index), 0, -1):
        surface = text[words[index][0] : words[index + size - 1][1]]
        if surface.casefold() in named or _known(surface, gaz) is not None:
            return size
    return 0


def _known(surface: str, gaz: Gazetteers) -> str | None:
    part = lookup(surface, gaz) or lookup(surface.title(), gaz)
    return part.label if part is not None else None


def _candidate(
    text: str, start: int, end: int, named: dict[str, Candidate], gaz: Gazetteers
) -> Candidate:
    surface = text[start:end]
    body = named.get(surface.casefold())
    if body is not None:
        return Candidate(start, end, body.label, key=body.key)
    part = lookup(surface, gaz) or lookup(surface.title(), gaz)
    assert part is not None
    return Candidate(start, end, part.label or "ORG", key=part.key)
