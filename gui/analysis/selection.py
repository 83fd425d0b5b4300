"""The one selection every panel, the chart and the article follow: an entity, fact or quote.

Panels never call each other: each asks the coordinator to select, and each listens to
``changed`` to show the new selection its own way. The selection itself is a core value.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from lectern.core.readouts.selection import (
    Origin,
    Selection,
    SelectionKind,
    mention_position,
    stepped_mention,
)

__all__ = ["Origin", "Selection", "SelectionCoordinator", "SelectionKind"]


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

    def select(self, kind: SelectionKind, item_id: str, mention: int | None = None,
               origin: Origin = Origin.PROGRAM) -> None:
        self._set(Selection(kind, item_id, mention, origin))

    def _set(self, selection: Selection) -> None:
        if selection.same_target(self._current):
            return  # the same thing again, whoever asks: no echo
        self._current = selection
        self.changed.emit(selection)

    def select_entity(self, entity_id: str, mention: int | None = None,
                      origin: Origin = Origin.PROGRAM) -> None:
        self.select(SelectionKind.ENTITY, entity_id, mention, origin)

    def select_fact(self, fact_id: str, origin: Origin = Origin.PROGRAM) -> None:
        self.select(SelectionKind.FACT, fact_id, None, origin)

    def select_quote(self, quote_id: str, origin: Origin = Origin.PROGRAM) -> None:
        self.select(SelectionKind.QUOTE, quote_id, None, origin)

    def clear(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit(None)

    def step_mention(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) mention of the selected entity, wrapping."""
        current = self._current
        count = self._mention_counts.get(current.id, 0) if current else 0
        stepped = stepped_mention(current, count, step)
        if stepped is not None:
            self._set(stepped)

    def mention_position(self) -> str:
        """"mention 2 of 3" while on one mention of the selected entity, else ""."""
        current = self._current
        count = self._mention_counts.get(current.id, 0) if current else 0
        return mention_position(current, count)
