"""The facts index's migration on a store written at the schema before it (articles,
analyses, annotations in it): every annotation kept, and the analyses already stored
indexed on first use."""

from __future__ import annotations

import sqlite3

from timeline_helpers import build_library

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.library.conflicts import conflicts
from lectern.core.library.timeline import timeline_events
from lectern.core.store import AnnotationStore, schema
from lectern.core.store.facts_schema import FACTS_MIGRATION


def test_a_store_from_before_the_index_keeps_its_annotations_and_gets_its_facts(
        tmp_path, monkeypatch):
    before = schema.MIGRATIONS.index(FACTS_MIGRATION)  # the schema the index comes after
    path = tmp_path / "store.sqlite3"
    monkeypatch.setattr(schema, "SCHEMA_VERSION", before)
    with AnnotationStore.open(path) as store:
        assert not store.facts.available()
        ids = build_library(store, tmp_path / "articles")  # indexing waits for its table
        document = load_document(tmp_path / "articles" / "harbour.txt")
        session = AnnotationSession(document, store)
        start = document.text.index("$48.6 million")
        session.add(start, start + len("$48.6 million"), ["Figure"], note="check this")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == before
    db.close()
    monkeypatch.undo()
    with AnnotationStore.open(path) as store:
        assert store.facts.available() and store.integrity_ok()
        assert store.count() == 1
        (kept,) = store.annotations(document.fingerprint)
        assert (kept.exact, kept.note, tuple(kept.tags)) == ("$48.6 million", "check this",
                                                            ("Figure",))
        (relations,) = [e for e in timeline_events(store) if e.date == "1992-05-20"]
        assert relations.articles == sorted([ids["harbour.txt"], ids["edited.txt"]])
        assert len(conflicts(store)) == 1
