"""The library's curation applied to one article's Analysis: the article's Entities panel,
``extract`` and the library agree on names, types, merges and rejections.

``curation_for`` reads from the store what applies to one analysis (how its names resolve,
and the entities among them that someone curated); ``apply_curation`` is pure. Entities
nobody curated are left exactly as the analyser made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from lectern.core.errors import LecternError
from lectern.core.extract.model import Analysis, Entity, EntityLabel, Mention
from lectern.core.library.entity_index import name_keys, named_entities, resolve_named
from lectern.core.store import AnnotationStore
from lectern.core.store.entity_tables import NameKey


@dataclass(frozen=True)
class CuratedEntity:
    id: int
    label: str
    name: str
    rejected: bool


@dataclass(frozen=True)
class Curation:
    """What the store's curation says about the names of one analysis."""

    resolved: dict[NameKey, int] = field(default_factory=dict)
    curated: dict[int, CuratedEntity] = field(default_factory=dict)
    added: tuple[tuple[int, int, int, str], ...] = ()  # (entity, start, end, text)

    @property
    def empty(self) -> bool:
        return not self.curated


def curation_for(store: AnnotationStore, analysis: Analysis,
                 article_id: int | None = None) -> Curation:
    """The curation that applies to ``analysis`` (of ``article_id``, for mentions added by
    hand; found from the analysis's fingerprint when not given)."""
    if not store.library.available():
        return Curation()
    if article_id is None:
        version = store.library.version_of(analysis.fingerprint)
        article_id = version.article if version is not None else None
    items = named_entities(analysis.to_json())
    resolved = store.entities.resolve(name_keys(items))
    added = tuple(store.entities.added_in(article_id)) if article_id is not None else ()
    ids = sorted(set(resolved.values()) | {entity for entity, *_ in added})
    rows = store.entities.entities(ids)
    merged = store.entities.has_merged_names(ids)
    curated = {i: CuratedEntity(i, r.label, r.name, r.rejected) for i, r in rows.items()
               if r.renamed or r.retyped or r.rejected or i in merged
               or any(a[0] == i for a in added)}
    return Curation(resolved, curated, added)


def apply_curation(analysis: Analysis, curation: Curation, text: str | None = None
                   ) -> Analysis:
    """A copy of ``analysis`` with the curation applied: renamed and retyped entities, the
    entities merged in the library as one row, rejected ones gone (their quotes keep the
    speaker's name as written, without the entity), mentions added by hand."""
    if curation.empty:
        return analysis
    by_local = {item.local: item for item in named_entities(analysis.to_json())}
    entities: list[Entity] = []
    kept: dict[int, Entity] = {}  # library entity -> the row it is shown as
    renamed: dict[str, str | None] = {}  # local id -> local id shown (None: rejected)
    for entity in analysis.entities:
        item = by_local.get(entity.id)
        library = resolve_named(curation.resolved, item) if item is not None else None
        chosen = curation.curated.get(library) if library is not None else None
        if chosen is None:
            entities.append(entity)
            continue
        if chosen.rejected:
            renamed[entity.id] = None
            continue
        shown = kept.get(chosen.id)
        if shown is None:
            shown = replace(entity, name=chosen.name, label=EntityLabel(chosen.label),
                            mentions=list(entity.mentions))
            kept[chosen.id] = shown
            entities.append(shown)
        else:
            shown.mentions.extend(entity.mentions)
            shown.role = shown.role or entity.role
            renamed[entity.id] = shown.id
    for library_id, start, end, words in curation.added:
        chosen = curation.curated.get(library_id)
        if chosen is None or chosen.rejected or end > analysis.length:
            continue
        if text is not None and text[start:end] != words:
            continue  # the text changed since: the mention would land on other words
        shown = kept.get(library_id)
        if shown is None:
            shown = Entity(f"c{library_id}", EntityLabel(chosen.label), chosen.name)
            kept[library_id] = shown
            entities.append(shown)
        if all(m.start != start or m.end != end for m in shown.mentions):
            shown.mentions.append(Mention(start, end, words))
    for entity in kept.values():
        entity.mentions.sort(key=lambda m: (m.start, m.end))
    quotes = [replace(q, speaker=renamed.get(q.speaker, q.speaker)) if q.speaker else q
              for q in analysis.quotes]
    entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return replace(analysis, entities=entities, quotes=quotes)


def curated_analysis(store_file: Path, analysis: Analysis, text: str | None = None
                     ) -> tuple[Analysis, tuple[int, int] | None]:
    """``analysis`` with the curation of the store at ``store_file`` (opened read-only, on
    the caller's thread), and the stamp of that curation (``curation_stamp``); as it is,
    with no stamp, when there is no store or it cannot be read."""
    if not store_file.exists():
        return analysis, None
    try:
        with AnnotationStore.open(store_file, read_only=True) as store:
            stamp = store.entities.curation.stamp()
            return apply_curation(analysis, curation_for(store, analysis), text), stamp
    except LecternError:
        return analysis, None  # an unreadable store must not cost the reader the panels


def curation_stamp(store_file: Path) -> tuple[int, int] | None:
    """Changes whenever a curation step is made or undone (None: no store to read)."""
    if not store_file.exists():
        return None
    try:
        with AnnotationStore.open(store_file, read_only=True) as store:
            return store.entities.curation.stamp()
    except LecternError:
        return None
