"""The Tags dialog applies a tag's edits all together or not at all, with one error."""

from __future__ import annotations

import sqlite3

import pytest
from helpers import ARTICLE, make_window, tag_phrase


@pytest.fixture
def window(qtbot, app_paths, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return make_window(qtbot, app_paths, path)


def edit_claim(window, name: str, key: str, colour: str):
    """Open the dialog on "Claim", fill the form and apply; return the errors shown."""
    errors = []
    window.show_error = lambda title, message: errors.append((title, message))
    flow = window.annotations
    flow.open_tags_dialog()
    dialog = flow._tags_dialog
    dialog.list.setCurrentRow(dialog.session.scheme.names.index("Claim"))
    dialog.name_field.setText(name)
    dialog.key_field.setText(key)
    dialog._set_colour(colour)
    dialog.apply_changes()
    return errors


def snapshot(window) -> tuple:
    session = window.annotations.session
    return (session.scheme.tags, session.store.tag_scheme(), list(session.annotations),
            session.stack.index, session.stack.undo_label)


def test_a_key_clash_after_a_rename_leaves_the_tag_untouched(qtbot, window):
    tag_phrase(qtbot, window, "schools", "6")
    before = snapshot(window)
    person_key = window.annotations.session.scheme.get("Person").shortcut
    errors = edit_claim(window, "Assertion", person_key, "#aa3322")
    assert len(errors) == 1 and "already tags" in errors[0][1]
    assert snapshot(window) == before  # the rename was not kept either


def test_a_failed_commit_is_one_error_and_no_change(qtbot, window, monkeypatch):
    tag_phrase(qtbot, window, "schools", "6")
    before = snapshot(window)
    store = window.annotations.session.store

    class CommitFails:
        def __init__(self, db):
            self._db = db

        def execute(self, sql, *args):
            if sql == "COMMIT":
                raise sqlite3.OperationalError("disk I/O error")
            return self._db.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._db, name)

    monkeypatch.setattr(store, "_db", CommitFails(store._db))
    errors = edit_claim(window, "Assertion", "", "#aa3322")
    monkeypatch.undo()
    assert len(errors) == 1 and "disk I/O error" in errors[0][1]
    assert snapshot(window) == before


def test_all_edits_are_one_undo_step(qtbot, window):
    tag_phrase(qtbot, window, "schools", "6")
    session = window.annotations.session
    steps = session.stack.index
    assert edit_claim(window, "Assertion", "q", "#aa3322") == []
    tag = session.scheme.get("Assertion")
    assert (tag.shortcut, tag.colour) == ("q", "#aa3322")
    assert session.stack.index == steps + 1
    session.undo()
    assert session.scheme.get("Claim").shortcut == "6"
