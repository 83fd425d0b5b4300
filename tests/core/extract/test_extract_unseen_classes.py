"""Table tests for the classes of error found on unseen newswire (second round): each row is a
worked example we wrote, with the names it must and must not yield (None: no such mention)."""

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


# A. Results lines and standings rows: not headlines; each side, however many words, is a club,
#    and so is every other mention of that club that is not plainly a place.
RESULTS = [
    ("Scores on Sunday:\n\nCrewe 2 Bristol Rovers 1\nAston Villa 0 Stockport County 3\n",
     {"Crewe": "ORG", "Bristol Rovers": "ORG", "Aston Villa": "ORG", "Stockport County": "ORG",
      "Bristol": None, "Stockport": None}),
    ("Table after five rounds:\n\nPortsmouth 5 4 1 0 11 3 13\nLuton Wanderers 5 3 1 1 9 6 10\n\n"
     "Portsmouth travel to Luton next week. The win lifted Portsmouth to the top.",
     {"Portsmouth": "ORG", "Luton Wanderers": "ORG"}),
    ("Standings: Olimpia 7 5 2 0 15 6 17, Cerro Porteño 7 4 2 1 12 7 14.",
     {"Olimpia": "ORG", "Cerro Porteño": "ORG"}),
    ("Kanto Rovers 2 Osaka Wednesday 2\n\nFans in Osaka were pleased.",
     {"Kanto Rovers": "ORG", "Osaka Wednesday": "ORG", "Osaka": "LOC", "Wednesday": None}),
    ("Top scorers: Arjen Kuipers 9, Thomas Lindgren 7.",
     {"Arjen Kuipers": "PERSON", "Thomas Lindgren": "PERSON"}),
]


@pytest.mark.parametrize(("text", "expected"), RESULTS)
def test_results_lines_and_tables_name_clubs(text, expected):
    _check(text, expected)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Crewe 2 Bristol Rovers 1", False),
        ("Luton Wanderers 5 3 1 1 9 6 10", False),
        ("Flood in Kerala Kills 12", True),
        ("Mining Group Raises Output Target", True),
    ],
)
def test_a_results_line_is_no_headline(line, headline):
    assert is_headline(line) is headline


# B. A person named with where they work: "X of Y" that speaks is a person and, after "of",
#    an organisation (or a place the gazetteers know), even when the given name is unknown.
AFFILIATIONS = [
    ("Ngozi Eze of Lagoon Securities said yields would fall.",
     {"Ngozi Eze": "PERSON", "Lagoon Securities": "ORG"}),
    ('"Demand is soft," said Tunde Bakare of Okwara.',
     {"Tunde Bakare": "PERSON", "Okwara": "ORG"}),
    ("Prices will rise, according to Soraya Benali of Atlas Meridien in Rabat.",
     {"Soraya Benali": "PERSON", "Atlas Meridien": "ORG", "Rabat": "LOC"}),
    ("Tan Boon Kiat of Malaysia-based Selatan Capital said the cut was late.",
     {"Tan Boon Kiat": "PERSON", "Malaysia": "LOC"}),
    ("Economist Ingrid Solberg of Nordkapp said rates would rise.",
     {"Ingrid Solberg": "PERSON", "Nordkapp": "ORG"}),
    ("The Coastal Wardens of Norfolk said the beach would close.",
     {"Coastal Wardens": None}),
]


@pytest.mark.parametrize(("text", "expected"), AFFILIATIONS)
def test_a_speaker_of_an_organisation_is_a_person_and_an_organisation(text, expected):
    _check(text, expected)


# C. An organisation named only by its name is known by how the article uses it.
ORGANISATIONS_BY_USE = [
    ("Shares in Corvina Andes fell on Monday. Corvina Andes said it would appeal.",
     {"Corvina Andes": "ORG"}),
    ("Other miners also fell. Velmar Offshore dropped 2.4 percent.", {"Velmar Offshore": "ORG"}),
    ("The deal was signed with the Thai client, Siam Kettle, on Monday.", {"Siam Kettle": "ORG"}),
    ("The regional grocery chain Casa Mirante opened ten stores.", {"Casa Mirante": "ORG"}),
    ("Shares in the Brekke company fell 4% in Oslo.", {"Brekke": "ORG"}),
    ("Arif Wibowo, an economist at the bank, said the cut was small.",
     {"Arif Wibowo": "PERSON"}),
    ("Dawit Bekele, 31, won the race in Addis Ababa.", {"Dawit Bekele": "PERSON"}),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS_BY_USE)
