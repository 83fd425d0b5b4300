"""The fields of one W3C (or Hypothesis) annotation, checked: ids, times, bodies, targets and
selectors. ``Invalid`` names the field at fault; the caller adds which annotation it was."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import Any

from lectern.core.anchoring import UNKNOWN_POSITION
from lectern.core.annotations import utc_text
from lectern.core.formats.parsed import MAX_OFFSET

_NOTE_PURPOSES = {None, "commenting", "describing", "replying", "editing"}
# A foreign id that is not an IRI is written under this prefix, and read back without it.
LOCAL_ID_PREFIX = "urn:x-lectern:id:"


class Invalid(Exception):
    """A problem in one field; the caller adds which annotation it was."""


class Unplaceable(Exception):
    """The annotation is valid but names no text: kept as an article note, with why."""


@dataclass(frozen=True)
class Piece:
    """One target: its position (-1 when unknown) and quote."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    source: str
    fingerprint: str


def types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    kinds: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return kinds.get(type(value), "number")


def show(value: Any) -> str:
    if isinstance(value, dict | list):
        return f"an {kind_of(value)}" if value else json.dumps(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def string(value: Any, field: str, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise Invalid(f"{field} must be text, got {show(value)}")
    return value


def whole(value: Any, field: str) -> int:
    if type(value) is not int:
        raise Invalid(f"{field} must be a whole number, got {show(value)}")
    if value < 0:
        raise Invalid(f"{field} must not be negative, got {value}")
    if value > MAX_OFFSET:
        raise Invalid(f"{field} is {str(value)[:20]}…, larger than any text")
    return value


def timestamp(value: Any, field: str) -> str:
    """The timestamp in UTC "Z" form: the merge compares them, and "11:00+02:00" is earlier
    than "10:00Z" though it sorts later as text."""
    text = string(value, field)
    try:
        return utc_text(text)
    except ValueError as error:
        why = str(error) if "outside the years" in str(error) else "not an ISO 8601 date and time"
        raise Invalid(f"{field} must be an ISO 8601 date and time, got {show(value)} "
                      f"({why})") from None


def local_id(raw: str) -> str:
    """The id kept for a file's id: a UUID without its ``urn:uuid:``, any other IRI as it is."""
    if raw.startswith(LOCAL_ID_PREFIX):
        return urllib.parse.unquote(raw.removeprefix(LOCAL_ID_PREFIX))
    if raw.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(raw[9:]))
        except ValueError:
            return raw  # "urn:uuid:test" is not a UUID: kept exactly, not reinterpreted
    return raw


def iri_of(annotation_id: str) -> str:
    """The id to write: a UUID as ``urn:uuid:``, an IRI as it is, any other id under
    ``LOCAL_ID_PREFIX`` (never an invalid ``urn:uuid:``)."""
    try:
        return f"urn:uuid:{uuid.UUID(annotation_id)}"
    except ValueError:
        pass
    scheme, colon, _ = annotation_id.partition(":")
    if colon and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme):
        return annotation_id
    return LOCAL_ID_PREFIX + urllib.parse.quote(annotation_id, safe="")


def purposes(body: dict[str, Any], index: int) -> set[str | None]:
    value = body.get("purpose")
    if value is None or isinstance(value, str):
        return {value}
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return set(value) or {None}
    raise Invalid(f"body {index}.purpose must be a purpose name or a list of them, got "
                  f"{show(value)}")


def bodies(item: dict[str, Any]) -> tuple[list[str], str, str]:
    """Tags, note and the note's media type ("" for plain text)."""
    tags: list[str] = []
    notes: list[str] = []
    note_format = ""
    found = item.get("body", [])
    if isinstance(found, dict | str):
        found = [found]
    if not isinstance(found, list):
        raise Invalid(f"body must be an object or a list, got {show(found)}")
    for index, body in enumerate(found, start=1):
        if isinstance(body, str):
            continue  # a link to an external body: nothing Lectern can show
        if not isinstance(body, dict):
            raise Invalid(f"body {index} must be an object, got {show(body)}")
        if "Choice" in types(body) and isinstance(body.get("items"), list) and body["items"]:
            body = body["items"][0]  # the first choice is the one to show by default
            if not isinstance(body, dict):
                continue
        wanted = purposes(body, index)
        if "SpecificResource" in types(body) and "tagging" in wanted:
            source = body.get("source")
            source = source.get("id") if isinstance(source, dict) else source
            tags.append(string(source, f"body {index}.source"))  # a semantic tag: an IRI
            continue
        if "value" not in body:
            continue  # not a TextualBody
        value = string(body["value"], f"body {index}.value")
        if "tagging" in wanted:
            tags.append(value)
        elif wanted & _NOTE_PURPOSES and value:
            notes.append(value)
            if body.get("format") == "text/markdown":
                note_format = "text/markdown"
    if "bodyValue" in item:
        notes.append(string(item["bodyValue"], "bodyValue"))
    if "text" in item and string(item["text"], "text"):  # Hypothesis: the note, Markdown
        notes.append(item["text"])
        note_format = "text/markdown"
    if "tags" in item:  # Hypothesis: tags beside the target
        if not isinstance(item["tags"], list):
            raise Invalid(f"tags must be a list, got {show(item['tags'])}")
        tags.extend(string(tag, f"tags {i}") for i, tag in enumerate(item["tags"], start=1))
    return tags, "\n\n".join(notes), note_format


