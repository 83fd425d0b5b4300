"""REFI-QDA projects: what Lectern writes is valid against the QDA-XML Project schema, and a
project comes back with every span, fragment, tag, note and link."""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import FIXTURES
from lxml import etree

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import (
    Format,
    anchor_file,
    export_annotations,
    import_into,
    import_project,
)
from lectern.core.formats.qdpx import QdaSource, dumps_qdpx
from lectern.core.links import Link
from lectern.core.store import AnnotationStore

SCHEMA = etree.XMLSchema(etree.parse(str(FIXTURES / "formats" / "refi-qda-project-1.0.xsd")))
TEXT = "Mayor Ana Costa said the bridge would cost 12 million euros.\n\nCritics disagreed.\n"
NS = "{urn:QDA-XML:project:1.0}"


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def sample() -> tuple[list[Annotation], list[Link]]:
    quote = Annotation.from_span(TEXT, *at("the bridge would cost 12 million euros"),
                                 ["Quote"], note="Check the figure")
    speaker = Annotation.from_fragments(TEXT, [at("Mayor"), at("Ana Costa")], ["Person"])
    plain = Annotation.from_span(TEXT, *at("Critics"))
    page = Annotation.article_note("About the whole article")
    return [quote, speaker, plain, page], [Link(quote.id, speaker.id, "Speaker",
                                                note="At the council")]


