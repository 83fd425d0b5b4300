"""Numeric and dated claims as typed records: what is measured, how much, when, and where."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from lectern.core.extract.bylines import PUBLISHED, is_publication_date
from lectern.core.extract.gazetteers import lexicon_numbers, lexicon_words, load_gazetteers
from lectern.core.extract.headlines import HeadlineLines
from lectern.core.extract.model import Fact, FactKind, Span
from lectern.core.extract.sentences import SentenceIndex
from lectern.core.extract.spans import Candidate
from lectern.core.extract.subjects import subject_of

KIND_OF_LABEL = {
    "MONEY": FactKind.MONEY,
    "PERCENT": FactKind.PERCENT,
    "QUANTITY": FactKind.QUANTITY,
    "CARDINAL": FactKind.COUNT,
    "DATE": FactKind.DATE,
}
REUSED_SUBJECT = frozenset({"money", "percent", "quantity"})
_ISO_DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-Q[1-4])?|\d{2,3}")  # "20": a century
_NOUN_AFTER = re.compile(
    r"[ \u00a0]+(?:[A-Z][\w-]*[ \u00a0]+)?(?:(?:new|more|other|local|foreign|young)[ \u00a0]+)?"
    r"(?P<noun>[a-z][\w-]*)"
)
# "41,250 watched", "15 were": a verb or function word after a count names nothing counted
_NOT_COUNTED = lexicon_words("not_counted")
_DETERMINERS = lexicon_words("determiners")
_SMALL_NUMBERS = {w: v for w, v in lexicon_numbers("number_words").items() if v <= 10}
# "$31.2 million two years earlier": a relative date right after a figure, counted from the
# sentence's own year
_YEARS_EARLIER = re.compile(
    rf"[ \u00a0]+(?P<count>\d{{1,2}}|{'|'.join(_SMALL_NUMBERS)})"
    r"[ \u00a0]+years?[ \u00a0]+(?P<way>earlier|before|later|after)\b"
)
RELATIVE_WINDOW = 30
SMALL_WORD_COUNT = 10
COUNTED_WINDOW = 60
MAX_COUNTED_WORDS = 3
_COUNTED_WORD = re.compile(r"[ \u00a0]+([a-z][a-z-]*)\b([,.;:)]?)")
_CAPITALISED_WORD = re.compile(r"[ \u00a0]+([A-Z][a-z]+)\b(?=[ \u00a0]+[a-z])")
_COUNT_MODIFIERS = lexicon_words("count_modifiers")
_IRREGULAR_PLURALS = lexicon_words("irregular_plurals")
_OF_NOUN = re.compile(r"[ \u00a0]+of[ \u00a0]+([a-z][a-z-]+)\b(?![ \u00a0]+(?:the|a|an)\b)")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}")
_TIME_OF_DAY = re.compile(r"[ \u00a0]*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|o'clock)")
_FRACTION_AFTER = re.compile(
    rf"-(?:{'|'.join(sorted(lexicon_words('fraction_words')))})\b"
)  # "two-thirds of it": a fraction, not a count
_LIST_NUMBER = re.compile(r"(?<=\n)\d{1,2}\.[ \u00a0]|(?<![\s\S])\d{1,2}\.[ \u00a0]")


def find_facts(text: str, candidates: list[Candidate], sentences: SentenceIndex) -> list[Fact]:
    """Facts from amounts and dates, in text order."""
    dated = [
        (c.start, c.value)
        for c in candidates
        if c.label == "DATE" and c.value and _ISO_DATE.fullmatch(c.value)
        and not _opens_period(text, c.start)
    ]
    date_starts = [start for start, _ in dated]
    facts: list[Fact] = []
    earlier: dict[tuple[int, str], str] = {}  # (sentence start, kind) -> subject said there
    shared_spans: dict[tuple[int, int], Span] = {}  # facts of one sentence share its (frozen) Span
    said: set[tuple[int, str, object, str | None]] = set()  # one fact per value per sentence
    headlines = HeadlineLines(text)
    told: Counter[tuple[str, str]] | None = None  # figures by value, counted when first needed
    for index, candidate in enumerate(candidates):
        kind = KIND_OF_LABEL.get(candidate.label)
        if kind is None:
            continue
        if kind == "date" and not (candidate.value and _ISO_DATE.fullmatch(candidate.value)):
            continue
        if kind == "count" and not _is_count_claim(text, candidate):
            continue
        if headlines.holds(candidate.start):
            if told is None:
                told = Counter((c.label, str(c.value)) for c in candidates
                               if c.label in KIND_OF_LABEL)
            if told[(candidate.label, str(candidate.value))] > 1:
                continue  # "Irish House Prices Rise 8%": the headline's figure, told again below
        sentence = sentences.span_of(candidate.start)
        # a second amount in one sentence without its own subject shares the first one's
        same_sentence = earlier.get((sentence[0], kind)) if kind in REUSED_SUBJECT else None
        unit = candidate.unit
        counted = None
        if kind == "count":
            counted = counted_phrase(text, candidate.end)
            # The head noun: "counts" of "counts of fraud", "workers" of "factory workers".
            unit = counted.partition(" of ")[0].split()[-1] if counted else None
            if not counted and not _count_named_before(text, candidate.start):
                continue  # "Perera made 112": a score counting nothing (tested before the subject)
        published = kind == "date" and is_publication_date(text, candidate)
        subject = (
            PUBLISHED
            if published
            else subject_of(
                text,
                sentence,
                candidate,
                kind == "date",
                same_sentence,
                sentence_subject=earlier.get((sentence[0], "any")),
                counted_noun=counted,
                stop_at=_next_start(text, candidates, index),
                start_after=_previous_end(text, candidates, index, sentence[0]),
            )
        )
        if not subject or (kind == "count" and not counted and not _names_its_count(
            text, candidate, subject
        )):
            continue  # a bare dateline, a number in a table, a score or a tally counting nothing
        if not published:
            said_once = (sentence[0], kind, candidate.value, unit)
            if said_once in said:
                continue  # "ended 1-0 ... 1-0 on the scoreboard": the same claim again
            said.add(said_once)
            earlier.setdefault((sentence[0], kind), subject)
            earlier.setdefault((sentence[0], "any"), subject)
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
                else _figure_date(text, candidate, dated, date_starts, sentence),
                start=candidate.start,
                end=candidate.end,
                sentence=shared_spans.get(sentence)
                or shared_spans.setdefault(sentence, Span(*sentence)),
                text=text[candidate.start : candidate.end],
            )
        )
    return facts


_COUNT_NAMED_BEFORE = re.compile(r"(?:\bof|:)[ \u00a0]*$")
COUNT_NAMED_WINDOW = 6


def _names_its_count(text: str, candidate: Candidate, subject: str) -> bool:
    """A number with no noun after it counts something only when a noun and "of" or a label
    stand before it ("A crowd of 41,250", "Homes sold: 47,300"); "Perera made 112" and "all
    out for 242" are scores."""
    return bool(_LOWER_WORD.search(subject)) and _count_named_before(text, candidate.start)


