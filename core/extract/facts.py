"""Numeric and dated claims as typed records: what is measured, how much, when, and where."""

from __future__ import annotations

import re
from bisect import bisect_left

from core.extract.gazetteers import word_set
from core.extract.model import Fact, Span
from core.extract.sentences import SentenceIndex
from core.extract.spans import Candidate

KIND_OF_LABEL = {
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "quantity",
    "CARDINAL": "count",
    "DATE": "date",
}
MAX_SUBJECT_WORDS = 12
REUSED_SUBJECT = frozenset({"money", "percent", "quantity"})
CONTEXT_CHARS = 200  # how far around a figure we read (keeps a 50 MB one-line text linear)

_ISO_DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
# The lookahead names every character a break can open with: most positions fail at once.
_CLAUSE_BREAK = re.compile(
    r"(?=[,;:—– \u00a0arst])"
    r"(?:[,;:]?[ \u00a0]+(?:while|whereas|but|and that|that|which|who|after|before|when"
    r"|although|because)[ \u00a0]+|,[ \u00a0]+with[ \u00a0]+|[;:—–][ \u00a0]*"
    r"|,[ \u00a0]+(?=and\b|up\b|down\b)"
    r"|\b(?:said|says|stated|announced|reported|added|told[ \u00a0]+\w+)[ \u00a0]+"
    r"(?:that[ \u00a0]+)?)"
)
_PASSIVE_AUX = re.compile(
    r"\b(?:(?:has|have|had)[ \u00a0]+been|(?:would|will|could|should|may|might|must|to)"
    r"[ \u00a0]+be|was|were|is|are|be|been)[ \u00a0]+"
    r"(?=\w+(?:ed|en|wn|ht|un|ld|id)\b)"
)
_NOUN_AFTER = re.compile(
    r"[ \u00a0]+(?:[A-Z][\w-]*[ \u00a0]+)?(?:(?:new|more|other|local|foreign|young)[ \u00a0]+)?"
    r"(?P<noun>[a-z][\w-]*)"
)
_TRAILING_GLUE = word_set(
    "in on at of to by for from since until during with about around nearly some than up "
    "down and or the a an was were is are be been has have had will would"
)
_MEASURE_VERBS = word_set(
    "totaled totalled reached amounted stood rose fell hit exceeded topped was were is "
    "are reaches totals stands rises falls grew increased decreased dropped climbed "
    "declined equalled equaled surpassed stands cost costs raised earned received spent "
    "lost"
)
_QUOTES_AND_BRACKETS = '"“”‘’()'
_LEADING_NOISE = frozenset(
    ["the", "a", "an", "while", "and", "but", "currently", "also", "then", "there"]
)
_DETERMINERS = frozenset(
    ["the", "these", "those", "its", "their", "his", "her", "our", "all", "both"]
)


def find_facts(text: str, candidates: list[Candidate], sentences: SentenceIndex) -> list[Fact]:
    """Facts from amounts and dates, in text order."""
    dated = [
        (c.start, c.value)
        for c in candidates
        if c.label == "DATE" and c.value and _ISO_DATE.fullmatch(c.value)
    ]
    date_starts = [start for start, _ in dated]
    facts: list[Fact] = []
    earlier: dict[tuple[int, str], str] = {}  # (sentence start, kind) -> subject said there
    shared_spans: dict[tuple[int, int], Span] = {}  # facts of one sentence share its (frozen) Span
    for candidate in candidates:
        kind = KIND_OF_LABEL.get(candidate.label)
        if kind is None:
            continue
        if kind == "date" and not (candidate.value and _ISO_DATE.fullmatch(candidate.value)):
            continue
        if kind == "count" and not _is_count_claim(text, candidate):
            continue
        sentence = sentences.span_of(candidate.start)
        # a second amount in one sentence without its own subject shares the first one's
        same_sentence = earlier.get((sentence[0], kind)) if kind in REUSED_SUBJECT else None
        subject = _subject(text, sentence, candidate, kind == "date", same_sentence)
        if not subject:
            continue  # a bare dateline or a number with nothing said about it
        earlier.setdefault((sentence[0], kind), subject)
        unit = candidate.unit
        if kind == "count":
            noun = _NOUN_AFTER.match(text, candidate.end, candidate.end + 60)
            unit = noun.group("noun") if noun else None
        facts.append(
            Fact(
                id=f"f{len(facts) + 1}",
                kind=kind,
                subject=subject,
                value=candidate.value,
                unit=unit,
                approx=candidate.approx,
                date=candidate.value
                if kind == "date"
                else _date_near(dated, date_starts, sentence, candidate.start),
                start=candidate.start,
                end=candidate.end,
                sentence=shared_spans.get(sentence)
                or shared_spans.setdefault(sentence, Span(*sentence)),
                text=text[candidate.start : candidate.end],
            )
        )
    return facts


