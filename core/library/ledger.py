"""The quote ledger: the same quotation in several articles, identical or nearly, with the
earliest article first and what differs in each occurrence.

Matching never compares all pairs. Identical wordings are one text; each distinct text is
then blocked by its rarest words (the few it shares with the fewest other quotations), and
only texts that share one of those are compared with rapidfuzz. A quotation cut to its
first sentence keeps its rarest words inside the full one, so it finds it.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Any

from rapidfuzz import fuzz, process

from lectern.core.library.curated_names import curated_names
from lectern.core.library.speakers import same_speaker
from lectern.core.store import AnnotationStore
from lectern.core.store.report_tables import LibraryQuote

MIN_WORDS = 4  # shorter quotations ("no comment") recur without being the same quotation
RARE_KEYS = 3  # each text is compared with the texts sharing one of its rarest words
MAX_BLOCK = 300  # a word shared by more distinct texts than this tells nothing
SAME_SCORE = 82.0  # rapidfuzz ratio of two wordings of one quotation (paraphrase included)
CUT_SCORE = 95.0  # partial ratio of a shortened quotation inside the full one
TRUNCATED, PARAPHRASED, ATTRIBUTION = "truncated", "paraphrased", "attribution"


@dataclass(slots=True)  # not frozen: built once for each occurrence, faster so
class Occurrence:
    quote: LibraryQuote
    differs: str | None

    @property
    def article(self) -> int:
        return self.quote.article

    def to_json(self) -> dict[str, Any]:
        q = self.quote
        return {"article": q.article, "start": q.quote.start, "end": q.quote.end,
                "speaker": q.quote.speaker or None, "differs": self.differs}


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """``text``: the fullest wording; ``occurrences``: the earliest article first."""

    text: str
    speakers: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]

    @property
    def articles(self) -> int:
        return len({o.article for o in self.occurrences})

    @property
    def flagged(self) -> int:
        return sum(o.differs is not None for o in self.occurrences)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "speakers": list(self.speakers),
                "occurrences": [o.to_json() for o in self.occurrences]}


def quote_ledger(store: AnnotationStore) -> list[LedgerEntry]:
    """The ledger of the library (analysing what is pending first)."""
    from lectern.core.library.quote_index import bring_up_to_date

    bring_up_to_date(store)
    return curated_ledger(store)


def curated_ledger(store: AnnotationStore) -> list[LedgerEntry]:
    """The ledger of what the library's quotes index holds now, its speakers named as the
    entity curation names them (the window's view, which leaves the catch-up to a worker)."""
    quotes = store.reports.quotes()
    curated = curated_names(store, (q.quote.speaker for q in quotes))
    for found in quotes:  # the speaker as the reader's entity curation names them
        name = curated.get(found.quote.speaker)
        if name is not None:
            found.quote.speaker = found.quote.speaker_key = name
    return ledger_of(quotes)


def ledger_of(quotes: list[LibraryQuote]) -> list[LedgerEntry]:
    """Entries of quotations found in two articles or more, the earliest entry first."""
    by_text: dict[str, list[LibraryQuote]] = defaultdict(list)
    for quote in quotes:
        if quote.quote.normalised.count(" ") >= MIN_WORDS - 1:  # one space between words
            by_text[quote.quote.normalised].append(quote)
    texts = sorted(by_text, key=lambda t: (len(t), t))  # shorter first: see _groups
    groups = _groups(texts)
    entries = []
    for members in groups:
        found = [q for i in members for q in by_text[texts[i]]]
        if len({q.article for q in found}) >= 2:
            entries.append(_entry(found))
    entries.sort(key=lambda e: _when(e.occurrences[0].quote))
    return entries


def _groups(texts: list[str]) -> list[list[int]]:
    """Indices of ``texts`` (shortest first) that are one quotation, by union of matching
    pairs. Each text is compared only with longer ones: a cut or a near copy keeps its rare
    words inside the longer wording, so the shorter of two always finds the other."""
    words = [set(text.split()) for text in texts]
    frequency: Counter[str] = Counter(w for found in words for w in found)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, found in enumerate(words):
        for word in found:
            if frequency[word] > 1:
                postings[word].append(index)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, found in enumerate(words):
        shared = sorted((frequency[w], w) for w in found if 1 < frequency[w] <= MAX_BLOCK)
        mine = root(index)
        candidates = [other for other in dict.fromkeys(chain.from_iterable(
            postings[w][bisect_right(postings[w], index):] for _, w in shared[:RARE_KEYS]))
            if root(other) != mine]
        for other in _matching(texts[index], [texts[o] for o in candidates], candidates):
            parent[root(other)] = mine
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(texts)):
        groups[root(index)].append(index)
    return list(groups.values())


