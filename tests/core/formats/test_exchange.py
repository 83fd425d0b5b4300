"""The exchange layer: which format, which files, what was left out, in words people read."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.formats.exchange import Format, export_annotations, format_named

TEXT = "The mayor said the bridge would open.\n"


@pytest.mark.parametrize(("name", "path", "expected"), [
    (None, "a.json", Format.W3C), (None, "a.JSONLD", Format.W3C), (None, "a.ann", Format.BRAT),
    (None, "a.csv", Format.CSV), (None, "a.jsonl", Format.PRODIGY),
    ("jsonl", "a.txt", Format.PRODIGY), (None, "p.qdpx", Format.QDPX),
    ("brat", "anything.txt", Format.BRAT), ("CSV", "a.json", Format.CSV),
])
def test_the_format_comes_from_the_option_else_the_name(name, path, expected):
    assert format_named(name, path) is expected


@pytest.mark.parametrize(("name", "path", "message"), [
    (None, "notes.txt", "Cannot tell the format of “notes.txt”"),
    ("docx", "a.json", "“docx” is not a format Lectern writes here"),
])
def test_an_unknown_format_names_the_choices(name, path, message):
    with pytest.raises(LecternError, match=message) as caught:
        format_named(name, path)
    assert "w3c, brat, csv, doccano, prodigy, labelstudio, qdpx" in str(caught.value)


def test_a_report_names_every_file_and_what_was_left_out(tmp_path: Path):
    document = Document.from_text(TEXT, source=tmp_path / "story.txt")
    placed = Annotation.from_span(TEXT, 4, 9, ["Person"])
    orphan = Annotation.from_span(TEXT, 19, 25, ["Place"]).with_changes(
        status=AnchorStatus.ORPHAN)
    report = export_annotations(Format.BRAT, tmp_path / "out.ann", document, [placed, orphan])
    assert report.files == (tmp_path / "out.txt", tmp_path / "out.ann",
                            tmp_path / "annotation.conf")
    assert report.summary() == ("Wrote 1 annotation to out.txt, out.ann and annotation.conf "
                                "(1 orphaned annotation left out: brat standoff can only "
                                "hold annotations placed on the text).")
    csv_report = export_annotations(Format.CSV, tmp_path / "out.csv", document,
                                    [placed, orphan])
    assert csv_report.summary() == "Wrote 2 annotations to out.csv."
    with pytest.raises(ValueError):
        export_annotations("bratt", tmp_path / "x.ann", document, [placed])  # type: ignore