def _count_named_before(text: str, start: int) -> bool:
    return bool(_COUNT_NAMED_BEFORE.search(text, max(0, start - COUNT_NAMED_WINDOW), start))


def _is_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("s")
                                          and not word.endswith(("ss", "us", "is")))


def counted_phrase(text: str, end: int) -> str | None:
    """ "1,140 factory workers was" → "factory workers", "11 counts of fraud" → "counts of
    fraud": the lower-case words after a count, up to a function word or punctuation."""
    words: list[str] = []
    position, limit = end, min(len(text), end + COUNTED_WINDOW)
    nationality = _CAPITALISED_WORD.match(text, position, limit)
    if nationality and nationality.group(1) in load_gazetteers().demonyms:
        words.append(nationality.group(1))  # "1,200 Georgian students": a kind of students
        position = nationality.end()
    while len(words) < MAX_COUNTED_WORDS:
        match = _COUNTED_WORD.match(text, position, limit)
        if match is None:
            break
        word = match.group(1)
        if word in _COUNT_MODIFIERS and not words:
            words.append(word)  # "60 more social workers", "1,320 new asteroids": kept in the
            position = match.end()  # subject, while the unit is the head noun
            continue
        if word in _NOT_COUNTED:
            break
        words.append(word)
        position = match.end()
        if match.group(2) or _is_plural(word):
            break  # punctuation, or the plural noun counted ("1,200 students took part")
    while words and len(words[-1]) > 4 and words[-1].endswith("ed"):
        words.pop()  # "41,250 watched": a verb, not what is counted
    if not words or words[-1][0].isupper() or words[-1] in _COUNT_MODIFIERS:
        return None
    of = None if text[position - 1] in ",.;:)" else _OF_NOUN.match(text, position, limit)
    return " ".join(words) + (f" of {of.group(1)}" if of else "")


