"""Table tests for the classes of error seen on unseen news: each row is a worked example,
an article or sentence we wrote, with the names it must and must not yield."""

from __future__ import annotations

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze
from lectern.core.extract.headlines import is_headline


def _mentions(text: str) -> dict[str, str]:
    """Each mention's text -> its label (GPE counted as LOC, as the scorer does)."""
    analysis = analyze(Document.from_text(text))
    return {m.text: ("LOC" if e.label == "GPE" else str(e.label))
            for e in analysis.entities for m in e.mentions}


def _check(text: str, expected: dict[str, str | None]) -> None:
    found = _mentions(text)
    for name, label in expected.items():
        assert found.get(name) == label, (name, found)


# 1. Headlines in Title Case or capitals are judged word by word against the body.
HEADLINES = [
    (
        "Mines Ministry Signs Pact With Orvell Zinc of Peru\n\n"
        "The Mines Ministry said on Monday that Orvell Zinc would build a smelter. Orvell said "
        "work would start in May.",
        {"Mines Ministry": "ORG", "Orvell Zinc": "ORG", "Peru": "LOC",
         "Mines Ministry Signs Pact With Orvell Zinc of Peru": None, "Signs": None},
    ),
    (
        "Drought Will Not Delay Harvest, Farmers Say\n\nFarmers in Kenya expect rain soon.",
        {"Drought Will Not Delay Harvest": None, "Farmers Say": None, "Kenya": "LOC"},
    ),
    (
        "GRAIN DELIVERIES FALL IN UKRAINE\n\nDeliveries from Ukraine fell in March.",
        {"GRAIN DELIVERIES": None, "UKRAINE": "LOC"},
    ),
    (
        "Harlow Beats Record as Moreno Scores Twice\n\n"
        "Striker Ana Moreno scored twice for Harlow Athletic. Moreno said it was her best day.",
        {"Moreno": "PERSON", "Harlow Beats Record": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_headline_words_are_judged_against_the_body(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Mines Ministry Signs Pact With Orvell Zinc of Peru", True),
        ("GRAIN DELIVERIES FALL IN UKRAINE", True),
        ("Chilean telescope spots a comet heading inwards", False),
        ("By Amelia Hart, Local Government Correspondent", False),
        ("Group F — Sweden 1 – 0 Korea Republic", False),
        ("Results: Leinster 31 Munster 17.", False),
        ("Norwich 0 Leeds 2", False),
    ],
)
def test_what_counts_as_a_headline(line, headline):
    assert is_headline(line) is headline


# 3. Organisations named by a name alone: by their first word, by a kind noun, by their suffix.
ORGANISATIONS = [
    ("Tavoy Copper won the licence. Tavoy said it would invest.",
     {"Tavoy Copper": "ORG", "Tavoy": "ORG"}),
    ("The union Fellesforbundet said it would fight the closure.", {"Fellesforbundet": "ORG"}),
    ("Residents' group Quiet Skies Lakeside raised money.", {"Quiet Skies Lakeside": "ORG"}),
    ("Lumen Dairies, a cooperative, opened a plant.", {"Lumen Dairies": "ORG"}),
    ("Norvik Group will cut jobs. Shares in Norvik fell.",
     {"Norvik Group": "ORG", "Norvik": "ORG"}),
    ("Hanseatic Shipyards Holdings delayed orders.", {"Hanseatic Shipyards Holdings": "ORG"}),
    ("Marta Lindqvist said the fares would fall. Lindqvist added that routes would stay.",
     {"Marta Lindqvist": "PERSON", "Lindqvist": "PERSON"}),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS)
def test_organisations_named_by_a_name_alone(text, expected):
    _check(text, expected)


# 3-4. Clubs named after a place are organisations in results lines, fixtures and reports.
TEAMS = [
    ("Results: Bolton 2 Everton 1; Wigan 0 Burnley 3.",
     {"Bolton": "ORG", "Everton": "ORG", "Wigan": "ORG", "Burnley": "ORG"}),
    ("Next round: Hull v Sunderland; Leeds vs Coventry.",
     {"Hull": "ORG", "Sunderland": "ORG", "Leeds": "ORG", "Coventry": "ORG"}),
    ("Sri Lanka beat New Zealand by 47 runs in Colombo.",
     {"Sri Lanka": "ORG", "New Zealand": "ORG", "Colombo": "LOC"}),
    ("Leinster 31 Munster 17. Fans in Dublin cheered as Leinster stayed top.",
     {"Leinster": "ORG", "Munster": "ORG", "Dublin": "LOC"}),
]


@pytest.mark.parametrize(("text", "expected"), TEAMS)
def test_clubs_in_results_and_fixtures(text, expected):
    _check(text, expected)


def _people(text: str) -> dict[str, tuple[str, str | None]]:
    analysis = analyze(Document.from_text(text))
    return {m.text: (str(e.label), e.role) for e in analysis.entities for m in e.mentions}


# 2. Titles and honorifics stand before a name; they are the role, never the name or an ORG.
TITLES = [
    ("Mines Minister Bolor Ganbaatar told reporters.",
     {"Bolor Ganbaatar": ("PERSON", "Mines Minister")}),
    ("Company President Jan-Willem de Ruiter spoke first.",
     {"Jan-Willem de Ruiter": ("PERSON", "Company President")}),
    ("The plan was backed by Energy Cabinet Secretary Davis Chirchir on Monday.",
     {"Davis Chirchir": ("PERSON", "Energy Cabinet Secretary")}),
    ("Chief Executive Martin Okonkwo said the company had drilled.",
     {"Martin Okonkwo": ("PERSON", "Chief Executive")}),
    ("Land Reform Minister Hon. Erastus Nghipandulwa told the house.",
     {"Erastus Nghipandulwa": ("PERSON", "Land Reform Minister")}),
    ("Hon. Grace Wanjiru chairs the committee.", {"Grace Wanjiru": ("PERSON", None)}),
    ("It was led by Professor Aminata Traoré of the University of Bamako.",
     {"Aminata Traoré": ("PERSON", "Professor"), "University of Bamako": ("ORG", None)}),
    ("Economist Niamh Gallagher of Liffey Capital said prices rose.",
     {"Niamh Gallagher": ("PERSON", "Economist"), "Liffey Capital": ("ORG", None)}),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles_are_roles_before_a_name(text, expected):
    found = _people(text)
    for name, (label, role) in expected.items():
        assert found.get(name, (None, None))[0] == label, (name, found)
        if label == "PERSON":
            assert found[name][1] == role, (name, found)


def _facts(text: str, published=None) -> dict[str, object]:
    return {f.text: f for f in analyze(Document.from_text(text), published=published).facts}


# 5. Facts people can read: the subject is what is measured; ranges, centuries, relative dates.
SUBJECTS = [
    ("The trade turnover between the two countries totaled $35.1 million in 2021.",
     "$35.1 million", "trade turnover between the two countries"),
    ("The council approved a £412 million budget for 2025 on Wednesday.", "£412 million", "budget"),
    ("The state would hold a 34% stake in the project.", "34%", "stake in the project"),
    ("Homes sold: 47,300\n", "47,300", "Homes sold"),
    ("Diplomatic relations were established on 27 November 1992.", "27 November 1992",
     "Diplomatic relations established"),
    ("He admitted 11 counts of fraud at an earlier hearing.", "11", "admitted counts of fraud"),
]


@pytest.mark.parametrize(("text", "figure", "subject"), SUBJECTS)
def test_a_fact_subject_names_what_is_measured(text, figure, subject):
    assert _facts(text)[figure].subject == subject


@pytest.mark.parametrize(("text", "figure", "unit"), [
    ("About 1,200 Georgian students took part.", "About 1,200", "students"),
    ("Nearly 300 Chinese tourists were stranded.", "Nearly 300", "tourists"),
    ("The plant employs 1,140 factory workers.", "1,140", "workers"),
    ("The firms employ around 300 people in the city.", "around 300", "people"),
    ("He admitted 11 counts of fraud.", "11", "counts"),
])
def test_a_count_takes_what_it_counts_past_a_nationality(text, figure, unit):
    assert _facts(text)[figure].unit == unit


def test_a_range_is_one_fact_valued_at_its_low_end():
    facts = _facts("The harvest is expected to rise by 1 to 1.5 million tons this year.")
    fact = facts["1 to 1.5 million tons"]
    assert (fact.kind, fact.value, fact.unit) == ("quantity", 1_000_000, "t")
    assert len(facts) == 1


def test_the_21st_century_is_a_century_not_a_count():
    from lectern.core.readouts.fact_format import format_date

    fact = _facts("It has been a top exporter for most of the 21st century.")["the 21st century"]
    assert (fact.kind, fact.value) == ("date", "20")
    assert format_date(fact.value) == "21st century"


@pytest.mark.parametrize(
    ("text", "figure", "iso"),
    [
        ("MADRID, March 7, 2024 - Nurses walked out on Thursday.", "Thursday", "2024-03-07"),
        ("MADRID, March 7, 2024 - A second stoppage is planned for Monday.", "Monday",
         "2024-03-11"),
        ("MADRID, March 7, 2024 - Officials said yesterday that talks failed.", "yesterday",
         "2024-03-06"),
        ("ASTANA, June 18, 2024 - The harvest is expected to grow, the ministry said on Tuesday.",
         "Tuesday", "2024-06-18"),
    ],
)
def test_relative_dates_resolve_against_the_dateline(text, figure, iso):
    assert _facts(text)[figure].value == iso


def test_relative_dates_resolve_against_a_given_publication_date():
    import datetime

    facts = _facts("The museum opened on Thursday.", published=datetime.date(2024, 5, 16))
    assert facts["Thursday"].value == "2024-05-16"
    assert "Thursday" not in _facts("The museum opened on Thursday.")  # no date, no guess


# 4. Results tables, lists and Markdown tables are not facts.
@pytest.mark.parametrize(
    "text",
    [
        "| Pos | Team | Pts |\n|-----|------|-----|\n| 1 | Sunderland | 61 |\n| 2 | Leeds | 58 |\n",
        "Results\n\n• Norwich 0 Leeds 2\n• Hull 1 Stoke 3\n",
        "Top scorers:\n\n1. Dinesh Perera (Sri Lanka) 112\n2. Sam Whitlock (New Zealand) 68\n",
        "Goalkeeper Dimitar Petrov saved two penalties. The ban runs from 11 p.m. to 6 a.m.",
    ],
)
def test_tables_lists_and_scores_are_not_facts(text):
    assert _facts(text) == {}
