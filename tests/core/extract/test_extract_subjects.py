"""Fact subjects and the general name patterns, on sentences written for these tests."""

from __future__ import annotations

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze


def _facts(text: str) -> dict[str, object]:
    return {f.text: f for f in analyze(Document.from_text(text)).facts}


def _labels(text: str) -> dict[str, str]:
    analysis = analyze(Document.from_text(text))
    return {m.text: e.label for e in analysis.entities for m in e.mentions}


def test_a_count_that_opens_the_sentence_is_about_the_noun_after_it():
    facts = _facts("Nearly 800 volunteer firefighters have joined rescue teams since March 2020.")
    assert facts["Nearly 800"].subject == "volunteer firefighters have joined rescue teams"


def test_a_count_after_its_verb_names_what_it_counts():
    facts = _facts("The bakery chains now employ about 450 people in the valley.")
    assert facts["about 450"].subject == "bakery chains employ people"


def test_a_speakers_stance_is_not_part_of_the_subject():
    facts = _facts('"We expect the number of night trains to triple by 2030," the operator said.')
    assert facts["2030"].subject == "number of night trains to triple"


def test_a_share_of_it_names_what_the_sentence_named_before():
    facts = _facts(
        "The city set up a housing fund of $20 million, with about 30% of it kept for repairs."
    )
    assert facts["about 30%"].subject.endswith("housing fund kept for repairs")


def test_a_figure_said_years_earlier_takes_the_earlier_year():
    facts = _facts("Fares reached $9 million in 2022, up from $6 million three years earlier.")
    assert facts["$9 million"].date == "2022"
    assert facts["$6 million"].date == "2019"


def test_subjects_stay_short():
    sentence = (
        "About 70 engineers from the northern provinces and the coastal towns of the old "
        "kingdom and its many islands and harbours joined the project."
    )
    subject = _facts(sentence)["About 70"].subject
    assert len(subject.split()) <= 12 and subject.split()[-1] not in ("of", "and", "the")


def test_countries_beside_a_score_are_teams_and_places_stay_places():
    labels = _labels("Group B: Norway 2 – 1 Chile. Norway pressed early and Chile answered late.")
    assert labels["Chile"] == labels["Norway"] == "ORG"
    analysis = analyze(Document.from_text("Fans flew to Oslo in Norway after Norway 2 – 1 Chile"))
    norway = {e.label for e in analysis.entities if e.name == "Norway"}
    assert norway == {"ORG", "GPE"}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Reporters from Harbour News asked the council about it.", "Harbour News", "ORG"),
        ("The match was played at the Riverside Convention Centre on Friday.",
         "Riverside Convention Centre", "LOC"),
        ("Crowds gathered in East Los Angeles before noon.", "East Los Angeles", "LOC"),
        ("Donations went to the British Red Cross last week.", "British Red Cross", "ORG"),
        ("The Lantern Society of Canada met volunteers on Monday.",
         "Lantern Society of Canada", "ORG"),
    ],
)
def test_general_name_patterns(text, name, label):
    assert _labels(text).get(name) == label


@pytest.mark.parametrize(
    "text",
    [
        "The meeting ended at 14:30 GMT, and a VIP lounge was opened.",
        "Voters rejected the Clean Water Act in a narrow vote.",
        "He wore a Harbour T-shirt to the hearing.",
        "Salt is rich in iodine. Iodine helps children grow, and Iodine is cheap.",
        "Upgrades to Navigator 7 are free. Navigator 7 users can update, and Navigator 8 is next.",
    ],
)
def test_common_words_and_products_are_not_organisations(text):
    labels = _labels(text)
    assert "ORG" not in labels.values(), labels


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("The union, led by Anna Berg, wants wages raised by 6 percent next year.", "6 percent",
     "union wants wages"),
    ("The Greens, headed by a former judge, want the deficit held below 3 percent of gross "
     "domestic product.", "3 percent", "Greens want the deficit held"),
    ("Debt reached 90 percent of GDP in 2025.", "90 percent", "Debt"),
    ("The deficit rose to 4.1% of gross domestic product.", "4.1%", "deficit"),
])
def test_who_heads_the_subject_and_what_a_share_is_of_are_not_what_is_measured(
        text, figure, subject):
    assert _facts(text)[figure].subject == subject


@pytest.mark.parametrize(("text", "figure", "subject", "unit"), [
    ("The 1.2 billion euro project, backed by the Nordic Investment Bank, was due in 2030.",
     "1.2 billion euro", "project", "EUR"),
    ("The bank lent the $5 million to the city.", "$5 million", "bank lent", "USD"),
    ("The plan would cost 18 million soles over four years.", "18 million soles", "plan",
     "PEN"),
])
def test_an_amount_after_the_is_of_the_noun_it_opens(text, figure, subject, unit):
    fact = _facts(text)[figure]
    assert (fact.subject, fact.unit) == (subject, unit)
