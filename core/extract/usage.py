"""How an article uses a name it never explains: as a company, as a place, or as a person.

"Shares in Salar Andino fell", "Salar Andino said it", "Solstrand Offshore dropped 3.8
percent", "the Brazilian client, Petro Atlântico": only an organisation is written so.
"bushes in Kericho and Nandi", "Debre Tabor, a highland town", "the Amhara region": places.
"Arif Santoso, an economist", "Bas Koning, 24,", "striker Bas Koning": a person. Each mention
of an undecided name casts its votes; the name is judged on them all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lectern.core.extract.gazetteers import Gazetteers, lexicon_words

CUE_WINDOW = 48
MENTIONS_JUDGED = 6  # mentions of one name looked around (keeps a 10 MB text fast)


def _words(name: str) -> str:
    return "|".join(sorted(lexicon_words(name), key=len, reverse=True))


_ORG_KINDS = _words("org_kind_nouns")
_PLACE_KINDS = _words("place_kind_nouns")
_ROLES = _words("role_words")
_SPACE = r"[ \u00a0]+"

# "the union Fellesforbundet", "the Brazilian client, Petro Atlântico", "Shares in X", and
# where someone works: "an analyst at X", "head of passenger services at X"
_WORKPLACE = (rf"\b(?:{_ROLES})(?:{_SPACE}(?:of|for){_SPACE}(?:[a-z][\w'’-]*{_SPACE}){{0,2}}"
              rf"[a-z][\w'’-]*)?{_SPACE}at|\bspokes(?:man|woman|person){_SPACE}for")
ORG_BEFORE = re.compile(
    rf"(?:\b(?:{_ORG_KINDS}),?|\b(?i:shares|stock|stake)[ \u00a0]+(?:in|of)(?:{_SPACE}the)?"
    rf"|{_WORKPLACE})"
    rf"{_SPACE}$"
)
# "in Penang, the company said": a new clause, not "Penang, the company"
_NOT_SAID = rf"(?!{_SPACE}(?:{_words('say_verbs')})\b)"
# "X shares rose", "X, which", "X, a brewer", "X said it", "X, whose stock", "X fell 4 percent"
ORG_AFTER = re.compile(
    rf"(?:['’]s)?{_SPACE}(?:{_words('org_followers')})\b"
    rf"|(?<=[^\W\d_]){_SPACE}(?:company|group|firm|chain)\b(?![ \u00a0]+of\b)"
    rf"|,{_SPACE}(?:which\b|whose{_SPACE}(?:shares|stock)\b"
    rf"|(?:a|an|the){_SPACE}(?:[\w-]+{_SPACE}){{0,2}}(?:{_ORG_KINDS})\b{_NOT_SAID})"
    rf"|{_SPACE}said{_SPACE}(?:on{_SPACE}\w+{_SPACE})?(?:its\b|it\b(?![ \u00a0]+(?:was|is)\b))"
    rf"|{_SPACE}(?:{_words('market_verbs')}){_SPACE}\d[\d.,]*{_SPACE}?(?:percent|per{_SPACE}cent|%"
    r"|cents|pence|points)"
)
# "in Kericho", "across the Prairies", "in Kericho and Nandi", "near Regina and Brandon"
PLACE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_words('place_prepositions')}"
    rf"|(?:{_words('constituency_roles')}){_SPACE}for){_SPACE}(?:the{_SPACE})?"
    rf"(?:(?:[A-Z][\w'’.-]*{_SPACE}){{1,3}}(?:and|or){_SPACE})?$"
)
_NOT_LOCATED = re.compile(rf"\b(?:{_words('not_located_before')}){_SPACE}in{_SPACE}$")
# "Debre Tabor, a highland town"
PLACE_AFTER = re.compile(
    rf",{_SPACE}(?:a|an|the){_SPACE}(?:[\w-]+{_SPACE}){{0,2}}(?:{_PLACE_KINDS})\b"
)
# "the Amhara region", "the Bayan Lepas free industrial zone": after "the", a kind of place
PLACE_KIND_AFTER = re.compile(
    rf"{_SPACE}(?:[a-z][\w-]*{_SPACE}){{0,2}}(?:{_PLACE_KINDS})\b(?![ \u00a0]+of\b)")
# "in the Freedom article": after "the", a name followed by a noun is a modifier, not a place
_LOWER_WORD_AFTER = re.compile(r"[ \u00a0]+[a-z]")
# "Arif Santoso, an economist", "Bas Koning, 24,", "said he", "striker Bas Koning"
PERSON_AFTER = re.compile(
    rf",{_SPACE}(?:\d{{1,3}},|(?:a|an|the){_SPACE}(?:[\w'’-]+{_SPACE}){{0,3}}?(?:{_ROLES})\b)"
    rf"|{_SPACE}said{_SPACE}(?:he|she)\b"
)
PERSON_BEFORE = re.compile(rf"\b(?:{_ROLES}){_SPACE}$")


class Votes(NamedTuple):
    organisation: int
    place: int
    person: int


class Usage:
    """Votes per name, gathered from up to MENTIONS_JUDGED of its mentions."""

    def __init__(self, text: str, gaz: Gazetteers) -> None:
        self.text = text
        self.gaz = gaz
        self.votes: dict[str, list[int]] = {}
        self.judged: dict[str, int] = {}

    def observe(self, name: str, start: int) -> None:
        looked = self.judged.get(name, 0)
        if looked >= MENTIONS_JUDGED:
            return
        self.judged[name] = looked + 1
        org, place, person = _cues(self.text, start, start + len(name))
        tally = self.votes.setdefault(name, [0, 0, 0])
        tally[0] += org
        tally[1] += place
        tally[2] += person

    def of(self, name: str) -> Votes:
        return Votes(*self.votes.get(name, (0, 0, 0)))


def _cues(text: str, start: int, end: int) -> tuple[bool, bool, bool]:
    low, high = max(0, start - CUE_WINDOW), end + CUE_WINDOW
    org = bool(ORG_BEFORE.search(text, low, start) or ORG_AFTER.match(text, end, high))
    person = bool(PERSON_AFTER.match(text, end, high) or PERSON_BEFORE.search(text, low, start))
    after_the = text.endswith(("the ", "the\u00a0"), low, start)
    preposition = PLACE_BEFORE.search(text, low, start)
    if preposition and " " in text[start:end] and text.startswith("from", preposition.start()):
        preposition = None  # "a cross from Bas Koning": a person passes from one place only
    place = not org and bool(
        (
            preposition
            and not _NOT_LOCATED.search(text, low, start)
            and not (after_the and _LOWER_WORD_AFTER.match(text, end, high))
        )
        or PLACE_AFTER.match(text, end, high)
        or (after_the and PLACE_KIND_AFTER.match(text, end, high))
    )
    return org, place, person
