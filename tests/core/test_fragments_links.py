"""Annotations over several fragments and links between annotations: the model, the store
(with a store of schema 3 migrated), re-anchoring and the session's undoable link edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lectern.core.anchoring import reanchor, reanchor_all
from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.links import Link
from lectern.core.store import SCHEMA_VERSION, AnnotationStore
from lectern.core.store.schema import MIGRATIONS

TEXT = "North and South America met the press. Ana said she would come."


def north_america() -> Annotation:
    north = TEXT.index("North")
    america = TEXT.index("America")
    return Annotation.from_fragments(TEXT, [(america, america + 7), (north, north + 5)],
                                     ["Place"])


def test_fragments_are_sorted_and_the_extent_encloses_them():
    a = north_america()
    assert a.fragments == ((0, 5), (16, 23))
    assert (a.start, a.end) == (0, 23) and a.exact == TEXT[0:23]
    assert a.covers(2) and not a.covers(10) and a.covers(20)
    assert Annotation.from_span(TEXT, 0, 5).fragments == ()
    assert Annotation.from_fragments(TEXT, [(0, 5)]).fragments == ()  # one piece: one span
    assert Annotation.article_note("About the whole piece").is_article_note


def test_fragments_move_with_their_annotation_when_the_text_is_edited():
    a = north_america()
    edited = "Breaking. " + TEXT
    moved = reanchor(a, edited)
    assert moved.status is AnchorStatus.MOVED
    assert [edited[s:e] for s, e in moved.fragments] == ["North", "America"]


def test_a_quote_only_annotation_found_exactly_was_not_moved():
    quote_only = Annotation(start=-1, end=-1, exact="the press", status=AnchorStatus.ORPHAN)
    placed, report = reanchor_all([quote_only], TEXT)
    assert placed[0].status is AnchorStatus.ANCHORED
    assert (report.exact, report.moved) == (1, 0)


def _schema_3_store(path: Path) -> None:
    """A store exactly as the schema before fragments and links wrote it."""
    db = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 3")
    rows = [(f"id-{i}", "fp", i, i + 3, TEXT[i:i + 3], "", TEXT[i + 3:i + 10], '["Claim"]',
             f"note {i}", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "anchored")
            for i in range(50)]
    db.executemany("INSERT INTO annotations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("INSERT INTO documents (fingerprint, path) VALUES ('fp', '')")
    db.close()


def test_a_store_of_the_previous_schema_migrates_with_every_annotation(tmp_path):
    path = tmp_path / "store.sqlite3"
    _schema_3_store(path)
    with AnnotationStore.open(path) as store:
        assert store.recovery_message is None
        kept = sorted(store.annotations("fp"), key=lambda a: a.start)
        assert len(kept) == 50 and SCHEMA_VERSION >= 4  # later migrations follow
        assert kept[7].exact == TEXT[7:10] and kept[7].note == "note 7"
        assert kept[7].tags == ("Claim",) and kept[7].fragments == ()
        assert store.links("fp") == []


def test_fragments_note_format_and_links_survive_the_store(tmp_path):
    path = tmp_path / "store.sqlite3"
    document = Document.from_text(TEXT, title="t")
    with AnnotationStore.open(path) as store:
        session = AnnotationSession(document, store)
        quote = Annotation.from_span(TEXT, TEXT.index("she would"), len(TEXT) - 1, ["Quote"])
        speaker = Annotation.from_span(TEXT, TEXT.index("Ana"), TEXT.index("Ana") + 3,
                                       ["Person"], note="*her*").with_changes(
            note_format="text/markdown")
        place = north_america()
        link = Link(quote.id, speaker.id, "Speaker")
        session.import_annotations([quote, speaker, place], links=[link])
        assert session.links_of(speaker.id) == [link]
    with AnnotationStore.open(path) as store:
        again = AnnotationSession(document, store)
        by_id = {a.id: a for a in again.annotations}
        assert by_id[place.id].fragments == place.fragments
        assert by_id[speaker.id].note_format == "text/markdown"
        assert again.links() == [link]


def test_links_are_undoable_and_hidden_while_an_end_is_deleted():
    session = AnnotationSession(Document.from_text(TEXT, title="t"))
    quote = session.add(TEXT.index("she"), TEXT.index("come") + 4, ["Quote"])
    speaker = session.add(TEXT.index("Ana"), TEXT.index("Ana") + 3, ["Person"])
    made = session.link(quote.id, speaker.id, "Speaker")
    assert session.links_of(quote.id) == [made]
    session.remove(speaker.id)
    assert session.links_of(quote.id) == []
    session.undo()  # the speaker is back, and with it the link
    assert session.links_of(quote.id) == [made]
    session.unlink(made.id)
    assert session.links() == []
    session.undo()
    assert session.links() == [made]
    with pytest.raises(LecternError, match="itself"):
        session.link(quote.id, quote.id)


def test_importing_twice_keeps_one_link_to_the_copy_already_here():
    session = AnnotationSession(Document.from_text(TEXT, title="t"))
    a = Annotation.from_span(TEXT, 0, 5, ["Place"])
    b = Annotation.from_span(TEXT, 40, 43, ["Person"])
    session.import_annotations([a, b], links=[Link(a.id, b.id, "Near")])
    copy_a = Annotation.from_span(TEXT, 0, 5, ["Place"])  # same content, a new id
    session.import_annotations([copy_a, b], links=[Link(copy_a.id, b.id, "Near")])
    assert len(session.annotations) == 2
    assert [(k.source, k.target) for k in session.links()] == [(a.id, b.id)]


def test_undoing_an_import_takes_its_links_out_of_the_store_too(tmp_path):
    document = Document.from_text(TEXT, title="t")
    with AnnotationStore.open(tmp_path / "store.sqlite3") as store:
        session = AnnotationSession(document, store)
        a = Annotation.from_span(TEXT, 0, 5, ["Place"])
        b = Annotation.from_span(TEXT, 40, 43, ["Person"])
        session.import_annotations([a, b], links=[Link(a.id, b.id, "Near")])
        assert len(store.links(document.fingerprint)) == 1
        session.undo()
        assert session.links() == [] and store.links(document.fingerprint) == []
        session.redo()
        assert [k.label for k in store.links(document.fingerprint)] == ["Near"]
