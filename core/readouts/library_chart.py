"""The library's timeline and figure bars as the chart draws them (``ChartData``): one
marker per grouped event, its count in its label, every source in its tooltip; one bar per
measure. Ids ("e12", "b1.4") lead back to the event or bar a click lands on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from lectern.core.library.figures import Bar, FigureGroup
from lectern.core.library.timeline import TimelineEvent
from lectern.core.readouts.chart_data import BarGroup, ChartData, Event, Tip, short
from lectern.core.readouts.fact_format import format_amount, format_date, parse_partial_date
from lectern.core.readouts.wording import count

MAX_DRAWN_EVENTS = 3000  # the most told events of a scope; the rest are counted, not drawn
MAX_TIP_SOURCES = 6
LABEL_CHARS = 32


@dataclass(frozen=True)
class SourcesTip(Tip):
    """A tooltip naming each source (title and date, then its words) instead of a sentence."""

    sources: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.heading, self.wording, *self.source_lines) if line]

    @property
    def source_lines(self) -> tuple[str, ...]:
        return self.sources


@dataclass(frozen=True)
class EventTip(SourcesTip):
    """An event's tooltip, its sources worded only when it is shown: a library's timeline
    has thousands of events and the pointer rests on a few."""

    event: TimelineEvent | None = None

    @property
    def source_lines(self) -> tuple[str, ...]:
        if self.event is None:
            return ()
        sources = self.event.sources
        lines = [f"• {s.heading}: {s.written or s.subject}" for s in sources[:MAX_TIP_SOURCES]]
        if len(sources) > MAX_TIP_SOURCES:
            lines.append(f"and {len(sources) - MAX_TIP_SOURCES:,} more")
        return tuple(lines)


@dataclass
class LibraryChart:
    data: ChartData
    events: dict[str, TimelineEvent] = field(default_factory=dict)
    bars: dict[str, Bar] = field(default_factory=dict)


def _epoch(day: date, end_of_day: bool = False) -> float:
    return datetime(day.year, day.month, day.day, 23 if end_of_day else 0,
                    59 if end_of_day else 0, tzinfo=UTC).timestamp()


def timeline_chart(events: list[TimelineEvent],
                   most: int = MAX_DRAWN_EVENTS) -> LibraryChart:
    """Events as markers; beyond ``most``, the most told are drawn and the rest counted."""
    placed = [(e, parse_partial_date(e.date)) for e in events]
    drawable = [(e, p) for e, p in placed if p is not None]
    if len(drawable) > most:
        kept = sorted(range(len(drawable)), key=lambda i: -len(drawable[i][0].rows))[:most]
        drawable = [drawable[i] for i in sorted(kept)]
    chart = LibraryChart(ChartData([], [], unplaced=len(events) - len(drawable)))
    for number, (event, period) in enumerate(drawable):
        assert period is not None
        start, end = _epoch(period[0]), _epoch(period[1], end_of_day=True)
        ident = f"e{number}"
        chart.events[ident] = event
        when = format_date(event.date)
        told = len({row[4] for row in event.rows})
        # The count beside the date: a label cut short keeps its date, and so its count.
        dated = f"{when} ×{told}" if told > 1 else when
        label = f"{dated} · {short(event.label, LABEL_CHARS)}"
        precision = "day" if period[0] == period[1] else (
            "month" if period[0].month == period[1].month else "year")
        chart.data.events.append(Event(ident, (start + end) / 2, start, end, precision, dated,
                                       label, event_tip(event, when)))
    chart.data.events.sort(key=lambda e: e.x)
    return chart


def event_tip(event: TimelineEvent, when: str | None = None) -> EventTip:
    heading = f"{when or format_date(event.date)} · {count(len(event.articles), 'article')}"
    return EventTip(heading, event.label, "", event=event)


def bars_chart(groups: list[FigureGroup]) -> LibraryChart:
    chart = LibraryChart(ChartData([], [], omitted_bars=sum(g.omitted for g in groups)))
    for number, group in enumerate(groups):
        drawn = BarGroup(group.title)
        for index, bar in enumerate(group.bars):
            ident = f"b{number}.{index}"
            chart.bars[ident] = bar
            approx = any(f.approx for f in bar.figures)
            drawn.fact_ids.append(ident)
            drawn.values.append(bar.value)
            drawn.approx.append(approx)
            period = f" {bar.period[:4]}" if bar.period else ""
            drawn.labels.append(short(bar.label, 14 - len(period)) + period)
            drawn.value_texts.append(format_amount(group.kind, bar.value, group.unit, approx,
                                                   short=True).replace("≈ ", "≈"))
            drawn.tips.append(bar_tip(group, bar))
        chart.data.groups.append(drawn)
    return chart


def bar_tip(group: FigureGroup, bar: Bar) -> SourcesTip:
    value = format_amount(group.kind, bar.value, group.unit)
    when = f" ({format_date(bar.period)})" if bar.period else ""
    lines = [f"• {f.source.heading}: {f.written}" for f in bar.figures[:MAX_TIP_SOURCES]]
    shown = len({f.source.article for f in bar.figures[:MAX_TIP_SOURCES]})
    if len(bar.articles) > shown:
        lines.append(f"and {count(len(bar.articles) - shown, 'more article')}")
    return SourcesTip(value, f"{bar.label}{when} · {count(len(bar.articles), 'article')}", "",
                      tuple(lines))
