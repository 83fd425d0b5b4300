"""W3C and Hypothesis files written by other tools: what is placed, what is kept as an
article note or a reply, what is refused with a message, and what a Lectern export keeps
to the model's rules (checked by hand against the W3C test suite's key assertions)."""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from pathlib import Path

import pytest
from helpers import ARTICLE, FIXTURES

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import Format, anchor_file, export_annotations, import_into
from lectern.core.formats.w3c import dumps_w3c, parse_w3c
from lectern.core.links import Link

HYPOTHESIS_EXPORT = FIXTURES / "formats" / "hypothesis_export.json"


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document.from_text(ARTICLE, source=tmp_path / "bridge.txt")


def write(tmp_path: Path, data: object, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def quote_item(exact: str, **extra: object) -> dict:
    item = {"type": "Annotation", "target": {"source": "x", "selector": {
        "type": "TextQuoteSelector", "exact": exact}}}
    item.update(extra)
    return item


# --- 1, 2: Hypothesis' own export, page notes, replies ------------------------------------
def test_the_hypothesis_clients_export_is_read_with_its_page_note_and_reply(document):
    anchored = anchor_file(HYPOTHESIS_EXPORT, document)
    assert anchored.format is Format.W3C
    by_tag = {a.tags[0]: a for a in anchored.annotations}
    figure = by_tag["Figure"]
    assert ARTICLE[figure.start:figure.end] == "12 million euros"
    assert figure.note_format == "text/markdown"
    assert figure.note == ("Is **12 million** the whole cost?\n\n"
                           "Reply from editor@hypothes.is: The budget papers say 14 million.")
    page = by_tag["Follow-up"]
    assert page.is_article_note and page.note == "A page note: follow up with the council."
    said = " ".join(anchored.notices)
    assert "kept as an article note (whole-document target" in said
    assert "1 reply joined the note of the annotation replied to" in said
    session = AnnotationSession(document)
    assert import_into(session, anchored).added == 2


def test_one_unplaceable_annotation_no_longer_refuses_the_file(document, tmp_path):
    collection = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                  "id": "http://example.org/collection1", "total": 3,
                  "first": {"type": "AnnotationPage", "id": "http://example.org/page1",
                            "items": [
                                quote_item("river", id="http://example.org/anno1"),
                                {"id": "http://example.org/anno2", "type": "Annotation",
                                 "bodyValue": "About the whole page",
                                 "target": "http://example.org/page1"},
                                {"id": "http://example.org/anno3", "type": "Annotation",
                                 "bodyValue": "An image region", "target": {
                                     "source": "http://example.org/page1", "selector": {
                                         "type": "FragmentSelector", "value": "xywh=1,2,3,4"}}},
                            ]}}
    anchored = anchor_file(write(tmp_path, collection), document)
    assert [a.id for a in anchored.annotations] == [f"http://example.org/anno{i}"
                                                     for i in (1, 2, 3)]
    river, page, region = anchored.annotations
    assert ARTICLE[river.start:river.end] == "river"
    assert page.is_article_note and region.is_article_note
    assert any("anno3" in n and "unsupported selector" in n for n in anchored.notices)
    assert any("anno2" in n and "whole-document target" in n for n in anchored.notices)


# --- 4: selectors, sources, targets, bodies, pages ------------------------------------------
def test_a_quote_inside_refined_by_is_used():
    item = {"type": "Annotation", "target": {"source": "x", "selector": {
        "type": "FragmentSelector", "value": "para-2",
        "refinedBy": {"type": "TextQuoteSelector", "exact": "bridge", "prefix": "build a "}}}}
    (annotation,) = parse_w3c(json.dumps(item)).parsed.annotations
    assert (annotation.exact, annotation.prefix) == ("bridge", "build a ")


def test_a_source_given_as_an_object_is_read():
    item = quote_item("river")
    item["target"]["source"] = {"id": "http://example.org/page1", "type": "Text",
                                "format": "text/plain"}
    read = parse_w3c(json.dumps(item))
    assert read.source == "http://example.org/page1" and len(read.parsed.annotations) == 1


def test_several_targets_on_one_text_become_fragments(document, tmp_path):
    item = {"id": "urn:uuid:" + str(uuid.uuid4()), "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "Person"},
            "target": [{"source": "x", "selector": {"type": "TextQuoteSelector",
                                                    "exact": "Mayor"}},
                       {"source": "x", "selector": {"type": "TextQuoteSelector",
                                                    "exact": "Ana Costa"}}]}
    (annotation,) = anchor_file(write(tmp_path, item), document).annotations
    assert [ARTICLE[s:e] for s, e in annotation.fragments] == ["Mayor", "Ana Costa"]
    assert annotation.tags == ("Person",)