def project_of(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(n.split("/")[0] for n in archive.namelist()) == ["Sources",
                                                                       "project.qde"]
        return etree.fromstring(archive.read("project.qde"))


def test_a_written_project_is_valid_against_the_refi_qda_schema(tmp_path):
    annotations, links = sample()
    document = Document.from_text(TEXT, title="Bridge", source=tmp_path / "bridge.txt")
    report = export_annotations(Format.QDPX, tmp_path / "bridge.qdpx", document, annotations,
                                links, {"Quote": "#c9a227", "Person": "#5fa8d3"})
    root = project_of((tmp_path / "bridge.qdpx").read_bytes())
    SCHEMA.assertValid(root)
    codes = {c.get("name"): c.get("color") for c in root.iter(f"{NS}Code")}
    assert codes == {"Quote": "#c9a227", "Person": "#5fa8d3"}
    selections = list(root.iter(f"{NS}PlainTextSelection"))
    assert len(selections) == 4  # the quote, two fragments of the speaker, the plain one
    assert len(list(root.iter(f"{NS}Note"))) == 3  # a selection's, the article's, the link's
    (link,) = root.iter(f"{NS}Link")
    assert link.get("name") == "Speaker"
    assert report.written == 4


def test_every_projects_shape_is_valid_even_with_no_tags_or_notes():
    data, _ = dumps_qdpx([QdaSource("Empty", "Nothing coded here.\n")], {}, "Empty")
    SCHEMA.assertValid(project_of(data))


def test_lectern_to_refi_qda_to_lectern_keeps_everything(tmp_path):
    annotations, links = sample()
    document = Document.from_text(TEXT, title="Bridge", source=tmp_path / "bridge.txt")
    annotations[2] = annotations[2].with_changes(tags=["Speech"])  # a tag new to the scheme
    export_annotations(Format.QDPX, tmp_path / "bridge.qdpx", document, annotations, links,
                       {"Speech": "#c9a227"})
    anchored = anchor_file(tmp_path / "bridge.qdpx", document)
    assert anchored.format is Format.QDPX and anchored.tag_colours["Speech"] == "#c9a227"
    session = AnnotationSession(document)
    import_into(session, anchored)
    key = lambda a: (a.start, a.end, a.fragments, a.tags, a.note,  # noqa: E731
                     a.is_article_note)
    assert sorted(map(key, session.annotations)) == sorted(map(key, annotations))
    kept = {a.id for a in session.annotations}
    assert {annotations[0].id, annotations[1].id} <= kept
    assert [(k.source, k.target, k.label, k.note) for k in session.links()] == [
        (links[0].source, links[0].target, "Speaker", "At the council")]
    assert session.scheme.get("Speech").colour == "#c9a227"  # the code's colour


def test_an_edited_text_is_re_anchored_from_the_quote_kept_in_the_description(tmp_path):
    annotations, _ = sample()
    document = Document.from_text(TEXT, source=tmp_path / "bridge.txt")
    export_annotations(Format.QDPX, tmp_path / "bridge.qdpx", document, annotations[:1])
    edited = Document.from_text("Breaking news.\n\n" + TEXT, source=tmp_path / "bridge.txt")
    (moved,) = anchor_file(tmp_path / "bridge.qdpx", edited).annotations
    assert edited.text[moved.start:moved.end] == annotations[0].exact


def test_a_project_brings_its_texts_into_the_store(tmp_path):
    annotations, links = sample()
    other = "A second text about trams.\n"
    tram = Annotation.from_span(other, other.index("trams"), other.index("trams") + 5,
                                ["Topic"])
    data, _ = dumps_qdpx([QdaSource("Bridge", TEXT, annotations, links),
                          QdaSource("Trams", other, [tram])], {}, "Two")
    path = tmp_path / "two.qdpx"
    path.write_bytes(data)
    with AnnotationStore.open(tmp_path / "store.sqlite3") as store:
        reports = import_project(path, store)
        assert [r.added for r in reports] == [4, 1]
        titles = sorted(d.title for d in store.documents())
        assert titles == ["Bridge", "Trams"]
        bridge = Document.from_text(TEXT)
        assert len(store.annotations(bridge.fingerprint)) == 4
        assert len(store.links(bridge.fingerprint)) == 1
        kept = {a.title: store.library.text(store.library.current_version(a.id) or 0)
                for a in store.library.articles()}
        assert kept == {"Bridge": TEXT, "Trams": other}  # in the library, read from it
        again = import_project(path, store)
        assert [r.added for r in again] == [0, 0] and len(store.library.articles()) == 2


def test_a_project_from_another_tool_is_read(tmp_path):
    """A project in the shape QualCoder and MAXQDA write: the text inline, nested codes,
    a selection with two codings and a note."""
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Other tool">
 <CodeBook><Codes>
  <Code guid="11111111-1111-1111-1111-111111111111" name="People" isCodable="true" color="#ff0000">
   <Code guid="22222222-2222-2222-2222-222222222222" name="Mayor" isCodable="true"/>
  </Code>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="33333333-3333-3333-3333-333333333333" name="bridge">
   <PlainTextContent>{TEXT}</PlainTextContent>
   <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="6"
       endPosition="15">
    <Coding guid="55555555-5555-5555-5555-555555555555">
     <CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding>
    <Coding guid="66666666-6666-6666-6666-666666666666">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
    <NoteRef targetGUID="77777777-7777-7777-7777-777777777777"/>
   </PlainTextSelection>
  </TextSource>
  <PictureSource guid="88888888-8888-8888-8888-888888888888" path="internal://a.png"/>
 </Sources>
 <Notes><Note guid="77777777-7777-7777-7777-777777777777" name="memo">
  <PlainTextContent>Elected in 2020</PlainTextContent></Note></Notes>
</Project>"""
    SCHEMA.assertValid(etree.fromstring(xml.encode()))
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
    document = Document.from_text(TEXT, source=tmp_path / "bridge.txt")
    anchored = anchor_file(path, document)
    (annotation,) = anchored.annotations
    assert (annotation.exact, annotation.tags, annotation.note) == (
        "Ana Costa", ("People", "Mayor"), "Elected in 2020")
    assert annotation.id == "44444444-4444-4444-4444-444444444444"
    assert any("picture, PDF, audio or video" in n for n in anchored.notices)


@pytest.mark.parametrize(("members", "message"), [
    ({"other.txt": "x"}, "has no project.qde"),
    ({"project.qde": "<Project"}, "not well-formed XML"),
    ({"project.qde": '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource '
                     'guid="33333333-3333-3333-3333-333333333333" plainTextPath='
                     '"internal://../../etc/passwd"/></Sources></Project>'},
     "not a file of the project"),
])
def test_a_broken_project_is_refused_whole(tmp_path, members, message):
    path = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(LecternError, match=message):
        anchor_file(path, Document.from_text(TEXT))


def test_the_project_is_the_same_bytes_each_time(tmp_path):
    annotations, links = sample()
    first, _ = dumps_qdpx([QdaSource("B", TEXT, annotations, links)], {}, "B")
    again, _ = dumps_qdpx([QdaSource("B", TEXT, annotations, links)], {}, "B")
    assert first == again
