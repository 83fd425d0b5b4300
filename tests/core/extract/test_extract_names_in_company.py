"""Table tests for names told by the company they keep (third round of unseen classes): an
unknown name listed with known places is a place, in every mention, while a list of
organisations does not make its unknown member a place; and a one-word name is one thing in
every mention, whatever a single mention's cue says. Every example is ours."""

from __future__ import annotations

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze


def _labels(text: str) -> dict[str, str]:
    analysis = analyze(Document.from_text(text))
    return {m.text: ("LOC" if e.label == "GPE" else str(e.label))
            for e in analysis.entities for m in e.mentions}


def _check(text: str, expected: dict[str, str | None]) -> None:
    """Each name's label as the scorer reads it (None: no such mention)."""
    found = _labels(text)
    for name, label in expected.items():
        assert found.get(name) == label, (name, found)


LISTS = [
    ("The coastal bus now stops in Oslo, Narvik and Bergen twice a day. Narvik officials "
     "welcomed the change.", {"Oslo": "LOC", "Narvik": "LOC", "Bergen": "LOC"}),
    ("The new line joins Kraków and Tarnów. The Tarnów council approved it.",
     {"Kraków": "LOC", "Tarnów": "LOC"}),
    ("Flights link Vilnius, Šiauliai or Kaunas with Berlin. Passengers from Šiauliai can book "
     "online.", {"Šiauliai": "LOC", "Kaunas": "LOC"}),
    ("| Station | Departs |\n|---|---|\n| Lyon | 08:10 |\n| Annecy | 09:55 |\n\nTrains call at "
     "Lyon, Annecy and Grenoble.", {"Annecy": "LOC", "Grenoble": "LOC"}),
    ("Apple, Zentrix and Google signed the pledge. Zentrix shares rose 4 percent.",
     {"Zentrix": "ORG", "Apple": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_a_name_listed_with_places_is_a_place(text, expected):
    _check(text, expected)


ONE_WORD = [
    ("The Quorvan movement has grown. Former members of Quorvan, who left last year, spoke to "
     "reporters on Monday. Quorvan officials denied the claims. A lawyer for Quorvan said the "
     "group would respond. Leaflets from Quorvan were handed out in the town.",
     {"Quorvan": {"ORG"}}),
    ("Brindle, who won the race, thanked her team. Brindle said the course was hard. Fans "
     "cheered Brindle at the finish.", {"Brindle": {"PERSON"}}),
]


@pytest.mark.parametrize(("text", "expected"), ONE_WORD)
def test_a_one_word_name_is_one_thing_in_every_mention(text, expected):
    analysis = analyze(Document.from_text(text))
    for name, labels in expected.items():
        assert {str(e.label) for e in analysis.entities for m in e.mentions
                if m.text == name} == labels


AND_NAMES = [
    ("Samples went to the Food and Drug Administration for testing.",
     {"Food and Drug Administration": "ORG", "Drug Administration": None}),
    ("The grant came from the Bill and Melinda Gates Foundation last year.",
     {"Bill and Melinda Gates Foundation": "ORG", "Bill": None}),
    ("Officials of the Council for Trade and Development (CTD) met in Riga.",
     {"Council for Trade and Development": "ORG", "CTD": "ORG"}),
    ("The Union of Rationalist Atheists and Agnostics (UAAR) filed the case.",  # Italian order
     {"Union of Rationalist Atheists and Agnostics": "ORG"}),
    ("Apple and Google Foundation staff met. Chile and the Andean Community (CAN) agreed.",
     {"Apple": "ORG", "Google Foundation": "ORG", "Chile": "LOC", "Andean Community": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), AND_NAMES)
def test_an_organisation_s_name_may_hold_an_and(text, expected):
    _check(text, expected)


OF_A_PLACE = [
    ("Mira Patel of India was named best director.", {"Mira Patel": "PERSON", "India": "LOC"}),
    ("The prize went to Jonas Berg of Norway on Friday.",
     {"Jonas Berg": "PERSON", "Norway": "LOC", "Jonas Berg of Norway": None}),
    ("The Bank of India raised rates and the Church of England met.",
     {"Bank of India": "ORG", "Church of England": "ORG"}),
    ("Officials from the Republic of Korea met fishermen from the Gulf of Mexico.",
     {"Republic of Korea": "LOC", "Gulf of Mexico": "LOC"}),
]


@pytest.mark.parametrize(("text", "expected"), OF_A_PLACE)
def test_a_person_of_a_country_is_a_person_and_a_place(text, expected):
    _check(text, expected)


WORKPLACES = [
    ('"It is a good start," said Ana Horvat, head of passenger services at Dravska Pruga. '
     "Trains run by Dravska Pruga will stop in Celje.", {"Dravska Pruga": "ORG"}),
    ("Tomas Reyes, an analyst at Brightwater Partners, expects more cuts.",
     {"Brightwater Partners": "ORG", "Tomas Reyes": "PERSON"}),
    ("She has been a researcher at Kellerton since 2019. Kellerton opened a new lab.",
     {"Kellerton": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), WORKPLACES)
def test_where_someone_works_is_an_organisation(text, expected):
    _check(text, expected)


KINDS_AND_LISTS = [
    ("Growers draw water from the Vilcanota river in the dry months.", {"Vilcanota": "LOC"}),
    ("Boats cross the Tanavar strait daily; the Tanavar strait is narrow.", {"Tanavar": "LOC"}),
    ("Critics at Red Agua, a network of rural water committees, objected.", {"Red Agua": "ORG"}),
    ("Ernesto Huamán, a spokesman for Campo Vivo, said members would appeal.",
     {"Campo Vivo": "ORG", "Ernesto Huamán": "PERSON"}),
    ("Farmers in the Urubamba valley agreed. Smallholders in Calca, Urubamba and Yucay gain "
     "priority access.", {"Calca": "LOC", "Urubamba": "LOC", "Yucay": "LOC"}),
    ("After talks between the State and Homeland Security Departments, visas were granted.",
     {"State": None}),
]


@pytest.mark.parametrize(("text", "expected"), KINDS_AND_LISTS)
def test_kinds_of_places_and_organisations_and_lists_of_settled_places(text, expected):
    _check(text, expected)


def test_a_position_written_before_a_name_is_not_part_of_it():
    analysis = analyze(Document.from_text(
        "Fly-half Ciaran Doyle kicked 14 points. Right-back Tomas Varga was booked. "
        '"We were patient," Doyle said.'))
    names = {e.name for e in analysis.entities if str(e.label) == "PERSON"}
    assert names == {"Ciaran Doyle", "Tomas Varga"}
    assert [q.speaker_name for q in analysis.quotes] == ["Ciaran Doyle"]


@pytest.mark.parametrize(("text", "speaker"), [
    ('"This is a setback, not the end," Tuulepark Meri chief executive Kaarel Tamm said.',
     "Kaarel Tamm"),
    ('"We will not stop," Harbour Board chairman Ines Varga said on Monday.', "Ines Varga"),
    ('"It works," Nadia Orlova told reporters in Baku.', "Nadia Orlova"),
])
def test_a_speaker_named_after_where_they_work_and_their_role(text, speaker):
    (quote,) = analyze(Document.from_text(text)).quotes
    assert quote.speaker_name == speaker


CLAUSES_AND_FIRMS = [
    ("Lithora will build a factory in Penang, the company said on Tuesday. Penang has become "
     "a hub. Penang Skills Development Centre will train staff.",
     {"Penang": "LOC", "Penang Skills Development Centre": "ORG"}),
    ("Analysts at Dekker & Vos expect cuts. Procter & Gamble and Marks & Spencer agreed.",
     {"Dekker & Vos": "ORG", "Procter & Gamble": "ORG", "Marks & Spencer": "ORG", "Vos": None}),
    ("Factories in the Senai free trade zone hired 400 workers. Senai officials said more "
     "would come.", {"Senai": "LOC"}),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES_AND_FIRMS)
def test_said_clauses_firms_with_an_ampersand_and_zones(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "person"), [
    ("Prime Minister-designate Vesna Kranjc said she would try again.", "Vesna Kranjc"),
    ("Officials met President-elect Jonas Berg in Oslo.", "Jonas Berg"),
])
def test_a_title_not_yet_taken_up_is_still_a_title(text, person):
    assert _labels(text).get(person) == "PERSON"


FACILITIES = [
    ("Water poured from the Kessel Dam after the storm.", {"Kessel Dam": "LOC"}),
    ("The leaders met at the Ravelo Sur palace on Friday.", {"Ravelo Sur": "LOC"}),
    ("The firm won a licence for the Ulaan Ovoo deposit in May.", {"Ulaan Ovoo": "LOC"}),
    ("Factories in the Bayan Lepas free industrial zone hired staff.", {"Bayan Lepas": "LOC"}),
    ("The Municipality of Bogliasco asked the court in Genoa.",
     {"Municipality of Bogliasco": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), FACILITIES)
def test_the_x_of_a_kind_of_place_is_a_place(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "name"), [
    ("The Local Government Association said more councils would raise taxes.",
     "Local Government Association"),
    ("The Big Data Institute objected to the plan.", "Big Data Institute"),
])
def test_an_organisation_keeps_the_adjective_that_opens_its_name(text, name):
    assert _labels(text).get(name) == "ORG"


def test_a_name_written_in_lower_case_inside_an_address_is_still_a_name():
    found = _labels("Critics posted on alt.religion.quorvan and quorvan.org. Officials of "
                    "Quorvan denied it, and Quorvan shares fell 3 percent.")
    assert found.get("Quorvan") == "ORG"


@pytest.mark.parametrize(("text", "expected"), [
    ("Hon. Martha Ivi, the member for Goroka, voted against. The MP for Kerema agreed.",
     {"Goroka": "LOC", "Kerema": "LOC", "Martha Ivi": "PERSON"}),
    ("| Carrier | Base |\n|---|---|\n| Himalaya Jet | Nepal |\n\nHimalaya Jet is small.",
     {"Himalaya Jet": "ORG"}),
])
def test_constituencies_and_carriers(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(("text", "person", "role"), [
    ("He thanked his family and his lawyer, Miroslav Kanta.", "Miroslav Kanta", "lawyer"),
    ("The court acquitted former Košice mayor Rudolf Hanák.", "Rudolf Hanák",
     "former Košice mayor"),
    ("Troops were led by retired general Anna Berg.", "Anna Berg", "retired general"),
])
def test_a_role_before_a_name_stops_at_a_clause_s_words(text, person, role):
    (entity,) = [e for e in analyze(Document.from_text(text)).entities if e.name == person]
    assert entity.role == role


def test_a_name_that_ends_in_a_country_is_an_organisation():
    found = _labels("Transparency International Slovakia said witnesses need protection.")
    assert found.get("Transparency International Slovakia") == "ORG"


def test_occupations_are_roles_too():
    analysis = analyze(Document.from_text(
        "The witness, businessman Peter Ondrejka, recanted. Architect Lena Varga objected."))
    roles = {e.name: e.role for e in analysis.entities if str(e.label) == "PERSON"}
    assert roles == {"Peter Ondrejka": "businessman", "Lena Varga": "Architect"}


@pytest.mark.parametrize(("text", "groups"), [
    ("Tavoy Copper won a licence. Tavoy said it would start in May.",
     {"Tavoy Copper": ["Tavoy Copper", "Tavoy"]}),
    ("Blackburn Rovers won on Sunday. The win put Rovers top, and fans of Rovers sang.",
     {"Blackburn Rovers": ["Blackburn Rovers", "Rovers", "Rovers"]}),
    ("Sheffield United lost to Newcastle United. Fans of Sheffield United left early.",
     {"Sheffield United": ["Sheffield United", "Sheffield United"],
      "Newcastle United": ["Newcastle United"]}),
])
def test_an_organisation_named_by_one_of_its_words_is_one_entity(text, groups):
    entities = analyze(Document.from_text(text)).entities
    found = {e.name: [m.text for m in e.mentions] for e in entities if str(e.label) == "ORG"}
    assert found == groups