def test_an_organisation_is_known_by_how_it_is_used(text, expected):
    _check(text, expected)


# E. A place the gazetteers do not know is known by how the article uses it.
PLACES_BY_USE = [
    ("Growers in Kiambu and Muranga say prices fell.", {"Kiambu": "LOC", "Muranga": "LOC"}),
    ("Clinics near Tarkwa reported more cases.", {"Tarkwa": "LOC"}),
    ("Cases rose in Bahir Dar, a lakeside city, last month.", {"Bahir Dar": "LOC"}),
    ("Herders in the Afar region moved south.", {"Afar": "LOC"}),
    ("Families near Florence and Marion lost power.", {"Marion": "LOC"}),
    ("He took a pass from Idris Okoro and scored.", {"Idris Okoro": "PERSON"}),
    ("The claims in the Clarion article were false.", {"Clarion": None}),
    ("The fund holds shares in Tavolo.", {"Tavolo": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), PLACES_BY_USE)
def test_a_place_is_known_by_how_it_is_used(text, expected):
    _check(text, expected)


# D. Organisations named in their own language, or by a legal form at the end.
ORGANISATION_FORMS = [
    ("Loans from Banco Austral rose.", {"Banco Austral": "ORG"}),
    ("Analysts at Bank Sentosa Jaya were cautious.", {"Bank Sentosa Jaya": "ORG"}),
    ("Grupo Cordillera bought the mine.", {"Grupo Cordillera": "ORG"}),
    ("Patients at the Hospital San Rafael waited.", {"Hospital San Rafael": "ORG"}),
    ("Fjellnett ASA lost 2.1 percent.", {"Fjellnett ASA": "ORG"}),
    ("Kessler Brauerei GmbH raised prices.", {"Kessler Brauerei GmbH": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATION_FORMS)
def test_organisations_named_in_other_languages_or_by_legal_form(text, expected):
    _check(text, expected)


# F. Given names from many languages start a person's name, even one that is also a place;
#    a player's role before the name is the role.
PEOPLE = [
    ("Carolina Ferraz said prices rose.", {"Carolina Ferraz": "PERSON"}),
    ("Lim Boon Heng said exports fell.", {"Lim Boon Heng": "PERSON"}),
    ("Kwabena Asante and Wanjiru Njoroge spoke first.",
     {"Kwabena Asante": "PERSON", "Wanjiru Njoroge": "PERSON"}),
    ("Substitute Mikko Lehtinen scored late.", {"Mikko Lehtinen": "PERSON",
                                                 "Substitute Mikko Lehtinen": None}),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_given_names_of_many_languages_open_a_person(text, expected):
    _check(text, expected)


# G. Words that look like names and are not people: a competition's group, a unit of
#    temperature, an adjective opening a sentence before a nationality.
NOT_PEOPLE = [
    ("Ghana went top of Group Four on Sunday.", {"Group Four": "ORG"}),
    ("It was 43 degrees Celsius in Seville and 41 degrees Celsius in Jaén.", {"Celsius": None}),
    ("Finest Ethiopian coffees sold out.", {"Finest Ethiopian": None, "Ethiopian": "NORP"}),
    ("The Green Democrats won three seats.", {"Green Democrats": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), NOT_PEOPLE)
def test_words_that_look_like_names_are_not_people(text, expected):
    _check(text, expected)


# H-I. "the X family" names people, whatever else X is; an ordinal opens an organisation's name.
FAMILIES_AND_ORDINALS = [
    ("The brewery is owned by the Toledo family.", {"Toledo": "PERSON"}),
    ("The Okafor family sold its stake.", {"Okafor": "PERSON"}),
    ("She will appeal to the 5th U.S. Circuit Court of Appeals.",
     {"5th U.S. Circuit Court of Appeals": "ORG"}),
    ("Troops of the 82nd Airborne Division landed.", {"82nd Airborne Division": "ORG"}),
]


@pytest.mark.parametrize(("text", "expected"), FAMILIES_AND_ORDINALS)
def test_families_are_people_and_ordinals_open_organisations(text, expected):
    _check(text, expected)