def test_a_target_on_another_document_is_not_made_a_fragment(document, tmp_path):
    item = {"type": "Annotation", "target": [
        {"source": "http://a", "selector": {"type": "TextQuoteSelector", "exact": "river"}},
        {"source": "http://b", "selector": {"type": "TextQuoteSelector", "exact": "Mayor"}}]}
    anchored = anchor_file(write(tmp_path, item), document)
    (annotation,) = anchored.annotations
    assert annotation.exact == "river" and annotation.fragments == ()
    assert any("1 target on another document (http://b) not kept" in n
               for n in anchored.notices)


def test_a_choice_body_keeps_its_first_description_and_a_semantic_tag_is_a_tag():
    item = quote_item("river", body=[
        {"type": "Choice", "items": [
            {"type": "TextualBody", "value": "A river", "language": "en"},
            {"type": "TextualBody", "value": "Un fleuve", "language": "fr"}]},
        {"type": "SpecificResource", "purpose": "tagging",
         "source": "http://dbpedia.org/resource/River"}])
    (annotation,) = parse_w3c(json.dumps(item)).parsed.annotations
    assert annotation.note == "A river"
    assert annotation.tags == ("http://dbpedia.org/resource/River",)
    again = parse_w3c(dumps_w3c([annotation])).parsed.annotations[0]
    assert again.tags == annotation.tags  # written back as a SpecificResource


def test_a_remote_next_page_is_reported_not_ignored():
    collection = {"type": "AnnotationCollection", "total": 5,
                  "first": {"type": "AnnotationPage", "items": [quote_item("river")],
                            "next": "http://example.org/page2"}}
    read = parse_w3c(json.dumps(collection))
    assert len(read.parsed.annotations) == 1
    (notice,) = read.parsed.notices
    assert "http://example.org/page2" in notice and "4 of the collection's 5" in notice


@pytest.mark.parametrize("purpose", [["tagging", "classifying"], "tagging"])
def test_a_purpose_may_be_a_list(purpose):
    item = quote_item("river", body={"type": "TextualBody", "value": "Place",
                                     "purpose": purpose})
    assert parse_w3c(json.dumps(item)).parsed.annotations[0].tags == ("Place",)


def test_a_purpose_that_is_an_object_is_refused_clearly():
    item = quote_item("river", body={"type": "TextualBody", "value": "x", "purpose": {"a": 1}})
    with pytest.raises(LecternError, match=r"body 1\.purpose must be a purpose name or a list"):
        parse_w3c(json.dumps(item))


# --- 7: ids -----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["test", "http://example.org/anno1", "Qm9sZHRleHQx",
                                 "urn:uuid:test"])
def test_a_foreign_id_is_kept_and_written_back_as_a_valid_iri(raw):
    (annotation,) = parse_w3c(json.dumps(quote_item("river", id=raw))).parsed.annotations
    assert annotation.id == raw
    written = json.loads(dumps_w3c([annotation]))["first"]["items"][0]["id"]
    if written.startswith("urn:uuid:") and raw != "urn:uuid:test":
        uuid.UUID(written[9:])  # never made into an invalid urn:uuid:
    assert written == raw or raw in ("test", "Qm9sZHRleHQx")
    assert parse_w3c(dumps_w3c([annotation])).parsed.annotations[0].id == raw


def test_a_uuid_is_minted_only_where_there_was_none():
    made = Annotation.from_span(ARTICLE, 4, 8)
    assert json.loads(dumps_w3c([made]))["first"]["items"][0]["id"] == f"urn:uuid:{made.id}"


# --- 9: moved, markdown ---------------------------------------------------------------------
def test_quote_only_imports_are_exact_not_moved(document, tmp_path):
    anchored = anchor_file(write(tmp_path, [quote_item("river"), quote_item("schools")]),
                           document)
    assert (anchored.report.exact, anchored.report.moved) == (2, 0)


def test_a_markdown_note_is_written_as_markdown(document):
    note = Annotation.from_span(ARTICLE, 4, 8, note="*bold*").with_changes(
        note_format="text/markdown")
    item = json.loads(dumps_w3c([note]))["first"]["items"][0]
    assert item["body"][0]["format"] == "text/markdown"


# --- 6: orphans -------------------------------------------------------------------------------
def test_an_orphan_is_exported_with_its_quote_only_and_said_so(document, tmp_path):
    orphan = Annotation(start=9000, end=9010, exact="gone words", prefix="p", suffix="s",
                        status=AnchorStatus.ORPHAN)
    report = export_annotations(Format.W3C, tmp_path / "out.json", document, [orphan])
    item = json.loads((tmp_path / "out.json").read_text("utf-8"))["first"]["items"][0]
    assert [s["type"] for s in item["target"]["selector"]] == ["TextQuoteSelector"]
    assert "lectern:fingerprint" not in item["target"]
    assert "1 orphaned annotation written with the quote only" in report.summary()


# --- robustness ----------------------------------------------------------------------------
@pytest.mark.parametrize(("digits", "message"), [
    (str(2**63), "larger than any text"), ("9" * 5000, "too long to read")])
