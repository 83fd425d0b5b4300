"""Place annotations made on an older text onto the current canonical text.

The order follows Hypothesis' client: the old position checked against the quote, then
the exact quote wherever it occurs (scored by context and closeness), then a fuzzy match
with a bounded edit distance, and finally orphan. An orphan keeps its old selectors so it
can be re-attached later (``anchor_span`` is the pure matcher for that); it is never dropped.

A placed annotation moves to the text it was found on: ``start``/``end`` and the quote
selector (``exact``, ``prefix``, ``suffix``) are refreshed from the current text and its
``status`` says how it got there. A fuzzy match therefore keeps the *new* wording; the
FUZZY status is the flag that asks the reader to look. ``modified`` is left alone: moving
an annotation is not an edit by its author.

``start == UNKNOWN_POSITION`` (-1) marks an annotation imported with a quote but no
position; it is found by its quote alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from lectern.core.annotations import AnchorStatus, Annotation, quote_selector
from lectern.core.editing.snapping import snap_to_words
from lectern.core.errors import LecternError

UNKNOWN_POSITION = -1

# Scoring weights: the quote matters most, then its context, and closeness only breaks ties.
QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0

# An exact quote this long is distinctive enough to count as MOVED even with foreign context.
DISTINCTIVE_QUOTE_CHARS = 32
# Below this mean context agreement a short exact quote is only a FUZZY guess.
MOVED_MIN_CONTEXT = 0.5
# Bounded edit distance: at most this fraction of the quote may differ in a fuzzy match.
MAX_EDIT_FRACTION = 0.25
# Quotes shorter than this are fuzzy-matched only where their context agrees too.
MIN_FUZZY_QUOTE_CHARS = 8
# How far around the expected position the fuzzy search looks before trying the whole text.
FUZZY_WINDOW_CHARS = 4096


class AnchorMatch(NamedTuple):
    """Where a quote was found: ``text[start:end]``, how, and with what score."""

    start: int
    end: int
    status: AnchorStatus
    score: float


@dataclass
class AnchorReport:
    """How many annotations were placed in each way by one re-anchoring."""

    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphan: int = 0

    def count(self, status: AnchorStatus) -> None:
        name = "exact" if status is AnchorStatus.ANCHORED else status.value
        setattr(self, name, getattr(self, name) + 1)

    @property
    def total(self) -> int:
        return self.exact + self.moved + self.fuzzy + self.orphan

    def __str__(self) -> str:
        return (f"{self.exact} exact, {self.moved} moved, {self.fuzzy} fuzzy, "
                f"{self.orphan} orphaned")


# --- the pure quote matcher -------------------------------------------------------------

def anchor_span(text: str, exact: str, prefix: str = "", suffix: str = "",
                hint: int | None = None) -> AnchorMatch | None:
    """Find the quote ``exact`` (with its ``prefix``/``suffix`` context) in ``text``.

    ``hint`` is where it is expected to start (None when unknown). Returns ANCHORED when
    found exactly at ``hint``, MOVED when found exactly elsewhere with agreeing context,
    FUZZY for a near match or a short quote with foreign context, or None.
    """
    if hint is not None and not 0 <= hint <= len(text):
        hint = max(0, min(hint, len(text)))
    if not exact:
        return _anchor_empty(text, prefix, suffix, hint)
    return (_exact_match(text, exact, prefix, suffix, hint)
            or _fuzzy_match(text, exact, prefix, suffix, hint))


def _context_agreement(text: str, start: int, end: int, prefix: str,
                       suffix: str) -> tuple[float, float]:
    """How well the text around ``[start, end)`` matches the stored context, each 0..1."""
    # A missing context (start of a text, or a tool that stores none) is neutral.
    before = Levenshtein.normalized_similarity(prefix, text[max(0, start - len(prefix)):start]) \
        if prefix else 1.0
    after = Levenshtein.normalized_similarity(suffix, text[end:end + len(suffix)]) \
        if suffix else 1.0
    return before, after


def _closeness(text: str, start: int, hint: int | None) -> float:
    if hint is None:
        return 0.0
    return 1.0 - min(1.0, abs(start - hint) / max(1, len(text)))


def _score(quote_similarity: float, before: float, after: float, closeness: float) -> float:
    return (QUOTE_WEIGHT * quote_similarity + PREFIX_WEIGHT * before + SUFFIX_WEIGHT * after
            + POSITION_WEIGHT * closeness)


def _context_fits(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    return (text[max(0, start - len(prefix)):start] == prefix
            and text[end:end + len(suffix)] == suffix)


def _exact_match(text: str, exact: str, prefix: str, suffix: str,
                 hint: int | None) -> AnchorMatch | None:
    size = len(exact)
    if hint is not None and text.startswith(exact, hint) \
            and _context_fits(text, hint, hint + size, prefix, suffix):
        return AnchorMatch(hint, hint + size, AnchorStatus.ANCHORED, _score(1, 1, 1, 1))
    best: tuple[float, int, float] | None = None
    position = text.find(exact)
    while position >= 0:
        before, after = _context_agreement(text, position, position + size, prefix, suffix)
        score = _score(1.0, before, after, _closeness(text, position, hint))
        if best is None or score > best[0]:
            best = (score, position, (before + after) / 2)
        position = text.find(exact, position + 1)
    if best is None:
        return None
    score, position, context = best
    if position == hint:
        status = AnchorStatus.ANCHORED
    elif context >= MOVED_MIN_CONTEXT or size >= DISTINCTIVE_QUOTE_CHARS:
        status = AnchorStatus.MOVED
    else:
        status = AnchorStatus.FUZZY  # a short quote in foreign context may be another one
    return AnchorMatch(position, position + size, status, score)


def _fuzzy_match(text: str, exact: str, prefix: str, suffix: str,
                 hint: int | None) -> AnchorMatch | None:
    size = len(exact)
    max_edits = max(1, int(size * MAX_EDIT_FRACTION))
    windows = []
    if hint is not None:
        windows.append((max(0, hint - FUZZY_WINDOW_CHARS),
                        min(len(text), hint + size + FUZZY_WINDOW_CHARS)))
    if not windows or windows[0] != (0, len(text)):
        windows.append((0, len(text)))
    for low, high in windows:
        found = _fuzzy_in_window(text, low, high, exact, prefix, suffix, hint, max_edits)
        if found is not None:
            return found
    return None


def _fuzzy_in_window(text: str, low: int, high: int, exact: str, prefix: str, suffix: str,
                     hint: int | None, max_edits: int) -> AnchorMatch | None:
    size = len(exact)
    cutoff = 100.0 * (1.0 - 2 * MAX_EDIT_FRACTION)  # Indel ratio counts a substitution twice
    alignment = fuzz.partial_ratio_alignment(exact, text[low:high], score_cutoff=cutoff)
    if alignment is None or alignment.score < cutoff:
        return None
    start, end = _refine(text, exact, low + alignment.dest_start, low + alignment.dest_end,
                         max_edits)
    start, end = _snap_like_the_quote(text, start, end, exact, prefix, suffix)
    distance = Levenshtein.distance(exact, text[start:end], score_cutoff=max_edits)
    if distance > max_edits or start == end:
        return None
    similarity = 1.0 - distance / max(size, end - start)
    before, after = _context_agreement(text, start, end, prefix, suffix)
    if size < MIN_FUZZY_QUOTE_CHARS and (before + after) / 2 < MOVED_MIN_CONTEXT:
        return None
    score = _score(similarity, before, after, _closeness(text, start, hint))
    return AnchorMatch(start, end, AnchorStatus.FUZZY, score)


def _snap_like_the_quote(text: str, start: int, end: int, exact: str, prefix: str,
                         suffix: str) -> tuple[int, int]:
    """A quote that began and ended on word boundaries ends on them again: "Azernews
    reports" found in "Azernews reported" is "Azernews reported", not "…reporte"."""
    starts_word = not prefix or not _word_char(prefix[-1]) or not _word_char(exact[:1])
    ends_word = not suffix or not _word_char(suffix[:1]) or not _word_char(exact[-1:])
    snapped_start, snapped_end = snap_to_words(text, start, end)
    return (snapped_start if starts_word else start, snapped_end if ends_word else end)


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "'’-")


