"""An HTML element tree (lxml) as reading text with its structure: paragraphs apart,
headings, quotes, lists, table rows and code kept as spans, scripts and images dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lectern.core.structure import BlockKind, InlineKind, Structure, TextBuilder, bullet

_PARAGRAPH_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "caption", "dl", "dt", "dd", "address", "details", "summary", "hr",
    "center", "form", "fieldset", "legend",
}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_INLINE = {
    "em": InlineKind.EMPHASIS, "i": InlineKind.EMPHASIS, "cite": InlineKind.EMPHASIS,
    "strong": InlineKind.STRONG, "b": InlineKind.STRONG,
    "code": InlineKind.CODE, "kbd": InlineKind.CODE, "samp": InlineKind.CODE,
    "tt": InlineKind.CODE, "sup": InlineKind.SUPERSCRIPT,
}
_SKIPPED = {"script", "style", "noscript", "template", "img", "svg", "iframe", "object",
            "video", "audio", "canvas", "head", "title", "button", "select", "input"}


@dataclass
class _Walk:
    """What the walk is inside of: lists (each with its next number, None when bulleted),
    quotes, table cells, and where the current list item's marker ended."""

    lists: list[int | None]
    quotes: int = 0
    cells: int = 0
    marker_end: int = -1


def html_tree_to_text(root: Any) -> tuple[str, Structure]:
    """The reading text of ``root`` and its structure."""
    builder = TextBuilder()
    write_html_tree(builder, root)
    return builder.finish()


def write_html_tree(builder: TextBuilder, root: Any) -> None:
    """Add the text and structure of ``root`` to ``builder``."""
    walk = _Walk(lists=[])
    # An explicit stack, not recursion: a page may nest 2,048 levels, past Python's limit.
    stack: list[tuple[Any, list[int] | None]] = [(root, None)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if closing is not None:
            if tag == "sup" and _is_footnote_mark(node):
                builder.text("]")  # inside the superscript span it closes
            _close(builder, walk, tag, closing)
            if node.tail:
                builder.text(node.tail)
            continue
        if tag in _SKIPPED:
            if node.tail:
                builder.text(node.tail)
            continue
        if tag == "pre":
            _preformatted(builder, node)
            continue
        handles = _open(builder, walk, node, tag)
        if node.text:
            builder.text(node.text)
        stack.append((node, handles))
        stack.extend((child, None) for child in reversed(node))


def _open(builder: TextBuilder, walk: _Walk, node: Any, tag: str) -> list[int]:
    """Start ``node``'s structure; returns the span handles its closing ends."""
    if walk.cells and tag not in _INLINE:
        builder.text(" ")  # a table cell stays on its row, whatever it holds
        walk.cells += tag in ("td", "th")
        return []
    if tag in _HEADINGS:
        builder.paragraph_break()
        return [builder.open(BlockKind.HEADING, _HEADINGS[tag], block=True)]
    if tag in _INLINE:
        handle = builder.open(_INLINE[tag], block=False)
        if tag == "sup" and _is_footnote_mark(node):
            builder.text("[")  # "Monday,[1] the mayor", not "Monday,1 the mayor"
        return [handle]
    if tag == "br":
        builder.line_break()
    elif tag in _PARAGRAPH_TAGS:
        if builder.length != walk.marker_end:  # a list item's first paragraph joins its marker
            builder.paragraph_break()
    elif tag == "blockquote":
        builder.paragraph_break()
        walk.quotes += 1
        return [builder.open(BlockKind.QUOTE, walk.quotes, block=True)]
    elif tag in ("ul", "ol", "menu"):
        _list_break(builder, walk)
        walk.lists.append(_start_number(node) if tag == "ol" else None)
    elif tag == "li":
        return _list_item(builder, walk)
    elif tag == "table":
        builder.paragraph_break()
    elif tag == "tr":
        builder.line_break()
        return [builder.open(BlockKind.TABLE_ROW, int(_is_header_row(node)), block=True)]
    elif tag in ("td", "th"):
        if node.getprevious() is not None:
            builder.cell_break()
        walk.cells += 1
    return []


def _close(builder: TextBuilder, walk: _Walk, tag: str, handles: list[int]) -> None:
    for handle in reversed(handles):
        builder.close(handle)
    if tag in ("td", "th"):
        walk.cells -= 1
        return
    if walk.cells:
        return
    if tag in _HEADINGS or tag in _PARAGRAPH_TAGS or tag in ("table", "blockquote"):
        builder.paragraph_break()
    if tag == "blockquote":
        walk.quotes -= 1
    elif tag in ("ul", "ol", "menu"):
        walk.lists.pop()
        _list_break(builder, walk)
    elif tag in ("li", "tr"):
        builder.line_break()


def _list_break(builder: TextBuilder, walk: _Walk) -> None:
    """A list stands apart from the paragraphs around it; a nested one starts a new line."""
    if walk.lists:
        builder.line_break()
    else:
        builder.paragraph_break()


def _list_item(builder: TextBuilder, walk: _Walk) -> list[int]:
    builder.line_break()
    handle = builder.open(BlockKind.LIST_ITEM, max(len(walk.lists), 1), block=True)
    number = walk.lists[-1] if walk.lists else None
    if number is None:
        builder.text(bullet(len(walk.lists)))
    else:
        builder.text(f"{number}.")
        walk.lists[-1] = number + 1
    builder.text(" ")
    walk.marker_end = builder.length
    return [handle]


def _preformatted(builder: TextBuilder, node: Any) -> None:
    builder.paragraph_break()
    handle = builder.open(BlockKind.CODE, block=True)
    builder.preformatted(node.text_content().strip("\n"))
    builder.close(handle)
    builder.paragraph_break()
    if node.tail:
        builder.text(node.tail)


def _is_footnote_mark(sup: Any) -> bool:
    """A superscript linking within the page (a note's number), not yet in brackets."""
    links = [a for a in sup.iter("a") if (a.get("href") or "").startswith("#")]
    return bool(links) and not sup.text_content().strip().startswith("[")


def _start_number(node: Any) -> int:
    try:
        return int(node.get("start", "1"))
    except ValueError:
        return 1


def _is_header_row(row: Any) -> bool:
    parent = row.getparent()
    if parent is not None and isinstance(parent.tag, str) and parent.tag.lower() == "thead":
        return True
    cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    return bool(cells) and all(c.tag.lower() == "th" for c in cells)
