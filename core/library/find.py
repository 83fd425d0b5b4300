"""Full-text search across the library (``find`` and the Library view's search field).

Article texts and annotations (quotes, notes, tags) are matched by SQLite FTS5 and ranked
together by bm25. A text hit covers the first matched phrase of the article, as exact
code-point offsets into its stored text; a quote, note or tag hit covers its annotation's
span in the article. Each hit has a snippet: the match in its context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lectern.core.library.query import parse_query
from lectern.core.store import AnnotationStore
from lectern.core.store.library_rows import AnnotationMatch, TextMatch

DEFAULT_LIMIT = 100
CONTEXT_CHARS = 70  # of context on each side of a match in a snippet
# Two characters each: no article holds them, and highlight() copies the text exactly.
OPEN, CLOSE = "\x02\x1e", "\x1f\x03"


@dataclass(frozen=True)
class Hit:
    """``where``: text, quote, note or tag. ``snippet`` shows the match between ``**``;
    ``marks`` are the matches' spans in ``plain`` (the snippet without the stars)."""

    article: int | None
    title: str
    path: str
    start: int
    end: int
    where: str
    plain: str
    marks: tuple[tuple[int, int], ...]
    score: float
    matches: int = 1
    annotation: str | None = None

    @property
    def snippet(self) -> str:
        parts, last = [], 0
        for start, end in self.marks:
            parts += [self.plain[last:start], "**", self.plain[start:end], "**"]
            last = end
        return "".join([*parts, self.plain[last:]])

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"article": self.article, "title": self.title,
                                 "path": self.path, "start": self.start, "end": self.end,
                                 "snippet": self.snippet, "where": self.where}
        if self.annotation is not None:
            found["annotation"] = self.annotation
        return found


def find(store: AnnotationStore, text: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The ``limit`` best hits for ``text`` (words, "phrases", prefix*, AND/OR/NOT)."""
    query = parse_query(text)
    search = store.library.search
    texts = search.match_texts(query.match, limit, (OPEN, CLOSE))
    heads = store.library.heads([m.article for m in texts])
    hits = [_text_hit(m, *heads.get(m.article, ("", ""))) for m in texts]
    hits += [_annotation_hit(m) for m in
             search.match_annotations(query.match, limit, (OPEN, CLOSE))]
    hits.sort(key=lambda hit: hit.score)  # bm25: the lower, the better
    return hits[:limit]


def marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its markers, and the spans the markers enclosed (code points)."""
    first, *pieces = marked.split(OPEN)
    plain, spans, length = [first], [], len(first)
    for piece in pieces:
        inside, closed, after = piece.partition(CLOSE)
        if not closed:  # not a marker pair after all: keep it as text
            plain.append(OPEN + piece)
            length += len(OPEN) + len(piece)
            continue
        spans.append((length, length + len(inside)))
        plain += [inside, after]
        length += len(inside) + len(after)
    return "".join(plain), spans


def snippet(text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None
            ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The match ``start:end`` with about CONTEXT_CHARS of context each side, cut at
    spaces, on one line; with the spans of every match inside it."""
    low = max(0, start - CONTEXT_CHARS)
    high = min(len(text), end + CONTEXT_CHARS)
    if low > 0 and " " in text[low:start]:
        low = text.index(" ", low, start) + 1
    if high < len(text) and " " in text[end:high]:
        high = text.rindex(" ", end, high)
    lead = "…" if low > 0 else ""
    piece = lead + text[low:high].replace("\n", " ").rstrip() + ("…" if high < len(text) else "")
    marks = tuple((s - low + len(lead), e - low + len(lead))
                  for s, e in (spans or [(start, end)]) if s >= low and e <= high)
    return piece, marks


def _text_hit(match: TextMatch, title: str, path: str) -> Hit:
    # Only the first match and its context are shown: read the marked text no further.
    head = _head(match.marked)
    text, spans = marked_spans(head)
    start, end = spans[0] if spans else (0, 0)
    plain, marks = snippet(text, start, end, spans)
    if len(head) < len(match.marked) and not plain.endswith("…"):
        plain += "…"
    shown = title or (path.rsplit("/", 1)[-1] if path else "Untitled")
    return Hit(match.article, shown, path, start, end, "text", plain, marks, match.score,
               match.marked.count(OPEN))


def _head(marked: str) -> str:
    """The marked text up to a little past the end of its first match."""
    closing = marked.find(CLOSE)
    if closing < 0:
        return marked
    cut = closing + len(CLOSE) + 2 * CONTEXT_CHARS
    while True:  # never cut inside a marker pair
        opening = marked.rfind(OPEN, 0, cut)
        if opening < 0 or marked.find(CLOSE, opening) + len(CLOSE) <= cut:
            return marked[:cut]
        cut = marked.find(CLOSE, opening) + len(CLOSE)


def _annotation_hit(match: AnnotationMatch) -> Hit:
    passage, a = match.passage, match.passage.annotation
    where, field = next(((w, f) for w, f in (("quote", match.marked_quote),
                                             ("note", match.marked_note),
                                             ("tag", match.marked_tags)) if OPEN in f),
                        ("quote", match.marked_quote))
    plain, spans = marked_spans(field)
    if where == "quote":
        context = a.prefix.replace("\n", " ")
        plain = f"…{context}{plain}{a.suffix}…".replace("\n", " ")
        marks = tuple((s + 1 + len(context), e + 1 + len(context)) for s, e in spans)
    elif where == "tag":
        plain, marks = _tags_line(field)
    else:
        plain, marks = snippet(plain, *(spans[0] if spans else (0, 0)), spans)
    return Hit(passage.article, passage.title, passage.path, a.start, a.end, where, plain,
               marks, match.score, len(spans), a.id)


def _tags_line(marked_json: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The tags (stored as a JSON list) as "Tags: Claim, Quote" with the matches marked."""
    import json

    plain, spans = marked_spans(marked_json)
    try:
        names = json.loads(plain)
    except ValueError:
        names = [plain]
    line = "Tags: " + ", ".join(names)
    marks = []
    for start, end in spans:  # find each marked tag word again in the readable line
        word = plain[start:end]
        at = line.find(word)
        if at >= 0:
            marks.append((at, at + len(word)))
    return line, tuple(marks)
