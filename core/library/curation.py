"""Curation of the library's entities: rename, retype, merge, split, reject, add a mention,
and undo, each one step that says what it changed.

Curation lives in the store (names moved between entities, overrides on the entity row,
mentions added by hand), never in an analysis, so it holds for every article, past and
future: an article naming "U.S." after "U.S." was merged into "United States" lands in
"United States", because the name "us" now resolves there. Ids stay: the entity that
survives a merge keeps its id; the one merged away keeps its row (``merged_into``) so a
split or an undo brings it back under its own id. The undo stack is in the store
(``entity_curation_steps``): ``entity undo`` in one process undoes the step made in another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lectern.core.errors import LecternError
from lectern.core.extract.model import EntityLabel
from lectern.core.library.entity_names import NAMED_LABELS, normalise
from lectern.core.readouts.wording import count
from lectern.core.store import AnnotationStore
from lectern.core.store.entity_curation_rows import Connection
from lectern.core.store.entity_tables import EntityRow, EntityTables


@dataclass(frozen=True)
class CurationStep:
    """What one step changed, in words (printed by the command line, shown in the window)."""

    label: str
    summary: str
    entities: tuple[int, ...]


def _entity(store: AnnotationStore, entity_id: int, *, listed: bool = True) -> EntityRow:
    row = store.entities.entity(entity_id)
    if row is None:
        raise LecternError(f"There is no entity {entity_id} in the library; "
                           "`entities` lists them with their ids.")
    if listed and row.merged_into is not None:
        raise LecternError(f"Entity {entity_id} (“{row.name}”) was merged into entity "
                           f"{row.merged_into}; use that one, or split {row.merged_into}.")
    return row


def _run(store: AnnotationStore, label: str, ids: Sequence[int],
         change: Callable[[Connection, EntityTables], tuple[str, list[int]]],
         extra: dict[str, object] | None = None) -> CurationStep:
    """Run ``change`` in one transaction with its before-image pushed on the undo stack;
    ``change`` returns its summary and the ids of entities it made."""
    tables = store.entities
    rows = tables.curation
    with tables.write() as db:
        image = rows.image(db, list(ids))
        keys_before = rows.name_keys(db, list(ids))
        summary, made = change(db, tables)
        touched = list(ids) + made
        keys_after = rows.name_keys(db, touched)
        before = {tuple(k) for k in keys_before}
        made_keys = [k for k in keys_after if tuple(k) not in before]
        moved = {(label_, norm) for label_, norm in keys_before + keys_after}
        tables.recount(db, tables.repoint(db, moved) | set(touched))
        rows.push(db, label, {"image": image, "made_keys": made_keys, "made_ids": made,
                              "keys": sorted(moved), "summary": summary, **(extra or {})})
    return CurationStep(label, summary, tuple(touched))


def rename(store: AnnotationStore, entity_id: int, name: str) -> CurationStep:
    row = _entity(store, entity_id)
    name = " ".join(name.split())
    if not normalise(name):
        raise LecternError("A new name needs at least one letter or digit.")

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        tables.curation.set_entity(db, entity_id, name=name, renamed=1)
        tables.curation.claim_name(db, row.label, normalise(name), entity_id, name)
        return f"Renamed entity {entity_id} “{row.name}” to “{name}”.", []

    return _run(store, f"Rename “{row.name}”", [entity_id], change)


def retype(store: AnnotationStore, entity_id: int, label: str) -> CurationStep:
    row = _entity(store, entity_id)
    label = label.upper()
    if label not in NAMED_LABELS:
        raise LecternError(f"“{label}” is not a type of entity; use one of "
                           f"{', '.join(NAMED_LABELS)}.")
    if label == row.label:
        raise LecternError(f"Entity {entity_id} “{row.name}” is already {label}.")

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        tables.curation.set_entity(db, entity_id, label=EntityLabel(label).value, retyped=1)
        return f"Entity {entity_id} “{row.name}” is now {label} (was {row.label}).", []

    return _run(store, f"Retype “{row.name}”", [entity_id], change)


def reject(store: AnnotationStore, entity_id: int) -> CurationStep:
    row = _entity(store, entity_id)
    if row.rejected:
        raise LecternError(f"Entity {entity_id} “{row.name}” is already rejected.")

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        tables.curation.set_entity(db, entity_id, rejected=1)
        return (f"Rejected entity {entity_id} “{row.name}” as a false positive: it is "
                f"left out of the library and of its {count(row.articles, 'article')}."), []

    return _run(store, f"Reject “{row.name}”", [entity_id], change)


def merge(store: AnnotationStore, keep_id: int, other_id: int) -> CurationStep:
    """``other_id``'s names, mentions and articles become ``keep_id``'s."""
    if keep_id == other_id:
        raise LecternError("An entity cannot be merged with itself; give two ids.")
    keep, other = _entity(store, keep_id), _entity(store, other_id)

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        keys = tables.curation.name_keys(db, [other_id])
        tables.curation.move_names(db, keep_id, keys)
        tables.curation.move_added(db, other_id, keep_id)
        tables.curation.set_entity(db, other_id, merged_into=keep_id)
        moved = ", ".join(tables.curation.texts_of(db, keep_id, keys))
        return (f"Merged entity {other_id} “{other.name}” into {keep_id} “{keep.name}”: "
                f"{count(len(keys), 'name')} moved ({moved}); "
                f"“{other.name}” is now an alias of “{keep.name}”."), []

    step = _run(store, f"Merge “{other.name}” into “{keep.name}”", [keep_id, other_id],
                change, {"pair": [keep_id, other_id]})
    return step


def split(store: AnnotationStore, entity_id: int, names: Sequence[str] = ()) -> CurationStep:
    """Undo a wrong merge: the entities merged into this one come back under their own ids
    with the names first seen under them. With ``names``: those names go to a new entity."""
    row = _entity(store, entity_id)
    wanted = {normalise(n) for n in names if normalise(n)}

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        held = tables.curation.held_names(db, entity_id)
        if wanted:
            picked = [(lb, nm) for lb, nm, _, _ in held if nm in wanted]
            if not picked or len(picked) == len(held):
                raise LecternError(f"Entity {entity_id} “{row.name}” has the names "
                                   f"{', '.join(t for *_, t in held)}; name some of them "
                                   "(not all) to split off.")
            made = tables.new_entity(db, row.label, next(t for lb, nm, _, t in held
                                                          if (lb, nm) == picked[0]))
            tables.curation.move_names(db, made, picked)
            return (f"Split {count(len(picked), 'name')} off entity {entity_id} “{row.name}” "
                    f"into a new entity {made}."), [made]
        parents = tables.curation.merge_parents(db)
        children = [c for c, p in parents.items() if p == entity_id]
        if not children:
            raise LecternError(f"Entity {entity_id} “{row.name}” was never merged with "
                               "another; name the names to split off: `entity split "
                               f"{entity_id} NAME`.")
        back: list[str] = []
        for label, norm, origin, text in held:
            home = _top_child(origin, entity_id, parents)
            if home is not None:
                tables.curation.move_names(db, home, [(label, norm)])
                back.append(text)
        for child in children:
            tables.curation.set_entity(db, child, merged_into=None)
        return (f"Split entity {entity_id} “{row.name}”: entities "
                f"{', '.join(map(str, children))} are back, with {', '.join(back) or 'no names'}."
                ), []

    ids = [entity_id, *store.entities.curation.children(entity_id)]
    return _run(store, f"Split “{row.name}”", ids, change)


def _top_child(origin: int, root: int, parents: dict[int, int]) -> int | None:
    """The entity merged straight into ``root`` that ``origin`` was merged through."""
    current = origin
    while current in parents:
        if parents[current] == root:
            return current
        current = parents[current]
    return None


def add_mention(store: AnnotationStore, entity_id: int, article_id: int, start: int,
                end: int) -> CurationStep:
    """A mention the analysis missed, from a selection of the article's kept text."""
    row = _entity(store, entity_id)
    version = store.library.current_version(article_id)
    text = store.library.text(version) if version is not None else None
    if text is None:
        raise LecternError(f"Article {article_id} is not in the library (or its text was "
                           "never kept).")
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise LecternError(f"{start}–{end} is not a passage of article {article_id}'s text "
                           f"({len(text)} characters).")
    words = text[start:end]

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        tables.curation.add_mention(db, entity_id, article_id, start, end, words)
        return (f"Added “{' '.join(words.split())}” in article {article_id} as a mention of "
                f"entity {entity_id} “{row.name}”."), []

    return _run(store, f"Add a mention of “{row.name}”", [entity_id], change)


