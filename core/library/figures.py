"""Figures across articles: a *measure* is what a figure is of (its subject's wording
normalised), in which unit or currency, for which period; bars show the measures by unit
and by entity, and ``conflicts`` finds measures given different values.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lectern.core.library.facts_index import catch_up, entity_key, row_entities
from lectern.core.library.timeline import Source, scope_articles
from lectern.core.store import AnnotationStore
from lectern.core.store.library_facts import LibraryFact

MAX_BARS = 24  # of one group: beyond this a bar plot is ink
MAX_GROUPS = 6  # plots side by side in one view
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
          "m": 1e6, "mn": 1e6, "bn": 1e9}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RANGE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:-|–|to)\s*(\d[\d,]*(?:\.\d+)?)")


@dataclass(frozen=True)
class Measure:
    subject_key: str
    unit: str
    period: str
    kind: str


@dataclass(frozen=True)
class Figure:
    """One article's value for a measure: the number, the range it stands for, as written."""

    value: float
    low: float
    high: float
    approx: bool
    written: str
    subject: str
    source: Source

    def agrees(self, other: Figure) -> bool:
        """Whether two figures can be the same value told twice: their ranges (rounding,
        "about", "10-12") overlap."""
        return self.low <= other.high and other.low <= self.high


def figure_of(fact: LibraryFact, approx_share: float = 0.1) -> Figure:
    """The range a written figure stands for: the rounding of its last digit ("$35.1
    million": ± $50,000), ±``approx_share`` when approximate, both ends of "10-12"."""
    row = fact.row
    value = float(row.number or 0.0)
    low = high = value
    written = row.written.casefold()
    scale = next((factor for word, factor in SCALES.items()
                  if re.search(rf"\d\s*{word}\b", written)), 1.0)
    span = _RANGE.search(written)
    if span is not None:
        high = max(value, _number(span.group(2)) * scale)
    numbers = _NUMBER.findall(written)
    if numbers:
        decimals = numbers[-1].partition(".")[2]
        half = 0.5 * scale / (10 ** len(decimals)) if decimals or scale > 1 else 0.5
        low, high = low - half, high + half
    if row.approx:
        low, high = min(low, value * (1 - approx_share)), max(high, value * (1 + approx_share))
    return Figure(value, low, high, row.approx, row.written, row.subject,
                  Source(fact.article, fact.title, fact.published, row.subject, row.written,
                         row.start, row.end, row.version))


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def measure_of(fact: LibraryFact) -> Measure:
    row = fact.row
    return Measure(row.subject_key, row.unit, row.period, row.kind)


# --- bars ---------------------------------------------------------------------------------
@dataclass
class Bar:
    """One measure in one group: its most told value and every article's figure."""

    label: str
    period: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def value(self) -> float:
        told = Counter(f.value for f in self.figures)
        return max(told, key=lambda v: (told[v], v))

    @property
    def articles(self) -> list[int]:
        return sorted({f.source.article for f in self.figures})


@dataclass
class FigureGroup:
    """Bars that share a scale: one kind and unit, of every entity or of one."""

    kind: str
    unit: str
    entity: str | None
    bars: list[Bar] = field(default_factory=list)
    omitted: int = 0

    @property
    def title(self) -> str:
        name = {"money": "Money", "count": "Counts", "percent": "Percentages",
                "quantity": "Quantities"}.get(self.kind, self.kind.title())
        unit = f" ({self.unit})" if self.unit and self.kind != "percent" else ""
        return f"{self.entity} · {name}{unit}" if self.entity else f"{name}{unit}"


def figure_groups(store: AnnotationStore, by: str = "unit", query: str | None = None,
                  articles: Iterable[int] | None = None) -> list[FigureGroup]:
    """The figures of a scope as bar groups: ``by`` "unit" (one group per kind and unit) or
    "entity" (per entity named beside its figures, the most figured first)."""
    catch_up(store)
    chosen = scope_articles(store, query, articles)
    if chosen is not None and not chosen:
        return []
    facts = store.facts.figures(chosen)
    keyed: dict[tuple[str, str, str | None], dict[Measure, list[LibraryFact]]] = \
        defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for fact in facts:
        row, measure = fact.row, measure_of(fact)
        if by == "entity":
            for label, name in row_entities(fact.row):
                key = entity_key(name, label)
                names.setdefault(key, name)
                keyed[(row.kind, row.unit, key)][measure].append(fact)
        else:  # counts of people, of students... share one scale, as in an article's chart
            keyed[(row.kind, "" if row.kind == "count" else row.unit, None)][measure].append(
                fact)
    order = sorted(keyed, key=lambda k: (-sum(len(v) for v in keyed[k].values()), k[:2],
                                         k[2] or ""))[:MAX_GROUPS]
    groups = []
    for key in order:
        measures = keyed[key]
        ranked = sorted(measures, key=lambda m: (-len({f.article for f in measures[m]}),
                                                 m.subject_key, m.period))
        group = FigureGroup(key[0], key[1], names.get(key[2]) if key[2] else None,
                            omitted=max(0, len(ranked) - MAX_BARS))
        for measure in ranked[:MAX_BARS]:
            told = measures[measure]
            subjects = Counter(f.row.subject for f in told)
            group.bars.append(Bar(max(subjects, key=lambda s: subjects[s]), measure.period,
                                  [figure_of(f) for f in told]))
        groups.append(group)
    return groups
