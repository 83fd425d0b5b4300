"""REFI-QDA projects (``.qdpx``): the exchange format of QualCoder, MAXQDA, ATLAS.ti and NVivo.

A ``.qdpx`` is a zip of ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``) and
``Sources/`` with each text source's plain text. Lectern writes an article as a
``TextSource`` (its canonical text, ``internal://GUID.txt``), its tags as ``Code``s with
their colours, each fragment of an annotation as a ``PlainTextSelection`` coded with the
annotation's tags (start and end are code points into the plain text), notes as ``Note``s
referenced from their selection (an article note from its source), and links as ``Link``s
between selections. Each selection's ``Description`` keeps the annotation's id and quote
selector, so a round trip puts fragments back together and re-anchors an edited text.
Orphans have no place in the text and are left out. A link's event grouping has no place
in QDA-XML: event arguments come back as plain links.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from lectern.core.annotations import Annotation, quote_selector, utc_now, utc_text
from lectern.core.formats.parsed import scrub
from lectern.core.links import Link, links_between

NAMESPACE = "urn:QDA-XML:project:1.0"
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lectern:qdpx")
_Q = f"{{{NAMESPACE}}}"
DESCRIPTION_KEY = "lectern"


@dataclass
class QdaSource:
    """One text source of a project: its name, plain text and what is coded on it."""

    name: str
    text: str
    annotations: list[Annotation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    guid: str = ""


def _derived(name: str) -> uuid.UUID:
    return uuid.uuid5(GUID_NAMESPACE, scrub(name))


def guid(value: str) -> str:
    """A GUID for one of our ids: the id itself when it is a UUID, else one derived from it."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(_derived(value))


# --- writing -----------------------------------------------------------------------------
def _element(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, _Q + tag, {k: scrub(v) for k, v in attributes.items()})


def _when(timestamp: str) -> str:
    """An xsd:dateTime; Lectern's times already are, kept to whole seconds for other tools."""
    try:
        return utc_text(timestamp).split(".")[0].removesuffix("Z") + "Z"
    except ValueError:
        return utc_now().split(".")[0] + "Z"


def project_xml(sources: Sequence[QdaSource], colours: Mapping[str, str],
                name: str) -> tuple[bytes, dict[str, bytes], int]:
    """``project.qde``, the files of ``Sources/``, and how many annotations were left out."""
    root = etree.Element(_Q + "Project", nsmap={None: NAMESPACE},
                         name=scrub(name), origin="Lectern")
    user = str(_derived("user"))
    _element(_element(root, "Users"), "User", guid=user, name="Lectern")
    tags = list(dict.fromkeys(t for s in sources for a in s.annotations for t in a.tags))
    code_of = {t: str(_derived(f"code\x1f{t}")) for t in tags}
    if tags:
        codes = _element(_element(root, "CodeBook"), "Codes")
        for tag in tags:
            attributes = {"guid": code_of[tag], "name": tag, "isCodable": "true"}
            if colours.get(tag):
                attributes["color"] = colours[tag]
            _element(codes, "Code", **attributes)
    files: dict[str, bytes] = {}
    notes: list[tuple[str, str, str]] = []  # guid, name, text
    qda_links: list[tuple[str, Link, str, str]] = []
    skipped = 0
    sources_element = _element(root, "Sources")
    for source in sources:
        source_guid = source.guid or str(_derived(source.text))
        files[f"{source_guid}.txt"] = scrub(source.text).encode("utf-8")
        element = _element(sources_element, "TextSource", guid=source_guid, name=source.name,
                           plainTextPath=f"internal://{source_guid}.txt")
        first_selection: dict[str, str] = {}
        source_notes = []
        for a in sorted(source.annotations, key=Annotation.sort_key):
            if a.is_article_note:
                if a.note:
                    source_notes.append(_note(notes, a, source.name))
                else:
                    skipped += 1  # tags alone: a project note is its text, nothing else
                continue
            pieces = [(s, e) for s, e in a.spans if 0 <= s < e <= len(source.text)]
            if a.is_orphan or not pieces:
                skipped += 1
                continue
            for n, (start, end) in enumerate(pieces):
                selection = guid(a.id) if n == 0 else str(_derived(f"{a.id}\x1f{n}"))
                first_selection.setdefault(a.id, selection)
                exact, prefix, suffix = quote_selector(source.text, start, end)
                selected = _element(element, "PlainTextSelection", guid=selection,
                                    name=exact[:60], startPosition=str(start),
                                    endPosition=str(end), creatingUser=user,
                                    creationDateTime=_when(a.created),
                                    modifiedDateTime=_when(a.modified))
                description = {DESCRIPTION_KEY: 1, "annotation": a.id, "exact": exact,
                               "prefix": prefix, "suffix": suffix}
                if a.note_format:
                    description["note_format"] = a.note_format
                _element(selected, "Description").text = scrub(json.dumps(description,
                                                                          ensure_ascii=False))
                for tag in a.tags:
                    coding = _element(selected, "Coding", guid=str(_derived(
                        f"{selection}\x1f{tag}")), creatingUser=user,
                        creationDateTime=_when(a.created))
                    _element(coding, "CodeRef", targetGUID=code_of[tag])
                if a.note and n == 0:
                    _element(selected, "NoteRef", targetGUID=_note(notes, a, exact[:60]))
        for note_guid in source_notes:
            _element(element, "NoteRef", targetGUID=note_guid)
        for link in links_between(source.links, first_selection):
            qda_links.append((guid(link.id), link, first_selection[link.source],
                              first_selection[link.target]))
    link_notes = {link.id: _note(notes, link, link.label) for _, link, _, _ in qda_links
                  if link.note}
    if notes:
        notes_element = _element(root, "Notes")
        for note_guid, title, text in notes:
            note = _element(notes_element, "Note", guid=note_guid, name=title)
            _element(note, "PlainTextContent").text = scrub(text)
    if qda_links:
        links_element = _element(root, "Links")
        for link_guid, link, origin, target in qda_links:
            attributes = {"guid": link_guid, "name": link.label, "direction": "OneWay",
                          "originGUID": origin, "targetGUID": target}
            made = _element(links_element, "Link", **attributes)
            if link.id in link_notes:
                _element(made, "NoteRef", targetGUID=link_notes[link.id])
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return xml, files, skipped


def _note(notes: list[tuple[str, str, str]], owner: Annotation | Link, title: str) -> str:
    note_guid = str(_derived(f"note\x1f{owner.id}"))
    notes.append((note_guid, title or "Note", owner.note))
    return note_guid


def dumps_qdpx(sources: Sequence[QdaSource], colours: Mapping[str, str],
               name: str) -> tuple[bytes, int]:
    """The bytes of the ``.qdpx`` zip, and how many annotations were left out."""
    xml, files, skipped = project_xml(sources, colours, name)
    buffer = io.BytesIO()
    fixed = (1980, 1, 1, 0, 0, 0)  # the same project gives the same bytes
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", fixed), xml, zipfile.ZIP_DEFLATED)
        for file_name, data in sorted(files.items()):
            archive.writestr(zipfile.ZipInfo(f"Sources/{file_name}", fixed), data,
                             zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), skipped