def _refine(text: str, exact: str, start: int, end: int, slack: int) -> tuple[int, int]:
    """Move the ends of an aligned span to where the edit distance to ``exact`` is least."""
    # partial_ratio aligns a span as long as the quote; insertions and deletions shift its ends.
    slack = min(slack, 64)
    best = (Levenshtein.distance(exact, text[start:end]), start, end)
    for _ in range(2):
        _, start, end = best
        for new_end in range(max(start + 1, end - slack), min(len(text), end + slack) + 1):
            candidate = (Levenshtein.distance(exact, text[start:new_end]), start, new_end)
            best = min(best, candidate, key=lambda c: (c[0], abs(c[2] - c[1] - len(exact))))
        _, start, end = best
        for new_start in range(max(0, start - slack), min(end - 1, start + slack) + 1):
            candidate = (Levenshtein.distance(exact, text[new_start:end]), new_start, end)
            best = min(best, candidate, key=lambda c: (c[0], abs(c[2] - c[1] - len(exact))))
    return best[1], best[2]


def _anchor_empty(text: str, prefix: str, suffix: str, hint: int | None) -> AnchorMatch | None:
    """A zero-width annotation (a point): found by its context alone."""
    if hint is not None and _context_fits(text, hint, hint, prefix, suffix):
        return AnchorMatch(hint, hint, AnchorStatus.ANCHORED, _score(1, 1, 1, 1))
    context = prefix + suffix
    if not context:
        return None
    best: tuple[float, int] | None = None
    position = text.find(context)
    while position >= 0:
        closeness = _closeness(text, position + len(prefix), hint)
        if best is None or closeness > best[0]:
            best = (closeness, position + len(prefix))
        position = text.find(context, position + 1)
    if best is None:
        return None
    return AnchorMatch(best[1], best[1], AnchorStatus.MOVED, _score(1, 1, 1, best[0]))


