"""Long articles are marked from their start first: a hit still covers the article's first
match exactly when that match lies past the first part, across its cut, or in it; quotes
and notes found by a prefix are marked in full."""

from __future__ import annotations

import pytest
from library_helpers import write

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.library.adding import add_paths
from lectern.core.library.find import find
from lectern.core.store.library_matching import LEAD_CHARS

FILLER = "Quiet harbour days pass with little news to tell. " * 80  # ~4,000 characters


def article(title: str, at: int, phrase: str) -> str:
    body = FILLER[:at] + " " + phrase + " " + FILLER[at:]
    return f"{title}\n\n{body}\n"


@pytest.fixture
def long_library(tmp_path, store):
    folder = tmp_path / "long"
    late = article("Late", LEAD_CHARS + 500, "Organization of Turkic States")
    across = article("Across", LEAD_CHARS - 12, "Organization of Turkic States")
    early = article("Early", 100, "Organization of Turkic States")
    for name, text in (("late.txt", late), ("across.txt", across), ("early.txt", early)):
        write(folder, name, text)
    add_paths(store, [folder])
    document = load_document(folder / "early.txt")
    start = early.index("Turkic")
    AnnotationSession(document, store).add(start, start + 6, ["Claim"], note="pharmacology?")
    return {"Late": late, "Across": across, "Early": early}


@pytest.mark.parametrize(("query", "word"), [('"Turkic States"', "Turkic"),
                                             ("Turk*", "Turkic"),
                                             ("turkic AND days", "days")])
def test_the_first_match_is_found_wherever_it_lies(store, long_library, query, word):
    hits = {h.title: h for h in find(store, query) if h.where == "text"}
    assert set(hits) == {"Late", "Across", "Early"}
    for title, text in long_library.items():
        hit = hits[title]
        assert hit.start == text.index(word) and text[hit.start:hit.end].startswith(word)
        assert f"**{word}" in hit.snippet


def test_a_prefix_marks_quotes_and_notes(store, long_library):
    (quote,) = [h for h in find(store, "Turki*") if h.where == "quote"]
    assert "**Turkic**" in quote.snippet
    (note,) = [h for h in find(store, "pharmac*") if h.where == "note"]
    assert note.snippet == "**pharmacology**?"
