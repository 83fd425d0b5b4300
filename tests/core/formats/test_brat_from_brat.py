"""brat files as brat itself writes them (in the shapes of its tutorial): notes on events
and relations, CRLF texts, discontinuous spans, BOMs, relations and events as links, and
an export brat can open (annotation.conf beside it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.formats.brat import dumps_brat
from lectern.core.formats.brat_read import parse_brat, read_brat
from lectern.core.formats.exchange import Format, anchor_file, export_annotations, import_into

TEXT = ("North and South America agreed on Monday. Acme Corp and Bolt Ltd will merge, "
        "said Ana Costa.\n")


def offsets(phrase: str) -> str:
    start = TEXT.index(phrase)
    return f"{start} {start + len(phrase)}"


ANN = "\n".join([
    f"T1\tLocation {offsets('North')};{offsets('America')}\tNorth America",
    f"T2\tOrganization {offsets('Acme Corp')}\tAcme Corp",
    f"T3\tOrganization {offsets('Bolt Ltd')}\tBolt Ltd",
    f"T4\tMerge-org {offsets('merge')}\tmerge",
    "E1\tMerge-org:T4 Org1:T2 Org2:T3",
    f"T5\tPerson {offsets('Ana Costa')}\tAna Costa",
    f"T6\tQuote {offsets('Acme Corp and Bolt Ltd will merge')}\tAcme Corp and Bolt Ltd will merge",
    "R1\tSpeaker Arg1:T6 Arg2:T5",
    "#1\tAnnotatorNotes E1\tAnnounced, not yet signed",
    "#2\tAnnotatorNotes R1\tSaid at the press conference",
    "#3\tAnnotatorNotes T5\tThe company's spokeswoman",
    "A1\tNegation E1",
    "",
])


def pair(tmp_path: Path, ann: str = ANN, text: str = TEXT, name: str = "doc") -> Path:
    (tmp_path / f"{name}.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / f"{name}.ann").write_bytes(ann.encode("utf-8"))
    return tmp_path / f"{name}.ann"


def test_notes_on_events_and_relations_are_read_and_kept_on_their_links():
    parsed = parse_brat(ANN, TEXT, "doc.ann")
    by_tag = {a.tags[0]: a for a in parsed.annotations}
    assert by_tag["Person"].note == "The company's spokeswoman"
    (speaker,) = [k for k in parsed.links if not k.event]
    assert (speaker.source, speaker.target, speaker.label) == (
        by_tag["Quote"].id, by_tag["Person"].id, "Speaker")
    assert speaker.note == "Said at the press conference"
    arguments = sorted((k for k in parsed.links if k.event), key=lambda k: k.label)
    by_quote = {a.exact: a.id for a in parsed.annotations}
    assert [(k.source, k.target, k.label) for k in arguments] == [
        (by_tag["Merge-org"].id, by_quote["Acme Corp"], "Org1"),
        (by_tag["Merge-org"].id, by_quote["Bolt Ltd"], "Org2")]
    assert {k.note for k in arguments} == {"Announced, not yet signed"}
    assert parsed.notices == ["1 attribute not kept: Lectern has no place for brat attributes."]


def test_the_note_of_an_event_with_no_arguments_is_kept_on_its_trigger(tmp_path):
    ann = (f"T1\tMerge-org {offsets('merge')}\tmerge\nE1\tMerge-org:T1\n"
           "#1\tAnnotatorNotes E1\tOnly rumoured so far\n")
    parsed = parse_brat(ann, TEXT, "doc.ann")
    (trigger,) = parsed.annotations
    assert (trigger.tags, trigger.note) == (("Merge-org",), "Only rumoured so far")
    assert parsed.links == [] and "events with no arguments" in parsed.notices[0]
    written = dumps_brat(TEXT, parsed.annotations).ann  # and out again, on its trigger
    assert "AnnotatorNotes T1\tOnly rumoured so far" in written


def test_a_discontinuous_span_keeps_its_fragments_through_a_round_trip():
    parsed = parse_brat(ANN, TEXT)
    (place,) = [a for a in parsed.annotations if a.tags == ("Location",)]
    assert [TEXT[s:e] for s, e in place.fragments] == ["North", "America"]
    again = dumps_brat(TEXT, parsed.annotations, parsed.links)
    assert f"T1\tLocation {offsets('North')};{offsets('America')}\tNorth America" in \
        again.ann.splitlines()


def test_brat_to_lectern_to_brat_keeps_every_annotation_note_and_link(tmp_path):
    document = Document.from_text(TEXT, source=tmp_path / "article.txt")
    anchored = anchor_file(pair(tmp_path), document)
    session = AnnotationSession(document)
    report = import_into(session, anchored)
    assert report.added == 6 and report.links == 3
    out = tmp_path / "out"
    out.mkdir()
    export_annotations(Format.BRAT, out / "doc.ann", document, list(session.annotations),
                       session.links())
    back = parse_brat((out / "doc.ann").read_text("utf-8"), TEXT)
    first = parse_brat(ANN, TEXT)
    key = lambda a: (a.start, a.end, a.fragments, a.tags, a.note)  # noqa: E731
    assert sorted(map(key, back.annotations)) == sorted(map(key, first.annotations))
    link_key = lambda k: (k.source, k.target, k.label, k.event, k.note)  # noqa: E731
    assert sorted(map(link_key, back.links)) == sorted(map(link_key, first.links))
    conf = (out / "annotation.conf").read_text("utf-8")
    assert "[relations]\nSpeaker\tArg1:<ENTITY>, Arg2:<ENTITY>" in conf
    assert "Merge-org\tOrg1*:<ENTITY>, Org2*:<ENTITY>" in conf
    assert "\nPerson\n" in conf and "\nMerge-org\n" not in conf.split("[events]")[0]


def test_an_annotation_conf_already_there_is_kept(tmp_path):
    document = Document.from_text(TEXT, source=tmp_path / "article.txt")
    (tmp_path / "annotation.conf").write_text("[entities]\nMine\n", "utf-8")
    parsed = parse_brat(ANN, TEXT)
    report = export_annotations(Format.BRAT, tmp_path / "doc.ann", document,
                                parsed.annotations)
    assert (tmp_path / "annotation.conf").read_text("utf-8") == "[entities]\nMine\n"
    assert "annotation.conf already in that folder was kept" in report.summary()


def test_a_txt_with_crlf_counts_each_line_end_as_one_character(tmp_path):
    text = "First line.\r\nAna Costa spoke.\r\n"
    ann = "T1\tPerson 12 21\tAna Costa\n"  # brat's offsets: CRLF counted as one
    read_text, parsed = read_brat(pair(tmp_path, ann, text))
    assert read_text == "First line.\nAna Costa spoke.\n"
    assert parsed.annotations[0].exact == "Ana Costa"


def test_an_ann_starting_with_a_byte_order_mark_is_read(tmp_path):
    path = pair(tmp_path, "\ufeff" + f"T1\tPerson {offsets('Ana Costa')}\tAna Costa\n")
    assert read_brat(path)[1].annotations[0].exact == "Ana Costa"


def test_an_ann_without_its_txt_says_the_txt_is_missing(tmp_path):
    (tmp_path / "lonely.ann").write_text("T1\tPerson 0 3\tAna\n", "utf-8")
    with pytest.raises(LecternError, match=r"“lonely\.txt”, is missing"):
        read_brat(tmp_path / "lonely.ann")


def test_an_ann_without_its_txt_imports_against_the_article_it_is_imported_into(tmp_path):
    text = "Ana Costa met the mayor.\n"
    (tmp_path / "story.txt").write_text(text, "utf-8")
    (tmp_path / "coded.ann").write_text("T1\tPerson 0 9\tAna Costa\n", "utf-8")
    article = Document(text, "story", tmp_path / "story.txt")
    placed = anchor_file(tmp_path / "coded.ann", article)
    assert [(a.start, a.end, a.tags) for a in placed.annotations] == [(0, 9, ("Person",))]
    assert "No “coded.txt” beside “coded.ann”" in placed.summary()
    (tmp_path / "wrong.ann").write_text("T1\tPerson 0 9\tBea Silva\n", "utf-8")
    with pytest.raises(LecternError, match="does not match"):  # checked as against its .txt
        anchor_file(tmp_path / "wrong.ann", article)


@pytest.mark.parametrize("digits", [str(2**63), "9" * 5000])
def test_huge_offsets_are_a_clear_error(digits):
    with pytest.raises(LecternError, match="larger than any text"):
        parse_brat(f"T1\tPerson 0 {digits}\tAna\n", TEXT)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_hangs_the_reader(tmp_path):
    (tmp_path / "pipe.txt").write_text(TEXT, "utf-8")
    os.mkfifo(tmp_path / "pipe.ann")
    with pytest.raises(LecternError, match="FIFO"):
        read_brat(tmp_path / "pipe.ann")
    os.mkfifo(tmp_path / "other.txt")
    (tmp_path / "other.ann").write_text("", "utf-8")
    with pytest.raises(LecternError, match="FIFO"):
        read_brat(tmp_path / "other.ann")