def _is_count_claim(text: str, candidate: Candidate) -> bool:
    """ "about 1,200 citizens" is a claim; "the two countries" is a way of naming."""
    before = text[max(0, candidate.start - 12) : candidate.start].split()
    if before and before[-1].lower() in _DETERMINERS:
        return False
    surface = text[candidate.start : candidate.end]
    if _TIME_OF_DAY.match(text, candidate.end) or _LIST_NUMBER.match(text, candidate.start):
        return False  # "8 a.m.", "1. Dinesh Perera": a time, a list's numbering
    if text.startswith("-", candidate.end) and _FRACTION_AFTER.match(text, candidate.end):
        return False
    if not candidate.approx and not any(map(str.isdigit, surface)):
        value = candidate.value
        if isinstance(value, (int, float)) and value <= SMALL_WORD_COUNT:
            return False  # "saved two penalties": description, not a figure to chart
    if candidate.approx or any(map(str.isdigit, surface)):
        return True
    noun = _NOUN_AFTER.match(text, candidate.end, candidate.end + 40)
    return bool(noun and noun.group("noun").endswith("s"))


def _next_start(text: str, candidates: list[Candidate], index: int) -> int | None:
    """Where the next figure or date begins: the words after a figure stop there."""
    for following in candidates[index + 1 : index + 4]:
        if following.label in KIND_OF_LABEL and (
            following.label != "CARDINAL"
            or any(map(str.isdigit, text[following.start : following.end]))
        ):
            return following.start
    return None


def _previous_end(
    text: str, candidates: list[Candidate], index: int, sentence_start: int
) -> int | None:
    """Where the previous figure of the same sentence ends: the words before stop there.
    A date reads its whole clause, and a number word ("the two countries") is no figure."""
    if candidates[index].label == "DATE":
        return None
    for previous in reversed(candidates[max(0, index - 3) : index]):
        if previous.label == "CARDINAL" and not any(
            map(str.isdigit, text[previous.start : previous.end])
        ):
            continue
        if previous.label in KIND_OF_LABEL and previous.label != "DATE":
            return previous.end if previous.start >= sentence_start else None
    return None


_PERIOD_OPENERS = lexicon_words("period_openers")
_WORD_BEFORE = re.compile(r"(\w+)[ \u00a0]+$")


def _opens_period(text: str, start: int) -> bool:
    """"since 2009": the date a period started, which dates none of its sentence's figures."""
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return before is not None and before.group(1).lower() in _PERIOD_OPENERS


def _figure_date(
    text: str,
    figure: Candidate,
    dated: list[tuple[int, str]],
    starts: list[int],
    sentence: tuple[int, int],
) -> str | None:
    """The date a figure refers to: the nearest dated expression, shifted by "N years earlier"."""
    near = _date_near(dated, starts, sentence, figure.start)
    if near is None or text.find("year", figure.end, figure.end + RELATIVE_WINDOW) < 0:
        return near  # the cheap test first: this runs once per figure
    relative = _YEARS_EARLIER.match(text, figure.end, figure.end + RELATIVE_WINDOW)
    if relative is None:
        return near
    count = relative.group("count").lower()
    years = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
    sign = -1 if relative.group("way") in ("earlier", "before") else 1
    return str(int(near[:4]) + sign * years)


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
