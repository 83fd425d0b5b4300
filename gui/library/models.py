"""The Library's tables: articles, search hits and passages, as thin models over core rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from lectern.core.library.find import Hit
from lectern.core.readouts.titles import told_apart
from lectern.core.store.library_rows import Article
from lectern.gui.widgets.marked_text import MARKED_ROLE
from lectern.gui.widgets.row_model import RowModel

NOT_KEPT = "—"  # words of an article whose text was never kept
NOT_KEPT_TIP = ("Annotated before the library kept texts: open the file once (or add it) "
                "and its text is kept.")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ArticlesModel(RowModel[Article]):
    titles = ("Title", "Outlet", "Date", "Words", "Notes", "Tags")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._shown: dict[int, str] = {}  # each article's title as listed (copies told apart)

    def set_rows(self, rows: Sequence[Article]) -> None:
        self._shown = dict(zip((a.id for a in rows),
                               told_apart([(a.display_title, a.path) for a in rows]),
                               strict=True))
        super().set_rows(rows)

    def cell(self, row: Article, column: int) -> Any:
        if column == 0:
            return self._shown.get(row.id, row.display_title)
        if column == 1:
            return row.outlet
        if column == 2:
            return row.published
        if column == 3:
            return NOT_KEPT if row.words is None else f"{row.words:,}"
        if column == 4:
            return f"{row.annotations:,}" if row.annotations else ""
        return ", ".join(row.tags)

    def sort_key(self, column: int) -> Callable[[Article], Any]:
        if column == 3:
            return lambda row: row.words if row.words is not None else -1
        if column == 4:
            return lambda row: row.annotations
        return super().sort_key(column)

    def extra(self, row: Article, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3 and row.words is None:
                return NOT_KEPT_TIP
            if column == 0:
                return row.path or row.display_title
        return None


def article_matches(words: list[str]) -> Callable[[Article], bool]:
    """The filter box: each word in the title, outlet, byline, tags, date or file name."""
    def keep(row: Article) -> bool:
        haystack = " ".join((row.display_title, row.outlet, row.byline, row.published,
                             row.path.rsplit("/", 1)[-1], *row.tags)).casefold()
        return all(word in haystack for word in words)
    return keep


WHERE_NAMES = {"text": "Text", "quote": "Quote", "note": "Note", "tag": "Tag"}


class HitsModel(RowModel[Hit]):
    titles = ("Where", "Article", "Passage")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._shown: dict[tuple[int | None, str], str] = {}  # (article, path) -> as listed

    def set_rows(self, rows: Sequence[Hit]) -> None:
        self._shown = dict(zip(((h.article, h.path) for h in rows),
                               told_apart([(h.title, h.path) for h in rows]), strict=True))
        super().set_rows(rows)

    def cell(self, row: Hit, column: int) -> Any:
        if column == 0:
            return WHERE_NAMES.get(row.where, row.where)
        if column == 1:
            return self._shown.get((row.article, row.path), row.title)
        return row.plain

    def extra(self, row: Hit, column: int, role: int) -> Any:
        if role == MARKED_ROLE and column == 2:
            return row.plain, row.marks
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.path
        return None
