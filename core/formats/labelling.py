"""What the labelling tools' formats (doccano, Prodigy, Label Studio) share: spans of labels
over the text of one record among many, and Lectern's own key that keeps a round trip
exact (which spans make one annotation, its note, id and times).

Writing: one span per fragment and tag (``Highlight`` for an untagged annotation); orphans,
article notes and zero-width annotations have no span and are left out. The ``lectern``
key of the record lists each annotation's spans, so fragments and notes come back whole;
the tools keep it as metadata. Reading: the record whose text is the article's is the one
placed (a file of many documents never lends its other records' spans); without the
``lectern`` key, spans over the same stretch are one annotation with several tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lectern.core.annotations import Annotation, quote_selector, stable_id, utc_now
from lectern.core.errors import LecternError
from lectern.core.formats.brat import UNTAGGED_LABEL
from lectern.core.formats.parsed import MAX_OFFSET, ParsedFile, check_parsed
from lectern.core.links import Link, links_between, stable_link_id

LECTERN_KEY = "lectern"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    owner: str  # the annotation's id


@dataclass(frozen=True)
class Spans:
    """An export's spans in text order, the annotations they make, and what was left out."""

    spans: list[Span]
    meta: dict[str, Any]
    links: list[Link]
    skipped: int


def spans_of(text: str, annotations: Iterable[Annotation], links: Sequence[Link]) -> Spans:
    ranked: list[tuple[int, int, int, int, Span]] = []
    kept: list[Annotation] = []
    skipped = 0
    for rank, a in enumerate(sorted(annotations, key=Annotation.sort_key)):
        pieces = [(s, e) for s, e in a.spans if 0 <= s < e <= len(text)]
        if a.is_orphan or a.is_article_note or not pieces:
            skipped += 1  # doccano forbids a span of nothing; an orphan has no place
            continue
        kept.append(a)
        ranked += [(s, e, rank, order, Span(s, e, tag, a.id)) for s, e in pieces
                   for order, tag in enumerate(a.tags or (UNTAGGED_LABEL,))]
    # Text order; one annotation's tags in its own order, which a reader gives back.
    spans = [span for *_, span in sorted(ranked, key=lambda r: r[:4])]
    index = {a.id: [i for i, s in enumerate(spans) if s.owner == a.id] for a in kept}
    meta = {"annotations": [_meta_of(a, index[a.id]) for a in kept]}
    return Spans(spans, meta, links_between(links, index), skipped)


def _meta_of(a: Annotation, spans: list[int]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": a.id, "spans": spans}
    if a.note:
        entry["note"] = a.note
    if a.note_format:
        entry["note_format"] = a.note_format
    entry["created"], entry["modified"] = a.created, a.modified
    return entry


# --- reading -------------------------------------------------------------------------------
def check_span(start: Any, end: Any, text: str, where: str) -> tuple[int, int]:
    for value in (start, end):
        if type(value) is not int or value < 0:
            raise LecternError(f"{where}: offsets must be whole numbers, got "
                               f"{str(value)[:20]}.")
        if value > MAX_OFFSET:
            raise LecternError(f"{where}: the offset {str(value)[:20]}… is larger than any "
                               "text.")
    if start > end:
        raise LecternError(f"{where}: start {start} is after end {end}.")
    if end > len(text):
        raise LecternError(f"{where}: end {end} is beyond the end of its text "
                           f"({len(text)} characters).")
    return start, end


def record_for(texts: Sequence[str], article: str | None, name: str, what: str,
               edited_single: bool = False) -> int:
    """The index of the record whose text is the article's (line ends and the whitespace
    around it aside). Only that record is placed: spans of another document found by
    their quotes would be wrong, even when the file holds just one. ``edited_single``
    takes a file's only text as an earlier version of the article (a REFI-QDA project
    keeps each selection's quote for that re-anchoring)."""
    if not texts:
        raise LecternError(f"“{name}” holds no {what}.")
    if article is None or (edited_single and len(texts) == 1):
        return 0
    for index, text in enumerate(texts):
        if text == article or text.replace("\r\n", "\n") == article:
            return index
    stripped = article.strip()
    for index, text in enumerate(texts):
        if text.strip() == stripped:
            return index
    held = f"The {what} in “{name}” does not" if len(texts) == 1 else \
        f"None of the {len(texts):,} {what}s in “{name}”"
    raise LecternError(f"{held} have this article's text, so "
                       "nothing was imported (spans are only taken from the article's own "
                       "record).")


def annotations_from_spans(text: str, spans: Sequence[Span], meta: Any, name: str,
                           relations: Sequence[tuple[str, str, str]] = (),
                           notes: dict[str, str] | None = None) -> ParsedFile:
    """Annotations from spans (``owner`` is the span's id in its file), grouped as the
    ``lectern`` key says, else by stretch; ``relations`` are (from span id, to, label)."""
    groups: list[tuple[list[Span], dict[str, Any]]] = []
    entries = meta.get("annotations") if isinstance(meta, dict) else None
    if isinstance(entries, list) and _meta_fits(entries, len(spans)):
        groups = [([spans[i] for i in e["spans"]], e) for e in entries]
    else:
        by_stretch: dict[tuple[int, int], list[Span]] = {}
        for span in spans:
            by_stretch.setdefault((span.start, span.end), []).append(span)
        groups = [(members, {}) for members in by_stretch.values()]
    annotations: list[Annotation] = []
    owner_of: dict[str, str] = {}
    now = utc_now()
    for members, entry in groups:
        tags = [s.label for s in members if s.label != UNTAGGED_LABEL]
        tags = list(dict.fromkeys(tags))
        pieces = sorted({(s.start, s.end) for s in members})
        start, end = pieces[0][0], pieces[-1][1]
        note = _text(entry.get("note")) or "\n\n".join(
            n for s in members if (n := (notes or {}).get(s.owner)))
        exact, prefix, suffix = quote_selector(text, start, end)
        identity = exact if len(pieces) == 1 else f"{exact}\x1e{pieces}"
        created = _text(entry.get("created")) or now
        annotation = Annotation(
            start=start, end=end, exact=exact, prefix=prefix, suffix=suffix, tags=tuple(tags),
            note=note, fragments=tuple(pieces), note_format=_text(entry.get("note_format")),
            id=_text(entry.get("id")) or stable_id(start, end, identity, tags, note),
            created=created, modified=_text(entry.get("modified")) or created)
        annotations.append(annotation)
        owner_of.update((s.owner, annotation.id) for s in members)
    links = []
    for source_span, target_span, label in relations:
        if source_span not in owner_of or target_span not in owner_of:
            raise LecternError(f"“{name}”: a relation refers to {source_span} or "
                               f"{target_span}, which is not a span of the record.")
        source, target = owner_of[source_span], owner_of[target_span]
        links.append(Link(source, target, label, id=stable_link_id(source, target, label),
                          created=now))
    return check_parsed(ParsedFile(annotations, links), name)


def _meta_fits(entries: list[Any], count: int) -> bool:
    """The ``lectern`` key names every span once: else the file was edited in the tool, and
    grouping by stretch is the safe reading."""
    seen: list[int] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("spans"), list) \
                or not entry["spans"]:
            return False
        seen += [i for i in entry["spans"] if type(i) is int]
    return sorted(seen) == list(range(count))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def utf16_to_code_points(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets counted in UTF-16 units (a browser's) as code points, when they fit."""
    position = units = 0
    found: dict[int, int] = {}
    for position, char in enumerate(text):
        found[units] = position
        units += 2 if ord(char) > 0xFFFF else 1
    found[units] = len(text)
    if start in found and end in found:
        return found[start], found[end]
    return None
