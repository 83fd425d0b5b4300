"""The store never raises a raw exception on strange strings: lone surrogates are refused
by name, and file names that are not UTF-8 are kept as escapes."""

from __future__ import annotations

import pytest

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore
from lectern.core.tags import Tag

TEXT = "Tallinn and Tbilisi signed a trade deal."
LONE = "\ud800"


@pytest.fixture
def store(app_paths):
    with AnnotationStore.open(app_paths.store_file) as opened:
        yield opened


@pytest.mark.parametrize("field", ["exact", "prefix", "suffix", "note", "id", "created",
                                   "modified", "tag"])
def test_a_lone_surrogate_is_refused_naming_the_field(store, field):
    good = Annotation(start=0, end=7, exact="Tallinn")
    value = f"bad{LONE}"
    bad = good.with_changes(tags=[value]) if field == "tag" \
        else good.with_changes(**{field: value})
    with pytest.raises(LecternError, match=f"its {field} holds"):
        store.apply([("fp", good), ("fp", bad)])
    assert store.count() == 0  # all or nothing: the good one went too


def test_a_session_edit_with_a_lone_surrogate_changes_nothing(store):
    session = AnnotationSession(Document.from_text(TEXT), store)
    annotation = session.add(0, 7, ["Place"])
    with pytest.raises(LecternError, match="its note holds"):
        session.set_note(annotation.id, f"note {LONE}")
    assert session.annotations.get(annotation.id).note == ""
    assert store.annotations(session.document.fingerprint)[0].note == ""


def test_a_tag_scheme_with_a_lone_surrogate_is_refused(store):
    with pytest.raises(LecternError, match="not valid Unicode"):
        store.save_tag_scheme([Tag(f"Odd{LONE}", "#123456")])


def test_searching_for_a_lone_surrogate_is_a_lectern_error_or_nothing(store):
    with pytest.raises(LecternError, match="not valid Unicode"):
        store.search(tag=f"x{LONE}")
    assert store.search(text=f"x{LONE}") == []  # words are matched in Python: no error


def test_a_file_name_that_is_not_utf8_is_remembered_as_an_escape(store):
    path = "/news/caf\udce9.txt"  # how Python decodes the Latin-1 name b"caf\xe9.txt"
    store.remember_document("fp", path, f"Title {LONE}")
    (record,) = store.documents_at(path)
    assert record.path == "/news/caf\\udce9.txt" and record.title == "Title \\ud800"
