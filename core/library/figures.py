"""Figures across articles: a *measure* is what a figure is of (its subject's wording
normalised), in which unit or currency, for which period; bars show the measures by unit
and by entity, and ``conflicts`` finds measures given different values.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lectern.core.library.curated_names import REJECTED, curated_entities
from lectern.core.library.facts_index import catch_up, entities_of, entity_keys_of
from lectern.core.library.timeline import Source, scope_articles
from lectern.core.store import AnnotationStore
from lectern.core.store.library_facts import LibraryFact

MAX_BARS = 24  # of one group: beyond this a bar plot is ink
SHOWN_FIGURES = 6  # of a bar, read in full: its tooltip names these, a click opens the first
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
    sentence: tuple[int, int] = (0, 0)  # the sentence it stands in, in the kept text

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
                         row.start, row.end), (row.sentence_start, row.sentence_end))


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def measure_of(fact: LibraryFact) -> Measure:
    row = fact.row
    return Measure(row.subject_key, row.unit, row.period, row.kind)


# --- bars ---------------------------------------------------------------------------------
@dataclass
class Bar:
    """One measure in one group: its most told value, the articles that give it, and the
    first few of their figures in full (a tooltip's and a click's worth)."""

    label: str
    period: str
    values: list[float]
    articles: list[int]
    figures: list[Figure] = field(default_factory=list)

    @property
    def value(self) -> float:
        told = Counter(self.values)
        return max(told, key=lambda v: (told[v], v))


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
    "entity" (per entity named beside its figures, the most figured first). Each group
    keeps the measures the most articles give; only those figures are read in full."""
    catch_up(store)
    chosen = scope_articles(store, query, articles)
    if chosen is not None and not chosen:
        return []
    # (kind, unit, entity key) -> measure -> [(version, seq, article, number)]
    keyed: dict[tuple[str, str, str], dict[Measure, list[tuple[int, int, int, float]]]] = \
        defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    figure_rows = store.facts.figure_keys(chosen)
    curated = curated_entities(store, (pair for row in figure_rows
                                       for pair in entities_of(row[4]))) if by == "entity" \
        else {}
    for kind, unit, subject, period, entities, article, version, seq, number in figure_rows:
        measure = Measure(subject, unit, period, kind)
        entry = (version, seq, article, number)
        if by == "entity":
            for ident, pair in zip(entity_keys_of(entities), entities_of(entities),
                                   strict=True):
                entity_id, name = curated.get(pair, (0, pair[1]))
                if entity_id == REJECTED:
                    continue  # a false positive the reader took out
                ident = f"entity:{entity_id}" if entity_id else ident
                names.setdefault(ident, name)
                keyed[(kind, unit, ident)][measure].append(entry)
        else:  # counts of people, of students... share one scale, as in an article's chart
            keyed[(kind, "" if kind == "count" else unit, "")][measure].append(entry)
    order = sorted(keyed, key=lambda k: (-sum(len(v) for v in keyed[k].values()), k))
    shown: list[tuple[tuple[str, str, str], list[Measure]]] = []
    for key in order[:MAX_GROUPS]:
        measures = keyed[key]
        ranked = sorted(measures, key=lambda m: (-len({t[2] for t in measures[m]}),
                                                 m.subject_key, m.period))
        shown.append((key, ranked))
    wanted = {(t[0], t[1]) for key, ranked in shown for m in ranked[:MAX_BARS]
              for t in keyed[key][m][:SHOWN_FIGURES]}
    facts = {(f.row.version, f.row.seq): f for f in store.facts.facts_at(wanted)}
    groups = []
    for key, ranked in shown:
        group = FigureGroup(key[0], key[1], names.get(key[2]) if key[2] else None,
                            omitted=max(0, len(ranked) - MAX_BARS))
        for measure in ranked[:MAX_BARS]:
            every = keyed[key][measure]
            told = [facts[(t[0], t[1])] for t in every[:SHOWN_FIGURES] if (t[0], t[1]) in facts]
            if not told:
                continue
            subjects = Counter(f.row.subject for f in told)
            group.bars.append(Bar(max(subjects, key=lambda s: subjects[s]), measure.period,
                                  [t[3] for t in every], sorted({t[2] for t in every}),
                                  [figure_of(f) for f in told]))
        groups.append(group)
    return groups
