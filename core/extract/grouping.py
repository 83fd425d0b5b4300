"""Group mentions into entities: one person under every spelling, one country under its aliases."""

from __future__ import annotations

import re

from lectern.core.extract.gazetteers import lexicon_words, load_gazetteers
from lectern.core.extract.model import Entity, EntityLabel, Mention
from lectern.core.extract.spans import Candidate

_ROLE_WORDS = f"(?:{'|'.join(sorted(lexicon_words('role_words'), key=len, reverse=True))})"
# ", the Georgian Economy Minister," after a name
_ROLE_AFTER = re.compile(
    r",[ \u00a0]+(?:the[ \u00a0]+|a[ \u00a0]+|an[ \u00a0]+)?(?P<role>(?:[\w'’-]+[ \u00a0]+){0,4}?"
    + _ROLE_WORDS
    + r")(?=[,.;)]|[ \u00a0]+(?:of|for|at|to|in|who|whose)\b)",
    re.IGNORECASE,
)
# "team member Rodaba Noori", "the Afghan team's coach, Alireza Mehraban"
_ROLE_BEFORE = re.compile(
    r"(?P<role>(?:[\w'’-]+[ \u00a0]+){0,3}?" + _ROLE_WORDS + r")(?:,)?[ \u00a0]+$", re.IGNORECASE
)
_ROLE_LEAD_WORDS = lexicon_words("role_lead_words")
_ROLE_BREAKERS = lexicon_words("role_breakers")
_ROLE_PARTICIPLES = lexicon_words("role_participles")
ROLE_WINDOW = 60
ROLE_MENTIONS = 24  # a role is given near the first mentions: a 10 MB text stays fast


def group_candidates(text: str, candidates: list[Candidate]) -> list[Entity]:
    """Entities in order of first mention, each with its mentions sorted by offset."""
    person_index = _PersonIndex()
    for candidate in candidates:
        if candidate.label == "PERSON" and " " in text[candidate.start : candidate.end].strip():
            person_index.add_full_name(text[candidate.start : candidate.end])
    entities: dict[tuple[object, ...], Entity] = {}
    acronyms: dict[str, tuple[object, ...]] = {}
    short_forms = _org_short_forms(text, candidates, person_index)
    for candidate in candidates:
        surface = text[candidate.start : candidate.end]
        key = _entity_key(candidate, surface, person_index, acronyms)
        if candidate.label == "ORG" and " " not in surface:
            key = short_forms.get(surface) or key  # "Rovers" of "Blackburn Rovers"
        entity = entities.get(key)
        if entity is None:
            entity = Entity(
                id=f"e{len(entities) + 1}",
                label=EntityLabel(candidate.label),
                name=_display_name(candidate, surface),
                value=candidate.value,
                unit=candidate.unit,
                approx=candidate.approx,
            )
            entities[key] = entity
            if candidate.label == "ORG" and " " in surface:
                acronyms.setdefault(_acronym(surface), key)
        entity.mentions.append(Mention(candidate.start, candidate.end, surface))
        if candidate.role and not entity.role:
            entity.role = candidate.role
        if candidate.label in ("PERSON", "ORG") and len(surface) > len(entity.name):
            entity.name = surface
    people = [e for e in entities.values() if e.label == "PERSON" and not e.role]
    for entity in people:
        entity.role = _role_from_context(text, entity)
    return list(entities.values())


def _org_short_forms(text: str, candidates: list[Candidate], people: _PersonIndex
                     ) -> dict[str, tuple[object, ...]]:
    """The organisation a one-word name stands for when it is the first or last word of
    exactly one longer organisation's name ("Tavoy" of "Tavoy Copper", "Rovers" of
    "Blackburn Rovers"); a word two of them share ("United") stands for neither."""
    found: dict[str, tuple[object, ...] | None] = {}
    for candidate in candidates:
        surface = text[candidate.start : candidate.end]
        if candidate.label != "ORG" or " " not in surface:
            continue
        key = _entity_key(candidate, surface, people, {})
        words = surface.removeprefix("the ").removeprefix("The ").split()
        for word in {words[0], words[-1]}:
            if word in found and found[word] != key:
                found[word] = None
            else:
                found.setdefault(word, key)
    return {word: key for word, key in found.items() if key is not None}


class _PersonIndex:
    """Full names by their parts, so "Musayev" finds "Teymur Musayev"."""

    def __init__(self) -> None:
        self.by_surname: dict[str, str] = {}
        self.by_given: dict[str, str | None] = {}

    def add_full_name(self, name: str) -> None:
        words = name.split()
        self.by_surname.setdefault(words[-1], name)
        given = words[0]
        if given in self.by_given and self.by_given[given] != name:
            self.by_given[given] = None  # two people share the given name: ambiguous
        else:
            self.by_given.setdefault(given, name)

    def full_name(self, surface: str) -> str:
        if " " in surface.strip():
            return surface
        return self.by_surname.get(surface) or self.by_given.get(surface) or surface


def _entity_key(
    candidate: Candidate, surface: str, people: _PersonIndex,
    acronyms: dict[str, tuple[object, ...]]
) -> tuple[object, ...]:
    label = candidate.label
    if label == "PERSON":
        return (label, people.full_name(surface))
    if label in ("GPE", "LOC"):
        return ("PLACE", candidate.key or surface)
    if label == "ORG":
        name = surface[4:] if surface.lower().startswith("the ") else surface
        if name.replace(".", "").isupper() and name.replace(".", "") in acronyms:
            return acronyms[name.replace(".", "")]
        return (label, candidate.key if candidate.key in _org_aliases() else name.lower())
    if label == "DATE":
        return (label, candidate.value or surface.lower())
    if label in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        return (label, candidate.value, candidate.unit, candidate.approx)
    return (label, surface)


def _org_aliases() -> frozenset[str]:
    return load_gazetteers().organisations


def _display_name(candidate: Candidate, surface: str) -> str:
    if candidate.label in ("GPE", "LOC") and candidate.key:
        return candidate.key
    return surface


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _role_from_context(text: str, entity: Entity) -> str | None:
    """A role given in apposition next to any mention of the person."""
    for mention in entity.mentions[:ROLE_MENTIONS]:
        after = _ROLE_AFTER.match(text, mention.end, mention.end + ROLE_WINDOW)
        if after:
            return after.group("role")
        before = _ROLE_BEFORE.search(text, max(0, mention.start - ROLE_WINDOW), mention.start)
        if before:
            role = _trim_role(before.group("role"))
            if role:
                return role
    return None


def _trim_role(role: str) -> str | None:
    words = role.split()
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.lower() in _ROLE_BREAKERS),
              default=0)
    words = words[cut:]  # "family and his lawyer": the lawyer
    while words and (words[0].lower() in _ROLE_LEAD_WORDS or (
            words[0].endswith("ed") and words[0].lower() not in _ROLE_PARTICIPLES
            and len(words) > 1)):
        words = words[1:]  # "acquitted former Košice mayor": the verb is the sentence's
    return " ".join(words) or None
