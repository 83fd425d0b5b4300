"""The analysis on short news articles written for these tests (tests/fixtures/fresh/).

Each article is a different kind of story (a ferry link, a court ruling, an election, a
football match, company earnings, a wire report); the assertions are what a newsroom user
relies on: people with their roles, money with currency and scale, percentages, dates with
ISO values, quotes with their speakers and subjects that say what a figure measures.
"""

from __future__ import annotations

import pytest
from helpers import FIXTURES as FIXTURE_DIR
from helpers import assert_offsets_valid

from lectern.core.document import Document
from lectern.core.extract import analyze

FIXTURES = FIXTURE_DIR / "fresh"


def _analysis(name: str):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    analysis = analyze(Document.from_text(text))
    assert_offsets_valid(text, analysis)
    return analysis


def _entities(analysis, label: str) -> dict[str, object]:
    return {e.name: e for e in analysis.entities if e.label == label}


def _fact(analysis, text: str):
    return next(f for f in analysis.facts if f.text == text)


def _speakers(analysis) -> list[str | None]:
    return [q.speaker_name for q in analysis.quotes]


def test_ferry_link():
    analysis = _analysis("ferry_link")
    assert "Staff Reporter" not in _entities(analysis, "PERSON")
    lindsay = _entities(analysis, "PERSON")["Morag Lindsay"]
    assert lindsay.role == "authority's chief executive"
    count = _fact(analysis, "About 2,400")
    assert (count.value, count.approx, count.unit) == (2400, True, "passengers")
    money = _fact(analysis, "£1.8 million")
    assert (money.value, money.unit, money.subject) == (1_800_000, "GBP", "Repairs")
    published = _fact(analysis, "June 3, 2024")
    assert (published.value, published.subject) == ("2024-06-03", "published")
    assert _speakers(analysis) == ["Morag Lindsay", "Morag Lindsay"]


def test_court_ruling():
    analysis = _analysis("court_ruling")
    people = _entities(analysis, "PERSON")
    assert people["Eleanor Whitcombe"].role == "Judge"
    assert people["Tomasz Kowalczyk"].role == "lawyer"
    assert people["Gareth Mills"].role == "chief executive"
    orgs = _entities(analysis, "ORG")
    assert {"Calverton Foods", "Reuters", "High Court"} <= set(orgs)
    assert _entities(analysis, "GPE")["Manchester"].mentions[0].text == "MANCHESTER"
    damages = _fact(analysis, "£4.2 million")
    assert (damages.value, damages.unit) == (4_200_000, "GBP")
    assert not damages.subject.startswith("-")  # the dateline's dash is not part of it
    filed = _fact(analysis, "March 2021")
    assert filed.value == "2021-03"
    assert _fact(analysis, "About 140").approx
    assert _speakers(analysis) == [
        "Eleanor Whitcombe",  # "Judge ... said the evidence showed "...""
        "Tomasz Kowalczyk",
        "Tomasz Kowalczyk",  # the next quote of the paragraph goes on with the same speaker
        "Gareth Mills",
    ]


def test_election_result():
    analysis = _analysis("election_result")
    assert "Valdoria" in _entities(analysis, "GPE")  # "the province of Valdoria"
    assert "Green Alliance" in _entities(analysis, "ORG")
    brandt = _entities(analysis, "PERSON")["Sofia Brandt"]  # a given name that is also a city
    assert [m.text for m in brandt.mentions] == ["Sofia Brandt", "Brandt"]
    share = _fact(analysis, "38.5%")
    assert (share.kind, share.value, share.unit) == ("percent", 38.5, "%")
    assert _fact(analysis, "61.3 percent").subject == "Turnout"
    assert _fact(analysis, "34%").subject == _fact(analysis, "27 percent").subject
    voters = _fact(analysis, "Nearly 1.2 million")
    assert (voters.value, voters.approx, voters.unit) == (1_200_000, True, "people")
    assert _speakers(analysis) == ["Sofia Brandt", "Sofia Brandt"]


def test_football_match():
    analysis = _analysis("football_match")
    orgs = _entities(analysis, "ORG")
    assert {"Harbour City", "Riverside Rovers", "Northgate Athletic"} <= set(orgs)
    assert "Kingsmead Stadium" in _entities(analysis, "LOC")
    assert _entities(analysis, "PERSON")["Helen Drummond"].role == "City manager"
    assert not [f for f in analysis.facts if f.text == "3"]  # "3-2" is a score, not a count
    crowd = _fact(analysis, "41,250")
    assert (crowd.subject, crowd.unit) == ("crowd", None)
    assert _fact(analysis, "20 metres").unit == "m"
    assert _speakers(analysis) == ["Daniel Okafor", "Daniel Okafor", "Helen Drummond"]


