"""Markdown as reading text with its structure, parsed by markdown-it-py (CommonMark, with
tables and footnotes): markup goes, headings, quotes, lists, tables and code stay as spans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from lectern.core.errors import LecternError
from lectern.core.structure import BlockKind, InlineKind, Structure, TextBuilder, bullet

# markdown-it stops reading what lies deeper than this (and Python's stack holds this many);
# such a file is refused rather than shown with its deepest text silently gone.
MAX_NESTING = 100
_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open",
               "footnote_reference_open"}
_INLINE_OPEN = {"em_open": InlineKind.EMPHASIS, "strong_open": InlineKind.STRONG}
_INLINE_CLOSE = {"em_close", "strong_close"}


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt  # deferred: Markdown files only (~45 ms to import)
    from mdit_py_plugins.footnote import footnote_plugin

    # Footnotes stay where they are written, referenced or not: none is dropped or moved.
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").use(
        footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)


@dataclass
class _Walk:
    builder: TextBuilder = field(default_factory=TextBuilder)
    handles: list[int] = field(default_factory=list)
    lists: list[int | None] = field(default_factory=list)  # next number; None: bulleted
    quotes: int = 0
    in_head: bool = False
    cell: int = 0  # cells of the current table row so far
    marker_end: int = -1  # where the current list item's or footnote's marker ended


def markdown_to_article(markdown: str) -> tuple[str, Structure]:
    """The reading text of a Markdown article and its structure."""
    walk = _Walk()
    for token in _parser().parse(markdown):
        if token.type in _CONTAINERS and token.level >= MAX_NESTING - 1:
            raise LecternError("The Markdown nests its quotes or lists deeper than Lectern "
                               f"can read (about {MAX_NESTING // 2} levels), so part of its "
                               "text would be lost.")
        _block_token(walk, token)
    return walk.builder.finish()


def _block_token(walk: _Walk, token: Any) -> None:
    handler = _HANDLERS.get(token.type)
    if handler is not None:
        handler(walk, token)


def _heading(walk: _Walk, token: Any) -> None:
    walk.builder.paragraph_break()
    walk.handles.append(walk.builder.open(BlockKind.HEADING, int(token.tag[1:]), block=True))


def _paragraph_open(walk: _Walk, token: Any) -> None:
    if walk.builder.length != walk.marker_end and not token.hidden:
        walk.builder.paragraph_break()  # not between a list item's marker and its text


def _paragraph_close(walk: _Walk, token: Any) -> None:
    if token.hidden:
        walk.builder.line_break()  # a tight list's item
    else:
        walk.builder.paragraph_break()


def _quote_open(walk: _Walk, token: Any) -> None:
    walk.builder.paragraph_break()
    walk.quotes += 1
    walk.handles.append(walk.builder.open(BlockKind.QUOTE, walk.quotes, block=True))


def _quote_close(walk: _Walk, token: Any) -> None:
    walk.quotes -= 1
    _close_line(walk, token)


def _list_open(walk: _Walk, token: Any) -> None:
    _list_break(walk)
    walk.lists.append(_start(token) if token.type == "ordered_list_open" else None)


def _list_close(walk: _Walk, token: Any) -> None:
    walk.lists.pop()
    _list_break(walk)


def _list_break(walk: _Walk) -> None:
    """A list stands apart from the paragraphs around it; a nested one starts a new line."""
    (walk.builder.line_break if walk.lists else walk.builder.paragraph_break)()


def _list_item(walk: _Walk, token: Any) -> None:
    builder = walk.builder
    builder.line_break()
    walk.handles.append(builder.open(BlockKind.LIST_ITEM, len(walk.lists), block=True))
    number = walk.lists[-1]
    builder.text(bullet(len(walk.lists)) if number is None else f"{number}.")
    if number is not None:
        walk.lists[-1] = number + 1
    _after_marker(walk)


def _code(walk: _Walk, token: Any) -> None:
    builder = walk.builder
    builder.paragraph_break()
    handle = builder.open(BlockKind.CODE, block=True)
    builder.preformatted(token.content.rstrip())  # blank last lines are nothing to show
    builder.close(handle)
    builder.paragraph_break()


def _table_head(walk: _Walk, token: Any) -> None:
    walk.in_head = token.type == "thead_open"


def _row(walk: _Walk, token: Any) -> None:
    walk.builder.line_break()
    walk.cell = 0
    walk.handles.append(walk.builder.open(BlockKind.TABLE_ROW, int(walk.in_head), block=True))


def _cell(walk: _Walk, token: Any) -> None:
    if walk.cell:
        walk.builder.cell_break()
    walk.cell += 1


def _footnote(walk: _Walk, token: Any) -> None:
    walk.builder.paragraph_break()
    walk.handles.append(walk.builder.open(BlockKind.FOOTNOTE, block=True))
    walk.builder.text(f"[{token.meta.get('label', '')}]")
    _after_marker(walk)


def _close_paragraph(walk: _Walk, token: Any) -> None:
    walk.builder.close(walk.handles.pop())
    walk.builder.paragraph_break()


def _close_line(walk: _Walk, token: Any) -> None:
    walk.builder.close(walk.handles.pop())
    walk.builder.line_break()


def _break(walk: _Walk, token: Any) -> None:
    walk.builder.paragraph_break()


_HANDLERS: dict[str, Callable[[_Walk, Any], None]] = {
    "inline": lambda walk, token: _inline(walk, token.children or []),
    "heading_open": _heading, "heading_close": _close_paragraph,
    "paragraph_open": _paragraph_open, "paragraph_close": _paragraph_close,
    "blockquote_open": _quote_open, "blockquote_close": _quote_close,
    "bullet_list_open": _list_open, "ordered_list_open": _list_open,
    "bullet_list_close": _list_close, "ordered_list_close": _list_close,
    "list_item_open": _list_item, "list_item_close": _close_line,
    "fence": _code, "code_block": _code,
    "html_block": lambda walk, token: _html_block(walk.builder, token.content),
    "table_open": _break, "table_close": _break, "hr": _break,
    "thead_open": _table_head, "thead_close": _table_head,
    "tr_open": _row, "tr_close": _close_line, "th_open": _cell, "td_open": _cell,
    "footnote_reference_open": _footnote, "footnote_reference_close": _close_paragraph,
}


def _after_marker(walk: _Walk) -> None:
    walk.builder.text(" ")
    walk.marker_end = walk.builder.length


def _inline(walk: _Walk, children: list[Any]) -> None:
    builder = walk.builder
    handles: list[int] = []
    for child in children:
        kind = child.type
        if kind == "text":
            builder.text(child.content)
        elif kind == "softbreak":
            builder.text(" ")  # the source's line wrapping is not the reader's
        elif kind == "hardbreak":
            builder.line_break()
        elif kind in _INLINE_OPEN:
            handles.append(builder.open(_INLINE_OPEN[kind], block=False))
        elif kind in _INLINE_CLOSE and handles:
            builder.close(handles.pop())
        elif kind == "code_inline":
            handle = builder.open(InlineKind.CODE, block=False)
            builder.text(child.content)
            builder.close(handle)
        elif kind == "image":
            builder.text(child.content)  # the alt text, where a picture was
        elif kind == "footnote_ref":
            handle = builder.open(InlineKind.SUPERSCRIPT, block=False)
            builder.text(f"[{child.meta.get('label', child.meta.get('id', 0) + 1)}]")
            builder.close(handle)
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            builder.line_break()
    for handle in reversed(handles):
        builder.close(handle)


def _html_block(builder: TextBuilder, html: str) -> None:
    """Raw HTML inside Markdown: read as HTML (a comment or a script shows nothing)."""
    from lectern.core.html_text import write_html_tree
    from lectern.core.markup import parse_fragment

    builder.paragraph_break()
    try:
        fragment = parse_fragment(html)
    except Exception:  # lxml raises several types for unusable markup; keep the words
        builder.text(html)
    else:
        write_html_tree(builder, fragment)
    builder.paragraph_break()


def _start(token: Any) -> int:
    try:
        return int(token.attrs.get("start", 1))
    except (TypeError, ValueError):
        return 1
