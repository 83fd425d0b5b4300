"""What the chart draws, worked out without Qt or pyqtgraph: timeline events, bar groups,
what their tooltips say, and an exported chart's captions (where it all goes on screen is
``chart_layout``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from lectern.core.extract.model import FactKind
from lectern.core.readouts.fact_format import (
    format_date,
    format_fact_value,
    parse_partial_date,
    short_number,
)
from lectern.core.readouts.wording import count

MAX_EVENTS = 400  # a chart of more events than this is ink, not information
MAX_BARS_PER_GROUP = 24
LABEL_CHARS = 32  # of a subject in a label; the placement may cut it shorter still
GROUP_TITLES = {"money": "Money", "count": "Counts", "percent": "Percentages",
                "quantity": "Quantities"}


@dataclass(frozen=True)
class Tip:
    """What hovering a marker or bar says: a heading, the fact in words, its sentence."""

    heading: str
    wording: str
    sentence: str

    @property
    def lines(self) -> list[str]:
        quoted = f"“{self.sentence}”" if self.sentence else ""
        return [line for line in (self.heading, self.wording, quoted) if line]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Event:
    """A dated fact placed on the timeline: the middle of its period and the period itself."""

    fact_id: str
    x: float  # epoch seconds of the middle of the period
    start: float
    end: float
    precision: str  # "year", "month" or "day"
    when: str  # the date as people write it, which a label cut short still shows whole
    label: str
    tip: Tip


@dataclass
class BarGroup:
    """Facts that share a scale: one currency, or counts, or percentages."""

    title: str
    fact_ids: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    approx: list[bool] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    value_texts: list[str] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)


@dataclass
class ChartData:
    events: list[Event]
    groups: list[BarGroup]
    unplaced: int = 0  # dated facts with no year, or beyond the caps
    omitted_bars: int = 0

    @property
    def empty(self) -> bool:
        return not self.events and not self.groups

    @property
    def bars(self) -> int:
        return sum(len(g.fact_ids) for g in self.groups)


def _epoch(day: date, end_of_day: bool = False) -> float:
    moment = datetime(day.year, day.month, day.day, 23 if end_of_day else 0,
                      59 if end_of_day else 0, tzinfo=UTC)
    return moment.timestamp()


def _group_key(fact: Any) -> tuple[str, str]:
    if fact.kind in ("money", "quantity"):
        return fact.kind, fact.unit or ""
    return fact.kind, ""


def _group_title(kind: str, unit: str) -> str:
    title = GROUP_TITLES.get(kind, kind.title())
    return f"{title} ({unit})" if unit else title


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def chart_data(facts: list[Any], text: str) -> ChartData:
    """Dated facts (kind "date") become events; numeric facts become bars by kind and unit."""
    events: list[Event] = []
    groups: dict[tuple[str, str], BarGroup] = {}
    unplaced = omitted = 0
    for fact in facts:
        if fact.kind == FactKind.DATE:
            period = parse_partial_date(str(fact.value))
            if period is None or len(events) >= MAX_EVENTS:
                unplaced += 1
                continue
            start, end = _epoch(period[0]), _epoch(period[1], end_of_day=True)
            when = format_date(str(fact.value))
            events.append(Event(fact.id, (start + end) / 2, start, end, _precision(period),
                                when, f"{when} · {short(fact.subject, LABEL_CHARS)}",
                                event_tip(fact, _sentence(fact, text))))
        elif isinstance(fact.value, int | float):
            key = _group_key(fact)
            group = groups.setdefault(key, BarGroup(_group_title(*key)))
            if len(group.fact_ids) >= MAX_BARS_PER_GROUP:
                omitted += 1
                continue
            group.fact_ids.append(fact.id)
            group.values.append(float(fact.value))
            group.approx.append(bool(fact.approx))
            # Counts share a group, so their noun ("students") tells the bars apart.
            noun = fact.unit if fact.kind == FactKind.COUNT and fact.unit else fact.subject
            group.labels.append(short(noun, 14))
            group.value_texts.append(_bar_text(fact))
            group.tips.append(bar_tip(fact, _sentence(fact, text)))
    events.sort(key=lambda e: e.x)
    return ChartData(events, list(groups.values()), unplaced, omitted)


def _sentence(fact: Any, text: str) -> str:
    return " ".join(text[fact.sentence.start:fact.sentence.end].split())


def _written(fact: Any) -> str:
    """The fact's words in the article ("May 20, 1992", "About 1,200"), else its value."""
    return " ".join(str(fact.text or "").split())


def event_tip(fact: Any, sentence: str) -> Tip:
    """Date, then "subject: the date as the article writes it", then the sentence."""
    when = format_date(str(fact.value))
    subject = " ".join(fact.subject.split())
    wording = f"{subject}: {_written(fact) or when}" if subject else _written(fact)
    return Tip(when, wording, sentence)


def bar_tip(fact: Any, sentence: str) -> Tip:
    """The value as written, then "what it measures: the value in full", then the sentence."""
    full = format_fact_value(fact)
    subject = " ".join(fact.subject.split())
    return Tip(_written(fact) or full, f"{subject}: {full}" if subject else full, sentence)


def _bar_text(fact: Any) -> str:
    """The value above a bar: short, and without a count's noun (the axis names it)."""
    if fact.kind == FactKind.COUNT:
        return ("≈" if fact.approx else "") + short_number(float(fact.value))
    return format_fact_value(fact, short=True).replace("≈ ", "≈")


def _precision(period: tuple[date, date]) -> str:
    first, last = period
    if first == last:
        return "day"
    if first.month == last.month:
        return "month"
    return "year"


# --- export captions ------------------------------------------------------------------------
@dataclass(frozen=True)
class Captions:
    """The title band and source line an exported chart carries."""

    title: str
    subtitle: str
    source: str


def export_captions(data: ChartData, title: str, source: str, today: date) -> Captions:
    """The article's title, what the chart shows, and where it came from and when."""
    shows = []
    if data.events:
        shows.append(f"timeline of {count(len(data.events), 'dated event')}")
    if data.groups:
        groups = ", ".join(g.title[:1].lower() + g.title[1:] for g in data.groups)
        shows.append(f"{count(data.bars, 'figure')} ({groups})")
    subtitle = " and ".join(shows) if shows else "no dated events or figures"
    subtitle = subtitle[0].upper() + subtitle[1:]
    if data.unplaced or data.omitted_bars:
        subtitle += f"; {data.unplaced + data.omitted_bars:,} not drawn"
    made = f"Lectern, {today.day} {today:%B %Y}"
    return Captions(" ".join(title.split()) or "Untitled article", subtitle,
                    f"Source: {source} · {made}" if source else made)
