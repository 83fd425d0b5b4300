"""What the reader has selected in the analysis (an entity, fact or quote) and who asked,
as typed values: the window's panels, chart and article all follow one Selection."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SelectionKind(StrEnum):
    ENTITY = "entity"
    FACT = "fact"
    QUOTE = "quote"


class Origin(StrEnum):
    """Who made a selection, so the asker can skip echoing its own change."""

    TEXT = "text"  # the reader clicked into the article
    ENTITIES = "entities"
    FACTS = "facts"
    QUOTES = "quotes"
    CHART = "chart"
    STEP = "step"  # F3 / Shift+F3 through an entity's mentions
    PROGRAM = "program"


@dataclass(frozen=True)
class Selection:
    """``kind`` and ``id``; for an entity, the mention being looked at (None: all)."""

    kind: SelectionKind
    id: str
    mention: int | None = None
    origin: Origin = Origin.PROGRAM

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", SelectionKind(self.kind))
        object.__setattr__(self, "origin", Origin(self.origin))

    def same_target(self, other: Selection | None) -> bool:
        return other is not None and (self.kind, self.id, self.mention) == \
            (other.kind, other.id, other.mention)


def stepped_mention(current: Selection | None, count: int, step: int) -> Selection | None:
    """The selection after stepping ``step`` (+1/-1) through an entity's ``count`` mentions,
    wrapping at either end; None when there is nothing to step through."""
    if current is None or current.kind is not SelectionKind.ENTITY or count <= 0:
        return None
    if current.mention is None:
        index = 0 if step > 0 else count - 1
    else:
        index = (current.mention + step) % count
    return Selection(SelectionKind.ENTITY, current.id, index, Origin.STEP)


def mention_position(selection: Selection | None, count: int) -> str:
    """"mention 2 of 3" for the status bar while stepping; "" when not on one mention."""
    if selection is None or selection.mention is None or count <= 0:
        return ""
    return f"mention {selection.mention + 1} of {count}"
