"""The Facts table as people read it, its sort orders and its CSV: one place for the panel
and for any export of facts."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.extract.model import Fact, FactKind
from lectern.core.output_paths import output_target
from lectern.core.paths import AppPaths
from lectern.core.readouts.fact_format import format_date, format_fact_value

HEADERS = ("What", "Value", "Date", "≈")
WHAT, VALUE, DATE, APPROX = range(len(HEADERS))
CSV_FIELDS = ("id", "kind", "subject", "value", "unit", "value_text", "date", "approx",
              "evidence", "start", "end", "sentence")
Cells = tuple[str, str, str, str]


def display_rows(facts: Sequence[Fact]) -> list[Cells]:
    """Each fact's cells; a date's value is its date, shown once in the Date column."""
    return [(fact.subject, "" if fact.kind == FactKind.DATE else format_fact_value(fact),
             format_date(fact.date), "≈" if fact.approx else "") for fact in facts]


def sort_key(column: int) -> Callable[[Fact], tuple[Any, ...]]:
    """How a column sorts: values by kind and unit first, dates undated last."""
    def key(fact: Fact) -> tuple[Any, ...]:
        if column == VALUE:
            numeric = isinstance(fact.value, int | float)
            return (fact.kind, fact.unit or "", fact.value if numeric else 0, str(fact.value))
        if column == DATE:
            return (fact.date is None, (fact.date or "").lstrip("-"))
        if column == APPROX:
            return (not fact.approx,)
        return (fact.subject.casefold(),)
    return key


def sentence_of(text: str, fact: Fact) -> str:
    """The sentence a fact stands in, on one line."""
    return " ".join(text[fact.sentence.start:fact.sentence.end].split())


def facts_csv(facts: Sequence[Fact], text: str) -> str:
    """Every fact, in the given order, with raw and formatted values and its sentence."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for f in facts:
        writer.writerow([f.id, f.kind, f.subject, f.value, f.unit or "", format_fact_value(f),
                         f.date or "", "yes" if f.approx else "", f.text, f.start, f.end,
                         sentence_of(text, f)])
    return out.getvalue()


def save_facts_csv(path: str | os.PathLike[str], facts: Sequence[Fact], text: str, *,
                   protected: AppPaths | None, article: str | os.PathLike[str] | None
                   ) -> Path:
    """Write ``facts`` as CSV (UTF-8 with the mark spreadsheets look for) to ``path``,
    whole or not at all; never over the article or into Lectern's own folders."""
    target = output_target(path, protected, article)
    atomic_write_bytes(target, b"\xef\xbb\xbf" + facts_csv(facts, text).encode("utf-8"))
    return target
