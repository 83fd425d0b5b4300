"""Articles kept with their versions: a changed file is a new version of the same article,
its annotations move to it through re-anchoring (counts kept), earlier versions stay
readable, a moved file still opens; removing an article takes everything with it and undo
brings every row back."""

from __future__ import annotations

import json

import pytest
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.library.adding import add_paths
from lectern.core.library.keeping import Kept, keep
from lectern.core.library.opening import open_article, open_version
from lectern.core.library.removal import RemoveArticle, remove_article

FIRST = "Bridge vote\n\nThe council voted on Monday to build a bridge. Critics said no.\n"
EDITED = ("Bridge vote\n\nAfter a long debate, the council voted on Monday to build a "
          "bridge. Critics said no.\n")


def annotate(store, path, phrase, tags=("Claim",), note=""):
    document = load_document(path)
    session = AnnotationSession(document, store)
    start = document.text.index(phrase)
    return session.add(start, start + len(phrase), list(tags), note=note)


def test_a_changed_file_is_a_new_version_and_its_annotations_move(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    (added,) = add_paths(store, [path]).added
    made = annotate(store, path, "build a bridge")
    write(tmp_path, "bridge.txt", EDITED)
    report = add_paths(store, [path])
    (version,) = report.added
    assert version.id == added.id and version.reanchored == "0 exact, 1 moved, 0 fuzzy, 0 orphaned"
    first, second = store.library.versions(added.id)
    assert (first.annotations, second.annotations) == (0, 1)
    assert json.loads(second.reanchored) == {"from": first.id, "exact": 0, "moved": 1,
                                             "fuzzy": 0, "orphaned": 0}
    (moved,) = store.annotations(second.fingerprint)
    assert moved.id == made.id and EDITED[moved.start:moved.end] == "build a bridge"
    assert open_version(store, first.id).text == FIRST  # earlier versions stay readable
    article = store.library.article(added.id)
    assert (article.versions, article.annotations, article.tags) == (2, 1, ("Claim",))


def test_the_same_text_twice_adds_nothing(tmp_path, store):
    path = write(tmp_path, "a.txt", FIRST)
    copy = write(tmp_path, "copy/a.txt", FIRST)
    report = add_paths(store, [path, copy])
    assert len(report.added) == 1 and len(report.present) == 1
    again = add_paths(store, [tmp_path])
    assert again.added == [] and len(again.present) == 2
    assert store.library.count() == 1


def test_a_file_put_back_to_an_earlier_text_shows_that_version_again(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    add_paths(store, [path])
    write(tmp_path, "bridge.txt", EDITED)
    add_paths(store, [path])
    write(tmp_path, "bridge.txt", FIRST)
    (present,) = add_paths(store, [path]).present
    first = store.library.versions(present.id)[0]
    assert store.library.current_version(present.id) == first.id
    assert store.library.article(present.id).words == len(FIRST.split())


def test_an_article_whose_file_is_gone_opens_from_the_kept_text(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    (added,) = add_paths(store, [path]).added
    annotate(store, path, "Critics")
    path.unlink()
    opened = open_article(store, added.id)
    assert opened.document.text == FIRST and "does not exist" in opened.notice
    session = AnnotationSession(opened.document, store)
    assert [a.exact for a in session.annotations] == ["Critics"]


def test_keep_on_open_records_the_sessions_reanchoring(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    add_paths(store, [path])
    annotate(store, path, "Critics")
    write(tmp_path, "bridge.txt", EDITED)
    document = load_document(path)
    session = AnnotationSession(document, store)  # the window re-anchors on open
    result = keep(store, document, opened=True, reanchored=session.restored.report,
                  earlier=session.restored.earlier.fingerprint)
    assert result.status is Kept.VERSION
    version = store.library.version(result.version)
    assert json.loads(version.reanchored)["exact"] + json.loads(version.reanchored)["moved"] == 1
    assert store.library.article(result.article).opened


def test_removing_takes_everything_and_undo_restores_every_row(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    keep_too = write(tmp_path, "other.txt", "Other story\n\nNothing to see.\n")
    (added, other) = add_paths(store, [path, keep_too]).added
    first = annotate(store, path, "build a bridge", note="cost?")
    document = load_document(path)
    session = AnnotationSession(document, store)
    second = session.add(document.text.index("Critics"), document.text.index("Critics") + 7,
                         ["Quote"])
    session.link(first.id, second.id, "disputes")
    before = _dump(store)
    command = RemoveArticle(store, added.id)
    command.do()
    assert store.library.article(added.id) is None
    assert store.count() == 0 and store.links(document.fingerprint) == []
    assert [h.article for h in _find(store, "bridge")] == []  # neither text nor quote
    assert store.library.article(other.id) is not None
    command.undo()
    assert _dump(store) == before
    assert {(h.article, h.where) for h in _find(store, "bridge")} == {(added.id, "text"),
                                                                     (added.id, "quote")}
    command.do()  # redo
    assert store.library.article(added.id) is None
    assert store.integrity_ok()


def test_remove_says_what_went_and_refuses_the_article_on_screen(tmp_path, store):
    path = write(tmp_path, "bridge.txt", FIRST)
    (added,) = add_paths(store, [path]).added
    made = annotate(store, path, "Critics")
    fingerprint = store.library.versions(added.id)[0].fingerprint
    with pytest.raises(LecternError, match="on screen"):
        remove_article(store, added.id, open_fingerprint=fingerprint)
    assert store.find([made.id])
    summary = remove_article(store, added.id).summary()
    assert summary == f"Removed “Bridge vote” (article {added.id}) with 1 version, 1 annotation."
    with pytest.raises(LecternError, match="no article"):
        remove_article(store, added.id)


def _find(store, query):
    from lectern.core.library.find import find

    return find(store, query)


def _dump(store):
    db = store._db
    tables = ("articles", "documents", "texts", "annotations", "annotation_tags", "links",
              "hidden_entities", "analyses")
    return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}"))) for t in tables}