# --- re-anchoring annotations -----------------------------------------------------------

def reanchor(annotation: Annotation, text: str, shift: int = 0) -> Annotation:
    """Place one annotation on ``text``; ``shift`` is how far its neighbours moved."""
    if annotation.is_article_note:
        return replace(annotation, status=AnchorStatus.ANCHORED)  # on the article as a whole
    old = annotation.start if annotation.start >= 0 else None
    exact, prefix, suffix = annotation.exact, annotation.prefix, annotation.suffix
    if not exact and old is not None and annotation.end > old:
        # Only a position was stored: nothing to check it against, so flag it for a look.
        if annotation.end <= len(text):
            return _placed(annotation, text, old, annotation.end, AnchorStatus.FUZZY)
        return replace(annotation, status=AnchorStatus.ORPHAN)
    if old is not None:
        # Fast paths: the old place, then the place its neighbours moved to.
        for guess in (old, old + shift):
            end = guess + len(exact)
            if guess >= 0 and text.startswith(exact, guess) \
                    and _context_fits(text, guess, end, prefix, suffix):
                return _placed(annotation, text, guess, end, _exact_status(annotation, guess))
    match = anchor_span(text, exact, prefix, suffix, None if old is None else old + shift)
    if match is None:
        return replace(annotation, status=AnchorStatus.ORPHAN)
    status = match.status
    if status is not AnchorStatus.FUZZY:
        status = _exact_status(annotation, match.start)
    return _placed(annotation, text, match.start, match.end, status)


def _exact_status(annotation: Annotation, start: int) -> AnchorStatus:
    if annotation.start == UNKNOWN_POSITION:
        return AnchorStatus.ANCHORED  # found by its quote, which was all it had: nothing moved
    if start != annotation.start:
        return AnchorStatus.MOVED
    # A fuzzy placement stays flagged until a person clears it.
    if annotation.status is AnchorStatus.FUZZY:
        return AnchorStatus.FUZZY
    return AnchorStatus.ANCHORED


def _placed(annotation: Annotation, text: str, start: int, end: int,
            status: AnchorStatus) -> Annotation:
    exact, prefix, suffix = quote_selector(text, start, end)
    return replace(annotation, start=start, end=end, exact=exact, prefix=prefix,
                   suffix=suffix, status=status,
                   fragments=_moved_fragments(annotation, start, end))


def _moved_fragments(annotation: Annotation, start: int,
                     end: int) -> tuple[tuple[int, int], ...]:
    """The fragments carried along with their extent. A fuzzy match that changed the
    extent's length leaves no way to tell where each fragment went: one span then, and the
    FUZZY status asks the reader to look."""
    if not annotation.fragments or end - start != annotation.end - annotation.start:
        return ()
    shift = start - annotation.start
    return tuple((s + shift, e + shift) for s, e in annotation.fragments)


def reanchor_all(annotations: Iterable[Annotation],
                 text: str) -> tuple[list[Annotation], AnchorReport]:
    """Place every annotation on ``text``; return them in the given order and the counts.

    Annotations are visited in text order so that the shift of one exact match (an edit
    above it) becomes the first guess for the next, which keeps large re-anchorings fast
    and picks the right one of repeated quotes.
    """
    items = list(annotations)
    placed: list[Annotation | None] = [None] * len(items)
    report = AnchorReport()
    shift = 0
    for index in sorted(range(len(items)), key=lambda i: (items[i].start < 0, items[i].start)):
        annotation = items[index]
        result = reanchor(annotation, text, shift)
        if annotation.start >= 0 and result.status in (AnchorStatus.ANCHORED,
                                                       AnchorStatus.MOVED):
            shift = result.start - annotation.start
        placed[index] = result
        report.count(result.status)
    return [a for a in placed if a is not None], report


def reattach(annotation: Annotation, text: str, start: int, end: int) -> Annotation:
    """An orphan (or any annotation) put by hand on ``text[start:end]``: ANCHORED again.

    The span must cover at least one character: a highlight of nothing cannot be seen."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise LecternError(f"The span {start}..{end} is not a stretch of this text "
                           f"({len(text)} characters).")
    return _placed(replace(annotation, fragments=()), text, start, end,
                   AnchorStatus.ANCHORED).with_changes()
