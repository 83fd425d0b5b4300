"""What a format cannot keep is said in one line, never lost in silence: a table of cases,
each exported (and read back) through the use case the window and the command line call."""

from __future__ import annotations

import json

import pytest

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.document import Document
from lectern.core.formats.exchange import Format, anchor_file, export_annotations
from lectern.core.links import Link

TEXT = "Ana Costa met Jon Berg in Porto.\n"
ANA = Annotation.from_span(TEXT, 0, 9, ["Person"], "first")
JON = Annotation.from_span(TEXT, 14, 22, ["Person"])
ORPHAN = Annotation.from_span(TEXT, 26, 31, ["Place"]).with_changes(status=AnchorStatus.ORPHAN)
MET = Link(ANA.id, JON.id, "Met", event="e1", note="at the port")
TO_ORPHAN = Link(ANA.id, ORPHAN.id, "At")


@pytest.fixture
def article(tmp_path, app_paths):
    return Document.from_text(TEXT, source=tmp_path / "a.txt")


def export(fmt, article, tmp_path, annotations, links=()):
    name = {Format.BRAT: "out.ann", Format.CSV: "out.csv", Format.QDPX: "out.qdpx"}.get(
        fmt, "out.jsonl" if fmt in (Format.DOCCANO, Format.PRODIGY) else "out.json")
    return export_annotations(fmt, tmp_path / name, article, annotations, links)


@pytest.mark.parametrize(("fmt", "said"), [
    (Format.CSV, "2 links left out (CSV has no place for links)."),
    (Format.DOCCANO, "1 link left out (an annotation it joins is not in the file)."),
    (Format.LABELSTUDIO, "1 link left out (an annotation it joins is not in the file)."),
    (Format.QDPX, "1 link left out (an annotation it joins is not in the file)."),
    (Format.PRODIGY, "2 links left out (Prodigy's relations need its tokens)."),
    (Format.BRAT, "1 link left out (an annotation it joins is not in the file)."),
])
def test_every_link_left_out_is_counted(fmt, said, article, tmp_path):
    report = export(fmt, article, tmp_path, [ANA, JON, ORPHAN], [MET, TO_ORPHAN])
    assert said in report.summary()


@pytest.mark.parametrize(("fmt", "said"), [
    (Format.DOCCANO, "doccano JSONL keeps a link's label only: the notes and event grouping "
                     "of 1 link is not in the file."),
    (Format.LABELSTUDIO, "Label Studio JSON keeps a link's label only: the notes and event "
                         "grouping of 1 link is not in the file."),
    (Format.QDPX, "REFI-QDA project keeps a link's label only: the event grouping of 1 link "
                  "is not in the file."),
])
def test_what_a_link_says_beyond_its_label_is_said_to_be_lost(fmt, said, article, tmp_path):
    assert said in export(fmt, article, tmp_path, [ANA, JON], [MET]).summary()
    plain = Link(ANA.id, JON.id, "Met")
    assert "label only" not in export(fmt, article, tmp_path, [ANA, JON], [plain]).summary()


def test_a_project_counts_an_article_note_it_cannot_hold_and_says_its_tags_go(
        article, tmp_path):
    tags_only = Annotation.article_note("", tags=("Sports",))
    noted = Annotation.article_note("Check the ferry figures.", tags=("Todo",))
    report = export(Format.QDPX, article, tmp_path, [ANA, tags_only, noted])
    assert report.written == 2
    assert "1 annotation with no stretch of text" in report.summary()
    assert "The tags of 1 article note are not kept" in report.summary()
    back = anchor_file(tmp_path / "out.qdpx", article).annotations
    assert len(back) == report.written


def test_csv_quotes_only_the_words_of_each_fragment(article, tmp_path):
    split = Annotation.from_fragments(TEXT, [(0, 3), (14, 17)], ["Person"])
    export(Format.CSV, article, tmp_path, [split])
    row = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert row.startswith("0,17,Ana … Jon,Person")


def test_brat_says_which_tags_it_renames_and_which_annotations_will_read_back_as_one(
        article, tmp_path):
    speaker = Annotation.from_span(TEXT, 0, 9, ["Public figure"], "second")
    report = export(Format.BRAT, article, tmp_path, [ANA, speaker, JON])
    assert "written “Public figure” as “Public_figure”" in report.summary()
    assert "1 annotation on the very words of another" in report.summary()
    assert "very words" not in export(Format.BRAT, article, tmp_path, [ANA, JON]).summary()


def test_a_prodigy_record_with_a_label_of_its_own_is_read_as_prodigy(article, tmp_path):
    record = {"text": TEXT, "spans": [{"start": 0, "end": 9, "label": "PER"}],
              "label": "PER", "answer": "accept"}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    anchored = anchor_file(path, article)
    assert anchored.format is Format.PRODIGY
    assert [(a.exact, a.tags) for a in anchored.annotations] == [("Ana Costa", ("PER",))]


def test_label_studio_says_when_only_the_first_annotator_is_read(article, tmp_path):
    def result(start, end, label):
        return {"from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": start, "end": end, "text": TEXT[start:end],
                          "labels": [label]}}
    task = {"data": {"text": TEXT}, "annotations": [
        {"result": [result(0, 9, "PER")]}, {"result": [result(14, 22, "PER")]},
        {"result": [], "was_cancelled": True}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    anchored = anchor_file(path, article)
    assert [a.exact for a in anchored.annotations] == ["Ana Costa"]
    assert any("results of 2 annotators; the first one's were read" in n
               for n in anchored.notices)


def test_lectern_reads_its_own_article_notes_back_without_calling_them_unplaceable(
        article, tmp_path):
    note = Annotation.article_note("Check the ferry figures.", tags=("Todo",))
    export(Format.W3C, article, tmp_path, [ANA, note])
    anchored = anchor_file(tmp_path / "out.json", article)
    assert sorted(a.note for a in anchored.annotations) == ["Check the ferry figures.", "first"]
    assert not any("article note" in n for n in anchored.notices)


@pytest.mark.parametrize("fmt", [Format.BRAT, Format.DOCCANO, Format.PRODIGY,
                                 Format.LABELSTUDIO])
def test_a_tag_named_like_the_untagged_label_is_said_to_read_back_as_none(
        fmt, article, tmp_path):
    marked = Annotation.from_span(TEXT, 14, 22, ["Highlight"])
    assert "reads back" in export(fmt, article, tmp_path, [marked]).summary()
    assert "reads back" not in export(fmt, article, tmp_path, [ANA]).summary()
