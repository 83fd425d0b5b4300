"""brat standoff export and import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.errors import LecternError
from lectern.core.formats.brat import (
    dumps_brat,
    escape_note,
    fragments_of,
    save_brat,
    unescape_note,
)
from lectern.core.formats.brat_read import load_brat, loads_brat

TEXT = "Jane Alvarez runs the city.\nShe met 😀 Paris officials\non Monday.\n"


def span(quote: str, **kwargs) -> Annotation:
    start = TEXT.index(quote)
    return Annotation.from_span(TEXT, start, start + len(quote), **kwargs)


def test_export_lines() -> None:
    person = span("Jane Alvarez", tags=["Person"], note="Mayor\nsince 2020\t(elected)")
    crossing = span("Paris officials\non Monday", tags=["Place", "Key point"])
    plain = span("runs")
    export = dumps_brat(TEXT, [crossing, plain, person])
    assert export.txt == TEXT and export.skipped == 0
    paris = TEXT.index("Paris")
    monday = TEXT.index("on Monday")
    assert export.ann.splitlines() == [
        "T1\tPerson 0 12\tJane Alvarez",
        "#1\tAnnotatorNotes T1\tMayor\\nsince 2020\\t(elected)",
        "T2\tHighlight 13 17\truns",
        f"T3\tPlace {paris} {paris + 15};{monday} {monday + 9}\tParis officials on Monday",
        f"T4\tKey_point {paris} {paris + 15};{monday} {monday + 9}\tParis officials on Monday",
    ]


def test_import_groups_tags_and_notes(tmp_path: Path) -> None:
    person = span("Jane Alvarez", tags=["Person"], note="line one\nline \\two")
    crossing = span("Paris officials\non Monday", tags=["Place", "Organisation"])
    plain = span("😀 Paris")
    save_brat(tmp_path / "article.txt", TEXT, [person, crossing, plain])
    text, loaded = load_brat(tmp_path / "article.ann")
    assert text == TEXT
    found = {(a.start, a.end): a for a in loaded}
    assert found[(person.start, person.end)].note == "line one\nline \\two"
    assert found[(crossing.start, crossing.end)].tags == ("Place", "Organisation")
    assert found[(plain.start, plain.end)].tags == ()
    assert found[(plain.start, plain.end)].exact == "😀 Paris"


def test_orphans_and_empty_spans_are_skipped() -> None:
    orphan = span("runs").with_changes(status=AnchorStatus.ORPHAN)
    newline_only = Annotation.from_span(TEXT, 27, 28)
    assert dumps_brat(TEXT, [orphan, newline_only, span("city")]).skipped == 2


def test_fragments_trim_line_breaks() -> None:
    assert fragments_of("ab\n\ncd\n", 0, 7) == [(0, 2), (4, 6)]
    assert fragments_of("\nab", 0, 3) == [(1, 3)]


def test_note_escaping_round_trip() -> None:
    note = "a\\nb\n\tc\r\\"
    assert "\n" not in escape_note(note) and "\t" not in escape_note(note)
    assert unescape_note(escape_note(note)) == note


characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")


@st.composite
def text_and_spans(draw):
    text = draw(st.text(st.one_of(characters, st.sampled_from("\n😀é\u0301 \t")),
                        min_size=1, max_size=150))
    annotations = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        tags = draw(st.lists(st.sampled_from(["Person", "Place", "Date"]), unique=True))
        annotations.append(Annotation.from_span(text, start, end, tags=tags))
    return text, annotations


@settings(max_examples=75, deadline=None)
@given(text_and_spans())
def test_export_import_keeps_spans(sample) -> None:
    text, annotations = sample
    export = dumps_brat(text, annotations)
    loaded = loads_brat(export.ann, export.txt)
    # brat cannot hold line breaks at the ends of a fragment: spans are compared trimmed.
    expected = set()
    for a in annotations:
        pieces = fragments_of(text, a.start, a.end)
        if pieces:
            expected.add((pieces[0][0], pieces[-1][1]))
    assert {(a.start, a.end) for a in loaded} == expected
    for a in loaded:
        assert a.exact == text[a.start:a.end]


@pytest.mark.parametrize(("ann", "message"), [
    ("T1 Person 0 4\tJane", "line 1: a T line must have three tab-separated fields"),
    ("T1\tPerson\t0 4\tJane", "expected “type start end”"),
    ("T1\tPerson 0 4 Jane", "line 1: a T line must have three"),
    ("T1\tPerson 0 x\tJane", "“0 x” is not a pair of offsets"),
    ("T1\tPerson -1 4\tJane", "is not a pair of offsets"),
    ("T1\tPerson 5 2\tJane", "start 5 is after end 2"),
    ("T1\tPerson 0 999\tJane", "end 999 is beyond the end of the text"),
    ("T1\tPerson 0 4\tJohn", "the text “John” does not match the .txt at 0 4, which reads “Jane”"),
    ("T1\tPerson 0 4\tJane\nT1\tPlace 5 12\tAlvarez", "line 2: the id T1 is used twice"),
    ("T1\tPerson 0 4\tJane\n#1\tAnnotatorNotes T9\tx", "line 2: the note refers to T9"),
    ("T1\tPerson 0 4\tJane\n#1 AnnotatorNotes T1\tx", "line 2: a note line must have three"),
    ("Hello there", "line 1: “Hello there” is not a brat annotation line"),
])
def test_bad_ann_files(ann, message) -> None:
    with pytest.raises(LecternError, match=message.replace(".", r"\.")):
        loads_brat(ann, TEXT, "a.ann")


def test_ignored_lines_and_crlf() -> None:
    ann = "T1\tPerson 0 4\tJane\r\nR1\tRel Arg1:T1 Arg2:T1\r\nA1\tNegated T1\r\n\r\n"
    (annotation,) = loads_brat(ann, TEXT)
    assert (annotation.start, annotation.end, annotation.tags) == (0, 4, ("Person",))


def test_missing_txt(tmp_path: Path) -> None:
    (tmp_path / "a.ann").write_text("", "utf-8")
    with pytest.raises(LecternError, match=r"the text it annotates, “a\.txt”, is missing"):
        load_brat(tmp_path / "a.ann")
