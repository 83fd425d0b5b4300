"""Reading a REFI-QDA project (``.qdpx``): its text sources with their coded selections.

Each ``TextSource`` becomes a text with annotations: a ``PlainTextSelection`` is an
annotation tagged with the codes of its codings, its notes joined as its note; selections
whose ``Description`` names the same Lectern annotation are its fragments, and its quote
selector there lets an edited text re-anchor. Links between selections are links. Codes
keep their colours for the tags they become. Picture, PDF, audio and video sources are
counted in the notices. The zip is read with limits: no member larger than Lectern reads,
no path outside the project.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from lectern.core.annotations import Annotation, quote_selector, stable_id, utc_now, utc_text
from lectern.core.errors import LecternError
from lectern.core.formats.parsed import (
    MAX_ANNOTATION_FILE_BYTES,
    ParsedFile,
    check_parsed,
    read_annotation_bytes,
)
from lectern.core.formats.qdpx import _Q, DESCRIPTION_KEY
from lectern.core.links import Link, stable_link_id


@dataclass
class ReadSource:
    name: str
    text: str
    parsed: ParsedFile
    selections: dict[str, str] = field(default_factory=dict)  # selection GUID -> annotation


@dataclass
class ReadProject:
    sources: list[ReadSource]
    colours: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def read_qdpx(path: str | os.PathLike[str], raw: bytes | None = None) -> ReadProject:
    path = Path(path)
    if raw is None:
        raw = read_annotation_bytes(path, "REFI-QDA project")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise LecternError(f"“{path.name}” is not a REFI-QDA project: it is not a zip "
                           "file.") from None
    with archive:
        xml = _member(archive, "project.qde", path.name)
        return parse_project(xml, lambda name: _member(archive, name, path.name), path.name)


def _member(archive: zipfile.ZipFile, name: str, file_name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise LecternError(f"“{file_name}” has no {name}, so it is not a REFI-QDA project "
                           "(or the project is incomplete).") from None
    if info.file_size > MAX_ANNOTATION_FILE_BYTES:
        raise LecternError(f"“{file_name}”: {name} is larger than Lectern reads.")
    with archive.open(info) as member:
        data = member.read(MAX_ANNOTATION_FILE_BYTES + 1)
    if len(data) > MAX_ANNOTATION_FILE_BYTES:
        raise LecternError(f"“{file_name}”: {name} is larger than Lectern reads.")
    return data


def parse_project(xml: bytes, open_member: Any, name: str) -> ReadProject:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise LecternError(f"“{name}”: project.qde is not well-formed XML ({error}).") from None
    if root.tag != _Q + "Project":
        raise LecternError(f"“{name}”: project.qde is not a QDA-XML project (its root is "
                           f"{etree.QName(root).localname}).")
    codes: dict[str, str] = {}
    colours: dict[str, str] = {}
    for code in root.iter(_Q + "Code"):
        codes[code.get("guid", "")] = code.get("name", "")
        if code.get("color"):
            colours[code.get("name", "")] = code.get("color")
    notes = {note.get("guid", ""): (note.findtext(_Q + "PlainTextContent") or "")
             for note in root.iter(_Q + "Note")}
    project = ReadProject([], colours)
    owner_of: dict[str, tuple[int, str]] = {}  # selection guid -> (source, annotation id)
    other = 0
    sources = root.find(_Q + "Sources")
    for element in sources if sources is not None else []:
        if element.tag != _Q + "TextSource":
            other += 1
            continue
        source = _source(element, open_member, codes, notes, name)
        for selection, annotation_id in source.selections.items():
            owner_of[selection] = (len(project.sources), annotation_id)
        project.sources.append(source)
    if other:
        project.notices.append(f"{other:,} picture, PDF, audio or video sources were not read: "
                               "Lectern reads text.")
    _links(root, owner_of, project, notes, name)
    for source in project.sources:
        check_parsed(source.parsed, name)
    return project


def _source(element: Any, open_member: Any, codes: dict[str, str], notes: dict[str, str],
            name: str) -> ReadSource:
    title = element.get("name") or "Untitled source"
    text = element.findtext(_Q + "PlainTextContent")
    if text is None:
        location = element.get("plainTextPath") or ""
        if not location.startswith("internal://"):
            raise LecternError(f"“{name}”: the text of source “{title}” is outside the project "
                               f"({location or 'no path'}), so it cannot be read.")
        member = location.removeprefix("internal://")
        if "/" in member or "\\" in member or member.startswith("."):
            raise LecternError(f"“{name}”: source “{title}” names {location}, which is not a "
                               "file of the project.")
        try:
            text = open_member(f"Sources/{member}").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LecternError(f"“{name}”: the text of source “{title}” is not UTF-8.") from None
    text = text.replace("\r\n", "\n")
    pieces: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    order: list[str] = []
    for n, selection in enumerate(element.iter(_Q + "PlainTextSelection"), start=1):
        where = f"“{name}”, source “{title}”, selection {n}"
        described = _description(selection)
        key = described.get("annotation") or selection.get("guid", f"selection-{n}")
        if key not in pieces:
            order.append(key)
        pieces.setdefault(key, []).append((selection, described))
        _positions(selection, text, where)
    annotations = []
    selections: dict[str, str] = {}
    now = utc_now()
    for key in order:
        members = pieces[key]
        spans = sorted(_positions(s, text, name) for s, _ in members)
        tags = list(dict.fromkeys(codes[ref.get("targetGUID")]
                                  for s, _ in members for ref in s.iter(_Q + "CodeRef")
                                  if ref.get("targetGUID") in codes))
        note = "\n\n".join(notes[ref.get("targetGUID")] for s, _ in members
                           for ref in s.findall(_Q + "NoteRef")
                           if notes.get(ref.get("targetGUID")))
        first, described = members[0]
        start, end = spans[0][0], spans[-1][1]
        exact, prefix, suffix = quote_selector(text, start, end)
        created = _time(first.get("creationDateTime")) or now
        annotation = Annotation(
            start=start, end=end, exact=exact, prefix=prefix, suffix=suffix, tags=tuple(tags),
            note=note, fragments=tuple(spans), created=created,
            modified=_time(first.get("modifiedDateTime")) or created,
            note_format=str(described.get("note_format", "")),
            id=key if described.get("annotation") or first.get("guid")
            else stable_id(start, end, exact, tags, note))
        annotations.append(annotation)
        selections.update((s.get("guid", ""), annotation.id) for s, _ in members)
    for ref in element.findall(_Q + "NoteRef"):  # notes on the whole source
        if notes.get(ref.get("targetGUID")):
            text_of_note = notes[ref.get("targetGUID")]
            annotations.append(Annotation.article_note(
                text_of_note, id=stable_id(0, 0, "", (), text_of_note)))
    return ReadSource(title, text, ParsedFile(annotations), selections)


def _description(selection: Any) -> dict[str, Any]:
    text = selection.findtext(_Q + "Description") or ""
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) and found.get(DESCRIPTION_KEY) == 1 and \
        isinstance(found.get("annotation", ""), str) else {}


def _positions(selection: Any, text: str, where: str) -> tuple[int, int]:
    try:
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    except (TypeError, ValueError):
        raise LecternError(f"{where}: startPosition and endPosition must be whole "
                           "numbers.") from None
    if not 0 <= start <= end <= len(text):
        raise LecternError(f"{where}: {start}..{end} is outside its text ({len(text)} "
                           "characters).")
    return start, end


def _time(value: str | None) -> str:
    if not value:
        return ""
    try:
        return utc_text(value.replace("Z", "+00:00"))
    except ValueError:
        return ""


def _links(root: Any, owner_of: dict[str, tuple[int, str]], project: ReadProject,
           notes: dict[str, str], name: str) -> None:
    dropped = 0
    for element in root.iter(_Q + "Link"):
        origin, target = element.get("originGUID"), element.get("targetGUID")
        if origin not in owner_of or target not in owner_of or \
                owner_of[origin][0] != owner_of[target][0]:
            dropped += 1
            continue
        index, source = owner_of[origin]
        _, end = owner_of[target]
        label = element.get("name", "")
        note = "\n\n".join(notes[r.get("targetGUID")] for r in element.findall(_Q + "NoteRef")
                           if notes.get(r.get("targetGUID")))
        project.sources[index].parsed.links.append(
            Link(source, end, label, "", note, stable_link_id(source, end, label), utc_now()))
    if dropped:
        project.notices.append(f"{dropped:,} links between codes, sources or selections of "
                               "different texts were not kept.")
