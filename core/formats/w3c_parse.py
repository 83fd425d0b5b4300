"""Validate parsed W3C / Hypothesis annotation JSON and turn it into Annotations.

Everything is checked before anything is returned, so a bad file loads nothing. Unknown
fields are ignored. Errors name the annotation (1-based, with its id) and the field,
e.g. ``annotation 3 (urn:uuid:…): TextPositionSelector.start must be a whole number, got
true``.
"""

from __future__ import annotations

import json
from typing import Any

from lectern.core.anchoring import UNKNOWN_POSITION
from lectern.core.annotations import AnchorStatus, Annotation, stable_id, utc_now, utc_text
from lectern.core.errors import LecternError

_FINGERPRINT_KEYS = ("lectern:fingerprint", "urn:x-lectern:fingerprint")
_SOURCE_KEYS = ("lectern:source", "urn:x-lectern:source")
_STATUS_KEYS = ("lectern:status", "urn:x-lectern:status")
_NOTE_PURPOSES = {None, "commenting", "describing", "replying", "editing"}
_MAX_PAGES = 100_000


class _Invalid(Exception):
    """A problem in one field; the caller adds which annotation it was."""


def parse_document(document: Any, text_length: int | None,
                   name: str) -> tuple[list[Annotation], str, str]:
    """Annotations, source and fingerprint from a parsed JSON document; all or nothing."""
    items = _items_of(document, name)
    annotations: list[Annotation] = []
    seen: dict[str, int] = {}
    source = fingerprint = ""
    for number, item in enumerate(items, start=1):
        label = f"annotation {number}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        try:
            annotation, item_source, item_fingerprint = _parse_annotation(item, text_length)
        except _Invalid as error:
            raise LecternError(f"“{name}”, {label}: {error}. Nothing was loaded.") from None
        if annotation.id in seen and not item.get("id"):
            continue  # an exact copy of an id-less annotation already read: one is enough
        if annotation.id in seen:
            raise LecternError(f"“{name}”, {label}: the id repeats annotation "
                               f"{seen[annotation.id]}. Nothing was loaded.")
        seen[annotation.id] = number
        source = source or item_source
        fingerprint = fingerprint or item_fingerprint
        annotations.append(annotation)
    if isinstance(document, dict):
        source = source or _optional_string(document, _SOURCE_KEYS, name)
        fingerprint = fingerprint or _optional_string(document, _FINGERPRINT_KEYS, name)
    return annotations, source, fingerprint


def _optional_string(document: dict[str, Any], keys: tuple[str, ...], name: str) -> str:
    for key in keys:
        value = document.get(key)
        if value is not None and not isinstance(value, str):
            raise LecternError(f"“{name}”: {key} must be text, got {_show(value)}.")
        if value:
            return value
    return ""


def _items_of(document: Any, name: str) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise LecternError(f"“{name}” holds a JSON {_kind(document)}, not annotations.")
    kinds = _types(document)
    if "AnnotationCollection" in kinds:
        return _collection_items(document, name)
    if "AnnotationPage" in kinds:
        return _page_items(document, name)
    if isinstance(rows := document.get("rows"), list):  # a Hypothesis API search result
        return rows
    if "Annotation" in kinds or "target" in document:
        return [document]
    raise LecternError(f"“{name}” is JSON but not a W3C Annotation, AnnotationCollection "
                       "or list of annotations.")


def _collection_items(collection: dict[str, Any], name: str) -> list[Any]:
    page = collection.get("first")
    if page is None:
        if isinstance(inline := collection.get("items"), list):  # lenient: items right there
            return inline
        if collection.get("total") in (0, None):
            return []
        raise LecternError(f"“{name}”: the AnnotationCollection has no “first” page.")
    items: list[Any] = []
    for _ in range(_MAX_PAGES):
        if isinstance(page, str):
            raise LecternError(f"“{name}”: the collection's pages are elsewhere ({page}); "
                               "only pages inside the file can be read.")
        items.extend(_page_items(page, name))
        page = page.get("next")
        if page is None:
            return items
    raise LecternError(f"“{name}” has more than {_MAX_PAGES} pages.")


