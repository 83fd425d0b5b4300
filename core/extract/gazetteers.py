"""Word lists the analysis leans on, read lazily from ``resources/gazetteers`` and cached."""

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


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``: word lists written in code read best as plain words."""
    return frozenset(text.split())


@cache
def _lowered(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in words)


def _lines(name: str) -> list[str]:
    text = resource_path("gazetteers", name).read_text(encoding="utf-8")
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