def _is_count_claim(text: str, candidate: Candidate) -> bool:
    """ "about 1,200 citizens" is a claim; "the two countries" is a way of naming."""
    before = text[max(0, candidate.start - 12) : candidate.start].split()
    if before and before[-1].lower() in _DETERMINERS:
        return False
    surface = text[candidate.start : candidate.end]
    if candidate.approx or any(map(str.isdigit, surface)):
        return True
    noun = _NOUN_AFTER.match(text, candidate.end, candidate.end + 40)
    return bool(noun and noun.group("noun").endswith("s"))


def _date_near(
    dated: list[tuple[int, str]], starts: list[int], sentence: tuple[int, int], offset: int
) -> str | None:
    """The dated expression closest to ``offset`` in the same sentence, preferring one after it."""
    index = bisect_left(starts, offset)
    for candidate_index in (index, index - 1):
        if 0 <= candidate_index < len(dated):
            start, value = dated[candidate_index]
            if sentence[0] <= start < sentence[1]:
                return value
    return None


def _subject(
    text: str,
    sentence: tuple[int, int],
    figure: Candidate,
    keep_verb: bool,
    earlier_subject: str | None,
) -> str:
    clause_start = max(sentence[0], figure.start - CONTEXT_CHARS)
    for boundary in _CLAUSE_BREAK.finditer(text, clause_start, figure.start):
        clause_start = boundary.end()
    before = _clean(text[clause_start : figure.start], keep_verb)
    if " " in before:  # two words or more
        return before
    if earlier_subject:
        return earlier_subject  # "... $48.6 million in 2023, up from $31.2 million": same subject
    clause_end = min(sentence[1], figure.end + CONTEXT_CHARS)
    stop = _CLAUSE_BREAK.search(text, figure.end, clause_end)
    after = text[figure.end : stop.start() if stop else clause_end]
    return _clean(after.strip(" ,.;:"), keep_verb=True)


def _clean(phrase: str, keep_verb: bool) -> str:
    phrase = _PASSIVE_AUX.sub("", phrase.replace("\n", " "))
    words = [word for raw in phrase.split() if (word := raw.strip(_QUOTES_AND_BRACKETS))]
    # index bounds instead of re-slicing the list word by word: this runs once per figure
    first, last = 0, len(words)
    while first < last and (
        words[first].lower().strip(",") in _LEADING_NOISE or words[first].endswith(",")
    ):
        first += 1
    while last > first and words[last - 1].lower().strip(",") in _TRAILING_GLUE:
        last -= 1
    if not keep_verb and last > first and words[last - 1].lower() in _MEASURE_VERBS:
        last -= 1
        while last > first and words[last - 1].lower() in _TRAILING_GLUE:
            last -= 1
    kept = [word.rstrip(",.;:") for word in words[max(first, last - MAX_SUBJECT_WORDS) : last]]
    return " ".join([word for word in kept if word])
