"""Every session step is all or nothing: a store failure at any statement, the COMMIT
included, leaves memory, the store and the undo stack exactly as they were."""

from __future__ import annotations

import sqlite3

import pytest

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore

TEXT = "Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday.\n" * 2


class FailingConnection:
    """The store's connection, raising "disk I/O error" on its ``fail_at``-th statement."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.calls = 0
        self.fail_at: int | None = None

    def _tick(self) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise sqlite3.OperationalError("disk I/O error")

    def execute(self, *args):
        self._tick()
        return self._db.execute(*args)

    def executemany(self, *args):
        self._tick()
        return self._db.executemany(*args)

    def __getattr__(self, name):
        return getattr(self._db, name)


@pytest.fixture
def store(app_paths):
    with AnnotationStore.open(app_paths.store_file) as opened:
        opened._db = FailingConnection(opened._db)
        yield opened


def state(session: AnnotationSession) -> tuple:
    stored = sorted(session.store.annotations(session.document.fingerprint),
                    key=Annotation.sort_key)
    return (list(session.annotations), stored, session.scheme.tags, session.store.tag_scheme(),
            session.stack.index, len(session.stack), session.stack.can_redo,
            session.stack.undo_label)


def prepare(session: AnnotationSession, step: str) -> None:
    """Bring the session to where ``step`` is about to run."""
    a = session.add(0, 7, ["Place"])
    session.add(12, 19, ["Place"], note="second")
    if step in ("undo of delete", "redo"):
        session.remove(a.id)
    if step == "redo":
        session.undo()


STEPS = {
    "add": lambda s: s.add(20, 26, ["Claim"]),
    "delete": lambda s: s.remove(s.annotations[0].id),
    "undo of delete": lambda s: s.undo(),
    "redo": lambda s: s.redo(),
    "import": lambda s: s.import_annotations(
        [Annotation.from_span(TEXT, 29, 34, ["Novel tag"]), Annotation.from_span(TEXT, 0, 3)]),
    "rename tag": lambda s: s.rename_tag("Place", "Location"),
    "macro": lambda s: _macro(s),
}


def _macro(session: AnnotationSession) -> None:
    with session.macro("Several edits"):
        session.add(20, 26, ["Claim"])
        session.set_note(session.annotations[0].id, "edited")
        session.recolour_tag("Claim", "#123456")


def failing_store(path) -> AnnotationStore:
    store = AnnotationStore.open(path)
    store._db = FailingConnection(store._db)
    return store


def statements(tmp_path, step: str) -> int:
    """How many statements ``step`` runs when nothing fails."""
    with failing_store(tmp_path / "count.sqlite3") as store:
        session = AnnotationSession(Document.from_text(TEXT), store)
        prepare(session, step)
        before = store._db.calls
        STEPS[step](session)
        return store._db.calls - before


@pytest.mark.parametrize("step", list(STEPS))
def test_a_failure_at_any_statement_changes_nothing(tmp_path, step):
    count = statements(tmp_path, step)
    assert count >= 2
    for failing in range(1, count + 1):
        with failing_store(tmp_path / f"{failing}.sqlite3") as store:
            session = AnnotationSession(Document.from_text(TEXT), store)
            prepare(session, step)
            before = state(session)
            store._db.calls, store._db.fail_at = 0, failing
            with pytest.raises(LecternError, match="disk I/O error"):
                STEPS[step](session)
            store._db.fail_at = None
            assert state(session) == before, f"{step}: statement {failing} of {count} failed"
            STEPS[step](session)  # and once the disk recovers, the same step works
            assert state(session) != before


def test_a_failed_commit_of_undo_keeps_redo_honest(store):
    session = AnnotationSession(Document.from_text(TEXT), store)
    a = session.add(0, 7, ["Place"])
    original = store._db.execute

    def commit_fails(sql, *args):
        if sql == "COMMIT":
            raise sqlite3.OperationalError("disk I/O error")
        return original(sql, *args)

    store._db.execute = commit_fails
    with pytest.raises(LecternError, match="disk I/O error"):
        session.undo()
    assert list(session.annotations) == [a] == store.annotations(session.document.fingerprint)
    assert session.stack.can_undo and not session.stack.can_redo