def _matching(text: str, others: list[str], ids: list[int]) -> set[int]:
    """``ids`` of the ``others`` (each at least as long as ``text``) that are ``text``'s
    quotation: what ``same_quotation`` decides for each pair, in three batched calls."""
    if not others:
        return set()
    found = {ids[k] for k in _above(text, others, SAME_SCORE)}
    rest = [k for k in range(len(others)) if ids[k] not in found]
    size = len(text)
    for cut in (slice(0, size), slice(-size, None)):  # its beginning, its end
        if not rest:
            break
        pieces = [others[k][cut] for k in rest]
        hits = {rest[k] for k in _above(text, pieces, CUT_SCORE)}
        found |= {ids[k] for k in hits if len(others[k]) > size}
        rest = [k for k in rest if k not in hits]
    return found


def _above(text: str, others: list[str], cutoff: float) -> list[int]:
    """Where in ``others`` the rapidfuzz ratio with ``text`` reaches ``cutoff``."""
    found = process.extract(text, others, scorer=fuzz.ratio,
                            score_cutoff=cutoff, limit=None)
    return [int(k) for _, _, k in found]


def same_quotation(a: str, b: str) -> bool:
    """Two normalised wordings of one quotation: nearly identical, or one a cut of the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    # ratio is 2·matches / (len a + len b): past this length gap it cannot reach SAME_SCORE.
    if 200 * len(short) / (len(short) + len(long)) >= SAME_SCORE and \
            fuzz.ratio(a, b, score_cutoff=SAME_SCORE):
        return True
    return is_cut(short, long)


def is_cut(short: str, long: str) -> bool:
    """``short`` is ``long`` cut short: its beginning (the first sentence) or its end."""
    if len(short) >= len(long) or len(short.split()) < MIN_WORDS:
        return False
    size = len(short)
    return bool(fuzz.ratio(short, long[:size], score_cutoff=CUT_SCORE)
                or fuzz.ratio(short, long[-size:], score_cutoff=CUT_SCORE))


def _when(quote: LibraryQuote) -> tuple[int, str, str, int, int]:
    """Earliest first: by date (undated last), then when added."""
    return (0 if quote.published else 1, quote.published, quote.added, quote.article,
            quote.quote.start)


def _entry(found: list[LibraryQuote]) -> LedgerEntry:
    found.sort(key=_when)
    wordings: dict[str, int] = {}  # each distinct wording at its earliest occurrence
    for n, q in enumerate(found):
        wordings.setdefault(q.quote.normalised, n)
    fullest = found[max(wordings.values(), key=lambda n: (
        len(found[n].quote.normalised.split()), -n))]
    credited = next((q.quote.speaker_key for q in found if q.quote.speaker_key), "")
    # How each distinct wording departs from the fullest, and each speaker from the first.
    words = {mine: _wording(mine, fullest.quote.normalised) for mine in wordings}
    named = {q.quote.speaker_key: q.quote.speaker for q in reversed(found)}
    other = {key: bool(key and credited and not same_speaker(key, credited)) for key in named}
    occurrences = tuple(Occurrence(q, ATTRIBUTION if other[q.quote.speaker_key] else
                                   words[q.quote.normalised]) for q in found)
    speakers: dict[str, str] = {}  # by key, a surname alone giving way to the full name
    for key in dict.fromkeys(q.quote.speaker_key for q in found):
        if not key:
            continue
        speaker = named[key]
        known = next((k for k in speakers if same_speaker(k, key)), None)
        if known is None:
            speakers[key] = speaker
        elif len(key) > len(known):
            speakers = {(key if k == known else k): (speaker if k == known else v)
                        for k, v in speakers.items()}
    return LedgerEntry(fullest.quote.text, tuple(speakers.values()), occurrences)


def _wording(mine: str, full: str) -> str | None:
    if mine == full:
        return None
    return TRUNCATED if is_cut(mine, full) else PARAPHRASED


def word_diff(reference: str, text: str) -> list[tuple[str, str]]:
    """The words of ``reference`` and ``text`` in reading order, each ``same``, ``missing``
    (in the reference, not here) or ``added`` (here, not in the reference)."""
    ref_words, own_words = reference.split(), text.split()
    matcher = difflib.SequenceMatcher(
        a=[_plain(w) for w in ref_words], b=[_plain(w) for w in own_words], autojunk=False)
    found: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            found += [(w, "same") for w in own_words[b0:b1]]
            continue
        found += [(w, "missing") for w in ref_words[a0:a1]]
        found += [(w, "added") for w in own_words[b0:b1]]
    return found


def _plain(word: str) -> str:
    from lectern.core.library.quote_index import normalised_quote

    return normalised_quote(word)
