"""Table tests for the classes of fact error found on unseen news (second round): each row is
a sentence we wrote, the figure or date in it and what the fact must say."""

from __future__ import annotations

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze


def _facts(text: str) -> dict[str, object]:
    return {f.text: f for f in analyze(Document.from_text(text)).facts}


# J. A month named alone is a date of the article's year: the coming one after words of the
#    future, the last one after a verb in the past, else the nearest.
@pytest.mark.parametrize(
    ("text", "figure", "iso"),
    [
        ("LUSAKA, Sept. 12, 2024 - Fuel prices will rise from October.", "October", "2024-10"),
        ("LUSAKA, Sept. 12, 2024 - Demand peaked in August.", "August", "2024-08"),
        ("LUSAKA, Nov. 4, 2024 - New fares are due in February.", "February", "2025-02"),
        ("LUSAKA, Feb. 4, 2024 - Sales slowed in December.", "December", "2023-12"),
        ("LUSAKA, June 3, 2024 - The vote is in July, officials said.", "July", "2024-07"),
    ],
)
def test_a_month_alone_takes_the_year_of_the_article(text, figure, iso):
    assert _facts(text)[figure].value == iso


@pytest.mark.parametrize("text", ["May I ask a question?", "Marchers set off at noon."])
def test_a_month_word_without_a_lead_word_is_no_date(text):
    assert not any(f.kind == "date" for f in _facts(text).values())


# K. A currency word several countries use takes the code of the article's country.
@pytest.mark.parametrize(
    ("text", "figure", "code"),
    [
        ("The Norwegian yard will save 900 million crowns.", "900 million crowns", "NOK"),
        ("Danish brewers paid 40 million crowns in tax.", "40 million crowns", "DKK"),
        ("Uganda raised 3 billion shillings from the sale.", "3 billion shillings", "UGX"),
        ("The Chilean miner lost 12 billion pesos.", "12 billion pesos", "CLP"),
        ("The fine was 20 million crowns.", "20 million crowns", "SEK"),
        ("Growers in Brazil earned 8 billion reais.", "8 billion reais", "BRL"),
    ],
)
def test_a_shared_currency_word_takes_the_articles_country(text, figure, code):
    fact = _facts(text)[figure]
    assert (fact.kind, fact.unit) == ("money", code)


# L. One fact per value per sentence: a figure said twice in a sentence is one claim; the
#    dateline's date stays apart from the day of the event.
def test_a_figure_said_twice_in_a_sentence_is_one_fact():
    facts = analyze(Document.from_text(
        "The index rose 3% on Monday, a 3% gain that surprised traders.")).facts
    assert [f.text for f in facts if f.kind == "percent"] == ["3%"]


def test_the_datelines_date_and_the_events_day_are_two_facts():
    facts = analyze(Document.from_text(
        "HARARE, March 7, 2024 - The board met on Thursday.")).facts
    assert [f.text for f in facts if f.kind == "date"] == ["March 7, 2024", "Thursday"]


# M. A fact's subject names what is measured or what happened, wherever the sentence puts it.
SUBJECTS = [
    # a relative clause carries the subject: the noun it describes is kept
    ("Observers found an asteroid that will pass within 3 million kilometres of Earth.",
     "3 million kilometres", "asteroid that will pass within"),
    # money spent on something is said of that thing
    ("The utility will spend 300 million euros on a new grid.", "300 million euros",
     "utility will spend on new grid"),
    ("The agency took $2.1 million from the relief fund.", "$2.1 million",
     "agency took from relief fund"),
    # an amount in apposition belongs to the noun before it
    ("The contract, worth 45 million dollars, runs to 2030.", "45 million dollars", "contract"),
    # what a quantity or a share is of
    ("The smelter will produce 40,000 tonnes of zinc a year.", "40,000 tonnes",
     "smelter will produce zinc"),
    ("Coffee made up 60% of Uganda's exports.", "60%", "Coffee made of exports"),
    ("The plant will cut 900 jobs, about 8% of its staff.", "about 8%", "staff"),
    ("The drug costs less than $3 a dose.", "less than $3", "drug per dose"),
    # a date between the subject and its verb: the verb and its object are the event
    ("HANOI, May 2, 2024 - The cabinet on Thursday approved the new budget.", "Thursday",
     "cabinet approved the new budget"),
    # a date after a verb of saying dates the saying
    ("HANOI, May 2, 2024 - The ministry, the country's tax authority, said on Thursday it "
     "would act.", "Thursday", "said"),
    # a date at the end of a long clause keeps its verb, not where it happened
    ("HANOI, May 2, 2024 - Coastguards stopped a fishing boat carrying 2 tonnes of fuel near "
     "the island of Phu Quoc on Thursday.", "Thursday",
     "Coastguards stopped a fishing boat carrying 2 tonnes of fuel"),
    # a count keeps its modifiers: new asteroids are what was catalogued
    ("The survey has catalogued 640 new comets since 2020.", "640",
     "survey has catalogued new comets"),
]


@pytest.mark.parametrize(("text", "figure", "subject"), SUBJECTS)
def test_a_subject_names_what_is_measured_or_happened(text, figure, subject):
    assert _facts(text)[figure].subject == subject


# N. A date said without its year takes the article's year; a fraction and a headline's
#    figure told again in the body are no facts of their own.
def test_a_day_without_a_year_takes_the_articles_year():
    facts = _facts("DHAKA, Nov. 20, 2024 - The dam was first seen cracking on October 3.")
    assert facts["October 3"].value == "2024-10-03"


def test_fractions_and_repeated_headline_figures_are_no_facts():
    facts = _facts("Bus Fares Rise 6%\n\nFares rose 6% in March, and about two-thirds of it "
                   "went to wages.")
    assert [f.text for f in facts.values() if f.kind != "date"] == ["6%"]
    assert facts["6%"].start > 20


# O. A number that counts nothing named is a score or a tally, not a fact, unless a noun and
#    "of" or a label stand before it.
@pytest.mark.parametrize(
    ("text", "figure", "is_fact"),
    [
        ("Opener Kasun Mendis made 87 before lunch.", "87", False),
        ("The visitors were all out for 163 on the second day.", "163", False),
        ("A crowd of 38,400 watched the final.", "38,400", True),
        ("Cars sold: 12,900\n", "12,900", True),
        ("The mill employs 640 people.", "640", True),
    ],
)
def test_a_number_that_counts_nothing_named_is_no_fact(text, figure, is_fact):
    assert (figure in _facts(text)) is is_fact


# P. A date after "since" starts a period: it is a dated claim of its own, but the figures of
#    its sentence are not of that date.
@pytest.mark.parametrize(
    ("text", "figure", "date"),
    [
        ("Voters handed the Green Alliance 38.5% of the vote on Sunday, its best result since "
         "2009.", "38.5%", None),
        ("The mine has produced 212 tonnes of copper since March 2019.", "212 tonnes", None),
        ("The mine produced 212 tonnes of copper in 2019.", "212 tonnes", "2019"),
        ("Prices have risen 6% since 2020, and rose 2% in 2023.", "2%", "2023"),
    ],
)
def test_a_date_after_since_dates_no_figure(text, figure, date):
    assert _facts(text)[figure].date == date
