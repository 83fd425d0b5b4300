"""Two instances on one store keep each other's tags; every store failure is a LecternError."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.settings import Settings
from lectern.core.store import AnnotationStore
from lectern.core.tags import TagScheme

TEXT = "Tallinn and Tbilisi signed a trade deal worth 3 million euros on Monday."


@pytest.fixture
def two(app_paths):
    first = AnnotationStore.open(app_paths.store_file)
    second = AnnotationStore.open(app_paths.store_file)
    yield first, second
    first.close()
    second.close()


def session_on(store: AnnotationStore) -> AnnotationSession:
    return AnnotationSession(Document.from_text(TEXT), store)


def stored_names(store: AnnotationStore) -> list[str]:
    return [tag.name for tag in store.tag_scheme()]


def test_two_instances_adding_different_tags_keep_both(two):
    first, second = two
    a, b = session_on(first), session_on(second)
    a.add_scheme_tag("Alpha")
    b.add_scheme_tag("Beta")
    assert stored_names(first)[-2:] == ["Alpha", "Beta"]
    b.recolour_tag("Place", "#010203")  # an edit of another tag does not drop Alpha
    a.rename_tag("Person", "Human")
    scheme = TagScheme(first.tag_scheme())  # still a valid scheme
    assert {"Alpha", "Beta", "Human"} <= set(scheme.names) and "Person" not in scheme
    assert scheme.get("Place").colour == "#010203"
    session_on(second).delete_tag("Alpha")  # a fresh session sees it; only it goes
    assert "Alpha" not in stored_names(first) and "Beta" in stored_names(first)


def test_the_same_key_set_in_both_instances_goes_to_the_latest(two):
    first, second = two
    a, b = session_on(first), session_on(second)
    a.add_scheme_tag("Alpha", shortcut="x")
    b.add_scheme_tag("Beta", shortcut="x")
    scheme = TagScheme(second.tag_scheme())
    assert scheme.get("Beta").shortcut == "x" and scheme.get("Alpha").shortcut is None


def test_undoing_a_tag_delete_puts_it_back_in_its_place(app_paths):
    with AnnotationStore.open(app_paths.store_file) as store:
        session = session_on(store)
        names = stored_names(store)
        session.delete_tag(names[1])
        session.undo()
        assert stored_names(store) == names == session.scheme.names


READS = {
    "annotations": lambda s: s.annotations("fp"),
    "document": lambda s: s.document("fp"),
    "documents": lambda s: s.documents(),
    "count": lambda s: s.count(),
    "locate": lambda s: s.locate(["x"]),
    "tagged": lambda s: s.tagged("Place"),
    "search": lambda s: s.search(text="x"),
    "tag_scheme": lambda s: s.tag_scheme(),
    "tag_use_count": lambda s: s.tag_use_count("Place"),
    "hidden_entities": lambda s: s.hidden_entities("fp"),
    "setting": lambda s: s.setting("k"),
}


@pytest.mark.parametrize("read", list(READS))
def test_a_failed_read_is_a_lectern_error(app_paths, read):
    store = AnnotationStore.open(app_paths.store_file)
    store._db.close()  # every statement now fails with sqlite3.ProgrammingError
    with pytest.raises(LecternError, match="could not be read"):
        READS[read](store)


def test_a_store_folder_that_cannot_be_made_is_a_lectern_error(tmp_path):
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(LecternError, match="cannot be made"):
        AnnotationStore.open(tmp_path / "file" / "store.sqlite3")


def test_a_damaged_settings_file_that_cannot_be_moved_is_ignored(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.write_text("{damaged", encoding="utf-8")

    def refuse(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    assert Settings(path).reading_size == 13.0


def test_search_bounds_with_offsets_are_compared_as_instants(app_paths):
    with AnnotationStore.open(app_paths.store_file) as store:
        a = Annotation(start=0, end=7, exact="Tallinn", created="2026-01-31T10:00:00.000Z")
        store.apply([("fp", a)])

        def found(**bounds) -> bool:
            return [hit.annotation.id for hit in store.search(**bounds)] == [a.id]

        assert found(created_from="2026-01-31T11:30:00+02:00")  # 09:30Z
        assert not found(created_to="2026-01-31T11:30:00+02:00")
        assert found(created_from="2026-01-31T10:00:00Z", created_to="2026-01-31T10:00Z")
        assert found(created_from="2026-01-31", created_to="2026-01-31")
        with pytest.raises(LecternError, match="created_from"):
            store.search(created_from="last week")
