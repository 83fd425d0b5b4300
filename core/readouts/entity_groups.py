"""How the Entities panel groups and describes entities: label -> group, details, context."""

from __future__ import annotations

from lectern.core.extract.model import Entity, EntityLabel, FactKind
from lectern.core.readouts.fact_format import format_amount, format_date

# Display groups in reading order: (group title, labels).
GROUPS: tuple[tuple[str, tuple[EntityLabel, ...]], ...] = (
    ("People", (EntityLabel.PERSON,)),
    ("Organisations", (EntityLabel.ORG,)),
    ("Places", (EntityLabel.GPE, EntityLabel.LOC)),
    ("Nationalities", (EntityLabel.NORP,)),
    ("Events", (EntityLabel.EVENT,)),
    ("Dates", (EntityLabel.DATE,)),
    ("Money", (EntityLabel.MONEY,)),
    ("Figures", (EntityLabel.PERCENT, EntityLabel.QUANTITY, EntityLabel.CARDINAL)),
)
_GROUP_OF_LABEL = {label: number for number, (_, labels) in enumerate(GROUPS)
                   for label in labels}
CONTEXT_CHARS = 36
_AMOUNT_KIND = {EntityLabel.MONEY: FactKind.MONEY, EntityLabel.PERCENT: FactKind.PERCENT}


def group_of(label: EntityLabel) -> int:
    """The number of the group an entity of ``label`` is listed under."""
    return _GROUP_OF_LABEL[label]


def entity_details(entity: Entity) -> str:
    """What the Details column says: a person's role, else the normalised value."""
    if entity.role:
        return entity.role
    if entity.value is None:
        return ""
    if entity.label == EntityLabel.DATE:
        return format_date(str(entity.value))
    kind = _AMOUNT_KIND.get(entity.label, FactKind.COUNT)
    return format_amount(kind, entity.value, entity.unit, entity.approx)


def mention_context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """A few whole words either side of a mention, on one line: "…the minister said…"."""
    before = text[max(0, start - chars):start].split()
    after = text[end:end + chars].split()
    before = before[1:] if start > chars and before else before  # a cut first word goes
    after = after[:-1] if end + chars < len(text) and after else after
    middle = " ".join(text[start:end].split())
    return f"…{' '.join(before)} {middle} {' '.join(after)}…".replace("… ", "…")
