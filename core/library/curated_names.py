"""Names as the library's entity curation has them, for the views that read names out of
stored analyses (the quote ledger, the sources report, the figures by entity): a person
credited as "Musayev" in one article and "Teymur Musaev" in another is one person once the
reader has merged the two, a renamed one goes by the new name, a rejected one by none."""

from __future__ import annotations

from collections.abc import Iterable

from lectern.core.extract.model import EntityLabel
from lectern.core.library.entity_names import normalise
from lectern.core.store import AnnotationStore
from lectern.core.store.entity_tables import EntityRow

_MAX_MERGES = 64  # a merge chain longer than this is a loop, not a person
REJECTED = -1  # the entity id given for a name the reader rejected


def curated_entities(store: AnnotationStore, names: Iterable[tuple[str, str]]
                     ) -> dict[tuple[str, str], tuple[int, str]]:
    """Each ``(label, name)`` the curation knows, mapped to its entity's ``(id, name)`` now
    (``REJECTED`` and "" for a rejected one); names it does not know are left out."""
    if not store.entities.available():
        return {}
    keys = {pair: (pair[0], normalise(pair[1])) for pair in set(names) if pair[1]}
    resolved = store.entities.resolve(keys.values())
    rows: dict[int, EntityRow | None] = {}
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for pair, key in keys.items():
        if key not in resolved:
            continue
        entity = _current(store, resolved[key], rows)
        if entity is not None:
            found[pair] = (REJECTED, "") if entity.rejected else (entity.id, entity.name)
    return found


def curated_names(store: AnnotationStore, speakers: Iterable[str]) -> dict[str, str]:
    """Each speaker name the curation knows, mapped to its person's name now; names it does
    not know, and those of rejected entities, are left out (they stay as written)."""
    found = curated_entities(store, ((str(EntityLabel.PERSON), name) for name in speakers))
    return {pair[1]: name for pair, (entity_id, name) in found.items() if entity_id != REJECTED}


def _current(store: AnnotationStore, entity_id: int,
             rows: dict[int, EntityRow | None]) -> EntityRow | None:
    """The entity ``entity_id`` is now: itself, or what it was merged into."""
    for _ in range(_MAX_MERGES):
        if entity_id not in rows:
            rows[entity_id] = store.entities.entity(entity_id)
        entity = rows[entity_id]
        if entity is None or entity.merged_into is None:
            return entity
        entity_id = entity.merged_into
    return None
