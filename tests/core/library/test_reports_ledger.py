"""The quotes index, the reports and the quote ledger on a small library built here."""

from __future__ import annotations

import sqlite3

from library_helpers import write
from reports_helpers import FIRST, SECOND, build, tag_overlapping

from lectern.core.library.adding import add_paths
from lectern.core.library.analyses import analyse_text, analyser_version
from lectern.core.library.ledger import (
    ATTRIBUTION,
    TRUNCATED,
    ledger_of,
    quote_ledger,
    same_quotation,
    word_diff,
)
from lectern.core.library.quote_index import bring_up_to_date, normalised_quote
from lectern.core.library.removal import RemoveArticle, remove_article
from lectern.core.library.reports import cooccurrence, sources, tag_frequencies
from lectern.core.library.speakers import speaker_key
from lectern.core.store import AnnotationStore
from lectern.core.store import schema as schema_module
from lectern.core.store.library_rows import pack_text
from lectern.core.store.quotes_schema import QUOTES_MIGRATION


def test_the_ledger_holds_the_shared_quotation_once_with_its_differences(tmp_path):
    store, ids = build(tmp_path)
    with store:
        (entry,) = quote_ledger(store)
        assert entry.text.startswith("We will not let the port") and entry.text.endswith("2026.")
        assert [o.article for o in entry.occurrences] == [ids["first"], ids["second"],
                                                          ids["third"]]  # earliest first
        assert [o.differs for o in entry.occurrences] == [None, TRUNCATED, ATTRIBUTION]
        assert entry.speakers == ("Teymur Musayev", "Nadia Orlova")
        text = store.library.text(store.library.current_version(ids["second"]))
        second = entry.occurrences[1].to_json()
        assert text[second["start"]:second["end"]].startswith('"We will not')
        assert second["speaker"] == "Teymur Musayev"


def test_a_removed_article_leaves_the_ledger_and_comes_back_with_undo(tmp_path):
    store, ids = build(tmp_path)
    with store:
        removal = RemoveArticle(store, ids["third"])
        removal.do()
        (entry,) = quote_ledger(store)
        assert [o.differs for o in entry.occurrences] == [None, TRUNCATED]
        remove_article(store, ids["second"])
        assert quote_ledger(store) == []  # one article left: no entry
        removal.undo()
        (entry,) = quote_ledger(store)
        assert {o.article for o in entry.occurrences} == {ids["first"], ids["third"]}


def test_a_new_version_replaces_its_quotes(tmp_path):
    store, ids = build(tmp_path)
    with store:
        path = store.library.article(ids["second"]).path
        write(tmp_path / "articles", "second.txt", SECOND.replace(
            "We will not let the port fall behind its neighbours.", "Ports are dull."))
        add_paths(store, [path])
        bring_up_to_date(store)
        (entry,) = quote_ledger(store)
        assert ids["second"] not in {o.article for o in entry.occurrences}


def test_sources_count_named_and_unnamed_credits(tmp_path):
    store, _ = build(tmp_path)
    with store:
        found = {s.speaker: s for s in sources(store)}
        assert (found["Teymur Musayev"].quotes, found["Teymur Musayev"].articles) == (2, 2)
        assert found["Teymur Musayev"].named and found["Nadia Orlova"].named
        assert not found["officials"].named and found["officials"].quotes == 1
        assert not found["a source close to"].named


def test_tag_frequencies_and_cooccurrence(tmp_path):
    store, ids = build(tmp_path)
    with store:
        tag_overlapping(store, ids)
        rows = {(r.tag, r.article): r for r in tag_frequencies(store)}
        assert rows[("Person", ids["first"])].count == 2
        assert rows[("Person", ids["first"])].outlet == "Harbour Post"
        assert rows[("Claim", ids["first"])].count == 2
        assert rows[("Person", ids["third"])].count == 1
        pairs = {(c.tag_a, c.tag_b): c.count for c in cooccurrence(store)}
        # overlapping: Person ~ Claim+Person; one paragraph: those two ~ Figure; the dredging
        # Claim is alone in its paragraph; the third article's Person is alone.
        assert pairs == {("Claim", "Person"): 1, ("Person", "Person"): 1,
                         ("Figure", "Person"): 2, ("Claim", "Figure"): 1}


def test_blocking_matches_cut_and_near_quotations_only():
    assert same_quotation(normalised_quote(QUOTE_A), normalised_quote(QUOTE_A[:60]))
    assert same_quotation(normalised_quote(QUOTE_A), normalised_quote(
        QUOTE_A.replace("will not", "won't")))
    assert not same_quotation(normalised_quote(QUOTE_A), normalised_quote(
        "The port will stay open through the winter, the authority says."))
    assert ledger_of([]) == []


