"""doccano, Prodigy and Label Studio files as those tools export them (many documents to a
file), and Lectern's exports in the shapes they import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import Format, anchor_file, export_annotations, import_into
from lectern.core.links import Link

TEXT = "Ana Costa met Jon Berg in Porto on Monday.\n"
OTHER = "A different story about Lisbon and its trams.\n"


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document.from_text(TEXT, source=tmp_path / "porto.txt")


def jsonl(tmp_path: Path, records: list[dict], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


# --- doccano ------------------------------------------------------------------------------
def test_a_doccano_export_of_many_documents_places_only_this_articles_record(document,
                                                                            tmp_path):
    records = [
        {"id": 7, "text": OTHER, "label": [[*at("Lisbon", OTHER), "GPE"]], "Comments": []},
        {"id": 8, "text": TEXT, "label": [[*at("Ana Costa"), "PER"], [*at("Porto"), "GPE"]],
         "Comments": []},
    ]
    anchored = anchor_file(jsonl(tmp_path, records, "all.json"), document)
    assert anchored.format is Format.DOCCANO
    assert sorted((TEXT[a.start:a.end], a.tags) for a in anchored.annotations) == [
        ("Ana Costa", ("PER",)), ("Porto", ("GPE",))]


def test_doccano_offset_objects_and_relations_are_read(document, tmp_path):
    record = {"text": TEXT, "entities": [
        {"id": 1, "label": "PER", "start_offset": at("Ana Costa")[0],
         "end_offset": at("Ana Costa")[1]},
        {"id": 2, "label": "PER", "start_offset": at("Jon Berg")[0],
         "end_offset": at("Jon Berg")[1]}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "met"}]}
    anchored = anchor_file(jsonl(tmp_path, [record]), document)
    assert anchored.format is Format.DOCCANO
    (link,) = anchored.links
    names = {a.id: a.exact for a in anchored.annotations}
    assert (names[link.source], names[link.target], link.label) == ("Ana Costa", "Jon Berg",
                                                                    "met")


def test_a_record_of_another_text_is_never_placed(document, tmp_path):
    records = [{"text": OTHER, "label": [[*at("Lisbon", OTHER), "GPE"]]},
               {"text": OTHER + "!", "label": []}]
    with pytest.raises(LecternError, match="None of the 2 documents"):
        anchor_file(jsonl(tmp_path, records), document)


def test_the_doccano_export_is_what_doccano_reads(document, tmp_path):
    person = Annotation.from_span(TEXT, *at("Ana Costa"), ["Person"])
    empty = Annotation.from_span(TEXT, 3, 3, ["Person"])
    report = export_annotations(Format.DOCCANO, tmp_path / "out.jsonl", document,
                                [person, empty])
    (line,) = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    record = json.loads(line)
    assert record["text"] == TEXT
    assert record["label"] == [[*at("Ana Costa"), "Person"]]  # no zero-width span
    assert "spans" not in record
    assert "1 annotation with no stretch of text" in report.summary()


# --- Prodigy ------------------------------------------------------------------------------
def test_prodigy_jsonl_is_read(document, tmp_path):
    records = [{"text": OTHER, "spans": [], "answer": "accept"},
               {"text": TEXT, "_input_hash": 1, "_task_hash": 2, "tokens": [],
                "spans": [{"start": at("Jon Berg")[0], "end": at("Jon Berg")[1],
                           "label": "PERSON", "token_start": 3, "token_end": 4}],
                "answer": "accept"}]
    anchored = anchor_file(jsonl(tmp_path, records), document)
    assert anchored.format is Format.PRODIGY
    assert [(a.exact, a.tags) for a in anchored.annotations] == [("Jon Berg", ("PERSON",))]


# --- Label Studio ---------------------------------------------------------------------------
def _region(region_id: str, phrase: str, label: str) -> dict:
    start, end = at(phrase)
    return {"id": region_id, "from_name": "label", "to_name": "text", "type": "labels",
            "origin": "manual", "value": {"start": start, "end": end, "text": phrase,
                                          "labels": [label]}}


def test_a_label_studio_export_is_read_with_relations_and_region_notes(document, tmp_path):
    tasks = [
        {"id": 1, "data": {"text": OTHER}, "annotations": [], "predictions": []},
        {"id": 2, "data": {"text": TEXT}, "annotations": [
            {"id": 11, "was_cancelled": True, "result": [_region("x", "Porto", "LOC")]},
            {"id": 12, "was_cancelled": False, "completed_by": 1, "result": [
                _region("a1", "Ana Costa", "PER"), _region("a2", "Jon Berg", "PER"),
                {"id": "a1", "from_name": "note", "to_name": "text", "type": "textarea",
                 "value": {"start": 0, "end": 9, "text": ["The mayor"]}},
                {"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "right",
                 "labels": ["met"]},
                {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
                 "value": {"choices": ["Positive"]}}]}],
         "predictions": []}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), "utf-8")
    anchored = anchor_file(path, document)
    assert anchored.format is Format.LABELSTUDIO
    by_quote = {a.exact: a for a in anchored.annotations}
    assert set(by_quote) == {"Ana Costa", "Jon Berg"}  # the cancelled one is not used
    assert by_quote["Ana Costa"].note == "The mayor"
    (link,) = anchored.links
    assert (link.source, link.target, link.label) == (by_quote["Ana Costa"].id,
                                                      by_quote["Jon Berg"].id, "met")
    assert any("not text labels" in n for n in anchored.notices)


def test_label_studio_tasks_with_predictions_are_read(document, tmp_path):
    tasks = [{"data": {"text": TEXT}, "predictions": [
        {"model_version": "ner-1", "score": 0.5, "result": [_region("p", "Porto", "LOC")]}]}]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks), "utf-8")
    assert [a.exact for a in anchor_file(path, document).annotations] == ["Porto"]


def test_label_studio_offsets_counted_in_utf16_are_converted(tmp_path):
    text = "😀 Ana Costa spoke.\n"
    document = Document.from_text(text, source=tmp_path / "e.txt")
    tasks = [{"data": {"text": text}, "annotations": [{"result": [
        {"id": "r", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 3, "end": 12, "text": "Ana Costa", "labels": ["PER"]}}]}]}]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(tasks), "utf-8")
    (annotation,) = anchor_file(path, document).annotations
    assert text[annotation.start:annotation.end] == "Ana Costa"


# --- round trips ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [Format.DOCCANO, Format.LABELSTUDIO, Format.PRODIGY])
def test_a_round_trip_keeps_every_span_fragment_tag_note_and_link(document, tmp_path, fmt):
    ana, porto = at("Ana Costa"), at("Porto")
    person = Annotation.from_span(TEXT, *ana, ["Person", "Source"], note="The mayor")
    split = Annotation.from_fragments(TEXT, [at("Jon"), at("Berg")], ["Person"])
    place = Annotation.from_span(TEXT, *porto)
    links = [Link(person.id, split.id, "met")] if fmt is not Format.PRODIGY else []
    out = tmp_path / f"out.{fmt}"
    export_annotations(fmt, out, document, [person, split, place], links)
    session = AnnotationSession(document)
    import_into(session, anchor_file(out, document))
    key = lambda a: (a.id, a.start, a.end, a.fragments, a.tags, a.note)  # noqa: E731
    assert sorted(map(key, session.annotations)) == sorted(map(key, [person, split, place]))
    assert [(k.source, k.target, k.label) for k in session.links()] == [
        (k.source, k.target, k.label) for k in links]


# --- 9: what is not read --------------------------------------------------------------------
def test_jsonl_of_another_kind_says_which_formats_lectern_reads(document, tmp_path):
    path = jsonl(tmp_path, [{"id": 1, "value": 2}, {"id": 2, "value": 3}], "data.json")
    with pytest.raises(LecternError) as caught:
        anchor_file(path, document)
    message = str(caught.value)
    assert "JSON Lines, but not doccano's or Prodigy's" in message
    assert "Extra data" not in message and "\n" not in message
    assert "doccano and Prodigy JSONL, Label Studio JSON" in message


def test_a_file_in_no_format_names_the_formats_lectern_reads(document, tmp_path):
    path = tmp_path / "notes.ann.bak"
    path.write_text("Just some words I wrote.\n", "utf-8")
    with pytest.raises(LecternError, match=r"not an annotation file Lectern can read\. "
                                           r"Lectern reads W3C"):
        anchor_file(path, document)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["in.json", "in.jsonl", "in.qdpx", "in.ann"])
def test_no_reader_hangs_on_a_fifo(document, tmp_path, name):
    import os

    os.mkfifo(tmp_path / name)
    with pytest.raises(LecternError, match="FIFO"):
        anchor_file(tmp_path / name, document)


def test_a_single_record_of_another_text_is_not_placed_by_its_quotes(document, tmp_path):
    record = {"text": "Porto, said Ana Costa, is far.\n", "label": [[0, 5, "GPE"]]}
    with pytest.raises(LecternError, match="does not have this article's text"):
        anchor_file(jsonl(tmp_path, [record]), document)
