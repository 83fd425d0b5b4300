"""Settle the capitalised runs no rule could label, with evidence from the whole document.

A lone "Moxon" is a person when "Kendrick Moxon" was one; a word that only ever opens a
sentence is just a word; an unknown name used again and again is most likely an organisation.
"""

from __future__ import annotations

import re
from collections import Counter

from lectern.core.extract.coordination import listed_with_places, places_by_their_lists
from lectern.core.extract.gazetteers import (
    Gazetteers,
    lexicon_words,
    load_gazetteers,
)
from lectern.core.extract.headlines import HEADLINE, settle_headlines
from lectern.core.extract.joined_names import join_and_names
from lectern.core.extract.name_lookup import CONNECTORS
from lectern.core.extract.names import NameRun
from lectern.core.extract.spans import Candidate
from lectern.core.extract.teams import TEAM, is_score_side, used_as_place
from lectern.core.extract.usage import ORG_AFTER, ORG_BEFORE, Usage

REPEATS_FOR_UNKNOWN_NAME = 2
# "Internet Explorer 6 is", "HTML 5,": a name followed by a version number is a product
_VERSION_AFTER = re.compile(
    r"[ \u00a0]\d{1,2}(?:\.\d+)*"
    r"(?=[,.;:!?)\"”’]|[ \u00a0]+(?:[A-Z]|is\b|are\b|was\b|has\b|and\b)|$)",
    re.MULTILINE,
)
# Capitalised alone, these words name a time or a thing, not an organisation ("New Year").
_GENERIC_NOUNS = lexicon_words("generic_nouns")
LOWERCASE_WINDOW = 3000  # how far around a name we look for the same word written in lower case
MENTIONS_CHECKED = 3  # mentions of one name looked around (keeps a 10 MB text fast)
# "..., Azernews reports." closing a sentence, "LONDON (Reuters) -": a news outlet
_OUTLET_AFTER = re.compile(r"[ \u00a0]+report(?:s|ed)[ \u00a0]*(?:[.!?\n]|$)")
_DATELINE_AGENCY = re.compile(r"\)[ \u00a0]*(?:-{1,3}|—|–)[ \u00a0]")
# "the province of Valdoria", "the town of Brackley": whatever is named after it is a place
_PLACE_OF_BEFORE = re.compile(
    r"\b(?:city|town|village|province|state|region|county|district|island|republic|capital"
    r"|port|municipality|prefecture|oblast|canton|emirate|kingdom)[ \u00a0]+of[ \u00a0]+$"
)
PLACE_OF_WINDOW = 24
# "Staff Reporter", "Political Editor": a job written like a name, not a person
_STAFF_WORDS = lexicon_words("staff_words")
_SPEECH_AFTER = re.compile(
    rf"[ \u00a0]+(?:{'|'.join(sorted(lexicon_words('say_verbs')))})\b|,[ \u00a0]+who\b"
)


ORG_CUE_WINDOW = 40


def settle_names(text: str, found: list[NameRun]) -> list[Candidate]:
    """Label the undecided parts with document-wide evidence; return every name mention."""
    return _settle(text, found, load_gazetteers())


def _settle(text: str, found: list[NameRun], gaz: Gazetteers) -> list[Candidate]:
    """Give undecided runs a label using what the rest of the document says about them."""
    headlines = [(run[0], run[1]) for run in found if run[2] == HEADLINE]
    if headlines:
        found = [run for run in found if run[2] != HEADLINE]
    found = _name_teams(text, join_and_names(text, found))  # "Food and Drug Administration"
    person_words: set[str] = set()
    mid_sentence: Counter[str] = Counter()
    for start, end, label, _key, _role, initial in found:
        if label == "PERSON":
            _add_person_words(person_words, text[start:end])
        if not initial:
            mid_sentence[text[start:end]] += 1
    lone = Counter(text[run[0] : run[1]] for run in found if run[2] is None)
    org_heads = {
        text[run[0] : run[1]].split()[0]
        for run in found
        if run[2] == "ORG" and " " in text[run[0] : run[1]]
    }
    labels: dict[int, str | None] = {}
    common = _CommonNouns(text)
    usage = Usage(text, gaz)
    places: set[str] = set()
    places.update(listed_with_places(text, found))  # "Graz, Maribor and Zagreb"
    for start, end, known, _key, role, _initial in found:
        if known is None or (known == "PERSON" and role is None and " " not in text[start:end]):
            usage.observe(text[start:end], start)
        if known is None:
            common.observe(text[start:end], start)
            if _PLACE_OF_BEFORE.search(text, max(0, start - PLACE_OF_WINDOW), start):
                places.add(text[start:end])
    # multi-word runs first: "Kendrick Moxon" settles before a lone "Moxon" is judged
    for single_words in (False, True):
        for index, (start, end, known, _key, _role, initial) in enumerate(found):
            name = text[start:end]
            if known is not None or (" " not in name) != single_words:
                continue
            if is_score_side(text, start, end):
                labels[index] = "ORG"  # "Munster 17", "Hull v Sunderland": a club, not a product
                continue
            if single_words and name in org_heads:
                label = "ORG"  # "Tavoy said" after "Tavoy Copper": a company by its first word
            else:
                label = _guess(text, name, start, initial, person_words, mid_sentence)
            if label == "PERSON" and _looks_like_organisation(text, name, start, lone):
                label = "ORG"
            if name.split()[-1] not in person_words and name not in _GENERIC_NOUNS and not (
                single_words and initial and name not in mid_sentence
            ):
                label = _by_usage(label, usage, name)
            if label == "ORG" and not single_words:
                org_heads.add(name.split()[0])
            if name in places and label != "PERSON":
                label = "GPE"
            if label == "PERSON" and _only_role_words(name.split(), gaz):
                label = None
            if label is not None and label != "PERSON" and name in common.names:
                label = None
            labels[index] = label
            if label == "PERSON" and not single_words:
                _add_person_words(person_words, name)
    places_by_their_lists(text, found, labels)  # "Calca, Urubamba and Yucay"
    _one_label_per_word(text, found, labels)
    candidates = _with_ordinals(text, _candidates(text, found, labels, usage))
    if headlines:
        candidates.extend(settle_headlines(text, headlines, candidates, gaz))
    return candidates


