"""Full-text search across the library: phrases, prefixes, accents, AND / OR / NOT, and hit
offsets that are exact code points into the stored text, with emoji and astral characters
before the hit."""

from __future__ import annotations

import pytest
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.errors import LecternError
from lectern.core.library.adding import add_paths
from lectern.core.library.find import find

SEED = ("Ties in health\n\nMusayev spoke within the Organization of Turkic States. "
        "The pharmaceutical industry grows.\n")
ASTRAL = ("Emoji first\n\n👩‍🔬😀 𝐀𝐁 ﬁ e\u0301 — then Tamás József Torma met the "
          "Turkic, States delegation.\n")
OTHER = "Port deal\n\nThe port of Tallinn signed a deal. Pharmacies were not part of it.\n"


@pytest.fixture
def library(tmp_path, store):
    for name, text in (("seed.txt", SEED), ("astral.txt", ASTRAL), ("other.md", OTHER)):
        write(tmp_path / "articles", name, text)
    report = add_paths(store, [tmp_path / "articles"])
    assert len(report.added) == 3
    return tmp_path / "articles"


def texts(store, query):
    return {h.title: h for h in find(store, query) if h.where == "text"}


def stored_text(store, hit):
    return store.library.text(store.library.current_version(hit.article))


def test_a_phrase_hit_covers_the_whole_phrase_exactly(store, library):
    hits = texts(store, '"Turkic States"')
    assert set(hits) == {"Ties in health", "Emoji first"}
    for hit in hits.values():
        assert stored_text(store, hit)[hit.start:hit.end] in ("Turkic States", "Turkic, States")
        assert "**Turkic" in hit.snippet


def test_offsets_count_code_points_past_emoji_astral_letters_and_combining_marks(store,
                                                                                 library):
    (hit,) = texts(store, "tamas").values()
    text = stored_text(store, hit)
    assert text[hit.start:hit.end] == "Tamás"
    assert text.index("Tamás") == hit.start
    assert load_document(library / "astral.txt").text[hit.start:hit.end] == "Tamás"


def test_accents_and_case_are_ignored_both_ways(store, library):
    assert set(texts(store, "JOZSEF")) == {"Emoji first"}
    assert set(texts(store, "tamás")) == {"Emoji first"}


def test_a_prefix_finds_every_word_it_starts(store, library):
    hits = texts(store, "pharma*")
    assert set(hits) == {"Ties in health", "Port deal"}
    assert stored_text(store, hits["Port deal"])[hits["Port deal"].start:
                                                 hits["Port deal"].end] == "Pharmacies"


def test_and_or_not(store, library):
    assert set(texts(store, "Turkic AND pharmaceutical")) == {"Ties in health"}
    assert set(texts(store, "Tallinn OR Musayev")) == {"Port deal", "Ties in health"}
    assert set(texts(store, "Turkic NOT Musayev")) == {"Emoji first"}


def test_punctuation_in_a_query_searches_its_words(store, library):
    assert set(texts(store, "Turkic,States")) == {"Ties in health", "Emoji first"}
    with pytest.raises(LecternError, match="needs a word"):
        find(store, "NOT Tallinn")
    with pytest.raises(LecternError, match="Type a word"):
        find(store, "— …")


def test_a_query_that_matches_nothing_finds_nothing(store, library):
    assert find(store, '"Turkic Tallinn"') == []


def test_quotes_notes_and_tags_are_found_with_their_annotation_span(store, library):
    document = load_document(library / "other.md")
    session = AnnotationSession(document, store)
    start = document.text.index("port of Tallinn")
    made = session.add(start, start + 15, ["Claim"], note="Check the Estonian register")
    by_where = {}
    for query in ("tallinn", "estonian"):
        (hit,) = [h for h in find(store, query) if h.annotation == made.id]
        by_where[hit.where] = hit
        assert (hit.start, hit.end) == (made.start, made.end)
    assert set(by_where) == {"quote", "note"}
    assert "**Tallinn**" in by_where["quote"].snippet
    assert "**Estonian**" in by_where["note"].snippet
    (tag_hit,) = [h for h in find(store, "claim") if h.annotation == made.id]
    assert tag_hit.where == "tag" and tag_hit.snippet == "Tags: **Claim**"


def test_a_new_version_replaces_the_old_text_in_the_index(store, library):
    write(library, "other.md", "Port deal\n\nThe port of Riga signed a deal instead.\n")
    add_paths(store, [library / "other.md"])
    assert "Port deal" not in texts(store, "Tallinn")
    assert set(texts(store, "Riga")) == {"Port deal"}
