"""Validate parsed W3C / Hypothesis annotation JSON and turn it into annotations and links.

Everything is checked before anything is returned, so a bad file loads nothing. Unknown
fields are ignored. Errors name the annotation (1-based, with its id) and the field,
e.g. ``annotation 3 (urn:uuid:…): TextPositionSelector.start must be a whole number, got
true``. A valid annotation that names no text (a page note, a whole-document target, a
selector Lectern cannot place) is kept as an article note and a reply joins its parent's
note; each is said in the notices. A ``linking`` annotation between two annotations of the
file is a link.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lectern.core.anchoring import UNKNOWN_POSITION
from lectern.core.annotations import AnchorStatus, Annotation, stable_id, utc_now
from lectern.core.errors import LecternError
from lectern.core.formats.parsed import ParsedFile
from lectern.core.formats.w3c_fields import (
    Invalid,
    Piece,
    Unplaceable,
    bodies,
    kind_of,
    local_id,
    purposes,
    show,
    source_of,
    string,
    targets,
    timestamp,
    types,
)
from lectern.core.links import Link, stable_link_id
from lectern.core.readouts.wording import count

_FINGERPRINT_KEYS = ("lectern:fingerprint", "urn:x-lectern:fingerprint")
_SOURCE_KEYS = ("lectern:source", "urn:x-lectern:source")
_STATUS_KEYS = ("lectern:status", "urn:x-lectern:status")
_EVENT_KEYS = ("lectern:event", "urn:x-lectern:event")
_MAX_PAGES = 100_000


@dataclass
class W3CRead:
    parsed: ParsedFile
    source: str = ""
    fingerprint: str = ""


def parse_document(document: Any, text_length: int | None, name: str) -> W3CRead:
    """Annotations, links, source and fingerprint from a parsed JSON document; all or
    nothing."""
    items, notices = _items_of(document, name)
    read = W3CRead(ParsedFile([], notices=notices))
    seen: dict[str, int] = {}
    raw_ids: dict[str, list[int]] = {}  # an id in the file -> where its annotations are
    replies: list[tuple[str, Any, str]] = []
    links: list[tuple[str, dict[str, Any]]] = []
    for number, item in enumerate(items, start=1):
        label = f"annotation {number}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        try:
            if not isinstance(item, dict):
                raise Invalid(f"must be a JSON object, got {show(item)}")
            if _is_link(item):
                links.append((label, item))
                continue
            if item.get("references"):  # a Hypothesis reply: its thread's first id
                replies.append((label, item, _reference(item)))
                continue
            made, why, dropped = _parse_annotation(item, text_length)
        except Invalid as error:
            raise LecternError(f"“{name}”, {label}: {error}. Nothing was loaded.") from None
        first = made[0]
        whole_id = first.id.split("#piece")[0]
        if whole_id in seen and not item.get("id"):
            continue  # an exact copy of an id-less annotation already read: one is enough
        if whole_id in seen:
            raise LecternError(f"“{name}”, {label}: the id repeats annotation "
                               f"{seen[whole_id]}. Nothing was loaded.")
        seen[whole_id] = number
        if why:
            read.parsed.notices.append(f"{label}: kept as an article note ({why}).")
        if dropped:
            read.parsed.notices.append(f"{label}: {dropped}.")
        if len(made) > 1:
            read.parsed.groups[whole_id] = [a.id for a in made]
        raw_ids[whole_id] = list(range(len(read.parsed.annotations),
                                       len(read.parsed.annotations) + len(made)))
        read.parsed.annotations.extend(made)
        target = _target_dict(item.get("target"))
        read.source = read.source or source_of(item.get("target"))
        for key in _FINGERPRINT_KEYS:
            if not read.fingerprint and isinstance(target.get(key), str):
                read.fingerprint = target[key]
    _join_replies(read, replies, raw_ids, name)
    read.parsed.links = _links(read, links, set(raw_ids), name)
    if isinstance(document, dict):
        read.source = read.source or _optional_string(document, _SOURCE_KEYS, name)
        read.fingerprint = read.fingerprint or _optional_string(document, _FINGERPRINT_KEYS,
                                                                name)
    return read


def _target_dict(target: Any) -> dict[str, Any]:
    if isinstance(target, list):
        return next((t for t in target if isinstance(t, dict)), {})
    return target if isinstance(target, dict) else {}


def _is_link(item: dict[str, Any]) -> bool:
    motivation = item.get("motivation")
    linking = motivation == "linking" or (isinstance(motivation, list)
                                          and "linking" in motivation)
    target = item.get("target")
    return linking and isinstance(target, list) and len(target) == 2 \
        and all(isinstance(t, str) or (isinstance(t, dict) and "selector" not in t)
                for t in target)


def _reference(item: dict[str, Any]) -> str:
    references = item["references"]
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise Invalid(f"references must be a list of ids, got {show(references)}")
    return local_id(references[0])  # the thread's root; later ones are replies to replies


def _join_replies(read: W3CRead, replies: list[tuple[str, Any, str]],
                  raw_ids: dict[str, list[int]], name: str) -> None:
    joined = 0
    annotations = read.parsed.annotations
    for label, item, parent in replies:
        try:
            _, text, _ = bodies(item)
            user = string(item.get("user"), "user", default="").removeprefix("acct:")
        except Invalid as error:
            raise LecternError(f"“{name}”, {label}: {error}. Nothing was loaded.") from None
        if not text:
            continue
        reply = f"Reply{f' from {user}' if user else ''}: {text}"
        if parent in raw_ids:
            for index in raw_ids[parent]:
                old = annotations[index]
                annotations[index] = replace(old, note=f"{old.note}\n\n{reply}".strip())
            joined += 1
        else:
            kept = Annotation.article_note(reply, id=local_id(string(item.get("id"), "id",
                                                                     default="")) or
                                           stable_id(0, 0, "", (), reply))
            annotations.append(kept)
            read.parsed.notices.append(f"{label}: a reply to {parent}, which is not in the "
                                       "file; kept as an article note.")
    if joined:
        read.parsed.notices.append(f"{count(joined, 'reply')} joined the note of the "
                                   "annotation replied to.")


def _links(read: W3CRead, items: list[tuple[str, dict[str, Any]]], present: set[str],
           name: str) -> list[Link]:
    links = []
    for label, item in items:
        ends = [local_id(t if isinstance(t, str) else string(t.get("id"), "target.id"))
                for t in item["target"]]
        source, target = ends
        if source not in present or target not in present:
            read.parsed.notices.append(f"{label}: a link to an annotation that is not in the "
                                       "file; not kept.")
            continue
        kind = note = ""
        found = item.get("body", [])
        for index, body in enumerate(found if isinstance(found, list) else [found], start=1):
            if isinstance(body, dict) and isinstance(body.get("value"), str):
                if purposes(body, index) & {"classifying", "tagging"}:
                    kind = kind or body["value"]
                else:
                    note = body["value"]
        event = next((item[k] for k in _EVENT_KEYS if isinstance(item.get(k), str)), "")
        try:
            created = timestamp(item["created"], "created") if "created" in item else utc_now()
        except Invalid as error:
            raise LecternError(f"“{name}”, {label}: {error}. Nothing was loaded.") from None
        raw = item.get("id")
        link_id = local_id(raw) if isinstance(raw, str) and raw else \
            stable_link_id(source, target, kind, event)
        links.append(Link(source, target, kind, event, note, link_id, created))
    return links


def _optional_string(document: dict[str, Any], keys: tuple[str, ...], name: str) -> str:
    for key in keys:
        value = document.get(key)
        if value is not None and not isinstance(value, str):
            raise LecternError(f"“{name}”: {key} must be text, got {show(value)}.")
        if value:
            return value
    return ""


def _items_of(document: Any, name: str) -> tuple[list[Any], list[str]]:
    if isinstance(document, list):
        return document, []
    if not isinstance(document, dict):
        raise LecternError(f"“{name}” holds a JSON {kind_of(document)}, not annotations.")
    kinds = types(document)
    if "AnnotationCollection" in kinds:
        return _collection_items(document, name)
    if "AnnotationPage" in kinds:
        return _pages(document, name)
    if isinstance(rows := document.get("rows"), list):  # a Hypothesis API search result
        return rows, []
    if isinstance(found := document.get("annotations"), list):  # Hypothesis' own export
        return found, []
    if "Annotation" in kinds or "target" in document:
        return [document], []
    raise LecternError(f"“{name}” is JSON but not a W3C Annotation, AnnotationCollection, "
                       "Hypothesis export or list of annotations.")


def _collection_items(collection: dict[str, Any], name: str) -> tuple[list[Any], list[str]]:
    page = collection.get("first")
    if page is None:
        if isinstance(inline := collection.get("items"), list):  # lenient: items right there
            return inline, []
        if collection.get("total") in (0, None):
            return [], []
        raise LecternError(f"“{name}”: the AnnotationCollection has no “first” page.")
    if isinstance(page, str):
        raise LecternError(f"“{name}”: the collection's pages are elsewhere ({page}); "
                           "only pages inside the file can be read.")
    items, notices = _pages(page, name)
    total = collection.get("total")
    if notices and type(total) is int and total > len(items):
        notices = [f"{notices[0][:-1]}: {total - len(items):,} of the collection's "
                   f"{total:,} annotations were not read."]
    return items, notices


def _pages(page: Any, name: str) -> tuple[list[Any], list[str]]:
    items: list[Any] = []
    for _ in range(_MAX_PAGES):
        items.extend(_page_items(page, name))
        following = page.get("next")
        if following is None:
            return items, []
        if isinstance(following, str):  # a page on a server: not fetched, and said so
            return items, [f"Only the pages inside the file were read; the next page, "
                           f"{following}, is elsewhere and was not fetched."]
        page = following
    raise LecternError(f"“{name}” has more than {_MAX_PAGES} pages.")


def _page_items(page: Any, name: str) -> list[Any]:
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise LecternError(f"“{name}”: an AnnotationPage must hold a list of “items”.")
    return items


def _parse_annotation(item: dict[str, Any],
                      text_length: int | None) -> tuple[list[Annotation], str, str]:
    """The annotation (one piece per target when there are several), why it was kept as an
    article note, and what of it was not kept ("" when nothing)."""
    raw_id = string(item.get("id"), "id", default="")
    created = timestamp(item["created"], "created") if "created" in item else utc_now()
    modified_key = "modified" if "modified" in item else "updated"
    modified = timestamp(item[modified_key], modified_key) if modified_key in item else created
    tags, note, note_format = bodies(item)
    tags = list(dict.fromkeys(tags))
    status = _status(item)
    common: dict[str, Any] = {"tags": tuple(tags), "note": note, "created": created,
                              "modified": modified, "note_format": note_format}
    try:
        pieces = targets(item.get("target"), _FINGERPRINT_KEYS, text_length)
    except Unplaceable as why:
        annotation_id = local_id(raw_id) or stable_id(0, 0, "", tags, note)
        return [Annotation.article_note(common.pop("note"), id=annotation_id, **common)], \
            str(why), ""
    # Fragments are of one text: targets on another document are not this article's.
    first = pieces[0]
    elsewhere = [p for p in pieces if p.source != first.source]
    pieces = [p for p in pieces if p.source == first.source]
    dropped = (f"{count(len(elsewhere), 'target')} on another document ("
               f"{elsewhere[0].source}) not kept") if elsewhere else ""
    # No id: one derived from the content, so importing the file twice does not double it.
    annotation_id = local_id(raw_id) or stable_id(first.start, first.end, "\x1e".join(
        p.exact for p in pieces), tags, note)
    if len(pieces) == 1:
        return [_annotation(first, annotation_id, status, common)], "", dropped
    return [_annotation(p, f"{annotation_id}#piece{n}", status, common)
            for n, p in enumerate(pieces, start=1)], "", dropped


def _annotation(piece: Piece, annotation_id: str, status: AnchorStatus,
                common: dict[str, Any]) -> Annotation:
    if piece.start == UNKNOWN_POSITION:
        status = AnchorStatus.ORPHAN  # not placed until it is anchored by its quote
    return Annotation(start=piece.start, end=piece.end, exact=piece.exact, prefix=piece.prefix,
                      suffix=piece.suffix, id=annotation_id, status=status, **common)


def _status(item: dict[str, Any]) -> AnchorStatus:
    for key in _STATUS_KEYS:
        if key in item:
            value = string(item[key], key)
            try:
                return AnchorStatus(value)
            except ValueError:
                known = ", ".join(s.value for s in AnchorStatus)
                raise Invalid(f"{key} must be one of {known}, got {show(value)}") from None
    return AnchorStatus.ANCHORED
