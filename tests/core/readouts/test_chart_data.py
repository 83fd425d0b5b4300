"""The chart's data without Qt: events and bars, what their tooltips say, and the captions
an exported chart carries."""

from __future__ import annotations

from datetime import date

import pytest

from lectern.core.extract.model import Fact, Span
from lectern.core.readouts.chart_data import chart_data, export_captions

TEXT = ("Relations were established on May 20, 1992. About 1,200 students have come since "
        "January 2009. Trade reached $48.6 million.")


def fact(fact_id: str, kind: str, subject: str, value, written: str, unit=None,
         approx=False) -> Fact:
    start = TEXT.index(written)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if ". " in TEXT[:start] else 0
    sentence_end = TEXT.index(".", start + len(written) - 1) + 1
    return Fact(fact_id, kind, subject, value, unit, approx, None, start, start + len(written),
                Span(sentence_start, sentence_end), written)


FACTS = [
    fact("d1", "date", "Relations established", "1992-05-20", "May 20, 1992"),
    fact("c1", "count", "students have come", 1200, "About 1,200", "students", approx=True),
    fact("d2", "date", "students have come", "2009-01", "January 2009"),
    fact("m1", "money", "trade", 48_600_000, "$48.6 million", "USD"),
]


# --- tooltips -------------------------------------------------------------------------------
def test_a_marker_tip_gives_the_date_the_fact_in_words_and_its_sentence():
    data = chart_data(FACTS, TEXT)
    first = data.events[0]
    assert first.fact_id == "d1"
    assert first.tip.lines == ["20 May 1992", "Relations established: May 20, 1992",
                               "“Relations were established on May 20, 1992.”"]
    assert data.events[1].tip.heading == "January 2009"


@pytest.mark.parametrize(
    ("fact_id", "lines"),
    [
        ("c1", ["About 1,200", "students have come: ≈ 1,200 students",
                "“About 1,200 students have come since January 2009.”"]),
        ("m1", ["$48.6 million", "trade: $48.6 million", "“Trade reached $48.6 million.”"]),
    ],
)
def test_a_bar_tip_gives_the_value_as_written_what_it_measures_and_the_sentence(
        fact_id, lines):
    data = chart_data(FACTS, TEXT)
    tips = {i: tip for g in data.groups for i, tip in zip(g.fact_ids, g.tips, strict=True)}
    assert tips[fact_id].lines == lines
    assert tips[fact_id].text == "\n".join(lines)


def test_a_tip_without_written_words_falls_back_to_the_formatted_value():
    bare = fact("d3", "date", "", "2009-01", "January 2009")
    bare.text = ""
    (event,) = chart_data([bare], TEXT).events
    assert event.tip.lines[:1] == ["January 2009"]
    assert "" not in event.tip.lines


# --- export captions ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("facts", "source", "subtitle", "source_line"),
    [
        (FACTS, "talks.txt", "Timeline of 2 dated events and 2 figures (counts, money (USD))",
         "Source: talks.txt · Lectern, 1 December 2025"),
        (FACTS[:1], "", "Timeline of 1 dated event", "Lectern, 1 December 2025"),
        (FACTS[3:], "https://example.org/a", "1 figure (money (USD))",
         "Source: https://example.org/a · Lectern, 1 December 2025"),
        ([], "a.txt", "No dated events or figures", "Source: a.txt · Lectern, 1 December 2025"),
    ],
)
def test_export_captions_name_the_article_what_is_shown_and_where_from(
        facts, source, subtitle, source_line):
    captions = export_captions(chart_data(facts, TEXT), "  Georgia and\nEstonia ", source,
                               date(2025, 12, 1))
    assert captions.title == "Georgia and Estonia"
    assert captions.subtitle == subtitle
    assert captions.source == source_line


def test_export_captions_count_what_was_not_drawn_and_name_an_untitled_article():
    undated = fact("d9", "date", "sometime", "--05-20", "May 20, 1992")
    captions = export_captions(chart_data([*FACTS, undated], TEXT), "", "", date(2025, 1, 9))
    assert captions.title == "Untitled article"
    assert captions.subtitle.endswith("; 1 not drawn")
    assert captions.source == "Lectern, 9 January 2025"
