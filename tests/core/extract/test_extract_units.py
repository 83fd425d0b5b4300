"""Normalisation of dates and amounts, grouping, roles and quote attribution on small texts."""

from __future__ import annotations

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze
from lectern.core.extract.dates import find_dates, normalise_date
from lectern.core.extract.numbers import find_amounts, number_value
from lectern.core.extract.sentences import sentence_spans


@pytest.mark.parametrize(
    ("expression", "iso"),
    [
        ("November 27, 1992", "1992-11-27"),
        ("January 2009", "2009-01"),
        ("2021", "2021"),
        ("the 21st century", "20"),
        ("27 May 2015", "2015-05-27"),
        ("Sept. 3, 2001", "2001-09-03"),
        ("March 14", "--03-14"),
        ("the 1990s", "199"),
        ("2004 to 2009", "2004/2009"),
        ("last week", None),
        ("Tuesday", None),
    ],
)
def test_dates_normalise_to_iso(expression, iso):
    assert normalise_date(expression) == iso
    found = list(find_dates(f"It happened {expression}."))
    assert [c.value for c in found] == [iso]


@pytest.mark.parametrize("text", [
    "A survey of 1709 schoolchildren was made.", "Some 2000 people came.",
    "About 1850 women and 1900 men signed.", "It sent 1600 troops.",
])
def test_a_year_like_number_before_what_it_counts_is_no_date(text):
    assert list(find_dates(text)) == []


def test_relative_dates_and_durations_are_found_without_values():
    text = "Last week, nearly two decades of war; the past 30 days and two years ago."
    found = [text[c.start : c.end] for c in find_dates(text)]
    assert found == ["Last week", "nearly two decades", "the past 30 days", "two years ago"]


@pytest.mark.parametrize(
    ("text", "label", "value", "unit", "approx"),
    [
        ("$35.1 million", "MONEY", 35_100_000, "USD", False),
        ("US$ 20,000", "MONEY", 20_000, "USD", False),
        ("€12 million", "MONEY", 12_000_000, "EUR", False),
        ("5 billion euros", "MONEY", 5_000_000_000, "EUR", False),
        ("about 15%", "PERCENT", 15, "%", True),
        ("12.5 percent", "PERCENT", 12.5, "%", False),
        ("about 500 miles", "QUANTITY", 500, "mile", True),
        ("240,000 square meters", "QUANTITY", 240_000, "m2", False),
        ("more than 1,200", "CARDINAL", 1200, None, True),
        ("Around 50", "CARDINAL", 50, None, True),
        ("twenty-five", "CARDINAL", 25, None, False),
    ],
)
def test_amounts_normalise(text, label, value, unit, approx):
    (candidate,) = find_amounts(text)
    assert (candidate.label, candidate.value, candidate.unit, candidate.approx) == (
        label,
        value,
        unit,
        approx,
    )
    assert (candidate.start, candidate.end) == (0, len(text))


@pytest.mark.parametrize("text", ["1.2.3", "$", "35.1.1 million", "COVID-19", "$ million"])
def test_malformed_numbers_give_nothing(text):
    assert list(find_amounts(text)) == []
    assert list(find_dates(text)) == []


def test_number_value_words_and_scales():
    assert number_value("1,200") == 1200
    assert number_value("35.1", " million") == 35_100_000
    assert number_value("seventy-two") == 72
    assert number_value("lots") is None


def test_sentences_respect_abbreviations():
    text = "Mr. Smith met Dr. Jones. They spoke. L. Ron Hubbard left!"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Smith met Dr. Jones.", "They spoke.", "L. Ron Hubbard left!"]


def analysis_of(text: str):
    return analyze(Document.from_text(text))


def test_surnames_and_given_names_group_with_the_full_name():
    analysis = analysis_of(
        "Prime Minister Anna Kowalczyk visited Warsaw on Monday. Later Kowalczyk said the "
        "talks went well. Analysts said Anna had been cautious."
    )
    people = [e for e in analysis.entities if e.label == "PERSON"]
    assert len(people) == 1
    assert [m.text for m in people[0].mentions] == ["Anna Kowalczyk", "Kowalczyk", "Anna"]
    assert people[0].role == "Prime Minister"


def test_country_aliases_are_one_entity():
    analysis = analysis_of("The United States and the U.S. economy. Officials in the US agreed.")
    places = [e for e in analysis.entities if e.label == "GPE"]
    assert len(places) == 1 and places[0].name == "United States"
    assert len(places[0].mentions) == 3


def test_role_from_apposition():
    analysis = analysis_of("Maria Lopez, the company's chief executive, declined to comment.")
    (maria,) = [e for e in analysis.entities if e.label == "PERSON"]
    assert maria.role == "company's chief executive"


def test_hyphenated_nationalities_split():
    text = "Talks on Azerbaijani-Hungarian relations continued."
    labels = [(e.label, e.name) for e in analysis_of(text).entities]
    assert labels == [("NORP", "Azerbaijani"), ("NORP", "Hungarian")]


@pytest.mark.parametrize(
    "text",
    [
        "“We will build it,” said Olga Petrova.",
        '"We will build it," Olga Petrova said.',
        'Olga Petrova said: "We will build it."',
        "“We will build it. It will take time,” Petrova added.",
        '“We will build it, and soon," Olga Petrova told reporters.',
    ],
)
def test_quote_attribution_styles(text):
    if "Petrova added" in text:
        text = "Olga Petrova spoke first. " + text
    analysis = analysis_of(text)
    (quote,) = analysis.quotes
    assert quote.speaker_name == "Olga Petrova"
    assert text[quote.start : quote.end] == quote.text
    assert quote.text[0] in '"“' and quote.text[-1] in '"”'


def test_pronoun_and_role_attribution():
    text = (
        "Finance Minister Olga Petrova met Ambassador Karl Weber. “The budget is ready for "
        "the vote,” she stated. “We support the plan and its goals,” the ambassador stressed."
    )
    analysis = analysis_of(text)
    speakers = [q.speaker_name for q in analysis.quotes]
    assert speakers == ["Karl Weber", "Karl Weber"] or speakers[1] == "Karl Weber"
    assert analysis.quotes[1].speaker_name == "Karl Weber"


def test_scare_quotes_are_not_quotations():
    analysis = analysis_of('The team won a medal for "courageous achievement" on Tuesday.')
    assert analysis.quotes == []
