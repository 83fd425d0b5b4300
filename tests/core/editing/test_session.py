"""AnnotationSession: the GUI's one door to annotating, with autosave and undo."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lectern.core.annotations import AnchorStatus, Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore
from lectern.core.tags import TagInUse

TEXT = "Tallinn and Tbilisi 😀 signed a trade deal worth 3 million euros on Monday.\n" * 3


@pytest.fixture
def store(app_paths):
    with AnnotationStore.open(app_paths.store_file) as opened:
        yield opened


@pytest.fixture
def document() -> Document:
    return Document.from_text(TEXT, title="Trade talks")


def reopened(store: AnnotationStore, document: Document) -> list[Annotation]:
    return sorted(store.annotations(document.fingerprint), key=Annotation.sort_key)


def test_every_change_is_saved_and_restored(store, document):
    session = AnnotationSession(document, store)
    notices = []
    session.subscribe_saved(notices.append)
    a = session.add(0, 7, ["Place"])
    session.set_note(a.id, "capital of Estonia")
    session.add_tag(a.id, "claim")  # the scheme's spelling is used
    assert [n.label for n in notices] == ["Tag 'Place'", "Edit note", "Tag 'Claim'"]
    assert reopened(store, document) == list(session.annotations)
    assert AnnotationSession(document, store).annotations[0].tags == ("Place", "Claim")


def test_undo_and_redo_are_saved_exactly(store, document):
    session = AnnotationSession(document, store)
    a = session.add(0, 7, ["Place"])
    session.set_note(a.id, "x")
    after = list(session.annotations)
    session.undo()
    session.undo()
    assert reopened(store, document) == [] and not session.stack.can_undo
    session.redo()
    session.redo()
    assert reopened(store, document) == after == list(session.annotations)


def test_bad_input_is_refused_without_a_change(store, document):
    session = AnnotationSession(document, store)
    with pytest.raises(LecternError, match="no tag"):
        session.add(0, 7, ["Nonsense"])
    for start, end in [(5, 5), (-1, 3), (0, len(TEXT) + 1)]:
        with pytest.raises(LecternError, match="not a stretch"):
            session.add(start, end)
    assert len(session.annotations) == 0 and store.count() == 0 and not session.stack.can_undo


def test_macro_is_one_step_one_transaction_one_notice(store, document):
    session = AnnotationSession(document, store)
    notices = []
    session.subscribe_saved(notices.append)
    with session.macro("Annotate all mentions"):
        first = session.add(0, 7, ["Place"])
        session.add(12, 19, ["Place"])
        session.set_note(first.id, "x")
    assert [n.label for n in notices] == ["Annotate all mentions"]
    assert session.stack.undo_label == "Annotate all mentions" and store.count() == 2
    session.undo()
    assert store.count() == 0 and len(session.annotations) == 0
    assert notices[-1].label == "Undo Annotate all mentions"


def test_a_failing_macro_leaves_nothing_behind(store, document):
    session = AnnotationSession(document, store)
    with pytest.raises(LecternError), session.macro("Broken"):
        session.add(0, 7, ["Place"])
        session.add(0, 7, ["Nonsense"])
    assert store.count() == 0 and len(session.annotations) == 0 and not session.stack.can_undo


def test_rename_tag_reaches_other_documents_and_undoes(store, document):
    other = Document.from_text("Another article about Tallinn.")
    AnnotationSession(other, store).add(22, 29, ["Place", "Claim"])
    session = AnnotationSession(document, store)
    mine = session.add(0, 7, ["Place"])
    session.rename_tag("place", "Location")
    assert session.annotations.get(mine.id).tags == ("Location",)
    assert store.annotations(other.fingerprint)[0].tags == ("Location", "Claim")
    assert "Location" in [t.name for t in store.tag_scheme()]
    assert session.stack.undo_label == "Rename tag 'Place' to 'Location'"
    session.undo()
    assert store.annotations(other.fingerprint)[0].tags == ("Place", "Claim")
    assert session.scheme.names[2] == "Place" and store.tag_scheme()[2].name == "Place"
    with pytest.raises(LecternError, match="already a tag"):
        session.rename_tag("Place", "person")


def test_delete_tag_in_use_needs_force(store, document):
    session = AnnotationSession(document, store)
    a = session.add(0, 7, ["Claim", "Place"])
    with pytest.raises(TagInUse) as error:
        session.delete_tag("Claim")
    assert error.value.count == 1 and "Claim" in session.scheme
    session.delete_tag("Claim", force=True)
    assert "Claim" not in session.scheme and session.annotations.get(a.id).tags == ("Place",)
    session.undo()
    assert "Claim" in session.scheme and session.annotations.get(a.id) == a
    session.delete_tag("Question")  # unused: no force needed
    assert AnnotationSession(document, store).scheme.find("Question") is None


def test_scheme_edits_are_undoable_and_stored(store, document):
    session = AnnotationSession(document, store)
    session.add_scheme_tag("Rumour", "#123456", "r")
    session.recolour_tag("Rumour", "#654321")
    session.set_tag_shortcut("Rumour", "0")
    assert AnnotationSession(document, store).scheme.get("rumour").shortcut == "0"
    session.undo()
    session.undo()
    assert session.scheme.get("Rumour").colour == "#123456"
    with pytest.raises(LecternError, match="already tags"):
        session.set_tag_shortcut("Rumour", "1")


def test_import_merges_adds_tags_and_never_steals_ids(store, document):
    other = Document.from_text("Another article.")
    theirs = AnnotationSession(other, store).add(0, 7, ["Place"])
    session = AnnotationSession(document, store)
    incoming = [Annotation.from_span(TEXT, 0, 7, ["Rumour"]),
                Annotation(start=12, end=19, exact="Tbilisi", id=theirs.id)]
    command = session.import_annotations(incoming)
    assert session.stack.undo_label == "Import 2 annotations"
    assert "Rumour" in session.scheme and len(session.annotations) == 2
    assert theirs.id not in session.annotations
    assert store.annotations(other.fingerprint) == [theirs]
    assert len(command.after) == 2
    session.undo()
    assert "Rumour" not in session.scheme and store.count(document.fingerprint) == 0
    with pytest.raises(LecternError, match="outside"):
        session.import_annotations([Annotation(start=0, end=10**6, exact="x")])


def test_reattach_orphan(store, document):
    session = AnnotationSession(document, store)
    orphan = Annotation(start=0, end=3, exact="gone", status=AnchorStatus.ORPHAN)
    session.import_annotations([orphan])
    session.reattach(orphan.id, 12, 19)
    assert store.annotations(document.fingerprint)[0].status is AnchorStatus.ANCHORED


def test_same_text_from_a_new_path_restores_and_says_so(store, tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(TEXT, encoding="utf-8")
    second = tmp_path / "moved.txt"
    second.write_text(TEXT, encoding="utf-8")
    from lectern.core.document import load_document

    a = AnnotationSession(load_document(first), store).add(0, 7)
    session = AnnotationSession(load_document(second), store)
    assert list(session.annotations) == [a] and session.moved_from == str(first.resolve())


def test_unsaved_file_changes_follow_the_clean_index(document):
    session = AnnotationSession(document)  # no store: nothing persisted, still undoable
    assert not session.has_unsaved_file_changes
    a = session.add(0, 7)
    assert session.has_unsaved_file_changes
    session.mark_file_saved()
    session.set_note(a.id, "x")
    session.undo()
    assert not session.has_unsaved_file_changes


def test_hidden_entities_persist_per_document(store, document):
    session = AnnotationSession(document, store)
    session.hide_entity("person:tallinn")
    session.hide_entity("place:monday")
    session.unhide_entity("place:monday")
    assert AnnotationSession(document, store).hidden_entities == {"person:tallinn"}
    other = Document.from_text("Other text")
    assert AnnotationSession(other, store).hidden_entities == frozenset()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "note", "tag", "untag", "remove", "rename"]),
                          st.integers(0, 10**6)), min_size=1, max_size=15))
def test_store_matches_memory_through_random_edits_undo_and_redo(ops):
    document = Document.from_text(TEXT)
    with tempfile.TemporaryDirectory() as folder, \
            AnnotationStore.open(Path(folder) / "s.sqlite3") as store:
        session = AnnotationSession(document, store)

        def assert_in_step() -> None:
            assert reopened(store, document) == list(session.annotations)
            assert store.tag_scheme() == list(session.scheme.tags)

        for op, x in ops:
            ids = [a.id for a in session.annotations]
            tag = session.scheme.names[x % len(session.scheme)]
            if op == "add" or not ids:
                start = x % (len(TEXT) - 10)
                session.add(start, start + 1 + x % 9, [tag])
            elif op == "note":
                session.set_note(ids[x % len(ids)], f"note {x}")
            elif op == "tag":
                session.add_tag(ids[x % len(ids)], tag)
            elif op == "untag":
                session.remove_tag(ids[x % len(ids)], tag)
            elif op == "remove":
                session.remove(ids[x % len(ids)])
            else:
                session.rename_tag(tag, f"{tag}{x % 7}")
            assert_in_step()
        final = list(session.annotations)
        while session.stack.can_undo:
            session.undo()
            assert_in_step()
        assert list(session.annotations) == []
        while session.stack.can_redo:
            session.redo()
            assert_in_step()
        assert list(session.annotations) == final


def test_a_burst_of_typing_a_note_is_one_undo_step(store, document):
    session = AnnotationSession(document, store)
    made = session.add(0, 7, ["Place"])
    session.set_note(made.id, "cap", continuing=True)  # the first keystrokes: a new step
    session.set_note(made.id, "capital", continuing=True)
    session.set_note(made.id, "capital of Estonia", continuing=True)
    assert len(session.stack) == 2 and session.stack.undo_label == "Edit note"
    assert reopened(store, document)[0].note == "capital of Estonia"  # each one stored
    session.undo()
    assert session.annotations[0].note == "" == reopened(store, document)[0].note
    session.redo()
    assert session.annotations[0].note == "capital of Estonia"
    session.set_note(made.id, "capital of Estonia.")  # a new burst: a new step
    assert len(session.stack) == 3
