"""What the analysis of an article produces: entities, facts and quotes, with exact offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EntityLabel(StrEnum):
    """What kind of thing an entity is (OntoNotes' names, as the eval sets use them)."""

    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"  # a country, city or state
    LOC = "LOC"  # a place that is not a polity: a river, a region, a sea
    NORP = "NORP"  # a nationality, religious or political group
    EVENT = "EVENT"
    DATE = "DATE"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    QUANTITY = "QUANTITY"
    CARDINAL = "CARDINAL"


class FactKind(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    QUANTITY = "quantity"
    DATE = "date"


ENTITY_LABELS = tuple(EntityLabel)
FACT_KINDS = tuple(FactKind)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    """A thing the article names, with every mention of it grouped together.

    ``value`` is the normalised value: ISO date for DATE, amount for MONEY (with
    ``unit`` the ISO currency), a number for CARDINAL/PERCENT/QUANTITY, else None.
    """

    id: str
    label: EntityLabel
    name: str
    mentions: list[Mention] = field(default_factory=list)
    value: Any = None
    role: str | None = None
    unit: str | None = None
    approx: bool = False

    def __post_init__(self) -> None:
        self.label = EntityLabel(self.label)  # a misspelt label fails here, not in a panel

    @property
    def key(self) -> str:
        """Names the same entity in every analysis of a text (ids are per run); the store
        remembers hidden entities by it."""
        return f"{self.label}:{self.name.casefold()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "name": self.name,
            "mentions": [m.to_json() for m in self.mentions],
            "value": self.value, "role": self.role, "unit": self.unit, "approx": self.approx,
        }


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Fact:
    """A numeric or dated claim: what (``subject``), how much or when, and where it is said.

    ``start``/``end`` cover the evidence (the figure or date expression);
    ``sentence`` is the whole sentence it stands in.
    """

    id: str
    kind: FactKind
    subject: str
    value: float | int | str
    unit: str | None
    approx: bool
    date: str | None
    start: int
    end: int
    sentence: Span
    text: str = ""

    def __post_init__(self) -> None:
        self.kind = FactKind(self.kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "subject": self.subject, "value": self.value,
            "unit": self.unit, "approx": self.approx, "date": self.date,
            "start": self.start, "end": self.end, "text": self.text,
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
        }


@dataclass(slots=True)
class Quote:
    """A direct quotation (marks included in the span) and who said it, when known."""

    id: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "speaker": self.speaker, "speaker_name": self.speaker_name}


@dataclass(slots=True)
class Analysis:
    """Everything ``analyze`` found in one document."""

    title: str
    fingerprint: str
    length: int
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    backend: str = "builtin"

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": {"title": self.title, "fingerprint": self.fingerprint,
                         "length": self.length},
            "backend": self.backend,
            "entities": [e.to_json() for e in self.entities],
            "facts": [f.to_json() for f in self.facts],
            "quotes": [q.to_json() for q in self.quotes],
        }
