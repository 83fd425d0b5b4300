"""Links between annotations as people read them beside one of the two ends:
"→ “Nino Kapanadze” (speaker)" from the quotation, "← “We want…” (speaker)" from the name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lectern.core.annotations import Annotation
from lectern.core.links import Link

QUOTE_CHARS = 48


def _short(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    return flat[:QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"  # cut between words


def link_lines(annotation_id: str, links: Sequence[Link],
               find: Callable[[str], Annotation | None]) -> list[str]:
    """One line per link of ``annotation_id``: the direction, the other end's quote, the
    label; links whose other end is gone are left out."""
    lines = []
    for link in links:
        if annotation_id not in (link.source, link.target):
            continue
        outgoing = link.source == annotation_id
        other = find(link.target if outgoing else link.source)
        if other is None:
            continue
        quote = _short(other.exact) if other.exact else "the article"
        label = f" ({link.label})" if link.label else ""
        lines.append(f"{'→' if outgoing else '←'} “{quote}”{label}")
    return lines
