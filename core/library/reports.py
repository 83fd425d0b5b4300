"""Reports across the library, as rows: tag frequencies per article (and outlet), tag
co-occurrence, and sourcing (who is quoted, how often, in how many articles, named or not).
One rule for the Reports view's charts and the ``report`` command. ``report`` brings the
analyses and the quotes index up to date first; the single reports read what is indexed
(the window brings them up to date on a worker).

Two annotations co-occur when they overlap or share a paragraph (a line of the text); each
pair of annotations counts once for each pair of their tags. A tag against itself counts
two different annotations with it, never one annotation alone.
"""

from __future__ import annotations

import csv
import io
import os
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.errors import LecternError
from lectern.core.formats.csv_format import neutralise_cell
from lectern.core.library.curated_names import curated_names
from lectern.core.library.speakers import NAMED, NONE, joined_surnames, key_of
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore
from lectern.core.store.report_tables import SpeakerCount, TagCount, TaggedSpan

UNATTRIBUTED = "(unattributed)"
NO_OUTLET = "(no outlet)"
KINDS = ("tags", "cooccurrence", "sources")
COLUMNS = {"tags": ("tag", "article", "outlet", "count"),
           "cooccurrence": ("tag_a", "tag_b", "count"),
           "sources": ("speaker", "quotes", "articles", "named")}


@dataclass(frozen=True, slots=True)
class TagFrequency:
    tag: str
    article: int
    outlet: str
    count: int
    title: str = ""


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    tag_a: str
    tag_b: str
    count: int


@dataclass(frozen=True, slots=True)
class Source:
    speaker: str
    quotes: int
    articles: int
    named: bool


def tag_frequencies(store: AnnotationStore) -> list[TagFrequency]:
    """Annotations per tag and article, by tag then article."""
    rows: list[TagCount] = store.reports.tag_counts()
    found = [TagFrequency(r.tag, r.article, r.outlet, r.count, r.title) for r in rows]
    found.sort(key=lambda r: (r.tag.casefold(), r.article))
    return found


def by_outlet(rows: Sequence[TagFrequency]) -> dict[str, Counter[str]]:
    """Tag counts per outlet ("(no outlet)" for articles that name none)."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        found[row.outlet or NO_OUTLET][row.tag] += row.count
    return dict(found)


def cooccurrence(store: AnnotationStore) -> list[Cooccurrence]:
    """Pairs of tags on annotations that overlap or share a paragraph, the most first."""
    spans, breaks = store.reports.tagged_spans()
    counts: Counter[tuple[str, str]] = Counter()
    by_version: dict[int, list[TaggedSpan]] = defaultdict(list)
    for span in spans:
        by_version[span.version].append(span)
    for version, found in by_version.items():
        found.sort(key=lambda span: span.start)
        cuts = [int(b) for b in breaks.get(version, "").split(",") if b]
        _count_pairs(found, cuts, counts)
    rows = [Cooccurrence(a, b, n) for (a, b), n in counts.items()]
    rows.sort(key=lambda r: (-r.count, r.tag_a.casefold(), r.tag_b.casefold()))
    return rows


def _count_pairs(spans: list[TaggedSpan], cuts: list[int],
                 counts: Counter[tuple[str, str]]) -> None:
    """Add the tag pairs of one text's annotations (sorted by start) to ``counts``."""
    paragraphs = [(bisect_right(cuts, s.start), bisect_right(cuts, max(s.start, s.end - 1)))
                  for s in spans]
    for i, first in enumerate(spans):
        last_paragraph = paragraphs[i][1]
        for j in range(i + 1, len(spans)):
            second = spans[j]
            if second.start >= first.end and paragraphs[j][0] > last_paragraph:
                break  # sorted by start: every later one begins further on
            pairs = {tuple(sorted((a, b), key=str.casefold)) for a in first.tags
                     for b in second.tags}
            for pair in pairs:
                counts[(pair[0], pair[1])] += 1


def sources(store: AnnotationStore) -> list[Source]:
    """Who is quoted, the most quoted first; unnamed credits under their own words. A
    surname alone counts with the one full name across the library that it ends."""
    found = store.reports.speakers()
    curated = curated_names(store, (r.speaker for r in found if r.attribution == NAMED))
    found = [replace(r, speaker=curated[r.speaker]) if r.attribution == NAMED
             and r.speaker in curated else r for r in found]
    named = {key_of(r.speaker): r.speaker for r in found if r.attribution == NAMED}
    fuller = joined_surnames(set(named))
    merged: dict[tuple[str, str], list[SpeakerCount]] = defaultdict(list)
    for r in found:
        key = key_of(r.speaker) if r.attribution == NAMED else r.speaker
        merged[(fuller.get(key, key), r.attribution)].append(r)
    rows = []
    for (key, attribution), parts in merged.items():
        speaker = named.get(key, parts[0].speaker) if attribution == NAMED else \
            (parts[0].speaker if attribution != NONE else UNATTRIBUTED)
        rows.append(Source(speaker, sum(p.quotes for p in parts),
                           len(frozenset().union(*(p.articles for p in parts))),
                           attribution == NAMED))
    rows.sort(key=lambda r: (-r.quotes, -r.articles, r.speaker.casefold()))
    return rows


def report(store: AnnotationStore, kind: str) -> list[TagFrequency] | list[Cooccurrence] \
        | list[Source]:
    """The report ``kind`` of the library, after analysing and indexing what is pending."""
    from lectern.core.library.quote_index import bring_up_to_date

    if kind not in KINDS:
        raise LecternError(f"There is no report “{kind}”: choose {', '.join(KINDS)}.")
    bring_up_to_date(store)
    if kind == "tags":
        return tag_frequencies(store)
    if kind == "cooccurrence":
        return cooccurrence(store)
    return sources(store)


def cells(kind: str, row: TagFrequency | Cooccurrence | Source) -> tuple[object, ...]:
    """The row's values in the order of COLUMNS[kind]."""
    return astuple(row)[:len(COLUMNS[kind])]


def dumps_csv(kind: str, rows: Sequence[TagFrequency | Cooccurrence | Source]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS[kind])
    for row in rows:
        writer.writerow([neutralise_cell(_text(value)) for value in cells(kind, row)])
    return buffer.getvalue()


def write_csv(path: str | os.PathLike[str], kind: str,
              rows: Sequence[TagFrequency | Cooccurrence | Source],
              protected: AppPaths | None) -> str:
    """Write the report to ``path`` (checked, atomically); returns what was written."""
    target = output_target(path, protected)
    atomic_write_bytes(target, dumps_csv(kind, rows).encode("utf-8-sig"))
    return f"{len(rows):,} row{'s' * (len(rows) != 1)} written to {Path(path).name}"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
