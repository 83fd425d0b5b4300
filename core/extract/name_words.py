"""The words of a capitalised run judged one by one: a common word, a word that heads a
name, a word of a person's name, and where a title ends and the name after it begins
("Mines Minister Bolor Ganbaatar", "Chief Financial Officer")."""

from __future__ import annotations

from lectern.core.extract.gazetteers import Gazetteers, lexicon_numbers, lexicon_words
from lectern.core.extract.name_kinds import is_letter_compound, is_place_head
from lectern.core.extract.name_lookup import CONNECTORS, Token, is_title_head

AFFILIATIONS = frozenset(["of", "at", "from"])  # "X of the University of Y": where X works
MAX_NAME_WORDS = 3
_NAME_PARTICLES = lexicon_words("name_particles")
_NUMBER_WORDS = frozenset(lexicon_numbers("number_words")) | {
    word for word in lexicon_numbers("scales") if len(word) > 2
}


def is_name_word(token: Token, gaz: Gazetteers) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and text not in gaz.org_words
        and text not in gaz.place_words
        and not is_title_head(text, gaz)
    ) or text in _NAME_PARTICLES


def person_follows(tokens: list[Token], index: int, gaz: Gazetteers) -> bool:
    """After the title head at ``index`` come one to three words of a person's name."""
    rest = tokens[index + 1 :]
    cut = next((i for i, t in enumerate(rest) if t.text in AFFILIATIONS), len(rest))
    name = rest[:cut]
    return 0 < len(name) <= MAX_NAME_WORDS and all(is_name_word(t, gaz) for t in name)


def continues_title(tokens: list[Token], index: int, gaz: Gazetteers) -> bool:
    """ "Chief Financial Officer": a modifier between two title heads belongs to the title."""
    return (
        tokens[index].text in gaz.title_modifiers
        and index + 1 < len(tokens)
        and is_title_head(tokens[index + 1].text, gaz)
    )


def is_common(token: str, initial: bool, gaz: Gazetteers) -> bool:
    if token.isupper() and 1 < len(token) <= 4:
        # "US", "WHO", "LA" are names even though "us", "who", "la" are words; "GMT" is not
        return token in gaz.common_acronyms
    lower = token.lower()
    if is_letter_compound(token):
        return True  # "T-shirt", "X-ray", "E-mail": a capital letter glued to a common word
    if lower in gaz.common_words or token in CONNECTORS or lower in _NUMBER_WORDS:
        return True
    # a sentence may open with an adverb or participle: "Historically", "Speaking"
    return initial and (lower.endswith("ly") or lower.endswith("ing")) and token not in gaz.places


def is_name_head(token: str, gaz: Gazetteers) -> bool:
    return (
        token in gaz.org_words
        or token in gaz.place_words
        or is_place_head(token)
        or is_title_head(token, gaz)
        or token in gaz.places
    )
