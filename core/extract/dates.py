"""Date expressions in text and their ISO 8601 values ("January 2009" → "2009-01")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lectern.core.extract.anchors import scan_anchors
from lectern.core.extract.gazetteers import (
    lexicon_numbers,
    lexicon_phrases,
    lexicon_words,
    month_abbreviations,
)
from lectern.core.extract.plurals import counted_after
from lectern.core.extract.spans import Candidate, anchored_matches

MONTHS = lexicon_numbers("months")
ORDINAL_WORDS = lexicon_numbers("ordinal_words")
_NUMBER_VALUES = lexicon_numbers("number_words")
_HEDGES = lexicon_phrases("hedges") + tuple(lexicon_words("limiters"))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _month_names() -> tuple[str, str]:
    """Full month names, and the abbreviations (the shorter spellings of one month)."""
    short = month_abbreviations()
    return (_alternation(n.title() for n in MONTHS if n not in short),
            _alternation(n.title() for n in short))


_SP = r"[ \u00a0]+"
_FULL_MONTHS, _SHORT_MONTHS = _month_names()
_MONTH = rf"(?P<month>{_FULL_MONTHS}|(?:{_SHORT_MONTHS})\.?)(?![\w])"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\w]|[.,]\d)"
_WEEKDAY = rf"(?:{_alternation(lexicon_words('weekdays'))})"
_PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
_RELATIVE_UNIT = (
    r"(?:week|weekend|month|year|summer|winter|spring|autumn|fall|decade|century|quarter"
    r"|season|term|semester|night|morning|evening|years|months|weeks|days|decades|centuries)"
)
_NUMBER_WORDS = _alternation(_NUMBER_VALUES)
_UNIT_WORDS = _alternation(k for k, v in _NUMBER_VALUES.items() if v < 10)
_COUNT = (
    r"(?:\d+(?:[.,]\d+)?(?:[-–]\d+)?|(?i:a|an|several|few|many|a few|a couple of|hundreds of"
    r"|thousands of|dozens of|" + _NUMBER_WORDS + r")(?:-(?i:" + _UNIT_WORDS + r"))?)"
)
_DURATION_UNIT = (
    r"(?:(?i:working|business|calendar|consecutive|straight|full)[ \u00a0]+)?"
    r"(?:years?|months?|weeks?|days?|decades?|centuries|hours?|minutes?)"
)
_HEDGE = r"(?:(?i:" + _alternation(_HEDGES) + r")" + _SP + r")"

DATE_PATTERN = re.compile(
    "|".join(
        (
            # November 27, 1992 / March 14 / Nov. 27 1992
            rf"(?P<mdy>{_MONTH}{_SP}{_DAY}(?:,?{_SP}{_YEAR})?)",
            # 27 November 1992 / 1 May
            rf"(?P<dmy>{_DAY.replace('day>', 'dday>')}{_SP}(?:of{_SP})?"
            rf"{_MONTH.replace('month>', 'dmonth>')}"
            rf"(?:,?{_SP}{_YEAR.replace('year>', 'dyear>')})?)",
            # January 2009 / September of 2004
            rf"(?P<my>{_MONTH.replace('month>', 'mmonth>')}(?:{_SP}of)?,?{_SP}"
            rf"{_YEAR.replace('year>', 'myear>')})",
            # the 21st century
            r"(?P<century>(?:(?i:the)"
            + _SP
            + r")?(?P<cnum>\d{1,2}(?:st|nd|rd|th)|(?i:"
            + "|".join(ORDINAL_WORDS)
            + r"))"
            + _SP
            + r"(?i:century))",
            # the 1990s
            r"(?P<decade>(?:(?i:the)" + _SP + r")?(?P<dnum>1[5-9]\d0|20\d0)s\b)",
            # spring 2020
            r"(?P<season>(?i:spring|summer|autumn|fall|winter)"
            + _SP
            + r"(?:of"
            + _SP
            + r")?"
            + _YEAR.replace("year>", "syear>")
            + ")",
            # (in) October: a month alone, its year read from the article's date later
            rf"(?P<bare_month>{_MONTH.replace('month>', 'bmonth>')})",
            # Tuesday / Thursday night
            rf"(?P<weekday>\b{_WEEKDAY}(?:{_SP}{_PART_OF_DAY})?\b)",
            # last week / this year / the past 30 days / two years ago
            r"(?P<relative>\b(?:(?i:the)" + _SP + r")?(?i:last|this|next|past|coming|previous|"
            r"following|same|earlier this|later this)" + _SP + r"(?:" + _COUNT + _SP + r")?"
            r"(?i:" + _RELATIVE_UNIT + r")\b)",
            # the 20th minute (of a match)
            r"(?P<minute>\b(?i:the)" + _SP + r"\d{1,3}(?:st|nd|rd|th)" + _SP + r"minute\b)",
            # 2004 to 2009 / 2004-2009
            r"(?P<years>(?<![\w$€£.,/:-])"
            + _YEAR.replace("year>", "from_year>")
            + r"(?:[ \u00a0]*[-–][ \u00a0]*|"
            + _SP
            + r"(?:to|until|through)"
            + _SP
            + r")"
            + _YEAR.replace("year>", "to_year>")
            + r")",
            r"(?P<deictic>\b(?i:yesterday|today|tomorrow|tonight)\b)",
            # nearly two decades / 15 years / 8–10 years / 20-minute
            r"(?P<duration>\b"
            + _HEDGE
            + r"?"
            + _COUNT
            + r"[ \u00a0-]"
            + _DURATION_UNIT
            + r"(?:"
            + _SP
            + r"(?i:ago))?\b)",
            # Q3 2024 / the third quarter of 2024 (value "2024-Q3")
            r"(?P<quarter>(?:Q(?P<qnum>[1-4])|(?:(?i:the)"
            + _SP
            + r")?(?P<qword>(?i:first|second|third|fourth))"
            + _SP
            + r"(?i:quarter)(?:"
            + _SP
            + r"of)?),?"
            + _SP
            + _YEAR.replace("year>", "qyear>")
            + ")",
            # fiscal 2024 / fiscal year 2024 / FY2024
            r"(?P<fiscal>(?:(?i:fiscal)(?:"
            + _SP
            + r"(?i:year))?"
            + _SP
            + r"|FY[ \u00a0]?)"
            + _YEAR.replace("year>", "fyear>")
            + ")",
            # a year on its own
            r"(?P<bare_year>(?<![\w$€£.,/:-])" + _YEAR.replace("year>", "byear>") + ")",
        )
    )
)
_LEAD_WORDS = frozenset(
    [*lexicon_words("date_lead_words"), *(w for phrase in _HEDGES for w in phrase.split())]
    + list(_NUMBER_VALUES)
    + [m for m in MONTHS]
    + [str(n) for n in range(1, 32)]
    + [f"{n}{s}" for n in range(1, 32) for s in ("st", "nd", "rd", "th")]
)
_MONTH_LEAD = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(lexicon_words('month_lead_words')))})[ \u00a0-]$", re.I
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def find_dates(
    text: str, start: int = 0, end: int | None = None, anchors: Iterable[int] | None = None
) -> Iterator[Candidate]:
    """Every date expression in ``text[start:end]``, with its ISO value where it has one.

    ``anchors`` are the date anchors of that stretch (``scan_anchors``), found here if not given.
    """
    end = len(text) if end is None else end
    if anchors is None:
        anchors = scan_anchors(text, start, end)[0]
    for match in anchored_matches(DATE_PATTERN, anchors, text, start, end, _LEAD_WORDS):
        kind = match.lastgroup
        if kind == "bare_year" and counted_after(text, match.end()):
            continue  # "2000 people", "1709 schoolchildren" are counts
        if kind == "duration" and match.group(0)[:2].lower() in ("a ", "an"):
            continue  # "a year" alone is vague; "a day after" is not a date mention
        if kind == "bare_month" and not _MONTH_LEAD.search(
            text, max(0, match.start() - 12), match.start()
        ):
            continue  # "May" the verb, "March" the walk: only "in May", "since March" are dates
        yield Candidate(match.start(), match.end(), "DATE", value=_iso_value(match))


def _iso_value(match: re.Match[str]) -> str | None:
    group = match.group
    kind = match.lastgroup
    if kind == "mdy":
        return _ymd(group("year"), group("month"), group("day"))
    if kind == "dmy":
        return _ymd(group("dyear"), group("dmonth"), group("dday"))
    if kind == "my":
        return _ymd(group("myear"), group("mmonth"), None)
    if kind == "season":
        return group("syear")
    if kind == "bare_year":
        return group("byear")
    if kind == "fiscal":
        return group("fyear")
    if kind == "quarter":
        number = group("qnum") or str(_QUARTER_WORDS[group("qword").lower()])
        return f"{group('qyear')}-Q{number}"  # ISO 8601 has no quarters; this is the usual form
    if kind == "years":
        return f"{group('from_year')}/{group('to_year')}"  # an ISO 8601 interval
    if kind == "century":
        number = group("cnum").lower()
        ordinal = ORDINAL_WORDS.get(number) or int(re.sub(r"\D", "", number) or 0)
        # ISO 8601 reduced precision: "20" is the century of the years 2000-2099
        return f"{ordinal - 1:02d}" if ordinal >= 1 else None
    if kind == "decade":
        return group("dnum")[:3]  # ISO 8601 decade: "199" for the 1990s
    return None


def normalise_date(expression: str) -> str | None:
    """The ISO value of one date expression, or None ("November 27, 1992" → "1992-11-27")."""
    match = DATE_PATTERN.fullmatch(expression.strip())
    return _iso_value(match) if match else None


def _ymd(year: str | None, month: str | None, day: str | None) -> str | None:
    month_number = MONTHS.get((month or "").rstrip(".").lower())
    if month_number is None:
        return year
    day_part = f"-{int(day):02d}" if day else ""
    if year:
        return f"{year}-{month_number:02d}{day_part}"
    return f"--{month_number:02d}{day_part}"  # ISO 8601 without a year: "--03-14"
