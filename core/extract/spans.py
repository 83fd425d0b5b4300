"""Candidate mentions from every recogniser, and the rule that picks one per stretch of text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# When two candidates start together the longer wins; at equal length, the lower rank wins.
LABEL_RANK = {
    "MONEY": 0,
    "PERCENT": 1,
    "QUANTITY": 2,
    "DATE": 3,
    "EVENT": 4,
    "ORG": 5,
    "PERSON": 6,
    "GPE": 7,
    "LOC": 8,
    "NORP": 9,
    "CARDINAL": 10,
}


@dataclass(slots=True)
class Candidate:
    """A labelled stretch ``[start, end)`` of the text, with what the recogniser learnt about it."""

    start: int
    end: int
    label: str
    value: Any = None
    unit: str | None = None
    approx: bool = False
    role: str | None = None
    key: str | None = None  # grouping key (canonical name) when the recogniser knows it


SORT_BUCKET_CHARS = 16 * 1024  # candidates are sorted a stretch at a time: no long C-level sort


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep a set of non-overlapping candidates: earliest start, then longest, then label rank."""
    kept: list[Candidate] = []
    taken_until = -1
    for candidate in _in_text_order(candidates):
        if candidate.end <= candidate.start:
            continue
        if candidate.start >= taken_until:
            kept.append(candidate)
            taken_until = candidate.end
        elif candidate.end > taken_until and _outranks(candidate, kept[-1]):
            # a longer, stronger candidate that starts inside the previous one replaces it
            kept[-1] = candidate
            taken_until = candidate.end
    return kept


def _in_text_order(candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` by start, longest first, then by label rank; sorted bucket by bucket."""
    buckets: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        buckets.setdefault(candidate.start // SORT_BUCKET_CHARS, []).append(candidate)
    ordered: list[Candidate] = []
    for index in sorted(buckets):
        ordered.extend(sorted(buckets[index], key=_order_key))
    return ordered


def _order_key(candidate: Candidate) -> tuple[int, int, int]:
    return (candidate.start, candidate.start - candidate.end, LABEL_RANK.get(candidate.label, 99))


def _outranks(challenger: Candidate, holder: Candidate) -> bool:
    """A date or amount that overhangs a name or bare number (``May 2021`` after ``May``) wins."""
    return (
        LABEL_RANK.get(challenger.label, 99)
        <= LABEL_RANK["DATE"]
        < LABEL_RANK.get(holder.label, 99)
        and challenger.end - challenger.start > holder.end - holder.start
    )


LOOKBACK_WORDS = 3
_SPACES = " \u00a0"
LOOKBACK_CHARS = 40
_LEAD_WORD = re.compile(r"(?<!\S)[\"“‘(]?(\S+)[ \u00a0]+")


def anchored_matches(
    pattern: re.Pattern[str],
    anchors: Iterable[int],
    text: str,
    start: int,
    end: int,
    lead_words: frozenset[str],
) -> Iterator[re.Match[str]]:
    """Like ``pattern.finditer`` but only tried at the ``anchors`` offsets, and much faster.

    A date or amount always contains an anchor (a digit, a month, a unit word); trying a
    large alternation at every position of a 10 MB text is what this avoids. The pattern is
    tried from the farthest of up to three preceding ``lead_words`` ("the", "about", "27"),
    then from the anchor's own word, then from the anchor.
    """
    covered_until = start
    for anchor_start in anchors:
        if anchor_start < covered_until:
            continue
        own = anchor_start
        while own > covered_until and own > anchor_start - 4 and not text[own - 1].isspace():
            own -= 1  # "$35" or "US$20": the currency sign opens the word
        starts = [own] if own == anchor_start else [own, anchor_start]  # tried last
        if _may_follow_lead_word(text, own, covered_until, lead_words):
            floor = max(covered_until, own - LOOKBACK_CHARS)
            leads: list[int] = []
            for word in _LEAD_WORD.finditer(text, floor, own):
                if word.group(1).lower() in lead_words:
                    leads.append(word.start(1))
                else:
                    leads = []  # only an unbroken run of lead words reaches the anchor
            starts = leads[-LOOKBACK_WORDS:] + starts
        for candidate_start in starts:
            match = pattern.match(text, candidate_start, end)
            if match is not None and match.end() > anchor_start:
                yield match
                covered_until = match.end()
                break


def _may_follow_lead_word(text: str, own: int, floor: int, lead_words: frozenset[str]) -> bool:
    """A cheap first look at the word before ``own`` (most anchors have no lead word)."""
    gap = own - 1
    if gap <= floor or text[gap] not in _SPACES:
        return False
    low = max(floor, gap - 24)
    # the word may follow a line break ("\n\nAbout 2,400"): the nearer of space and newline
    previous = max(text.rfind(" ", low, gap), text.rfind("\n", low, gap))
    if previous < 0:
        return True  # the word may open a line: let the full look decide
    return text[previous + 1 : gap].lower().lstrip('"“‘(') in lead_words
