"""W3C Web Annotation files: save, load, other tools' shapes, and bad files."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.errors import LecternError
from lectern.core.formats.w3c import (
    ANNO_CONTEXT,
    MAX_ANNOTATION_FILE_BYTES,
    dumps_w3c,
    load_w3c,
    loads_w3c,
    save_w3c,
)

TEXT = "The mayor said the budget would pass. Critics disagreed 😀 loudly.\nEnd."

# Canonical text never holds lone surrogates or CR; everything else is fair game.
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
texts = st.text(st.one_of(characters, st.sampled_from("\n😀👋🏽é\u0301🇫🇷 ")), min_size=1,
                max_size=200)


@st.composite
def text_and_annotations(draw):
    text = draw(texts)
    count = draw(st.integers(0, 8))
    annotations = []
    for _ in range(count):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        tags = draw(st.lists(st.text(characters, min_size=1, max_size=10), max_size=3,
                             unique=True))
        note = draw(st.text(characters, max_size=30))
        annotation = Annotation.from_span(text, start, end, tags=tags, note=note)
        status = draw(st.sampled_from(list(AnchorStatus)))
        annotations.append(annotation.with_changes(status=status))
    return text, annotations


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_annotations())
def test_save_load_round_trip_is_value_identical(sample) -> None:
    text, annotations = sample
    loaded, source = loads_w3c(dumps_w3c(annotations, "file:///news/a.txt", "f1"),
                               text_length=len(text))
    # An orphan is written with its quote only: its old position is not on this text.
    assert loaded == [replace(a, start=-1, end=-1) if a.is_orphan else a for a in annotations]
    assert (source.source, source.fingerprint) == ("file:///news/a.txt", "f1")


def test_saved_file_shape(tmp_path: Path) -> None:
    start = TEXT.index("budget")
    annotation = Annotation.from_span(TEXT, start, start + 6, tags=["Figure", "Claim"],
                                      note="Check the figure")
    path = tmp_path / "notes.json"
    save_w3c(path, [annotation], tmp_path / "article.txt", "abc123")
    data = json.loads(path.read_text("utf-8"))
    assert data["@context"][0] == ANNO_CONTEXT
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    item = data["first"]["items"][0]
    assert item["id"] == f"urn:uuid:{annotation.id}"
    assert item["motivation"] == "commenting"
    assert [b["purpose"] for b in item["body"]] == ["tagging", "tagging", "commenting"]
    target = item["target"]
    assert target["source"] == (tmp_path / "article.txt").as_uri()
    assert target["lectern:fingerprint"] == "abc123"
    assert target["selector"][0] == {"type": "TextPositionSelector", "start": start,
                                     "end": start + 6}
    assert target["selector"][1]["exact"] == "budget"
    assert "lectern:status" not in item
    loaded, source = load_w3c(path, text_length=len(TEXT))
    assert loaded == [annotation] and source.fingerprint == "abc123"


def selector_annotation(**extra) -> dict:
    item = {"type": "Annotation", "id": "urn:uuid:1234",
            "target": {"source": "x", "selector": [
                {"type": "TextQuoteSelector", "exact": "budget", "prefix": "the "},
                {"type": "TextPositionSelector", "start": 19, "end": 25}]}}
    item.update(extra)
    return item


def test_single_annotation_array_and_page_shapes() -> None:
    single = selector_annotation(body={"type": "TextualBody", "value": "a note"})
    for shape in (single, [single], {"type": "AnnotationPage", "items": [single]},
                  {"@context": ANNO_CONTEXT, "type": "AnnotationCollection",
                   "first": {"type": "AnnotationPage", "items": [single]}}):
        (annotation,), _ = loads_w3c(json.dumps(shape))
        assert (annotation.start, annotation.end, annotation.exact) == (19, 25, "budget")
        assert annotation.prefix == "the " and annotation.note == "a note"
        assert annotation.id == "urn:uuid:1234"  # not a UUID: a foreign IRI, kept as it is


def test_quote_selector_alone_is_unplaced_until_anchored() -> None:
    item = {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector",
                                                          "exact": "budget"}}}
    (annotation,), _ = loads_w3c(json.dumps(item))
    assert annotation.start == -1 and annotation.status is AnchorStatus.ORPHAN
    assert annotation.id  # one is made up


def test_hypothesis_style_export() -> None:
    row = {"id": "Abc_123", "created": "2024-03-01T10:00:00.000000+00:00",
           "updated": "2024-03-02T10:00:00.000000+00:00", "text": "Worth checking",
           "tags": ["claim", "budget"], "uri": "https://example.org/a",
           "target": [{"source": "https://example.org/a", "selector": [
               {"type": "RangeSelector", "startContainer": "/p[1]"},
               {"type": "TextPositionSelector", "start": 19, "end": 25},
               {"type": "TextQuoteSelector", "exact": "budget", "prefix": "the ",
                "suffix": " would"}]}]}
    (annotation,), source = loads_w3c(json.dumps({"total": 1, "rows": [row]}))
    assert annotation.tags == ("claim", "budget") and annotation.note == "Worth checking"
    assert annotation.modified.startswith("2024-03-02") and annotation.id == "Abc_123"
    assert source.source == "https://example.org/a"


def test_unknown_fields_are_ignored() -> None:
    item = selector_annotation(stylesheet={"x": 1}, generator="someone")
    item["target"]["styleClass"] = "red"
    assert len(loads_w3c(json.dumps(item))[0]) == 1


@pytest.mark.parametrize(("change", "message"), [
    ({"start": True}, "TextPositionSelector.start must be a whole number, got true"),
    ({"start": -1}, "must not be negative, got -1"),
    ({"start": 3.0}, "must be a whole number, got 3.0"),
    ({"start": "3"}, "must be a whole number, got \"3\""),
    ({"start": 30, "end": 20}, "start (30) is after its end (20)"),
    ({"end": 5000}, "beyond the end of the text (70 characters)"),
])
def test_bad_positions_are_refused_naming_the_annotation(change, message) -> None:
    good = selector_annotation()
    bad = selector_annotation(id="urn:uuid:bad-one")
    bad["target"]["selector"][1].update(change)
    with pytest.raises(LecternError) as error:
        loads_w3c(json.dumps([good, good | {"id": "urn:uuid:2"}, bad]), text_length=len(TEXT))
    assert "annotation 3 (urn:uuid:bad-one)" in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize(("data", "message"), [
    ('{"type": "Annotation", "target": {"selector": [{"type": "TextPositionSelector", "start": 1,'
     ' "end": NaN}]}}', "NaN"),
    ('[{"type": "Annotation", "target": ', "truncated"),
    ('{"type": "Annotation" "target": 1}', "not valid JSON"),
    ("", "empty"),
    ("42", "not annotations"),
    ('[{"target": {"selector": {"type": "TextQuoteSelector", "exact": 5}}}]',
     "TextQuoteSelector.exact must be text, got 5"),
    ('[{"created": "yesterday", "target": {"selector": {"type": "TextQuoteSelector",'
     ' "exact": "a"}}}]', "ISO 8601"),
    ('[{"lectern:status": "lost", "target": {"selector": {"type": "TextQuoteSelector",'
     ' "exact": "a"}}}]', "lectern:status must be one of"),
])
def test_bad_files_are_refused(data, message) -> None:
    with pytest.raises(LecternError, match=message):
        loads_w3c(data)


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(LecternError, match="repeats annotation 1"):
        loads_w3c(json.dumps([selector_annotation(), selector_annotation()]))


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: claims 2 GB, takes no room
        handle.truncate(2 * 1024**3)
    assert os.path.getsize(path) > MAX_ANNOTATION_FILE_BYTES
    with pytest.raises(LecternError, match=r"2,048(\.0)? MB.*not opened"):
        load_w3c(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(LecternError, match="does not exist"):
        load_w3c(tmp_path / "nope.json")
    with pytest.raises(LecternError, match="folder"):
        load_w3c(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'["caf\xe9"]')
    with pytest.raises(LecternError, match="not UTF-8"):
        load_w3c(path)
