"""The one selection every panel, the chart and the article follow: an entity, fact or quote.

Panels never call each other: each asks the coordinator to select, and each
listens to ``changed`` to show the new selection its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

ENTITY, FACT, QUOTE = "entity", "fact", "quote"


@dataclass(frozen=True)
class Selection:
    """What is selected: ``kind`` and ``id``; for an entity, the mention being looked at.

    ``origin`` names who asked ("text", "entities", "chart"...), so the asker can
    skip echoing its own change (the text does not scroll when clicked).
    """

    kind: str
    id: str
    mention: int | None = None
    origin: str = ""


class SelectionCoordinator(QObject):
    """Holds the current selection and steps through an entity's mentions."""

    changed = Signal(object)  # Selection | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: Selection | None = None
        self._mention_counts: dict[str, int] = {}

    @property
    def current(self) -> Selection | None:
        return self._current

    def set_mention_counts(self, counts: dict[str, int]) -> None:
        """Entity id -> number of mentions, for stepping (set when an analysis arrives)."""
        self._mention_counts = dict(counts)

    def select(self, kind: str, item_id: str, mention: int | None = None,
               origin: str = "") -> None:
        selection = Selection(kind, item_id, mention, origin)
        current = self._current
        if current and (current.kind, current.id, current.mention) == (kind, item_id, mention):
            return  # the same thing again, whoever asks: no echo
        self._current = selection
        self.changed.emit(selection)

    def select_entity(self, entity_id: str, mention: int | None = None, origin: str = "") -> None:
        self.select(ENTITY, entity_id, mention, origin)

    def select_fact(self, fact_id: str, origin: str = "") -> None:
        self.select(FACT, fact_id, None, origin)

    def select_quote(self, quote_id: str, origin: str = "") -> None:
        self.select(QUOTE, quote_id, None, origin)

    def clear(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit(None)

    def step_mention(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) mention of the selected entity, wrapping."""
        current = self._current
        if current is None or current.kind != ENTITY:
            return
        count = self._mention_counts.get(current.id, 0)
        if not count:
            return
        if current.mention is None:
            index = 0 if step > 0 else count - 1
        else:
            index = (current.mention + step) % count
        self.select_entity(current.id, index, origin="step")
