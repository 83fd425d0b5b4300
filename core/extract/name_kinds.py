"""What kind of name a capitalised run is, judged from its marker words.

"Irving Independent School District" is an organisation by its words, "Fisht Stadium" a
place, "Clean Air Act" a law (not one of our labels), "East Los Angeles" a place because a
compass word stands before a known place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lectern.core.extract.gazetteers import Gazetteers, lexicon_numbers, lexicon_words

NOT_A_NAME = ""  # a label meaning: recognised, and deliberately not reported

_PLACE_HEADS = lexicon_words("place_heads")
# Administrative units can be run by an organisation ("Irving Independent School District");
# every other place word names a site, which wins over an organisation word before it.
_ADMIN_PLACE_WORDS = lexicon_words("admin_place_words")
# "Convention Centre", "Shopping Center": a venue, not the organisation a "Centre" usually is.
_VENUE_WORDS = lexicon_words("venue_words")
_VENUE_HEADS = lexicon_words("venue_heads")
# Laws and treaties: OntoNotes LAW, which we do not report (and must not call ORG).
_LAW_WORDS = lexicon_words("law_words")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_LETTER_COMPOUND = re.compile(r"[A-Z]-[a-z]+")  # "T-shirt", "X-ray", "E-mail"
COMPASS_WORDS = lexicon_words("compass_words")
# "Banco Meridional", "Hospital Virgen del Rocío": a word that opens an organisation's name
_ORG_HEADS = lexicon_words("org_heads")
# "Kystlink ASA", "Brauerei Kessler GmbH": a legal form that ends a company's name
_COMPANY_SUFFIXES = lexicon_words("company_suffixes")
# "Group F", "Pool B": a group of a competition, an organisation as the gold conventions have it
_GROUPING_WORDS = lexicon_words("grouping_words")
_NUMBER_WORDS = frozenset(lexicon_numbers("number_words"))


def keyword_label(
    tokens: list[Any], gaz: Gazetteers, connectors: frozenset[str], place_of: Callable[[str], bool]
) -> str | None:
    """ORG, LOC, EVENT or PERSON from the run's marker words; NOT_A_NAME for laws; else None.

    ``place_of(text)`` says whether a stretch of the run is a known place.
    """
    words = [t.text for t in tokens]
    last, first = words[-1], words[0]
    if len(words) > 1 and last in _LAW_WORDS:
        return NOT_A_NAME
    if len(words) == 2 and first in _GROUPING_WORDS and _numbers_a_group(last):
        return "ORG"  # not a person "Group Three"
    if len(words) > 1 and last in gaz.event_words:
        return "EVENT"
    if len(words) > 1 and last in _VENUE_HEADS and words[-2] in _VENUE_WORDS:
        return "LOC"
    if len(words) > 1 and last in gaz.place_words and last not in _ADMIN_PLACE_WORDS:
        if len(words) > 2 and first in gaz.given_names and last not in gaz.org_words:
            return "PERSON"  # "Marc Lamont Hill"
        return "LOC"  # "NTU Hospital Station": a site named after an organisation
    if (last in gaz.org_words or last in _COMPANY_SUFFIXES) and len(words) > 1:
        return "ORG"
    if len(words) > 1 and first in _ORG_HEADS and words[1] not in connectors:
        return "ORG"
    if len(words) > 2 and first in gaz.org_words and words[1] in connectors:
        return "ORG"
    # "Team Estonia", "Radio Free Europe": an organisation word opens a name ending in a place
    if len(words) > 1 and first in gaz.org_words and place_of(" ".join(words[1:])):
        return "ORG"
    # "Doctor Who Society of Canada": an organisation word inside, before "of"
    if any(
        word in gaz.org_words and words[index + 1] in connectors
        for index, word in enumerate(words[1:-1], start=1)
    ):
        return "ORG"
    if len(words) > 1 and first in COMPASS_WORDS and place_of(" ".join(words[1:])):
        return "LOC"  # "East Los Angeles", "Northern Ontario"
    if len(words) > 1 and (last in gaz.place_words or first in _PLACE_HEADS):
        if len(words) > 2 and first in gaz.given_names:
            return "PERSON"
        if any(word in gaz.org_words for word in words[:-1]):
            return "ORG"  # "Irving Independent School District"
        return "LOC"
    if len(words) > 2 and any(word in gaz.event_words for word in words[1:-1]):
        return "EVENT"  # "Fan Expo Canada"
    return None


def _numbers_a_group(word: str) -> bool:
    """ "Three", "B", "IV", "2": what numbers a group or a round."""
    return (
        word.lower() in _NUMBER_WORDS
        or (len(word) == 1 and word.isupper())
        or bool(_ROMAN_NUMERAL.fullmatch(word))
    )


def is_place_head(token: str) -> bool:
    return token in _PLACE_HEADS


def is_acronym(word: str, gaz: Gazetteers) -> bool:
    """ "NASA", "U.N." but not "IE6" (a product code), "XVII" (a numeral) or "GMT" (a word)."""
    return (
        len(word) > 1
        and word.isupper()
        and word.isalpha()
        and not _ROMAN_NUMERAL.fullmatch(word)
        and word not in gaz.common_acronyms
    )


def is_pronoun_i(tokens: list[Any], gaz: Gazetteers) -> bool:
    """ "Prompted I think": a trailing "I" is the pronoun unless it numbers a war or a monarch."""
    return (
        tokens[-1].text == "I"
        and tokens[-2].text not in gaz.event_words
        and tokens[-2].text not in gaz.given_names
    )


def is_initial(token: str) -> bool:
    return len(token) == 2 and token[1] == "." and token[0].isupper()


def is_letter_compound(token: str) -> bool:
    return bool(_LETTER_COMPOUND.fullmatch(token))