def targets(target: Any, fingerprint_keys: tuple[str, ...],
            text_length: int | None) -> list[Piece]:
    """Every target that names text; Unplaceable when none does."""
    if target is None:
        raise Invalid("has no target")
    listed = target if isinstance(target, list) else [target]
    pieces = []
    why = "whole-document target: it names no stretch of text"
    for one in listed:
        if isinstance(one, str):
            continue
        if not isinstance(one, dict):
            raise Invalid(f"a target must be an object or an IRI, got {show(one)}")
        if "selector" not in one:
            continue
        piece = _piece(one, fingerprint_keys, text_length)
        if piece is None:
            why = "unsupported selector: it has no TextQuoteSelector or TextPositionSelector"
            continue
        pieces.append(piece)
    if not pieces:
        noted = all(isinstance(one, dict) and "selector" not in one
                    and any(key in one for key in fingerprint_keys) for one in listed)
        raise Unplaceable("" if noted else why)  # "": a note on this very text, by intent
    return pieces


def source_of(target: Any) -> str:
    """A target's source IRI: ``source`` as a string or an object with an ``id``."""
    if isinstance(target, list):
        return next((s for t in target if (s := source_of(t))), "")
    if isinstance(target, str):
        return target
    if not isinstance(target, dict):
        return ""
    source = target.get("source", "")
    if isinstance(source, dict):
        source = source.get("id", "")
    if isinstance(source, list):  # Hypothesis' client has sent a list of one
        source = next((s for s in source if isinstance(s, str)), "")
    return string(source, "target.source", default="")


def _piece(target: dict[str, Any], fingerprint_keys: tuple[str, ...],
           text_length: int | None) -> Piece | None:
    fingerprint = ""
    for key in fingerprint_keys:
        if key in target:
            fingerprint = string(target[key], f"target.{key}")
    position, quote = _find_selectors(target.get("selector"))
    if position is None and quote is None:
        return None
    start = end = UNKNOWN_POSITION
    if position is not None:
        start = whole(position.get("start"), "TextPositionSelector.start")
        end = whole(position.get("end"), "TextPositionSelector.end")
        if start > end:
            raise Invalid(f"TextPositionSelector.start ({start}) is after its end ({end})")
        if text_length is not None and end > text_length:
            raise Invalid(f"TextPositionSelector.end ({end}) is beyond the end of the text "
                          f"({text_length} characters)")
    exact = prefix = suffix = ""
    if quote is not None:
        exact = string(quote.get("exact"), "TextQuoteSelector.exact")
        prefix = string(quote.get("prefix"), "TextQuoteSelector.prefix", default="")
        suffix = string(quote.get("suffix"), "TextQuoteSelector.suffix", default="")
        # No check that len(exact) == end - start: browser tools count UTF-16 units, and a
        # disagreement is settled by re-anchoring (the quote wins), not by refusing the file.
    return Piece(start, end, exact, prefix, suffix, source_of(target), fingerprint)


def _find_selectors(selectors: Any, depth: int = 0
                    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The first TextPositionSelector and TextQuoteSelector, looking inside ``refinedBy``
    (a FragmentSelector refined by a quote, say) too."""
    if isinstance(selectors, dict):
        selectors = [selectors]
    if selectors is None:
        return None, None
    if not isinstance(selectors, list):
        raise Invalid(f"a selector must be an object or a list, got {show(selectors)}")
    if depth > 8:
        raise Invalid("selectors are refined more than 8 levels deep")
    position = quote = None
    for selector in selectors:
        if not isinstance(selector, dict):
            raise Invalid(f"a selector must be an object, got {show(selector)}")
        kinds = types(selector)
        if "TextPositionSelector" in kinds and position is None:
            position = selector
        elif "TextQuoteSelector" in kinds and quote is None:
            quote = selector
        elif "refinedBy" in selector:
            inner_position, inner_quote = _find_selectors(selector["refinedBy"], depth + 1)
            position = position or inner_position
            quote = quote or inner_quote
    return position, quote
