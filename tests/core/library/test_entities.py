"""The library's entities: one per name across articles, curation that sticks through
re-analysis and new articles, undo of every step across processes, suggested merges, and
the migration from a store written before the entity index."""

from __future__ import annotations

import sqlite3

import pytest
from entity_helpers import LATER, OTHER, SEED, build_library, by_name, names
from library_helpers import write

from lectern.core.document import Document
from lectern.core.errors import LecternError
from lectern.core.extract import analyze
from lectern.core.library import analyses, curation
from lectern.core.library.adding import add_paths
from lectern.core.library.curation_apply import apply_curation, curation_for
from lectern.core.library.entities import entity_profile, list_entities, sentence_around
from lectern.core.library.entity_index import catch_up, ensure_index
from lectern.core.library.entity_names import initials, normalise
from lectern.core.library.entity_suggestions import suggestions
from lectern.core.library.removal import remove_article
from lectern.core.store import AnnotationStore
from lectern.core.store.entity_schema import ENTITY_MIGRATION
from lectern.core.store.schema import MIGRATIONS


def test_names_normalise_case_stops_articles_and_titles():
    assert normalise("The U.S.") == normalise("US") == "us"
    assert normalise("Dr. Teymur Musayev's") == "teymur musayev"
    assert initials("united states") == "us" and initials("musayev") == ""


def test_one_entity_per_name_across_the_seed_and_its_copies(tmp_path, store):
    ids = build_library(tmp_path, store)
    musayev = by_name(store, "Teymur Musayev", "PERSON")
    # Every copy names him; the other article only as "Musayev": the alias finds him.
    assert set(musayev.article_ids) == set(ids.values())
    assert "Musayev" in musayev.aliases
    assert musayev.mentions == 3 + 3 + 3 + 1
    assert musayev.first_seen and musayev.first_seen <= musayev.last_seen
    profile = entity_profile(store, musayev.id)
    assert profile is not None
    assert {m.article for m in profile.mentions} == set(ids.values())
    assert "Economy Minister" in " ".join(profile.roles.values())
    assert any("double within five years" in text for *_, text in profile.quotes)
    assert any("8 percent" in text for *_, text in profile.figures)
    tamm = by_name(store, "Kadri Tamm")
    assert set(tamm.article_ids) == {ids["seed"], ids["edited"]}  # the shorter copy cut him


def test_a_mention_lists_its_sentence(tmp_path, store):
    build_library(tmp_path, store)
    profile = entity_profile(store, by_name(store, "Kadri Tamm").id)
    assert profile is not None
    first = profile.mentions[0]
    text = store.library.text(first.version) or ""
    sentence = sentence_around(text, first.start, first.end)
    assert sentence.startswith("Kadri Tamm, who leads") and sentence.endswith("productive.")


def test_merge_moves_names_and_lands_a_new_article_in_the_survivor(tmp_path, store):
    ids = build_library(tmp_path, store)
    usa = by_name(store, "United States", "GPE")
    baku = by_name(store, "Baku", "GPE")
    step = curation.merge(store, usa.id, baku.id)
    assert "Baku" in step.summary and str(baku.id) in step.summary
    merged = by_name(store, "United States")
    assert merged.id == usa.id and "Baku" in merged.aliases and "Baku" not in names(store)
    assert set(merged.article_ids) == set(usa.article_ids) | set(baku.article_ids)
    # A new article naming Baku lands in the merged entity (the name resolves there now).
    later = add_paths(store, [write(tmp_path, "later.txt", "Ships\n\nBaku sent ships.\n")])
    ensure_index(store)
    assert later.added[0].id in by_name(store, "United States").article_ids
    assert ids  # the library is the one built above


def test_curation_survives_reanalysis_by_a_new_analyser(tmp_path, store, monkeypatch):
    build_library(tmp_path, store)
    musayev = by_name(store, "Teymur Musayev")
    caspian = by_name(store, "Caspian")
    curation.rename(store, musayev.id, "Teymur Musayev (minister)")
    curation.reject(store, caspian.id)
    curation.retype(store, by_name(store, "Ministry of Economy").id, "GPE")
    kask = by_name(store, "Mart Kask")
    curation.merge(store, kask.id, by_name(store, "Kadri Tamm").id)  # a longer name, merged
    # The analyser changes: every analysis is pending again and is run once more.
    monkeypatch.setattr(analyses, "analyser_version", lambda: "builtin:changed")
    assert analyses.pending(store)
    ensure_index(store)
    assert not analyses.pending(store)
    renamed = by_name(store, "Teymur Musayev (minister)")
    assert renamed.id == musayev.id and renamed.articles == musayev.articles
    assert "Caspian" not in names(store)
    assert by_name(store, "Ministry of Economy").label == "GPE"
    assert by_name(store, "Mart Kask").id == kask.id and "Kadri Tamm" not in names(store)


