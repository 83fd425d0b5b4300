"""The Passages table: a model over a ``PassageList`` that reads only the rows on screen.

Qt asks ``data()`` for the visible rows alone, so opening 100,000 passages reads a page or
two; a sort by a column reads the list whole (once, when asked) and sorts it in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from lectern.core.library.passages import context_of
from lectern.core.store.library_rows import Passage
from lectern.gui.widgets.marked_text import MARKED_ROLE
from lectern.gui.widgets.row_model import RowModel


class PassagesModel(RowModel[Passage]):
    titles = ("Article", "Outlet", "Date", "Passage", "Tags", "Note")
    copies_rows = False  # a PassageList: copied, it would be read whole

    def cell(self, row: Passage, column: int) -> Any:
        if column == 0:
            return row.title or row.path.rsplit("/", 1)[-1]
        if column == 1:
            return row.outlet
        if column == 2:
            return row.published
        if column == 3:
            return "".join(context_of(row))
        if column == 4:
            return ", ".join(row.tags)
        return " ".join(row.note.split())

    def sort_key(self, column: int) -> Callable[[Passage], Any]:
        if column == 3:
            return lambda row: row.exact.casefold()
        return lambda row: str(self.cell(row, column)).casefold()

    def extra(self, row: Passage, column: int, role: int) -> Any:
        if role == MARKED_ROLE and column == 3:
            before, quote, after = context_of(row)
            lead = f"…{before.lstrip()}" if before.strip() else ""
            text = f"{lead}{quote}{after.rstrip()}…" if after.strip() else f"{lead}{quote}"
            return text, ((len(lead), len(lead) + len(quote)),)
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 5):
            return row.exact if column == 3 else row.note
        return None
