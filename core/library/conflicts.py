"""Figure conflicts: the same measure (subject wording normalised, unit or currency, period)
given values in different articles that cannot be the same figure told twice.

Values are compared as numbers in their base unit, so "$35.1 million" and "35,100,000
dollars" agree; a figure stands for the range its writing allows (the rounding of its last
digit, "about", both ends of "10-12"), and only ranges that do not overlap conflict. A
figure with no period is never compared: without one, two articles may mean two years.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from lectern.core.library.facts_index import catch_up
from lectern.core.library.figures import Figure, Measure, figure_of, measure_of
from lectern.core.library.timeline import scope_articles
from lectern.core.readouts.fact_format import format_amount, format_date
from lectern.core.store import AnnotationStore


@dataclass(frozen=True)
class ValueGroup:
    """Figures of one measure that agree with each other, from one or more articles."""

    value: float
    figures: tuple[Figure, ...]

    @property
    def articles(self) -> list[int]:
        return sorted({f.source.article for f in self.figures})


@dataclass(frozen=True)
class Conflict:
    measure: Measure
    subject: str  # as the first article words it
    values: tuple[ValueGroup, ...]  # the smallest first

    @property
    def articles(self) -> list[int]:
        return sorted({a for group in self.values for a in group.articles})

    @property
    def title(self) -> str:
        when = format_date(self.measure.period) if self.measure.period else ""
        return f"{self.subject} ({when})" if when else self.subject

    def value_text(self, group: ValueGroup) -> str:
        return format_amount(self.measure.kind, group.value, self.measure.unit,
                             any(f.approx for f in group.figures))

    def to_json(self) -> dict[str, Any]:
        return {
            "measure": {"subject": self.measure.subject_key, "unit": self.measure.unit,
                        "period": self.measure.period, "kind": self.measure.kind},
            "subject": self.subject,
            "values": [{"value": group.value, "text": self.value_text(group),
                        "articles": group.articles,
                        "passages": [{"article": f.source.article, "start": f.source.start,
                                      "end": f.source.end, "written": f.written,
                                      "approx": f.approx} for f in group.figures]}
                       for group in self.values]}


def conflicts(store: AnnotationStore, query: str | None = None,
              articles: Iterable[int] | None = None) -> list[Conflict]:
    """Every measure whose articles give values that do not agree, the most articles first;
    with a scope (a search, chosen articles: ``scope_articles``), among its articles only."""
    catch_up(store)
    chosen = scope_articles(store, query, articles)
    facts = store.facts.disputed_figures()
    found = []
    for measure, told in groupby(facts, key=measure_of):
        figures = [figure_of(f) for f in told]
        if chosen is not None:
            figures = [f for f in figures if f.source.article in chosen]
        if len({f.source.article for f in figures}) < 2:
            continue  # one article's own figures are its business, not a conflict
        values = tuple(_agreeing(figures))
        if len(values) > 1:
            found.append(Conflict(measure, figures[0].subject, values))
    found.sort(key=lambda c: (-len(c.articles), c.measure.subject_key, c.measure.period))
    return found


def _agreeing(figures: list[Figure]) -> Iterator[ValueGroup]:
    """Figures in runs whose ranges chain together (sorted by value)."""
    figures = sorted(figures, key=lambda f: (f.low, f.value))
    run = [figures[0]]
    high = figures[0].high
    for figure in figures[1:]:
        if figure.low <= high:
            run.append(figure)
            high = max(high, figure.high)
            continue
        yield _group(run)
        run, high = [figure], figure.high
    yield _group(run)


def _group(run: list[Figure]) -> ValueGroup:
    exact = [f.value for f in run if not f.approx] or [f.value for f in run]
    return ValueGroup(max(set(exact), key=exact.count), tuple(run))


def passage(store: AnnotationStore, figure: Figure) -> str:
    """The sentence a figure stands in, from its article's kept text ("" if not kept)."""
    version = store.library.current_version(figure.source.article)
    text = store.library.text(version) if version is not None else None
    if text is None:
        return ""
    start, end = figure.sentence
    return " ".join(text[start:end].split())
