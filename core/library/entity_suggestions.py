"""Suggested merges: two entities of one type whose names look like one name.

Candidates are blocked, never all pairs: names of one type meet only when they share a
word ("Musayev" / "Teymur Musayev"), one is the initials of the other ("U.S." /
"United States"), or they start with the same three letters (a spelling: "Musaev").
Blocks larger than BLOCK_LIMIT (a word in hundreds of names, like "university") are left
out: they would be most of the work and few of the merges. Within a block rapidfuzz scores
each pair. A pair someone dismissed is not suggested again.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from lectern.core.library.entities import LibraryEntity, list_entities
from lectern.core.library.entity_names import initials, normalise
from lectern.core.store import AnnotationStore

BLOCK_LIMIT = 60
SPELLING_SCORE = 88.0  # token_sort_ratio at or above this: the same name spelt apart
LIMIT = 200
_SMALL = frozenset(("of", "and", "for", "the", "&", "de", "al", "el", "van", "von"))


@dataclass(frozen=True)
class Suggestion:
    keep: LibraryEntity  # the fuller name survives
    other: LibraryEntity
    score: float
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"keep": self.keep.id, "other": self.other.id, "keep_name": self.keep.name,
                "other_name": self.other.name, "type": self.keep.label,
                "score": round(self.score, 1), "reason": self.reason}


def suggestions(store: AnnotationStore, limit: int = LIMIT,
                entities: list[LibraryEntity] | None = None) -> list[Suggestion]:
    """The merges worth a look, the likeliest first; ``entities``: the list already read."""
    entities = list_entities(store) if entities is None else entities
    dismissed = store.entities.curation.dismissed()
    blocks: dict[tuple[str, str], list[tuple[LibraryEntity, str]]] = {}
    for entity in entities:
        norm = normalise(entity.name)
        keys = {("w", word) for word in norm.split() if word not in _SMALL and len(word) > 2}
        keys.add(("i", norm.replace(" ", "")) if " " not in norm else ("i", initials(norm)))
        keys.add(("p", norm[:3]))
        for kind, key in keys:
            if key:
                blocks.setdefault((entity.label, f"{kind}:{key}"), []).append((entity, norm))
    scored: dict[tuple[int, int], Suggestion] = {}
    for members in blocks.values():
        if len(members) > BLOCK_LIMIT:
            continue
        for (a, na), (b, nb) in combinations(members, 2):
            pair = (min(a.id, b.id), max(a.id, b.id))
            if pair in scored or pair in dismissed:
                continue
            found = _score(na, nb, a.label)
            if found is not None:
                keep, other = (a, b) if _fuller(a, b) else (b, a)
                scored[pair] = Suggestion(keep, other, *found)
    ranked = sorted(scored.values(), key=lambda s: (-s.score, -(s.keep.articles
                                                                + s.other.articles)))
    return ranked[:limit]


def _score(a: str, b: str, label: str) -> tuple[float, str] | None:
    if a == b:
        return None
    if (" " not in a and len(a) > 1 and a == initials(b)) or \
            (" " not in b and len(b) > 1 and b == initials(a)):
        return 95.0, "abbreviation"
    words_a, words_b = set(a.split()), set(b.split())
    if label == "PERSON" and (words_a < words_b or words_b < words_a):
        shorter = a if len(words_a) < len(words_b) else b
        longer = b if shorter is a else a
        if longer.split()[-1] == shorter.split()[-1]:
            return 90.0, "surname"
        return 80.0, "part of the name"
    spelling = fuzz.token_sort_ratio(a, b)
    if spelling >= SPELLING_SCORE:
        return float(spelling), "spelling"
    return None


def _fuller(a: LibraryEntity, b: LibraryEntity) -> bool:
    """Whether ``a`` is the one to keep: the longer name, else the more widely named."""
    return (len(a.name), a.articles, -a.id) >= (len(b.name), b.articles, -b.id)
