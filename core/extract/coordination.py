"""Names told by their lists: in "stops in Graz, Maribor and Zagreb" an unknown name between
two known cities is a place too, and so is "Yucay" in "Calca, Urubamba and Yucay" once the
others are settled as places. Only a list joins them (commas, "and", "or"), never a
sentence's other words, and only a run nothing else labels takes its neighbours' kind."""

from __future__ import annotations

import re
from collections.abc import Callable

from lectern.core.extract.names import NameRun

PLACE_LABELS = frozenset({"GPE", "LOC"})
# What stands between two members of a list: ", ", " and ", ", and ", " or ", " & ".
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?|[ \u00a0]+(?:and|or|&)"
                       r"[ \u00a0]+)")


def _after_the(text: str, start: int) -> bool:
    """ "the State and Homeland Security": a name the list does not make a place (a place
    unknown to the gazetteers is seldom "the X")."""
    return text.endswith(("the ", "The ", "the\u00a0"), max(0, start - 4), start)


def _beside_a_place(text: str, found: list[NameRun], index: int,
                    label_of: Callable[[int], str | None]) -> bool:
    """Whether a list puts run ``index`` next to a run ``label_of`` calls a place."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(found) and label_of(other) in PLACE_LABELS:
            first, second = sorted((index, other))
            if _LIST_GAP.fullmatch(text, found[first][1], found[second][0]):
                return True
    return False


def listed_with_places(text: str, found: list[NameRun]) -> set[str]:
    """The names of undecided runs that a list puts beside a known place."""
    return {text[start:end] for index, (start, end, label, *_rest) in enumerate(found)
            if label is None and not _after_the(text, start)
            and _beside_a_place(text, found, index, lambda other: found[other][2])}


def places_by_their_lists(text: str, found: list[NameRun], labels: dict[int, str | None]
                          ) -> None:
    """Label "GPE" each run still without a label that a list puts beside a place (settled
    in ``labels``, or known), until no more follow (a list of several). Organisations are
    not read so: after "the", "X and Y" is often one name ("The Globe and Mail")."""
    def label_of(other: int) -> str | None:
        return found[other][2] or labels.get(other)

    changed = True
    while changed:
        changed = False
        for index, (start, _end, known, *_rest) in enumerate(found):
            if known is None and labels.get(index) is None and not _after_the(text, start) \
                    and _beside_a_place(text, found, index, label_of):
                labels[index] = "GPE"
                changed = True