def test_earnings_report():
    analysis = _analysis("earnings_report")
    assert "Frankfurt" in _entities(analysis, "GPE")
    assert "Azernews" in _entities(analysis, "ORG")  # "..., Azernews reports."
    cfo = _entities(analysis, "PERSON")["Ingrid Halvorsen"]
    assert cfo.role == "Chief Financial Officer"
    profit = _fact(analysis, "€2.3bn")
    assert (profit.value, profit.unit, profit.subject, profit.date) == (
        2_300_000_000,
        "EUR",
        "net profit",
        "2024-Q3",
    )
    assert _fact(analysis, "18%").subject == "net profit"  # "..., up 18% from a year earlier"
    revenue = _fact(analysis, "€41.7 billion")
    assert (revenue.value, revenue.subject) == (41_700_000_000, "Revenue")
    yen = _fact(analysis, "¥96 billion")
    assert (yen.value, yen.unit) == (96_000_000_000, "JPY")
    assert _fact(analysis, "$1.1bn").unit == "USD"
    assert _fact(analysis, "412,000").subject == "deliveries of its electric models"
    assert _fact(analysis, "8%").subject == _fact(analysis, "9%").subject
    assert _fact(analysis, "fiscal 2024").value == "2024"
    assert _fact(analysis, "Oct. 24, 2024").subject == "published"
    assert _speakers(analysis) == ["Ingrid Halvorsen"]


def test_agency_wire():
    analysis = _analysis("agency_wire")
    assert "Odessa" in _entities(analysis, "GPE")
    assert "Xinhua" in _entities(analysis, "ORG")
    assert _entities(analysis, "PERSON")["Andriy Melnyk"].role == "Union spokesman"
    ships = _fact(analysis, "at least 15")
    assert (ships.value, ships.approx, ships.unit) == (15, True, "ships")
    assert _fact(analysis, "$20 million").unit == "USD"
    # the quote that opens the next paragraph continues Melnyk's
    assert _speakers(analysis) == ["Andriy Melnyk", "Andriy Melnyk"]


# General patterns, each on several sentences.

APPROXIMATORS = ["About", "Around", "Nearly", "Some", "More than", "Almost", "Roughly"]
APPROXIMATORS += ["Over", "Up to", "Fewer than", "At least", "Approximately"]


@pytest.mark.parametrize("word", APPROXIMATORS)
@pytest.mark.parametrize("before", ["", "The pier closed. ", "Ferry news\n\n"])
def test_an_approximator_opening_a_sentence_or_paragraph_is_part_of_the_figure(word, before):
    text = f"{before}{word} 2,400 passengers used the ferry."
    (entity,) = [e for e in analyze(Document.from_text(text)).entities if e.label == "CARDINAL"]
    assert entity.approx and entity.mentions[0].text == f"{word} 2,400"


@pytest.mark.parametrize(
    "sentence",
    [
        "Repairs cost £1.8 million, according to the council's finance director, Ann Lee.",
        "Repairs cost £1.8 million, officials said.",
        "Repairs cost £1.8 million, the council said on Monday.",
        "According to the council, repairs cost £1.8 million.",
    ],
)
def test_an_attribution_is_never_the_subject(sentence):
    (fact,) = analyze(Document.from_text(sentence)).facts
    assert fact.subject.lower() == "repairs"


def test_an_unattributed_quote_after_another_speaker_is_named_stays_unattributed():
    text = (
        '"We will rebuild the pier," Lindsay said. Harbour master Tom Reid disagreed.\n\n'
        '"Nobody has asked the fishermen what they need."'
    )
    assert _speakers(analyze(Document.from_text(text))) == ["Lindsay", None]


def test_a_standalone_unattributed_quote_has_no_speaker():
    text = 'The ferry sails again today.\n\n"Nobody has asked the fishermen what they need."'
    assert _speakers(analyze(Document.from_text(text))) == [None]


def test_an_outlet_that_is_a_persons_surname_stays_a_person():
    text = "Anna Vasquez chaired the meeting. The plan was approved, Vasquez reported."
    analysis = analyze(Document.from_text(text))
    assert "Vasquez" not in _entities(analysis, "ORG")
