"""Every word list the analysis leans on, read lazily and cached: the one loader.

Names of things live in ``resources/gazetteers`` (places, organisations, given names, titles);
the vocabulary of the rules lives in ``resources/lexicon``, one concept per file (number
words, hedges, speech verbs, currencies, units, honorifics ...). Lines starting with ``#``
are comments. A ``.txt`` list holds words separated by blanks, or one phrase per line; a
``.tsv`` table holds ``key<TAB>value`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lectern.core.resources import resource_path


@dataclass(frozen=True)
class Gazetteers:
    """Every list, keyed by the exact spelling found in text (case matters for names)."""

    places: dict[str, tuple[str, str]]  # surface form -> (label GPE|LOC, canonical name)
    demonyms: dict[str, str]  # "Hungarian" -> "Hungary" ("" for peoples without one country)
    organisations: frozenset[str]
    given_names: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    org_words: frozenset[str]
    place_words: frozenset[str]
    event_words: frozenset[str]
    common_words: frozenset[str]  # lower case
    countries: frozenset[str] = frozenset()  # canonical country names
    common_acronyms: frozenset[str] = frozenset()  # "GMT", "VIP": capitals that name nothing

    @property
    def title_heads_lower(self) -> frozenset[str]:
        return _lowered(self.title_heads)


LEXICON = "lexicon"


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """Every blank-separated word of ``resources/lexicon/<name>.txt``."""
    return frozenset(word for line in _lines(name + ".txt", LEXICON) for word in line.split())


@cache
def lexicon_phrases(name: str) -> tuple[str, ...]:
    """The lines of ``resources/lexicon/<name>.txt`` in file order: lists of phrases put one
    phrase on a line."""
    return tuple(line.strip() for line in _lines(name + ".txt", LEXICON))


@cache
def lexicon_table(name: str) -> dict[str, str]:
    """``key<TAB>value`` lines of ``resources/lexicon/<name>.tsv``, in file order."""
    table: dict[str, str] = {}
    for line in _lines(name + ".tsv", LEXICON):
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table


def lexicon_numbers(name: str) -> dict[str, int]:
    """A table whose values are whole numbers (number words, months, scales)."""
    return {key: int(value) for key, value in lexicon_table(name).items()}


@cache
def month_abbreviations() -> frozenset[str]:
    """ "sept", "oct": the shorter spellings of a month in months.tsv ("may" is a full name)."""
    months = lexicon_numbers("months")
    longest: dict[int, str] = {}
    for name, number in months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return frozenset(months) - frozenset(longest.values())


@cache
def _lowered(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in words)


def _lines(name: str, folder: str = "gazetteers") -> list[str]:
    text = resource_path(folder, name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line.split())


def _keyed(name: str) -> dict[str, frozenset[str]]:
    """Lines like ``key<TAB>a|b|c`` gathered by key."""
    table: dict[str, set[str]] = {}
    for line in _lines(name):
        key, _, values = line.partition("\t")
        table.setdefault(key, set()).update(v.strip() for v in values.split("|") if v.strip())
    return {key: frozenset(values) for key, values in table.items()}


@cache
def load_gazetteers() -> Gazetteers:
    """Read every list once per process (about 60 kB; a few milliseconds)."""
    places: dict[str, tuple[str, str]] = {}
    countries: set[str] = set()
    demonyms: dict[str, str] = {}
    for word in _lines("peoples.txt"):
        demonyms[word.strip()] = ""
    for name in _lines("cities.txt"):
        places[name.strip()] = ("GPE", name.strip())
    for name in _lines("us_states.txt"):
        places[name.strip()] = ("GPE", name.strip())
    for label, names in _keyed("regions.txt").items():
        for name in names:
            places[name] = (label, name)
    for line in _lines("countries.tsv"):
        country, aliases, nationalities = ([*line.split("\t"), "", ""])[:3]
        places[country] = ("GPE", country)
        countries.add(country)
        for alias in filter(None, aliases.split("|")):
            places[alias] = ("GPE", country)
        for demonym in filter(None, nationalities.split("|")):
            demonyms[demonym] = country
    titles = _keyed("titles.txt")
    organisations = frozenset(
        name.strip() for line in _lines("orgs.txt") for name in line.split("|") if name.strip()
    )
    return Gazetteers(
        places=places,
        demonyms=demonyms,
        organisations=organisations,
        given_names=_words("given_names.txt"),
        title_heads=titles.get("head", frozenset()),
        title_modifiers=titles.get("modifier", frozenset()),
        org_words=_words("org_words.txt"),
        place_words=_words("place_words.txt"),
        event_words=_words("event_words.txt"),
        common_words=frozenset(w.lower() for w in _words("common_words.txt")),
        countries=frozenset(countries),
        common_acronyms=_words("common_acronyms.txt"),
    )