QUOTE_A = ("We will not let the port fall behind its neighbours. Every berth will be rebuilt "
           "by 2026.")


def test_word_diff_marks_missing_and_added_words():
    diff = word_diff("We will not let the port fall", "We won't let the port fall")
    assert ("not", "missing") in diff and ("won't", "added") in diff
    assert [w for w, kind in diff if kind == "same"] == ["We", "let", "the", "port", "fall"]


def test_speaker_key_strips_titles_and_joins_a_surname():
    assert speaker_key("Dr. Teymur  Musayev's") == "Teymur Musayev"
    assert speaker_key("Musayev", ["Teymur Musayev", "Nadia Orlova"]) == "Teymur Musayev"
    assert speaker_key("Smith", ["Anna Smith", "Bob Smith"]) == "Smith"  # which one: unsaid


def test_the_migration_from_the_library_schema_keeps_annotations_and_indexes(tmp_path):
    path = tmp_path / "store.sqlite3"
    before = schema_module.MIGRATIONS.index(QUOTES_MIGRATION)
    db = sqlite3.connect(path, isolation_level=None)
    for script in schema_module.MIGRATIONS[:before]:
        for statement in schema_module._statements(script):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {before}")
    db.execute("INSERT INTO articles (id, title, current) VALUES (1, 'Port', 1)")
    db.execute("INSERT INTO documents (id, fingerprint, article_id, length) VALUES "
               "(1, 'f1', 1, ?)", (len(FIRST),))
    for n, part in enumerate(pack_text(FIRST)):
        db.execute("INSERT INTO texts VALUES (1, ?, ?)", (n, part))
    db.execute("INSERT INTO analyses VALUES (1, ?, ?, '')",
               (analyser_version(), analyse_text(FIRST, "Port", "")))
    db.execute("INSERT INTO annotations (id, fingerprint, start, \"end\", exact, prefix, "
               "suffix, tags, note, created, modified, status) VALUES ('a1', 'f1', 0, 4, "
               "'Port', '', '', '[\"Claim\"]', 'kept', '', '', 'ok')")
    db.execute("INSERT INTO annotation_tags VALUES ('Claim', 'a1')")
    db.close()
    with AnnotationStore.open(path) as store:
        assert store.count() == 1 and store.integrity_ok()
        assert sources(store) == []  # the analysis stored before the index: not indexed yet
        bring_up_to_date(store)
        assert [(r.tag, r.count) for r in tag_frequencies(store)] == [("Claim", 1)]
        assert {s.speaker for s in sources(store)} == {"Teymur Musayev", "officials"}


def test_a_surname_alone_counts_with_the_full_name_it_ends(tmp_path):
    store, _ = build(tmp_path)
    with store:
        fourth = write(tmp_path / "articles", "fourth.txt", (
            "Rail link delayed\n\nGANJA, March 9, 2024 (Caspian Wire) - The council met.\n\n"
            '"We will not let the port fall behind its neighbours," Musayev told the council.\n'))
        add_paths(store, [fourth])
        bring_up_to_date(store)
        found = {s.speaker: s for s in sources(store)}
        assert "Musayev" not in found and found["Teymur Musayev"].quotes == 3
        assert found["Teymur Musayev"].articles == 3
        (entry,) = quote_ledger(store)
        assert [o.differs for o in entry.occurrences][-1] == TRUNCATED  # not another speaker
        assert entry.speakers == ("Teymur Musayev", "Nadia Orlova")


def test_the_ledger_and_the_sources_follow_the_entity_curation(tmp_path):
    from lectern.core.library.curation import merge, rename, undo
    from lectern.core.library.entities import list_entities

    store, _ = build(tmp_path)
    with store:
        people = {e.name: e.id for e in list_entities(store, "PERSON")}
        merge(store, people["Teymur Musayev"], people["Nadia Orlova"])  # one speaker, truly
        (entry,) = quote_ledger(store)
        assert ATTRIBUTION not in [o.differs for o in entry.occurrences]
        assert entry.speakers == ("Teymur Musayev",)
        rename(store, people["Teymur Musayev"], "Minister Teymur Musayev")
        assert quote_ledger(store)[0].speakers == ("Minister Teymur Musayev",)
        named = {s.speaker: s.quotes for s in sources(store) if s.named}
        assert "Nadia Orlova" not in named and named["Minister Teymur Musayev"] >= 3
        undo(store)
        undo(store)
        assert quote_ledger(store)[0].speakers == ("Teymur Musayev", "Nadia Orlova")
