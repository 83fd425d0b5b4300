"""Which entity mention, fact or quote lies under a core offset: built off the GUI thread.

Plain Python (no Qt) so the analysis worker can build it beside the Analysis and a
10 MB article's 300,000 mentions are sorted without stalling the GUI.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lectern.core.readouts.selection import SelectionKind

if TYPE_CHECKING:
    from lectern.core.extract.model import Analysis

Hit = tuple[SelectionKind, str, int | None]  # kind, id, mention index (entities only)


@dataclass
class _SpanTable:
    """Sorted, non-overlapping-enough spans with a payload, searched by bisect."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    payload: list[tuple[str, int | None]] = field(default_factory=list)

    @classmethod
    def build(cls, rows: list[tuple[int, int, str, int | None]]) -> _SpanTable:
        rows.sort(key=lambda row: (row[0], row[1]))
        return cls([r[0] for r in rows], [r[1] for r in rows], [(r[2], r[3]) for r in rows])

    def at(self, offset: int) -> tuple[str, int | None] | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        # Look back a little: a longer span may start before a shorter one that ends early.
        for i in range(index, max(index - 4, -1), -1):
            if self.starts[i] <= offset < self.ends[i]:
                return self.payload[i]
        return None


class AnalysisIndex:
    """Hit-testing for the article: facts win over mentions, mentions over quotes."""

    def __init__(self, analysis: Analysis) -> None:
        self.facts = _SpanTable.build([(f.start, f.end, f.id, None) for f in analysis.facts])
        self.mentions = _SpanTable.build([
            (m.start, m.end, e.id, i) for e in analysis.entities
            for i, m in enumerate(e.mentions)])
        self.quotes = _SpanTable.build([(q.start, q.end, q.id, None) for q in analysis.quotes])
        self.mention_counts = {e.id: len(e.mentions) for e in analysis.entities}

    def hit(self, offset: int, hidden: frozenset[str] = frozenset()) -> Hit | None:
        """The item under ``offset``; ``hidden`` entity ids are skipped."""
        found = self.facts.at(offset)
        if found:
            return (SelectionKind.FACT, found[0], None)
        found = self.mentions.at(offset)
        if found and found[0] not in hidden:
            return (SelectionKind.ENTITY, found[0], found[1])
        found = self.quotes.at(offset)
        if found:
            return (SelectionKind.QUOTE, found[0], None)
        return None