def _page_items(page: Any, name: str) -> list[Any]:
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise LecternError(f"“{name}”: an AnnotationPage must hold a list of “items”.")
    return items


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    kinds: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return kinds.get(type(value), "number")


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return f"an {_kind(value)}" if value else json.dumps(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _string(value: Any, field: str, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise _Invalid(f"{field} must be text, got {_show(value)}")
    return value


def _whole(value: Any, field: str) -> int:
    if type(value) is not int:
        raise _Invalid(f"{field} must be a whole number, got {_show(value)}")
    if value < 0:
        raise _Invalid(f"{field} must not be negative, got {value}")
    return value


def _timestamp(value: Any, field: str) -> str:
    """The timestamp in UTC "Z" form: the merge compares them, and "11:00+02:00" is earlier
    than "10:00Z" though it sorts later as text."""
    text = _string(value, field)
    try:
        return utc_text(text)
    except ValueError:
        raise _Invalid(f"{field} must be an ISO 8601 date and time, got {_show(value)}") from None


def _parse_annotation(item: Any, text_length: int | None) -> tuple[Annotation, str, str]:
    if not isinstance(item, dict):
        raise _Invalid(f"must be a JSON object, got {_show(item)}")
    raw_id = _string(item.get("id"), "id", default="")
    created = _timestamp(item["created"], "created") if "created" in item else utc_now()
    modified_key = "modified" if "modified" in item else "updated"
    modified = _timestamp(item[modified_key], modified_key) if modified_key in item else created
    tags, note = _bodies(item)
    status = _status(item)
    target = _target(item.get("target"))
    source = _string(target.get("source"), "target.source", default="")
    fingerprint = ""
    for key in _FINGERPRINT_KEYS:
        if key in target:
            fingerprint = _string(target[key], f"target.{key}")
    start, end, exact, prefix, suffix = _selectors(target.get("selector"), text_length)
    if start == UNKNOWN_POSITION:
        status = AnchorStatus.ORPHAN  # not placed until it is anchored by its quote
    tags = list(dict.fromkeys(tags))
    # No id: one derived from the content, so importing the file twice does not double it.
    annotation_id = raw_id.removeprefix("urn:uuid:") or stable_id(start, end, exact, tags, note)
    annotation = Annotation(start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                            tags=tuple(tags), note=note, id=annotation_id,
                            created=created, modified=modified, status=status)
    return annotation, source, fingerprint


def _status(item: dict[str, Any]) -> AnchorStatus:
    for key in _STATUS_KEYS:
        if key in item:
            value = _string(item[key], key)
            try:
                return AnchorStatus(value)
            except ValueError:
                known = ", ".join(s.value for s in AnchorStatus)
                raise _Invalid(f"{key} must be one of {known}, got {_show(value)}") from None
    return AnchorStatus.ANCHORED


def _bodies(item: dict[str, Any]) -> tuple[list[str], str]:
    tags: list[str] = []
    notes: list[str] = []
    bodies = item.get("body", [])
    if isinstance(bodies, dict | str):
        bodies = [bodies]
    if not isinstance(bodies, list):
        raise _Invalid(f"body must be an object or a list, got {_show(bodies)}")
    for index, body in enumerate(bodies, start=1):
        if isinstance(body, str):
            continue  # a link to an external body: nothing Lectern can show
        if not isinstance(body, dict):
            raise _Invalid(f"body {index} must be an object, got {_show(body)}")
        if "value" not in body:
            continue  # not a TextualBody
        value = _string(body["value"], f"body {index}.value")
        purpose = body.get("purpose")
        if purpose == "tagging":
            tags.append(value)
        elif purpose in _NOTE_PURPOSES and value:
            notes.append(value)
    if "bodyValue" in item:
        notes.append(_string(item["bodyValue"], "bodyValue"))
    if "text" in item and _string(item["text"], "text"):  # Hypothesis: the note
        notes.append(item["text"])
    if "tags" in item:  # Hypothesis: tags beside the target
        if not isinstance(item["tags"], list):
            raise _Invalid(f"tags must be a list, got {_show(item['tags'])}")
        tags.extend(_string(tag, f"tags {i}") for i, tag in enumerate(item["tags"], start=1))
    return tags, "\n\n".join(notes)


def _target(target: Any) -> dict[str, Any]:
    if isinstance(target, list):  # Hypothesis and others: a list of targets
        chosen = next((t for t in target if isinstance(t, dict) and "selector" in t), None)
        if chosen is None:
            raise _Invalid("target has no TextQuoteSelector or TextPositionSelector")
        return chosen
    if isinstance(target, dict):
        return target
    if target is None:
        raise _Invalid("has no target")
    raise _Invalid("target names a whole document, with no TextQuoteSelector or "
                   "TextPositionSelector to place it")


def _selectors(selectors: Any, text_length: int | None) -> tuple[int, int, str, str, str]:
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, list):
        raise _Invalid("target has no TextQuoteSelector or TextPositionSelector")
    position = quote = None
    for selector in selectors:
        if not isinstance(selector, dict):
            raise _Invalid(f"a selector must be an object, got {_show(selector)}")
        kinds = _types(selector)
        if "TextPositionSelector" in kinds and position is None:
            position = selector
        elif "TextQuoteSelector" in kinds and quote is None:
            quote = selector
    if position is None and quote is None:
        raise _Invalid("target has no TextQuoteSelector or TextPositionSelector")
    start = end = UNKNOWN_POSITION
    if position is not None:
        start = _whole(position.get("start"), "TextPositionSelector.start")
        end = _whole(position.get("end"), "TextPositionSelector.end")
        if start > end:
            raise _Invalid(f"TextPositionSelector.start ({start}) is after its end ({end})")
        if text_length is not None and end > text_length:
            raise _Invalid(f"TextPositionSelector.end ({end}) is beyond the end of the text "
                           f"({text_length} characters)")
    exact = prefix = suffix = ""
    if quote is not None:
        exact = _string(quote.get("exact"), "TextQuoteSelector.exact")
        prefix = _string(quote.get("prefix"), "TextQuoteSelector.prefix", default="")
        suffix = _string(quote.get("suffix"), "TextQuoteSelector.suffix", default="")
        # No check that len(exact) == end - start: browser tools count UTF-16 units, and a
        # disagreement is settled by re-anchoring (the quote wins), not by refusing the file.
    return start, end, exact, prefix, suffix
