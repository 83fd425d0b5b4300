"""Annotations keyed by their text's id (document_keys.py), on stores written by the code
before it: one at schema 10 with the library-wide indexes filled, one from before those
indexes (see make_stores_keyed_by_fingerprint.py). Each opens with every annotation, tag,
note and link where it was; every reader finds them; writes after keep the tag index and
the search in step; and what was analysed before the indexes is taken into them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import FIXTURES

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.library.analyses import catch_up_indexes, indexes_behind, run_pending
from lectern.core.library.conflicts import conflicts
from lectern.core.library.entities import list_entities
from lectern.core.library.find import find
from lectern.core.library.ledger import quote_ledger
from lectern.core.library.passages import PassageQuery, passages
from lectern.core.library.removal import RemoveArticle
from lectern.core.library.timeline import timeline_events
from lectern.core.store import AnnotationStore
from lectern.core.store.rows import COLUMNS, FROM_ANNOTATIONS, SELECTED
from lectern.core.store.schema import SCHEMA_VERSION

LOOSE = "Loose notes\n\nA text that was annotated but never kept in the library.\n"


@pytest.fixture(params=["store_keyed_by_fingerprint", "store_before_indexes"])
def old(request, tmp_path) -> Path:
    path = tmp_path / "store.sqlite3"
    shutil.copy(FIXTURES / "library" / f"{request.param}.sqlite3", path)
    return path


def raw(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def tag_index(store: AnnotationStore) -> tuple[list[tuple], list[tuple]]:
    """passage_tags as it is, and as the annotations' own tags say it should be."""
    kept = sorted(store._db.execute("SELECT tag, annotation, version FROM passage_tags"))
    expected = sorted((tag, rowid, document) for rowid, tags, document in store._db.execute(
        "SELECT rowid, tags, document FROM annotations") for tag in json.loads(tags))
    return kept, expected


def test_every_annotation_keeps_its_text_tags_note_and_links(old):
    annotations = sorted(raw(old, f"SELECT {COLUMNS} FROM annotations"))
    links = sorted(raw(old, "SELECT * FROM links"))
    assert len(annotations) == 4 and len(links) == 1
    with AnnotationStore.open(old) as store:
        assert store.recovery_message is None and store.integrity_ok()
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert sorted(store._db.execute(f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS}")
                      ) == annotations
        assert sorted(store._db.execute("SELECT * FROM links")) == links
        (loose,) = store.annotations(Document.from_text(LOOSE).fingerprint)
        assert (loose.exact, loose.note) == ("never kept", "where is it from?")
        kept, expected = tag_index(store)
        assert kept == expected and len(kept) == 5


def test_every_reader_finds_them_after_the_migration(old):
    with AnnotationStore.open(old) as store:
        assert [h.annotation.note for h in store.search(tag="Figure")] == ["check this"]
        harbour = next(a for a in store.library.articles() if a.path.endswith("harbour.txt"))
        assert harbour.annotations == 2 and harbour.tags == ("Claim", "Figure", "Place")
        claims = passages(store, PassageQuery(tags=("claim",)))
        assert [p.annotation.exact for p in claims] == ["Georgia and Estonia"]
        assert claims[0].article == harbour.id
        (note,) = [h for h in find(store, '"in full"') if h.where == "note"]
        assert note.title.startswith("Port")
        version = store.library.current_version(harbour.id)
        assert version is not None and len(store.links(harbour.fingerprint)) == 1


def test_writes_after_it_keep_the_tag_index_and_the_search_in_step(old):
    with AnnotationStore.open(old) as store:
        harbour = next(a for a in store.library.articles() if a.path.endswith("harbour.txt"))
        text = store.library.text(store.library.current_version(harbour.id) or 0) or ""
        start = text.index("Estonia")
        added = Annotation.from_span(text, start, start + 7, ("Country",), "Baltic neighbour")
        store.apply([(harbour.fingerprint, added)])
        assert [h.where for h in find(store, '"Baltic neighbour"')] == ["note"]
        assert [p.annotation.id for p in passages(store, PassageQuery(tags=("Country",)))
                ] == [added.id]
        kept, expected = tag_index(store)
        assert kept == expected
        removal = RemoveArticle(store, harbour.id)
        removal.do()
        assert store.count() == 2 and tag_index(store)[0] == tag_index(store)[1]
        removal.undo()
        assert store.count() == 5 and store.annotations(harbour.fingerprint)
        kept, expected = tag_index(store)
        assert kept == expected and store.integrity_ok()


def test_what_was_analysed_before_the_indexes_is_taken_into_them(old):
    with AnnotationStore.open(old) as store:
        run_pending(store, workers=1)  # as every command does first (the analyser may be newer)
        catch_up_indexes(store)
        assert indexes_behind(store) == 0
        (relations,) = [e for e in timeline_events(store) if e.date == "1992-05-20"]
        told = {a.id for a in store.library.articles() if a.path.endswith(("harbour.txt",
                                                                           "edited.txt"))}
        assert set(relations.articles) == told
        assert len(conflicts(store)) == 1
        people = {e.name: e for e in list_entities(store, "PERSON", with_articles=True)}
        assert people["Teymur Musayev"].articles == 3  # the seed and two reports name him
        assert any(len(entry.occurrences) == 3 for entry in quote_ledger(store))


def test_an_upgrade_gives_back_the_pages_the_old_table_held(tmp_path):
    from lectern.core.store.rows import annotation_row

    path = tmp_path / "store.sqlite3"
    shutil.copy(FIXTURES / "library" / "store_keyed_by_fingerprint.sqlite3", path)
    db = sqlite3.connect(path)  # thousands of annotations, as the code before wrote them
    (fingerprint,) = db.execute("SELECT fingerprint FROM documents LIMIT 1").fetchone()
    marks = ",".join("?" * len(COLUMNS.split(",")))
    db.executemany(f"INSERT INTO annotations ({COLUMNS}) VALUES ({marks})",
                   (annotation_row(fingerprint, Annotation.from_span(LOOSE * 3, n % 90, n % 90 + 20,
                                                                     ("Claim",), f"note {n}"))
                    for n in range(3000)))
    db.commit()
    db.close()
    before = path.stat().st_size
    with AnnotationStore.open(path) as store:
        assert store.count() == 3004 and store.integrity_ok()
        free, pages = (store._db.execute(f"PRAGMA {p}").fetchone()[0]
                       for p in ("freelist_count", "page_count"))
        assert free * 4 < pages
    assert path.stat().st_size < before  # smaller than before, not the old table's size more