def _one_label_per_word(text: str, found: list[NameRun], labels: dict[int, str | None]
                        ) -> None:
    """A one-word name guessed a person by one mention and an organisation by more (a
    ", who" after "members of X") is what most of its mentions say, in every mention."""
    said: dict[str, Counter[str]] = {}
    for index, label in labels.items():
        name = text[found[index][0]:found[index][1]]
        if label in ("PERSON", "ORG") and " " not in name:
            said.setdefault(name, Counter())[label] += 1
    for index, label in labels.items():
        votes = said.get(text[found[index][0]:found[index][1]])
        if label in ("PERSON", "ORG") and votes is not None and len(votes) > 1:
            (first, most), (_, next_most) = votes.most_common(2)
            if most > next_most:
                labels[index] = first


def _candidates(
    text: str, found: list[NameRun], labels: dict[int, str | None], usage: Usage
) -> list[Candidate]:
    full_names = {w for start, end, known, *_ in found if known == "PERSON"
                  for w in text[start:end].split()[:1] if " " in text[start:end]}
    candidates = []
    for index, (start, end, known, key, role, _initial) in enumerate(found):
        label = known if known is not None else labels.get(index)
        if label == "PERSON" and role is None and text[start:end] not in full_names:
            label = _lone_given_name(label, usage, text[start:end])
        if label != "PERSON" and _is_family(text, start, end):
            label, key = "PERSON", None  # "the Albuquerque family", whatever else the name is
        if label is not None:
            candidates.append(Candidate(start, end, label, key=key, role=role))
    return candidates


def _is_family(text: str, start: int, end: int) -> bool:
    return text.endswith(("the ", "The "), 0, start) and bool(
        _FAMILY_AFTER.match(text, end, end + FAMILY_WINDOW)
    )


def _with_ordinals(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """ "the 9th U.S. Circuit Court", "the 501st Legion": the ordinal belongs to the
    organisation's name."""
    for candidate in candidates:
        start = candidate.start
        if candidate.label == "ORG" and text[start - 2 : start] in _ORDINAL_ENDS:
            ordinal = _ORDINAL_BEFORE.search(text, max(0, start - ORDINAL_WINDOW), start)
            if ordinal is not None:
                candidate.start = ordinal.start()
    return candidates


_ORDINAL_ENDS = frozenset(f"{e}{space}" for e in ("t", "d", "h") for space in " \u00a0")
_FAMILY_AFTER = re.compile(
    rf"[ \u00a0]+(?:{'|'.join(sorted(lexicon_words('family_words')))})\b"
)
FAMILY_WINDOW = 16
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}(?:st|nd|rd|th)[ \u00a0]$")
ORDINAL_WINDOW = 8


def _name_teams(text: str, found: list[NameRun]) -> list[NameRun]:
    """Runs standing as a side of a result are clubs (ORG), and so is every other mention of
    the same name that is not plainly a place ("lifted Middlesbrough to the top", but "fans
    in Leeds")."""
    teams = {text[run[0] : run[1]] for run in found if run[2] == TEAM}
    if not teams:
        return found
    settled: list[NameRun] = []
    for run in found:
        start, end, label, _key, role, initial = run
        if label == TEAM or (
            text[start:end] in teams
            and label in (None, "GPE", "LOC", "PERSON")
            and not used_as_place(text, start)
        ):
            run = (start, end, "ORG", None, role, initial)
        settled.append(run)
    return settled


