"""Names told by their lists: in "stops in Graz, Maribor and Zagreb" an unknown name between
two known cities is a place too, and so is "Yucay" in "Calca, Urubamba and Yucay" once the
others are settled as places. Only a list joins them (commas, "and", "or"), never a
sentence's other words, and only a run nothing else labels takes its neighbours' kind."""

from __future__ import annotations

import re

from lectern.core.extract.names import NameRun

PLACE_LABELS = frozenset({"GPE", "LOC"})
# What stands between two members of a list: ", ", " and ", ", and ", " or ", " & ".
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?|[ \u00a0]+(?:and|or|&)"
                       r"[ \u00a0]+)")


def _after_the(text: str, start: int) -> bool:
    """ "the State and Homeland Security": a name the list does not make a place (a place
    unknown to the gazetteers is seldom "the X")."""
    return text.endswith(("the ", "The ", "the\u00a0"), max(0, start - 4), start)


def listed_with_places(text: str, found: list[NameRun]) -> set[str]:
    """The names of undecided runs that a list puts beside a known place."""
    places: set[str] = set()
    for index, (start, end, label, *_rest) in enumerate(found):
        if label is not None or _after_the(text, start):
            continue
        before = found[index - 1] if index > 0 else None
        after = found[index + 1] if index + 1 < len(found) else None
        if (before is not None and before[2] in PLACE_LABELS
                and _LIST_GAP.fullmatch(text, before[1], start)) or (
                after is not None and after[2] in PLACE_LABELS
                and _LIST_GAP.fullmatch(text, end, after[0])):
            places.add(text[start:end])
    return places


def places_by_their_lists(text: str, found: list[NameRun], labels: dict[int, str | None]
                          ) -> None:
    """Label "GPE" each run still without a label that a list puts beside a place (settled
    in ``labels``, or known), until no more follow (a list of several). Organisations are
    not read so: after "the", "X and Y" is often one name ("The Globe and Mail")."""
    def kind_beside(index: int, other: int) -> str | None:
        if not 0 <= other < len(found):
            return None
        first, second = sorted((index, other))
        if not _LIST_GAP.fullmatch(text, found[first][1], found[second][0]):
            return None
        return "GPE" if (found[other][2] or labels.get(other)) in PLACE_LABELS else None

    changed = True
    while changed:
        changed = False
        for index, (start, _end, known, *_rest) in enumerate(found):
            if known is not None or labels.get(index) is not None or _after_the(text, start):
                continue
            kind = kind_beside(index, index - 1) or kind_beside(index, index + 1)
            if kind is not None:
                labels[index] = kind
                changed = True
