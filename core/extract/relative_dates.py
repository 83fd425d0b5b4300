"""Dates said relative to the article's own date: "on Thursday", "yesterday", "tomorrow".

A wire report dated Thursday 7 March 2024 that says "walked out on Thursday" means that day;
"said yesterday" means 6 March; "a second stoppage is planned for Monday" means the Monday
after. The article's date is given by the caller or read from its byline or dateline.
"""

from __future__ import annotations

import datetime
import re

from lectern.core.extract.bylines import is_publication_date
from lectern.core.extract.gazetteers import lexicon_numbers, lexicon_words
from lectern.core.extract.spans import Candidate

_WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
}
_DEICTIC_SHIFT = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_FUTURE = lexicon_words("future_markers")
LOOKBACK_CHARS = 48  # the words just before a weekday decide its tense
_PAST = frozenset(lexicon_words("say_verbs") | {"was", "were", "had"})
_MONTHS = {name.title(): number for name, number in lexicon_numbers("months").items()}
HALF_YEAR = 6


def publication_date(text: str, candidates: list[Candidate]) -> datetime.date | None:
    """The first full date that stands in a byline or dateline."""
    for candidate in candidates:
        if (
            candidate.label == "DATE"
            and candidate.value
            and _FULL_DATE.fullmatch(candidate.value)
            and is_publication_date(text, candidate)
        ):
            return datetime.date.fromisoformat(candidate.value)
    return None


def resolve_relative_dates(
    text: str, candidates: list[Candidate], published: datetime.date | None
) -> None:
    """Give weekday and yesterday/today/tomorrow dates the ISO value of the day they mean."""
    if published is None:
        published = publication_date(text, candidates)
        if published is None:
            return
    for candidate in candidates:
        if candidate.label != "DATE":
            continue
        if candidate.value and candidate.value.startswith("--"):  # "June 18": no year said
            year = _year_of(text, candidate.start, int(candidate.value[2:4]), published)
            candidate.value = f"{year}{candidate.value[1:]}"
            continue
        if candidate.value:
            continue
        words = text[candidate.start : candidate.end].split()
        if len(words) > 2:
            continue
        word = words[0]
        if len(words) == 1 and word.rstrip(".") in _MONTHS:
            month = _MONTHS[word.rstrip(".")]
            candidate.value = f"{_year_of(text, candidate.start, month, published)}-{month:02d}"
            continue
        shift = _DEICTIC_SHIFT.get(word.lower())
        if shift is None and word in _WEEKDAYS:
            shift = _weekday_shift(text, candidate.start, _WEEKDAYS[word], published)
        if shift is not None:
            candidate.value = (published + datetime.timedelta(days=shift)).isoformat()


def _year_of(text: str, start: int, month: int, published: datetime.date) -> int:
    """The year of a month named alone: the coming one after words of the future ("will cut
    from October"), the last one after a verb in the past ("peaked in August"), else the
    nearest one."""
    tense = _tense(text, start)
    year = published.year
    if tense > 0:
        return year + 1 if month < published.month else year
    if tense < 0:
        return year - 1 if month > published.month else year
    if month - published.month > HALF_YEAR:
        return year - 1
    if published.month - month > HALF_YEAR:
        return year + 1
    return year


def _tense(text: str, start: int) -> int:
    """+1 when the words just before ``start`` speak of the future, -1 of the past, else 0."""
    for word in reversed(text[max(0, start - LOOKBACK_CHARS) : start].lower().split()):
        word = word.strip(",;:")
        if word in _FUTURE:
            return 1
        if word.endswith("ed") or word in _PAST:
            return -1
        if word.endswith((".", "!", "?")):
            break
    return 0


def _weekday_shift(text: str, start: int, weekday: int, published: datetime.date) -> int:
    """Days from ``published`` to the weekday meant: the last one, or the next when the words
    just before it speak of the future ("is planned for Monday", "will meet on Friday")."""
    for word in reversed(text[max(0, start - LOOKBACK_CHARS) : start].lower().split()):
        word = word.strip(",;:")
        if word in _FUTURE:
            return (weekday - published.weekday() - 1) % 7 + 1
        if word.endswith("ed") or word in _PAST or word.endswith((".", "!", "?")):
            break  # "said on Tuesday", "walked out on Thursday": a day gone by
    return -((published.weekday() - weekday) % 7)