def test_every_step_is_undone_in_turn_from_another_process(tmp_path):
    path = tmp_path / "store.sqlite3"
    with AnnotationStore.open(path) as store:
        build_library(tmp_path, store)
        before = [e.to_json() for e in list_entities(store, with_articles=True)]
        musayev, tamm = by_name(store, "Teymur Musayev"), by_name(store, "Kadri Tamm")
        seed = musayev.article_ids[0]
        text = store.library.text(store.library.current_version(seed) or 0) or ""
        where = text.index("Azerbaijani Economy Minister")
        steps = [curation.merge(store, musayev.id, tamm.id),
                 curation.split(store, musayev.id),
                 curation.rename(store, tamm.id, "K. Tamm"),
                 curation.retype(store, tamm.id, "ORG"),
                 curation.reject(store, tamm.id),
                 curation.add_mention(store, musayev.id, seed, where, where + 12),
                 curation.dismiss_suggestion(store, musayev.id, tamm.id)]
        assert by_name(store, "Teymur Musayev").mentions == musayev.mentions + 1
    for step in reversed(steps):
        with AnnotationStore.open(path) as other:  # a later `entity undo`, its own process
            undone = curation.undo(other)
        assert undone.summary == f"Undid: {step.summary}"
    with AnnotationStore.open(path) as store:
        assert [e.to_json() for e in list_entities(store, with_articles=True)] == before
        assert not store.entities.curation.dismissed()
        with pytest.raises(LecternError, match="no curation step"):
            curation.undo(store)


def test_split_brings_back_the_merged_entity_under_its_id(tmp_path, store):
    build_library(tmp_path, store)
    musayev, tamm = by_name(store, "Teymur Musayev"), by_name(store, "Kadri Tamm")
    curation.merge(store, musayev.id, tamm.id)
    with pytest.raises(LecternError, match="merged into"):
        curation.rename(store, tamm.id, "x")
    step = curation.split(store, musayev.id)
    assert "Kadri Tamm" in step.summary
    assert by_name(store, "Kadri Tamm").id == tamm.id
    assert by_name(store, "Kadri Tamm").articles == tamm.articles
    assert "Kadri Tamm" not in by_name(store, "Teymur Musayev").aliases
    with pytest.raises(LecternError, match="never merged"):
        curation.split(store, musayev.id)
    step = curation.split(store, musayev.id, ["Musayev"])  # the surname alone goes
    assert by_name(store, "Teymur Musayev").articles == 3  # the copies still name him
    assert "Musayev" in names(store) and step.entities[-1] == by_name(store, "Musayev").id


def test_bad_curation_is_refused_in_words(tmp_path, store):
    build_library(tmp_path, store)
    musayev = by_name(store, "Teymur Musayev")
    for attempt, message in ((lambda: curation.merge(store, musayev.id, musayev.id), "itself"),
                             (lambda: curation.retype(store, musayev.id, "DATE"), "not a type"),
                             (lambda: curation.rename(store, 9999, "x"), "no entity 9999"),
                             (lambda: curation.add_mention(store, musayev.id, 1, 5, 2),
                              "not a passage"),
                             (lambda: curation.add_mention_in_text(store, musayev.id, "f0",
                                                                   0, 4), "not in the library")):
        with pytest.raises(LecternError, match=message):
            attempt()
    assert store.entities.curation.steps() == 0


