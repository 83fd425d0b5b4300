"""One undo history for every article of a window: tag-scheme edits stay undoable after
switching articles; an article's own edits leave with it; hiding an entity is a step."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.document import Document, load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.editing.undo import WORKSPACE, UndoStack
from lectern.core.editing.workspace import Workspace
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore
from lectern.core.tag_edits import SchemeEdit, apply_edits, scheme_edits
from lectern.core.tags import Tag

FIRST = Document.from_text("Tallinn signed a deal with Tbilisi on Monday.\n", title="First")
SECOND = Document.from_text("Riga and Vilnius met on Tuesday to talk trade.\n", title="Second")


@pytest.fixture
def store(app_paths):
    with AnnotationStore.open(app_paths.store_file) as opened:
        yield opened


def test_a_tag_rename_is_undone_after_switching_articles(store):
    workspace = Workspace(store)
    first = AnnotationSession(FIRST, workspace=workspace)
    made = first.add(0, 7, ["Place", "Claim"])
    first.rename_tag("Claim", "Assertion")
    second = AnnotationSession(SECOND, workspace=workspace)
    in_second = second.add(0, 4, ["Assertion"])
    assert second.stack.undo_label == "Tag 'Assertion'"
    second.undo()  # the second article's own step
    assert second.stack.undo_label == "Rename tag 'Claim' to 'Assertion'"
    second.undo()
    assert "Claim" in workspace.scheme and "Assertion" not in workspace.scheme
    (stored,) = store.annotations(FIRST.fingerprint)
    assert stored.id == made.id and stored.tags == ("Place", "Claim")
    assert in_second.id not in second.annotations
    second.redo()
    assert store.annotations(FIRST.fingerprint)[0].tags == ("Place", "Assertion")


def test_undoing_a_forced_delete_puts_the_tag_back_in_its_place(store):
    workspace = Workspace(store)
    first = AnnotationSession(FIRST, workspace=workspace)
    first.add(0, 7, ["Claim", "Place"])
    first.delete_tag("Claim", force=True)
    second = AnnotationSession(SECOND, workspace=workspace)
    second.undo()
    assert store.annotations(FIRST.fingerprint)[0].tags == ("Claim", "Place")
    assert [t.name for t in workspace.scheme].index("Claim") == 5  # where it stood


def test_undoing_a_rename_keeps_later_edits_of_the_same_annotation(store):
    """Workspace commands reapply their meaning: a note written after the rename stays."""
    session = AnnotationSession(FIRST, store)
    made = session.add(0, 7, ["Claim"])
    session.rename_tag("Claim", "Assertion")
    second = AnnotationSession(SECOND, workspace=session.workspace)
    reopened = AnnotationSession(FIRST, workspace=second.workspace)
    reopened.set_note(made.id, "written later")
    reopened.stack.drop_scope(FIRST.fingerprint)  # as if the article had been closed
    reopened.workspace.current = None
    third = AnnotationSession(SECOND, workspace=reopened.workspace)
    third.undo()
    (stored,) = store.annotations(FIRST.fingerprint)
    assert stored.tags == ("Claim",) and stored.note == "written later"


def test_a_closed_article_can_no_longer_be_edited_through_its_old_session(store):
    workspace = Workspace(store)
    first = AnnotationSession(FIRST, workspace=workspace)
    AnnotationSession(SECOND, workspace=workspace)
    with pytest.raises(LecternError, match="no longer the open article"):
        first.add(0, 7, ["Place"])


def test_hiding_an_entity_is_undoable_and_kept(store):
    session = AnnotationSession(FIRST, store)
    session.hide_entity("GPE:tbilisi", "Tbilisi")
    session.hide_entity("GPE:tbilisi", "Tbilisi")  # already hidden: no second step
    assert session.stack.undo_label == "Hide 'Tbilisi'" and len(session.stack) == 1
    assert store.hidden_entities(FIRST.fingerprint) == {"GPE:tbilisi"}
    session.undo()
    assert session.hidden_entities == frozenset()
    assert store.hidden_entities(FIRST.fingerprint) == set()
    session.redo()
    session.unhide_entity("GPE:tbilisi", "Tbilisi")
    assert session.stack.undo_label == "Show 'Tbilisi'"
    assert AnnotationSession(FIRST, store).hidden_entities == frozenset()


def test_an_edited_file_brings_its_annotations_to_the_new_text(store, tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text("Azernews reports that the ministers met in Baku on Monday.\n",
                       encoding="utf-8")
    session = AnnotationSession(load_document(article), store)
    made = session.add(22, 36, ["Claim"])  # "the ministers"
    article.write_text("Late news. Azernews reports that the ministers met in Baku on Monday.\n",
                       encoding="utf-8")
    edited = load_document(article)
    reopened = AnnotationSession(edited, store)
    (moved,) = reopened.annotations
    assert moved.id == made.id and edited.text[moved.start:moved.end] == made.exact
    assert reopened.restored.report is not None and reopened.restored.report.moved == 1
    assert store.annotations(edited.fingerprint) == [moved]  # now kept for the new text


def test_drop_scope_keeps_the_other_commands_in_order_and_the_saved_mark():
    stack = UndoStack()
    log: list[str] = []

    class Step:
        def __init__(self, label: str, scope: str) -> None:
            self.label, self.scope = label, scope

        def do(self) -> None:
            log.append(f"do {self.label}")

        def undo(self) -> None:
            log.append(f"undo {self.label}")

    for label, scope in [("w1", WORKSPACE), ("a1", "A"), ("w2", WORKSPACE), ("a2", "A")]:
        stack.push(Step(label, scope))
    stack.undo()  # a2 sits in the redo branch
    stack.set_clean()
    stack.drop_scope("A")
    assert (stack.undo_label, stack.can_redo, stack.is_clean) == ("w2", False, False)
    assert len(stack) == 2
    with pytest.raises(ValueError):
        stack.drop_scope(WORKSPACE)


def _tags(*names: str) -> list[Tag]:
    return [Tag(name, "#112233") for name in names]


@pytest.mark.parametrize(("before", "after", "current", "expected"), [
    # a rename in place, applied to a scheme another instance grew meanwhile
    (("A", "B"), ("A", "C"), ("A", "B", "X"), ("A", "C", "X")),
    # a new tag goes after the one it followed
    (("A", "B"), ("A", "N", "B"), ("A", "B", "X"), ("A", "N", "B", "X")),
    # a deletion removes only that tag
    (("A", "B", "C"), ("A", "C"), ("X", "A", "B", "C"), ("X", "A", "C")),
    # undoing an add (after -> before) removes the added tag, whatever was added since
    (("A", "N"), ("A",), ("A", "N", "Y"), ("A", "Y")),
    # a new first tag
    (("A",), ("N", "A"), ("A", "X"), ("N", "A", "X")),
])
def test_scheme_edits_apply_to_whatever_the_scheme_holds(before, after, current, expected):
    edits = scheme_edits(_tags(*before), _tags(*after))
    assert [t.name for t in apply_edits(_tags(*current), edits)] == list(expected)


def test_a_key_moving_to_another_tag_leaves_the_first_one():
    before = [Tag("A", "#112233", "1"), Tag("B", "#112233")]
    after = [Tag("A", "#112233"), Tag("B", "#112233", "1")]
    edits = scheme_edits(before, after)
    assert edits == [SchemeEdit("a", after[0], None), SchemeEdit("b", after[1], "a")]
    assert apply_edits(before, edits[1:]) == after  # B taking "1" clears it from A
