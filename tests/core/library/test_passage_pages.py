"""The Passages view's list, read a page at a time: the same passages in the same order as
the list read whole, whatever the page size, with its counts from one aggregate; pages go
on past articles into annotations whose text is not in the library."""

from __future__ import annotations

import pytest
from library_helpers import write

from lectern.core.annotations import Annotation
from lectern.core.library.adding import add_paths
from lectern.core.library.passages import PassageList, PassageQuery, passage_list, passages

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
         "sierra", "tango", "uniform", "victor", "whiskey", "xray"]


@pytest.fixture
def many(tmp_path, store):
    folder = tmp_path / "in"
    for n in range(5):
        write(folder, f"a{n}.txt", f"Story {n}\n\n" + " ".join(WORDS[n:] + WORDS[:n]) + ".\n")
    add_paths(store, [folder])
    puts = []
    for article in store.library.articles():
        text = store.library.text(store.library.current_version(article.id))
        for k, word in enumerate(WORDS[:9]):
            start = text.index(word)
            tags = ["Claim"] if k % 3 == 0 else ["Quote", "claim"] if k % 3 == 1 else ["Place"]
            puts.append((article.fingerprint, Annotation.from_span(
                text, start, start + len(word), tags, f"note {k}")))
        # two annotations at one start: the rowid keeps their order from page to page
        puts += [(article.fingerprint, Annotation.from_span(text, 0, end, ["Place"], ""))
                 for end in (5, 3)]
    outside = "A text that was never kept, only annotated through an import."
    for word in ("text", "never", "annotated", "import"):
        start = outside.index(word)
        puts.append(("f" * 64, Annotation.from_span(outside, start, start + len(word),
                                                    ["Claim"], "")))
    store.apply(puts)
    return store


def ids(found):
    return [p.id for p in found]


QUERIES = (PassageQuery(), PassageQuery(tags=("CLAIM",)),
           PassageQuery(tags=("claim", "quote"), all_tags=True),
           PassageQuery(tags=("place", "quote")))


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("page", [1, 3, 7, 200])
def test_pages_give_the_whole_list_in_its_order(many, query, page):
    whole = passages(many, query)
    paged = passage_list(many, query, first_page=page, whole_below=0)
    assert len(paged) == len(whole) and len(whole) > 0
    assert paged.texts == len({p.fingerprint for p in whole})
    assert ids(paged) == ids(whole)


def test_only_what_is_shown_is_read_and_the_end_is_reachable(many):
    paged = passage_list(many, first_page=4)
    assert paged.read == 0  # counted, nothing read yet
    first = paged[0]
    assert paged.read == 4
    assert first.article == max(a.id for a in many.library.articles())  # newest first
    last = paged[len(paged) - 1]
    assert last.article is None and last.exact == "import"  # outside the library, last
    assert paged[-1] is last
    assert [p.exact for p in paged[1:3]] == [p.exact for p in passages(many)[1:3]]
    with pytest.raises(IndexError):
        paged[len(paged)]


def test_an_article_filter_leaves_the_texts_outside_the_library_out(many):
    article = many.library.articles()[-1]
    paged = passage_list(many, PassageQuery(article=article.id), first_page=2)
    assert len(paged) == 11 and {p.article for p in paged} == {article.id}
    assert ids(paged) == ids(passages(many, PassageQuery(article=article.id)))


def test_a_rare_tag_is_read_at_once_by_the_tag_index(many):
    rare = passage_list(many, PassageQuery(tags=("quote",)))
    assert rare.read == len(rare) == 15  # below WHOLE_BELOW: no walk through every text
    assert ids(rare) == ids(passage_list(many, PassageQuery(tags=("quote",)), whole_below=0))


def test_words_are_matched_whole_and_a_read_list_counts_itself(many):
    found = passage_list(many, PassageQuery(words="NOTE 4"))
    assert len(found) == 5 and found.read == 5
    assert PassageList.of([]).texts == 0 and list(PassageList.of([])) == []