def test_the_article_panel_gets_the_same_curation(tmp_path, store):
    build_library(tmp_path, store)
    document = Document.from_text(SEED, source=tmp_path / "seed.txt")
    raw = analyze(document)
    assert apply_curation(raw, curation_for(store, raw), SEED) is raw  # nothing curated yet
    musayev, usa = by_name(store, "Teymur Musayev"), by_name(store, "United States")
    curation.merge(store, musayev.id, usa.id)
    curation.rename(store, musayev.id, "T. Musayev")
    curation.reject(store, by_name(store, "Kadri Tamm").id)
    curated = apply_curation(raw, curation_for(store, raw), SEED)
    shown = {e.name: e for e in curated.entities}
    assert "Kadri Tamm" not in shown and "United States" not in shown
    person = shown["T. Musayev"]
    assert len(person.mentions) == 4  # three of his own, one of the merged "U.S."
    assert [m.start for m in person.mentions] == sorted(m.start for m in person.mentions)
    tamm_quote = next(q for q in curated.quotes if "open for business" in q.text)
    assert tamm_quote.speaker is None and tamm_quote.speaker_name  # the words stay his
    assert {e.name for e in raw.entities} >= {"Kadri Tamm", "United States"}  # raw untouched


def test_suggestions_are_blocked_scored_and_dismissed_for_good(tmp_path, store):
    build_library(tmp_path, store)
    add_paths(store, [write(tmp_path, "eu.txt", "Brussels\n\nThe European Commission met. "
                            "Officials of the EC said the Commission would act. Teymur "
                            "Musaev spoke.\n"),
                      write(tmp_path, "nato.txt", "Vote\n\nNATO said the North Atlantic "
                            "Treaty Organization would meet.\n")])
    ensure_index(store)
    found = {(s.keep.name, s.other.name): s for s in suggestions(store)}
    assert ("Teymur Musayev", "Teymur Musaev") in found
    abbreviation = [s for s in found.values() if s.reason == "abbreviation"]
    assert "EC" in by_name(store, "European Commission").aliases  # grouped by the analysis
    assert any({s.keep.name, s.other.name} == {"North Atlantic Treaty Organization", "NATO"}
               for s in abbreviation), list(found)
    spelling = found[("Teymur Musayev", "Teymur Musaev")]
    curation.dismiss_suggestion(store, spelling.keep.id, spelling.other.id)
    assert ("Teymur Musayev", "Teymur Musaev") not in {(s.keep.name, s.other.name)
                                                        for s in suggestions(store)}
    pick = abbreviation[0]
    curation.merge(store, pick.keep.id, pick.other.id)  # accepting is merging
    assert pick.other.name in by_name(store, pick.keep.name).aliases


def test_removing_and_restoring_an_article_follows_the_index(tmp_path, store):
    ids = build_library(tmp_path, store)
    removal = remove_article(store, ids["other"])
    catch_up(store)
    assert ids["other"] not in by_name(store, "Teymur Musayev").article_ids
    assert "Mart Kask" not in names(store)
    store.library.removal.restore(removal.snapshot)
    catch_up(store)
    assert ids["other"] in by_name(store, "Teymur Musayev").article_ids


def test_a_new_version_replaces_the_articles_rows(tmp_path, store):
    path = write(tmp_path, "later.txt", LATER)
    add_paths(store, [path])
    ensure_index(store)
    assert "Kadri Tamm" in names(store)
    write(tmp_path, "later.txt", LATER.replace("Kadri Tamm welcomed them.", ""))
    add_paths(store, [path])
    ensure_index(store)
    assert "Kadri Tamm" not in names(store) and "Mart Kask" in names(store)
    assert by_name(store, "Mart Kask").articles == 1


def test_the_migration_from_a_store_before_the_index_keeps_annotations(tmp_path):
    path = tmp_path / "store.sqlite3"
    db = sqlite3.connect(path)
    before = MIGRATIONS[:MIGRATIONS.index(ENTITY_MIGRATION)]
    for script in before:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {len(before)}")
    db.execute("INSERT INTO documents (fingerprint, path, title, opened) VALUES "
               "('f1', '/x/a.txt', 'A', '2024-01-01')")
    db.execute("INSERT INTO articles (title, path, current) VALUES ('A', '/x/a.txt', 1)")
    db.execute("INSERT INTO annotations (id, fingerprint, start, \"end\", exact, prefix, "
               "suffix, tags, note, created, modified, status) VALUES ('n1', 'f1', 0, 4, "
               "'Word', '', '', '[\"Claim\"]', 'kept', '2024', '2024', 'anchored')")
    db.commit()
    db.close()
    with AnnotationStore.open(path) as store:
        assert store.count() == 1 and store.annotations("f1")[0].note == "kept"
        assert list_entities(store) == []
        add_paths(store, [write(tmp_path, "other.txt", OTHER)])
        ensure_index(store)
        assert "Mart Kask" in names(store) and store.integrity_ok()
