"""Sentence boundaries as offsets, found with one regular expression over the whole text."""

from __future__ import annotations

import re
from bisect import bisect_right

from lectern.core.extract.gazetteers import lexicon_words, month_abbreviations

# Words whose trailing period does not end a sentence ("Mr. Smith", "Gen. Lee").
ABBREVIATIONS = (
    lexicon_words("sentence_abbreviations")
    | {word.lower() for word in lexicon_words("name_abbreviations")}
    | month_abbreviations()
)
# A break: end punctuation (and closing quotes/brackets) then space and a likely sentence opener,
# or a blank line / newline (headlines, datelines and paragraphs end without punctuation).
_BREAK = re.compile(
    r"(?P<punct>[.!?…]+[\"'”’)\]]*)[ \t\u00a0]+(?=[\"“‘(\[]?[^\W_a-z])"
    r"|[ \t\u00a0]*\n\s*"
)
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str, begin: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` for every sentence in ``text[begin:stop]``, trimmed of spaces."""
    stop = len(text) if stop is None else stop
    spans: list[tuple[int, int]] = []
    start = begin
    for match in _BREAK.finditer(text, begin, stop):
        punct = match.group("punct")
        if punct is not None and punct == "." and _is_abbreviation(text, match.start()):
            continue
        end = match.start() + (len(punct) if punct else 0)
        _append(text, spans, start, end)
        start = match.end()
    _append(text, spans, start, stop)
    return spans


def _is_abbreviation(text: str, period_at: int) -> bool:
    word = _LAST_WORD.search(text, max(0, period_at - 12), period_at + 1)
    if word is None:
        return False
    token = word.group(1).lower()
    # single initials ("L. Ron") and dotted acronyms inside a sentence ("U.S. President")
    return token in ABBREVIATIONS or len(token) == 1 or "." in token


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Which sentence holds an offset, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_of(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (offset, offset)
        return self.spans[self.index_of(offset)]
