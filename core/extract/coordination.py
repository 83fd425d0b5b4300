"""Names listed with places: in "stops in Graz, Maribor and Zagreb" an unknown name between
two known cities is a place too. Only a list joins them (commas, "and", "or"), never a
sentence's other words, and only an undecided run takes its neighbours' kind."""

from __future__ import annotations

import re

from lectern.core.extract.names import NameRun

PLACE_LABELS = frozenset({"GPE", "LOC"})
# What stands between two members of a list: ", ", " and ", ", and ", " or ", " & ".
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?|[ \u00a0]+(?:and|or|&)"
                       r"[ \u00a0]+)")


def listed_with_places(text: str, found: list[NameRun]) -> set[str]:
    """The names of undecided runs that a list puts beside a known place."""
    places: set[str] = set()
    for index, (start, end, label, *_rest) in enumerate(found):
        if label is not None:
            continue
        before = found[index - 1] if index > 0 else None
        after = found[index + 1] if index + 1 < len(found) else None
        if (before is not None and before[2] in PLACE_LABELS
                and _LIST_GAP.fullmatch(text, before[1], start)) or (
                after is not None and after[2] in PLACE_LABELS
                and _LIST_GAP.fullmatch(text, end, after[0])):
            places.add(text[start:end])
    return places
