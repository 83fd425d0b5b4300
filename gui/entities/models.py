"""Table models of the Entities view: the entities, one entity's mentions across articles
(the sentence read from the kept text only when a row is shown), and the suggested merges."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from lectern.core.library.entities import LibraryEntity, LibraryMention
from lectern.core.library.entity_suggestions import Suggestion
from lectern.gui.widgets.row_model import RowModel

TYPE_NAMES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Region",
              "NORP": "Nationality", "EVENT": "Event"}
REASONS = {"abbreviation": "initials", "surname": "surname", "part of the name":
           "part of the name", "spelling": "spelling"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class LibraryEntitiesModel(RowModel[LibraryEntity]):
    titles = ("Name", "Type", "Also called", "Articles", "Mentions", "First seen", "Last seen")
    NUMBERS = (3, 4)

    def cell(self, row: LibraryEntity, column: int) -> Any:
        if column == 0:
            return row.name
        if column == 1:
            return TYPE_NAMES.get(row.label, row.label)
        if column == 2:
            return ", ".join(row.aliases)
        if column == 3:
            return str(row.articles)
        if column == 4:
            return str(row.mentions)
        return row.first_seen if column == 5 else row.last_seen

    def sort_key(self, column: int) -> Callable[[LibraryEntity], Any]:
        if column == 3:
            return lambda row: row.articles
        if column == 4:
            return lambda row: row.mentions
        return super().sort_key(column)

    def extra(self, row: LibraryEntity, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            aliases = f"; also called {', '.join(row.aliases)}" if row.aliases else ""
            return (f"{row.name} ({TYPE_NAMES.get(row.label, row.label)}, entity {row.id})"
                    f"{aliases} — in {row.articles} articles, {row.mentions} mentions")
        return None

    def row_of(self, entity_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == entity_id), -1)


class MentionsModel(RowModel[LibraryMention]):
    titles = ("Article", "Date", "Sentence")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sentence: Callable[[LibraryMention], str] = lambda mention: ""
        self._sentences: dict[int, str] = {}

    def set_mentions(self, mentions: list[LibraryMention],
                     sentence: Callable[[LibraryMention], str]) -> None:
        self.sentence, self._sentences = sentence, {}
        self.set_rows(mentions)

    def cell(self, row: LibraryMention, column: int) -> Any:
        if column == 0:
            return row.title or "Untitled"
        if column == 1:
            return row.day
        key = id(row)
        if key not in self._sentences:  # read from the kept text when the row is first shown
            self._sentences[key] = self.sentence(row)
        return self._sentences[key]

    def extra(self, row: LibraryMention, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            added = " (added by hand)" if row.added else ""
            return f"{self.cell(row, 2)}\n\nArticle {row.article}{added} — Enter opens it here"
        return None


class SuggestionsModel(RowModel[Suggestion]):
    titles = ("Keep", "Merge in", "Type", "Why")

    def cell(self, row: Suggestion, column: int) -> Any:
        if column == 0:
            return row.keep.name
        if column == 1:
            return row.other.name
        if column == 2:
            return TYPE_NAMES.get(row.keep.label, row.keep.label)
        return f"{REASONS.get(row.reason, row.reason)} ({row.score:.0f})"

    def extra(self, row: Suggestion, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Merge “{row.other.name}” ({row.other.articles} articles) into "
                    f"“{row.keep.name}” ({row.keep.articles} articles): A accepts, R "
                    "dismisses for good")
        return None