def add_mention_in_text(store: AnnotationStore, entity_id: int, fingerprint: str,
                        start: int, end: int) -> CurationStep:
    """``add_mention`` from a selection of a text on screen (by its fingerprint), which must
    be its article's current version: the offsets are of that text."""
    version = store.library.version_of(fingerprint)
    if version is None or version.article is None:
        raise LecternError("This text is not in the library yet; add it (File › Add to "
                           "Library…) to give its entities more mentions.")
    if store.library.current_version(version.article) != version.id:
        raise LecternError("This is an earlier version of the article; mentions are added "
                           "to its current text.")
    return add_mention(store, entity_id, version.article, start, end)


def dismiss_suggestion(store: AnnotationStore, first: int, second: int) -> CurationStep:
    """A suggested merge that is wrong: it is not suggested again."""
    a, b = _entity(store, first), _entity(store, second)

    def change(db: Connection, tables: EntityTables) -> tuple[str, list[int]]:
        tables.curation.dismiss(db, first, second)
        return (f"“{a.name}” ({first}) and “{b.name}” ({second}) are kept apart: that merge "
                "is not suggested again."), []

    return _run(store, f"Keep “{a.name}” and “{b.name}” apart", [first, second], change,
                {"dismissed": [first, second]})


def undo(store: AnnotationStore) -> CurationStep:
    """Undo the last curation step (made in this process or another)."""
    tables = store.entities
    last = tables.curation.last_step()
    if last is None:
        raise LecternError("There is no curation step to undo.")
    step_id, label, body = last
    image = body["image"]
    with tables.write() as db:
        tables.curation.restore(db, image, body["made_keys"], body["made_ids"])
        if body.get("dismissed"):
            first, second = body["dismissed"]
            tables.curation.dismiss(db, first, second, keep=False)
        keys = {(str(k[0]), str(k[1])) for k in body["keys"]}
        touched = tables.repoint(db, keys)
        for name_label, norm, name in tables.unnamed_rows(db, keys):
            made = tables.new_entity(db, name_label, name)
            tables.add_names(db, [(name_label, norm, made, name)])
            touched |= tables.repoint(db, [(name_label, norm)])
        tables.recount(db, touched | set(image["ids"]))
        tables.curation.pop(db, step_id)
    return CurationStep(f"Undo {label}", f"Undid: {body['summary']}", tuple(image["ids"]))


def can_undo(store: AnnotationStore) -> str | None:
    """The label of the step an undo would undo, if any."""
    last = store.entities.curation.last_step()
    return last[1] if last else None
