"""The compact library migration, from a store written at schema version 5 (the library's
first): every annotation and link kept, the tags index built from the annotations' own
tags, search as before (phrases, prefixes, accents, AND/OR/NOT, quotes, notes and tags),
and the tag index kept in step by every later write."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace

import pytest
from helpers import FIXTURES

from lectern.core.annotations import Annotation
from lectern.core.library.find import find
from lectern.core.library.passages import PassageQuery, passage_list, passages
from lectern.core.library.removal import RemoveArticle
from lectern.core.store import AnnotationStore
from lectern.core.store.rows import COLUMNS, FROM_ANNOTATIONS, SELECTED
from lectern.core.store.schema import SCHEMA_VERSION

V5 = FIXTURES / "library" / "store_library_v5.sqlite3"  # see make_store_library_v5.py there


def raw(path, sql):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@pytest.fixture
def before(tmp_path):
    path = tmp_path / "store.sqlite3"
    shutil.copy(V5, path)
    assert raw(path, "PRAGMA user_version") == [(5,)]
    return path


@pytest.fixture
def migrated(before):
    with AnnotationStore.open(before) as store:
        yield store


def index_of(store):
    return sorted(store._db.execute("SELECT tag, annotation, version FROM passage_tags"))


def expected_index(store):
    """passage_tags as the annotations' tags column says it should be."""
    rows = store._db.execute("SELECT rowid, tags, document FROM annotations")
    return sorted((tag, rowid, version) for rowid, tags, version in rows
                  for tag in json.loads(tags))


def test_every_annotation_link_and_tag_survives(before):
    annotations = raw(before, f"SELECT {COLUMNS} FROM annotations ORDER BY id")
    links = raw(before, "SELECT * FROM links")
    tagged = sorted(raw(before, "SELECT tag, annotation_id FROM annotation_tags"))
    with AnnotationStore.open(before) as store:
        assert store.recovery_message is None and store.integrity_ok()
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store._db.execute(f"SELECT {SELECTED} FROM {FROM_ANNOTATIONS} ORDER BY x.id"
                                 ).fetchall() == annotations
        assert store._db.execute("SELECT * FROM links").fetchall() == links
        # the old table's rows, now read through the view of the tags column
        assert sorted(store._db.execute("SELECT tag, annotation_id FROM annotation_tags")
                      ) == tagged
        assert index_of(store) == expected_index(store) and len(index_of(store)) == 7
        assert store.tag_use_count("Claim") == 3
        assert {a.exact for _, a in store.tagged("Claim")} == {
            "build a bridge", "Critics said", "Turkic States"}
    assert len(annotations) == 5 and len(links) == 1


def test_search_behaves_as_before(migrated):
    def where(query):
        return sorted((hit.where, hit.title) for hit in find(migrated, query))

    text = find(migrated, '"Turkic States"')
    assert {h.where for h in text} == {"text", "quote"}
    hit = next(h for h in text if h.where == "text")
    port = migrated.library.text(migrated.library.current_version(hit.article))
    assert port[hit.start:hit.end] == "Turkic States"
    assert where("pharma*") == [("text", "Port deal")]  # pharmacists, pharmaceutical
    assert where("Tamas") == [("text", "Bridge vote")]  # accents ignored
    assert where("tuesday") == [("text", "Bridge vote")]  # the current version's text only
    assert where("monday") == []
    assert where("council AND schools") == [("text", "Bridge vote")]
    assert where("Tallinn OR schools") == [("quote", "Port deal"), ("text", "Bridge vote"),
                                           ("text", "Port deal")]
    assert where("euros NOT Tallinn") == []
    assert where("capital") == [("note", "Port deal")]
    assert ("tag", "Port deal") in where("organisation")


def test_passages_by_tag_across_articles(migrated):
    for query in (PassageQuery(tags=("claim",)), PassageQuery(tags=("CLAIM", "quote"),
                                                              all_tags=True)):
        paged = passage_list(migrated, query, whole_below=0)
        assert [p.id for p in paged] == [p.id for p in passages(migrated, query)]
    claims = passage_list(migrated, PassageQuery(tags=("claim",)), whole_below=0)
    assert (len(claims), claims.texts) == (3, 2)
    everything = passage_list(migrated)
    assert len(everything) == 5 and everything[4].exact == "never kept"  # outside, last
    bridge = next(a for a in migrated.library.articles() if a.title == "Bridge vote")
    assert (bridge.versions, bridge.annotations, bridge.tags) == (2, 2, ("Claim", "Quote"))
    assert migrated.library.article(bridge.id).tags == ("Claim", "Quote")


def test_the_tag_index_follows_every_write(migrated):
    store = migrated
    (fingerprint, a), = [(fp, a) for fp, a in store.tagged("Place")]
    store.apply([(fingerprint, replace(a, tags=("Figure", "Place")))])
    assert index_of(store) == expected_index(store)
    assert len(passage_list(store, PassageQuery(tags=("figure",)), whole_below=0)) == 1
    store.apply(deletes=[a.id])
    assert index_of(store) == expected_index(store)
    assert len(passage_list(store, PassageQuery(tags=("place",)))) == 0
    # an annotation moved to another text (re-anchoring) is indexed under that text
    home, critics = next((fp, x) for fp, x in store.tagged("Quote"))
    port = next(x for x in store.library.articles() if x.title == "Port deal")
    store.apply([(port.fingerprint, critics)])
    assert index_of(store) == expected_index(store)
    assert [p.title for p in passage_list(store, PassageQuery(tags=("quote",)),
                                          whole_below=0)] == ["Port deal"]
    store.apply([(home, critics)])
    # an annotation on a text the store has no row for yet is indexed all the same
    loose = Annotation.from_span("Some loose words here.", 5, 10, ["Claim"], "")
    store.apply([("e" * 64, loose)])
    assert index_of(store) == expected_index(store)
    # a whole article out and back (undo): its tags go and come back with it
    bridge = next(x for x in store.library.articles() if x.title == "Bridge vote")
    removal = RemoveArticle(store, bridge.id)
    removal.do()
    assert index_of(store) == expected_index(store)
    assert len(passage_list(store, PassageQuery(tags=("quote",)))) == 0
    removal.undo()
    assert index_of(store) == expected_index(store)
    assert [p.exact for p in passage_list(store, PassageQuery(tags=("quote",)))] == [
        "Critics said"]


def test_a_version_5_store_opened_read_only_is_read_as_it_is(before):
    with AnnotationStore.open(before, read_only=True) as store:
        claims = passage_list(store, PassageQuery(tags=("claim",)), whole_below=0)
        assert len(claims) == 3 and len(list(claims)) == 3
        bridge = next(a for a in store.library.articles() if a.title == "Bridge vote")
        assert bridge.tags == ("Claim", "Quote")
    assert raw(before, "PRAGMA user_version") == [(5,)]
