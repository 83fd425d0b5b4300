"""Round trips through every format Lectern reads back: random texts with annotations of one
or several fragments, tags, notes and links come back exact."""

from __future__ import annotations

import tempfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.core.annotations import Annotation
from lectern.core.document import Document
from lectern.core.formats.exchange import Format, anchor_file, export_annotations
from lectern.core.links import Link

WORDS = st.sampled_from(["Ana", "Porto", "😀", "café", "e\u0301", "North", "river", "12%"])
ROUND_TRIPS = (Format.W3C, Format.BRAT, Format.DOCCANO, Format.LABELSTUDIO, Format.QDPX)


@st.composite
def articles(draw):
    lines = draw(st.lists(st.lists(WORDS, min_size=2, max_size=8).map(" ".join),
                          min_size=1, max_size=4))
    text = "\n".join(lines) + "\n"
    words = []  # (start, end) of each word, never across a line break
    position = 0
    for line in lines:
        for word in line.split(" "):
            words.append((position, position + len(word)))
            position += len(word) + 1
    annotations = []
    used: set[int] = set()
    for _ in range(draw(st.integers(1, 4))):
        picked = sorted(draw(st.sets(st.sampled_from(range(len(words))), min_size=1,
                                     max_size=3)))
        if used & set(picked):
            continue
        used |= set(picked)
        pieces = [words[i] for i in picked]
        tags = draw(st.lists(st.sampled_from(["Person", "Place", "Claim"]), unique=True,
                             max_size=2))
        note = draw(st.sampled_from(["", "A note", "two\nlines"]))
        annotations.append(Annotation.from_fragments(text, pieces, tags, note))
    links = [Link(a.id, b.id, "Near") for a, b in pairwise(annotations)]
    return text, annotations, links


def key(a: Annotation) -> tuple[object, ...]:
    return a.start, a.end, a.fragments, a.tags, a.note


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(ROUND_TRIPS))
def test_a_round_trip_keeps_spans_fragments_tags_notes_and_links(sample, fmt):
    text, annotations, links = sample
    with tempfile.TemporaryDirectory() as folder:
        document = Document.from_text(text, source=Path(folder) / "article.txt")
        out = Path(folder) / ("out.ann" if fmt is Format.BRAT else "out.data")
        export_annotations(fmt, out, document, annotations, links)
        anchored = anchor_file(out, document)
    assert sorted(map(key, anchored.annotations)) == sorted(map(key, annotations))
    by_key = {key(a): a.id for a in annotations}
    ids = {a.id: by_key[key(a)] for a in anchored.annotations}
    assert sorted((ids[k.source], ids[k.target], k.label) for k in anchored.links) == \
        sorted((k.source, k.target, k.label) for k in links)