def test_huge_offsets_are_a_clear_error(digits, message):
    data = ('{"type": "Annotation", "target": {"selector": {"type": "TextPositionSelector", '
            '"start": 0, "end": ' + digits + "}}}")
    with pytest.raises(LecternError, match=message):
        parse_w3c(data)


@pytest.mark.parametrize("where", ["note", "tag", "id"])
def test_a_lone_surrogate_is_refused_on_import(where):
    item = quote_item("river")
    if where == "note":
        item["bodyValue"] = "PLACEHOLDER"
    elif where == "tag":
        item["body"] = {"type": "TextualBody", "purpose": "tagging", "value": "PLACEHOLDER"}
    else:
        item["id"] = "PLACEHOLDER"
    data = json.dumps(item).replace("PLACEHOLDER", "bad \\ud800 one")
    with pytest.raises(LecternError, match="unpaired surrogate"):
        parse_w3c(data)


@pytest.mark.parametrize("fmt", list(Format))
def test_every_export_survives_a_lone_surrogate_already_stored(document, tmp_path, fmt):
    stored = Annotation.from_span(ARTICLE, 4, 8, ["Bad\ud800tag"], note="note \udfff")
    report = export_annotations(fmt, tmp_path / "out.ann", document, [stored])
    for path in report.files:
        data = path.read_bytes()
        if fmt is Format.QDPX:
            with zipfile.ZipFile(path) as archive:
                data = archive.read("project.qde")
        assert "\ufffd".encode() in data or path.name in ("out.txt", "annotation.conf")


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_timestamps_at_the_calendar_edges_are_a_clear_error(stamp):
    with pytest.raises(LecternError, match="outside the years 1 to 9999"):
        parse_w3c(json.dumps(quote_item("river", created=stamp)))


# --- 5, 12: an export keeps to the model's rules ---------------------------------------
_MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing",
                "editing", "highlighting", "identifying", "linking", "moderating",
                "questioning", "replying", "tagging"}
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def check_collection(data: dict) -> None:
    """The W3C test suite's MUST assertions for a collection, a page and its annotations
    (5.1, 5.2, 3.1, 3.2), written as checks: jsonschema is not a dependency."""
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    assert _IRI.fullmatch(data["id"]) and data["type"] == "AnnotationCollection"
    assert isinstance(data["label"], str) and type(data["total"]) is int
    page = data["first"]
    assert _IRI.fullmatch(page["id"]), "5.2 pageIdValidated: the page needs an id"
    assert page["type"] == "AnnotationPage" and isinstance(page["items"], list)
    assert type(page["startIndex"]) is int and data["total"] == len(page["items"])
    for item in page["items"]:
        assert _IRI.fullmatch(item["id"]) and item["type"] == "Annotation"
        if item["id"].startswith("urn:uuid:"):
            uuid.UUID(item["id"][9:])
        assert item["motivation"] in _MOTIVATIONS
        for stamp in (item.get("created"), item.get("modified")):
            assert stamp is None or _DATETIME.fullmatch(stamp)
        for body in item.get("body", []):
            assert body["type"] in ("TextualBody", "SpecificResource")
            if body["type"] == "TextualBody":
                assert isinstance(body["value"], str)
                assert body.get("format", "text/plain") in ("text/plain", "text/markdown")
            else:
                assert _IRI.fullmatch(body["source"])
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for target in targets:
            if isinstance(target, str):
                assert _IRI.fullmatch(target)
                continue
            for selector in target.get("selector", []):
                if selector["type"] == "TextPositionSelector":
                    assert 0 <= selector["start"] <= selector["end"]
                else:
                    assert selector["type"] == "TextQuoteSelector"
                    assert isinstance(selector["exact"], str)


def test_an_export_with_every_kind_of_annotation_keeps_the_models_rules(document, tmp_path):
    text = document.text
    mayor, ana = text.index("Mayor"), text.index("Ana Costa")
    quote = Annotation.from_span(text, text.index("the project"), text.index(" euros"),
                                 ["Quote"], note="A claim")
    speaker = Annotation.from_fragments(text, [(mayor, mayor + 5), (ana, ana + 9)], ["Person"])
    page = Annotation.article_note("About the whole article")
    orphan = Annotation(start=9000, end=9001, exact="words not in it", status=AnchorStatus.ORPHAN,
                        id="test")
    link = Link(quote.id, speaker.id, "Speaker")
    export_annotations(Format.W3C, tmp_path / "out.json", document,
                       [quote, speaker, page, orphan], [link])
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))
    check_collection(data)
    kinds = {item["motivation"] for item in data["first"]["items"]}
    assert kinds == {"commenting", "tagging", "linking", "highlighting"}
    anchored = anchor_file(tmp_path / "out.json", document)
    by_id = {a.id: a for a in anchored.annotations}
    assert by_id[speaker.id].fragments == speaker.fragments
    assert by_id[page.id].is_article_note and by_id[orphan.id].is_orphan
    assert [(k.source, k.target, k.label) for k in anchored.links] == [
        (quote.id, speaker.id, "Speaker")]