def _by_usage(label: str | None, usage: Usage, name: str) -> str | None:
    """The label the article's use of ``name`` supports: "Shares in X" an organisation,
    "in X" (in half its mentions or more) a place, "X, an economist" a person."""
    votes = usage.of(name)
    if votes.organisation > votes.person:
        return "ORG"
    if votes.person > votes.organisation and label is None:
        return "PERSON"
    lone_place = votes.place and not votes.organisation and not votes.person
    if (label == "ORG" and " " in name and not (
            lone_place and 2 * votes.place >= usage.judged.get(name, 1)
            and not any(w in CONNECTORS for w in name.split()))) \
            or any(w.isupper() and len(w) > 1 for w in name.split()):
        return label  # "the Municipality of Bogliasco", "the ICI system": not places
    if votes.place and not votes.person and 2 * votes.place >= usage.judged.get(name, 1):
        return "GPE"
    return label


def _lone_given_name(label: str, usage: Usage, name: str) -> str:
    """ "farmers near Regina and Brandon": a given name alone, used as a place, is the place."""
    votes = usage.of(name)
    if votes.place and not votes.person and 2 * votes.place >= usage.judged.get(name, 1):
        return "GPE"
    return label


def _looks_like_organisation(text: str, name: str, start: int, lone: Counter[str]) -> bool:
    """ "Tavoy Copper" named again as "Tavoy" (a person is named again by the surname), or a
    name standing as an organisation ("the union X", "X, a brewer", "X shares")."""
    words = name.split()
    if len(words) > 1 and lone[words[0]] and not lone[words[-1]]:
        return True
    end = start + len(name)
    return bool(
        ORG_BEFORE.search(text, max(0, start - ORG_CUE_WINDOW), start)
        or ORG_AFTER.match(text, end, end + ORG_CUE_WINDOW)
    )


def _add_person_words(person_words: set[str], name: str) -> None:
    words = name.split()
    person_words.add(words[-1])
    if len(words) > 1:
        person_words.add(words[0])


def _guess(
    text: str,
    name: str,
    start: int,
    initial: bool,
    person_words: set[str],
    mid_sentence: Counter[str],
) -> str | None:
    words = name.split()
    if words[-1] in person_words or name in person_words:
        return "PERSON"
    after_the = text.endswith(("the ", "The "), max(0, start - 4), start)
    if len(words) == 1:
        if initial and name not in mid_sentence:
            return None  # a capitalised first word with no other evidence is just a word
        if name.endswith("ing") or name in _GENERIC_NOUNS or any(ch.isdigit() for ch in name):
            return None  # participles and product codes ("IE6") are not names
        if _is_outlet(text, start, start + len(name)):
            return "ORG"
        if _SPEECH_AFTER.match(text, start + len(name)):
            return "PERSON"
        # an unknown single word that recurs mid-sentence is most often an organisation
        return "ORG" if mid_sentence[name] >= REPEATS_FOR_UNKNOWN_NAME else None
    if after_the or any(w in CONNECTORS for w in words):
        return "ORG"  # people are seldom "the X Y"
    if len(words) >= 3 and words[-1] in load_gazetteers().countries:
        return "ORG"  # "Transparency International Slovakia": no one is named after a country
    if len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "PERSON"
    return "ORG"


def _is_outlet(text: str, start: int, end: int) -> bool:
    """ "..., Azernews reports." or "(Xinhua) --": a lone name standing as a news source."""
    if text.endswith(", ", 0, start):
        return bool(_OUTLET_AFTER.match(text, end))
    return text.endswith("(", 0, start) and bool(_DATELINE_AGENCY.match(text, end))


def _only_role_words(words: list[str], gaz: Gazetteers) -> bool:
    """ "Staff Reporter", "Political Editor": a role head after words that are no given name."""
    last = words[-1]
    return (last in _STAFF_WORDS or last in gaz.title_heads) and not any(
        word in gaz.given_names for word in words
    )


_ADDRESS_MARKS = "./@#_"


class _CommonNouns:
    """Names that the article also writes in lower case ("Iodine" and "iodine") or gives a
    version number ("Explorer 6"): common nouns and products, not organisations."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, int] = {}  # name -> mentions looked around so far
        self.names: set[str] = set()

    def observe(self, name: str, start: int) -> None:
        """Look around one more mention of ``name`` (up to MENTIONS_CHECKED of them)."""
        looked = self.seen.get(name, 0)
        if name in self.names or looked >= MENTIONS_CHECKED:
            return
        self.seen[name] = looked + 1
        if _VERSION_AFTER.match(self.text, start + len(name)) or (
            " " not in name and self._lower_case_nearby(name, start)
        ):
            self.names.add(name)

    def _lower_case_nearby(self, name: str, start: int) -> bool:
        lower = name.lower()
        if lower == name:
            return False
        low, high = max(0, start - LOWERCASE_WINDOW), start + LOWERCASE_WINDOW
        index = self.text.find(lower, low, high)
        while index >= 0:
            before = self.text[index - 1] if index else " "
            end = index + len(lower)
            after = self.text[end : end + 1] or " "
            # "alt.religion.scientology", "scientology.org", "#scientology": an address
            address = before in _ADDRESS_MARKS or (
                after in _ADDRESS_MARKS and self.text[end + 1 : end + 2].isalnum())
            if not before.isalnum() and not after.isalnum() and not address:
                return True
            index = self.text.find(lower, index + 1, high)
        return False
