"""Commands and the UndoStack, on a bare AnnotationSet (no store, no screen)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lectern.core.annotations import AnchorStatus, Annotation, AnnotationSet
from lectern.core.editing.commands import (
    AddAnnotations,
    AddTag,
    EditContext,
    EditNote,
    ImportAnnotations,
    Reattach,
    RemoveAnnotations,
    RemoveTag,
    SetTags,
    UndoStack,
)
from lectern.core.errors import LecternError

TEXT = "Tallinn and Tbilisi 😀 signed a trade deal worth 3 million euros on Monday."


class Note:
    """A toy command recording what happened to a list."""

    def __init__(self, log: list[str], label: str, fail: bool = False) -> None:
        self.log, self.label, self.fail = log, label, fail

    def do(self) -> None:
        if self.fail:
            raise LecternError("cannot")
        self.log.append(self.label)

    def undo(self) -> None:
        self.log.remove(self.label)


def snapshot(annotations: AnnotationSet) -> list[Annotation]:
    return list(annotations)


@pytest.fixture
def context() -> EditContext:
    return EditContext(AnnotationSet("fp"))


def test_stack_labels_and_state():
    log: list[str] = []
    stack = UndoStack()
    changes = []
    stack.subscribe(lambda: changes.append((stack.can_undo, stack.can_redo)))
    assert not stack.can_undo and stack.undo_label == ""
    stack.push(Note(log, "Tag 'Claim'"))
    stack.push(Note(log, "Edit note"))
    assert stack.undo_label == "Edit note" and not stack.can_redo
    stack.undo()
    assert log == ["Tag 'Claim'"] and stack.redo_label == "Edit note"
    stack.redo()
    assert log == ["Tag 'Claim'", "Edit note"]
    assert changes == [(True, False), (True, False), (True, True), (True, False)]
    stack.undo()
    stack.push(Note(log, "Delete annotation"))
    assert not stack.can_redo and len(stack) == 2


def test_a_failing_command_is_not_recorded():
    log: list[str] = []
    stack = UndoStack()
    stack.push(Note(log, "ok"))
    with pytest.raises(LecternError):
        stack.push(Note(log, "bad", fail=True))
    assert stack.undo_label == "ok" and len(stack) == 1


def test_clean_index_tracks_the_saved_state():
    log: list[str] = []
    stack = UndoStack()
    assert stack.is_clean
    stack.push(Note(log, "a"))
    assert not stack.is_clean
    stack.set_clean()
    stack.push(Note(log, "b"))
    stack.undo()
    assert stack.is_clean
    stack.undo()
    assert not stack.is_clean
    stack.push(Note(log, "c"))  # the saved state sat in the dropped redo branch
    stack.undo()
    assert not stack.is_clean


def test_limit_drops_the_oldest_steps():
    log: list[str] = []
    stack = UndoStack(limit=2)
    for label in "abc":
        stack.push(Note(log, label))
    stack.undo()
    stack.undo()
    assert not stack.can_undo and log == ["a"]


def test_macro_is_one_step_and_rolls_back_on_error():
    log: list[str] = []
    stack = UndoStack()
    with stack.macro("Annotate all mentions"):
        stack.push(Note(log, "x"))
        with stack.macro("inner"):
            stack.push(Note(log, "y"))
    assert len(stack) == 1 and stack.undo_label == "Annotate all mentions"
    stack.undo()
    assert log == []
    stack.redo()
    assert log == ["x", "y"]
    with pytest.raises(LecternError), stack.macro("broken"):
        stack.push(Note(log, "z"))
        stack.push(Note(log, "w", fail=True))
    assert log == ["x", "y"] and len(stack) == 1


def test_add_undo_redo_restores_the_same_values(context):
    stack = UndoStack()
    events = []
    context.annotations.subscribe(lambda change: events.append(change.kind.value))
    a = Annotation.from_span(TEXT, 0, 7, ["Place"])
    stack.push(AddAnnotations(context, [a]))
    assert stack.undo_label == "Tag 'Place'"
    stack.undo()
    assert len(context.annotations) == 0
    stack.redo()
    assert snapshot(context.annotations) == [a]
    assert events == ["before_insert", "after_insert", "before_remove", "after_remove",
                      "before_insert", "after_insert"]


def test_edits_keep_their_timestamps_through_undo_and_redo(context):
    stack = UndoStack()
    a = Annotation.from_span(TEXT, 0, 7).with_changes(created="2020-01-01T00:00:00.000Z",
                                                      modified="2020-01-01T00:00:00.000Z")
    stack.push(AddAnnotations(context, [a]))
    stack.push(EditNote(context, a.id, "capital"))
    edited = context.annotations.get(a.id)
    assert edited.note == "capital" and edited.modified > a.modified
    stack.undo()
    assert context.annotations.get(a.id) == a
    stack.redo()
    assert context.annotations.get(a.id) == edited


def test_tag_commands(context):
    stack = UndoStack()
    a = Annotation.from_span(TEXT, 0, 7, ["Place"])
    b = Annotation.from_span(TEXT, 12, 19, ["Place"])
    stack.push(AddAnnotations(context, [a, b]))
    stack.push(AddTag(context, [a.id, b.id], "Claim"))
    assert {x.tags for x in context.annotations} == {("Place", "Claim")}
    stack.push(RemoveTag(context, [a.id], "Place"))
    stack.push(SetTags(context, b.id, ["Date"]))
    assert [x.tags for x in context.annotations] == [("Claim",), ("Date",)]
    stack.push(AddTag(context, [a.id], "Claim"))  # already there: no new step
    assert stack.undo_label == "Set tags"


def test_reattach_an_orphan(context):
    stack = UndoStack()
    orphan = Annotation.from_span(TEXT, 0, 7).with_changes(status=AnchorStatus.ORPHAN)
    stack.push(AddAnnotations(context, [orphan]))
    stack.push(Reattach(context, orphan.id, TEXT, 12, 19))
    placed = context.annotations.get(orphan.id)
    assert (placed.exact, placed.status) == ("Tbilisi", AnchorStatus.ANCHORED)
    stack.undo()
    assert context.annotations.get(orphan.id) == orphan
    for start, end in ((5, 500), (5, 5)):  # the rule of anchoring.reattach: start < end
        with pytest.raises(LecternError, match="not a stretch"):
            Reattach(context, orphan.id, TEXT, start, end)


def test_import_merges_as_one_step(context):
    stack = UndoStack()
    old = Annotation.from_span(TEXT, 0, 7, note="old").with_changes(
        modified="2020-01-01T00:00:00.000Z")
    stack.push(AddAnnotations(context, [old]))
    newer = old.with_changes(note="newer", modified="2021-01-01T00:00:00.000Z")
    stale = old.with_changes(note="stale", modified="2019-01-01T00:00:00.000Z")
    fresh = [Annotation.from_span(TEXT, i, i + 3) for i in range(0, 30, 3)]
    stack.push(ImportAnnotations(context, [newer, *fresh]))
    assert stack.undo_label == "Import 11 annotations"
    assert context.annotations.get(old.id).note == "newer" and len(context.annotations) == 11
    stack.undo()
    assert snapshot(context.annotations) == [old]
    stack.push(ImportAnnotations(context, [stale]))  # older than ours: nothing to do
    assert stack.undo_label == "Add highlight"


def test_remove_of_an_unknown_id_is_a_clear_error(context):
    with pytest.raises(LecternError, match="no annotation"):
        RemoveAnnotations(context, ["nope"])


operations = st.lists(st.tuples(st.sampled_from(["add", "remove", "note", "tag", "untag",
                                                 "set", "reattach"]),
                                st.integers(0, 10**6), st.integers(0, 10**6)),
                      min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_a_chain_of_mixed_commands_undoes_to_start_and_redoes_to_end(ops):
    context = EditContext(AnnotationSet("fp", [Annotation.from_span(TEXT, 0, 4, ["Seed"])]))
    stack = UndoStack()
    states = [snapshot(context.annotations)]
    for op, x, y in ops:
        ids = [a.id for a in context.annotations]
        start = x % (len(TEXT) - 1)
        end = start + 1 + y % (len(TEXT) - start - 1) if start < len(TEXT) - 1 else start + 1
        if op == "add" or not ids:
            command = AddAnnotations(context, [Annotation.from_span(TEXT, start, end, ["T"])])
        else:
            target = ids[x % len(ids)]
            command = {
                "remove": lambda t=target: RemoveAnnotations(context, [t]),
                "note": lambda t=target, y=y: EditNote(context, t, f"note {y}"),
                "tag": lambda t=target, y=y: AddTag(context, [t], f"tag{y % 3}"),
                "untag": lambda t=target, y=y: RemoveTag(context, [t], f"tag{y % 3}"),
                "set": lambda t=target, y=y: SetTags(context, t, [f"s{y % 2}", "T"]),
                "reattach": lambda t=target, s=start, e=end: Reattach(context, t, TEXT, s, e),
            }[op]()
        stack.push(command)
        if stack.index == len(states):
            states.append(snapshot(context.annotations))
        assert snapshot(context.annotations) == states[stack.index]
    while stack.can_undo:
        stack.undo()
        assert snapshot(context.annotations) == states[stack.index]
    while stack.can_redo:
        stack.redo()
        assert snapshot(context.annotations) == states[stack.index]
    assert stack.index == len(states) - 1
