"""Speakers as the library's entity curation names them: a quotation credited to "Musayev"
in one article and "Teymur Musaev" in another counts for one person once the reader has
merged the two, and a renamed person is listed under the new name."""

from __future__ import annotations

from collections.abc import Iterable

from lectern.core.extract.model import EntityLabel
from lectern.core.library.entity_names import normalise
from lectern.core.store import AnnotationStore

_MAX_MERGES = 64  # a merge chain longer than this is a loop, not a person


def curated_names(store: AnnotationStore, speakers: Iterable[str]) -> dict[str, str]:
    """Each speaker name the curation knows, mapped to its entity's name now; names it does
    not know, and those of rejected entities, are left out (they stay as written)."""
    if not store.entities.available():
        return {}
    keys = {name: (str(EntityLabel.PERSON), normalise(name)) for name in set(speakers) if name}
    resolved = store.entities.resolve(keys.values())
    found: dict[str, str] = {}
    for name, key in keys.items():
        entity = store.entities.entity(resolved[key]) if key in resolved else None
        for _ in range(_MAX_MERGES):
            if entity is None or entity.merged_into is None:
                break
            entity = store.entities.entity(entity.merged_into)
        if entity is not None and not entity.rejected and entity.merged_into is None:
            found[name] = entity.name
    return found
