"""The reader's entity curation comes back with the articles when a store is recovered: a
rename, a rejection, a merge and a mention added by hand, keyed by the same entity ids, the
added mention in its article under that article's id here."""

from __future__ import annotations

from entity_helpers import build_library, by_name, names

from lectern.core.library import curation
from lectern.core.library.entity_index import ensure_index
from lectern.core.store import AnnotationStore


def curated(tmp_path):
    """A store whose entities were curated; returns its path and what was done."""
    path = tmp_path / "old.sqlite3"
    with AnnotationStore.open(path) as store:
        ids = build_library(tmp_path / "articles", store)
        musayev, tamm = by_name(store, "Teymur Musayev"), by_name(store, "Kadri Tamm")
        text = store.library.text(store.library.current_version(ids["seed"]) or 0) or ""
        where = text.index("Azerbaijani Economy Minister")
        curation.rename(store, musayev.id, "Teymur Musayev (minister)")
        curation.reject(store, by_name(store, "Caspian").id)
        curation.merge(store, by_name(store, "Mart Kask").id, tamm.id)
        curation.add_mention(store, musayev.id, ids["seed"], where, where + 12)
        done = {"musayev": by_name(store, "Teymur Musayev (minister)"),
                "kask": by_name(store, "Mart Kask")}
    return path, done


def test_a_recovered_store_keeps_the_curation_under_the_same_ids(tmp_path):
    damaged, done = curated(tmp_path)
    with AnnotationStore.open(tmp_path / "fresh.sqlite3") as store:
        report = store.recover_from(damaged)
        assert report.texts == 4 and report.entities > 0
        assert "The curation of" in report.summary()
        ensure_index(store)  # the analyses rebuild the index through the curated names
        musayev = by_name(store, "Teymur Musayev (minister)")
        before = done["musayev"]
        assert (musayev.id, musayev.articles, musayev.mentions) == (
            before.id, before.articles, before.mentions)
        assert "Teymur Musayev" not in names(store) and "Caspian" not in names(store)
        kask = by_name(store, "Mart Kask")
        assert kask.id == done["kask"].id and "Kadri Tamm" in kask.aliases
        seed = next(a.id for a in store.library.articles() if a.path.endswith("seed.txt"))
        ((entity, start, end, _),) = store.entities.added_in(seed)
        text = store.library.text(store.library.current_version(seed) or 0) or ""
        assert entity == musayev.id and text[start:end] == "Azerbaijani "


def test_a_store_with_entities_of_its_own_keeps_them_as_they_are(tmp_path):
    damaged, _ = curated(tmp_path)
    with AnnotationStore.open(tmp_path / "fresh.sqlite3") as store:
        build_library(tmp_path / "other", store)  # indexed here: its own entities
        report = store.recover_from(damaged)
        assert report.entities == 0 and "curation" not in report.summary()
        assert "Teymur Musayev" in names(store)
