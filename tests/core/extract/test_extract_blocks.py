"""The speed machinery of the analysis changes no result: shared anchors, blocks, bucketed sort."""

from __future__ import annotations

import gc
import re
from itertools import pairwise

import pytest

from lectern.core.document import Document
from lectern.core.extract import analyze, pipeline
from lectern.core.extract.anchors import scan_anchors, trie_pattern
from lectern.core.extract.blocks import text_blocks
from lectern.core.extract.collector import (
    DEFERRED_FULL_COLLECTION_THRESHOLD,
    full_collections_deferred,
)
from lectern.core.extract.spans import Candidate, resolve_overlaps
from lectern.core.resources import sample_article

SAMPLE_ARTICLE = sample_article()



def test_trie_pattern_matches_exactly_the_words():
    words = ["week", "weeks", "weekend", "day", "days", "decade"]
    pattern = re.compile(rf"\b{trie_pattern(words)}\b")
    assert [m.group() for m in pattern.finditer("a week, weekends, days; decadent weekend")] == [
        "week",
        "days",
        "weekend",
    ]


def test_anchors_for_dates_and_amounts_in_one_scan():
    text = "In May 2021 about twenty Years ago, may 1.5 people; ELEVEN days"
    dates, amounts = scan_anchors(text, 0, len(text))
    starts = {text.index(word) for word in ("May", "2021", "Years", "days")}
    assert set(dates) == starts | {text.index("1.5")}
    assert set(amounts) == {text.index(w) for w in ("2021", "twenty", "1.5", "ELEVEN")}


def test_blocks_cover_the_text_and_cut_after_a_newline():
    text = ("A line of news text.\n" * 40) + ("One long line. " * 40)
    blocks = text_blocks(text, size=100)
    assert blocks[0][0] == 0 and blocks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(blocks))
    assert all(text[end - 1] in "\n " for _, end in blocks[:-1])


@pytest.mark.parametrize("block_chars", [600, 5_000])
def test_small_blocks_give_the_same_analysis(monkeypatch, block_chars):
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8") * 3
    whole = analyze(Document.from_text(text)).to_json()
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", block_chars)
    assert analyze(Document.from_text(text)).to_json() == whole


def test_overlaps_resolve_the_same_across_sort_buckets():
    far = 40_000  # beyond one sort bucket
    candidates = [
        Candidate(far + 5, far + 9, "CARDINAL"),
        Candidate(far, far + 9, "DATE"),
        Candidate(0, 4, "PERSON"),
        Candidate(0, 4, "ORG"),
    ]
    kept = resolve_overlaps(candidates)
    assert [(c.start, c.label) for c in kept] == [(0, "ORG"), (far, "DATE")]


def test_release_empties_lists_in_chunks():
    items, more = list(range(10_000)), [object()] * 5
    pipeline.release(items, more)
    assert items == [] and more == []


def test_full_collections_are_deferred_only_while_analysing():
    before = gc.get_threshold()
    with full_collections_deferred():
        with full_collections_deferred():  # a cancelled analysis may overlap the next one
            assert gc.get_threshold()[2] == DEFERRED_FULL_COLLECTION_THRESHOLD
        assert gc.get_threshold()[2] == DEFERRED_FULL_COLLECTION_THRESHOLD
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), full_collections_deferred():
        raise ValueError
    assert gc.get_threshold() == before
