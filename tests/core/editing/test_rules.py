"""The rules that decide what an edit does, as tables: a tag key on a selection, the
annotation at the caret, what the tag picker offers."""

from __future__ import annotations

import pytest

from lectern.core.annotations import Annotation, AnnotationSet
from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.tags import Tag, TagScheme

TEXT = "The mayor of Tallinn said the bridge would open in May.\n"


def _set(*spans: tuple[int, int]) -> AnnotationSet:
    return AnnotationSet("fp", [Annotation.from_span(TEXT, s, e) for s, e in spans])


@pytest.mark.parametrize(("spans", "offset", "expected"), [
    ([(4, 9)], 6, (4, 9)),                      # inside
    ([(4, 9)], 9, (4, 9)),                      # the caret just after the last character
    ([(4, 9)], 10, None),                       # one past that: outside
    ([(0, 20), (4, 9)], 6, (4, 9)),             # nested: the innermost
    ([(0, 20), (4, 9)], 12, (0, 20)),           # only the outer one here
    ([(4, 9), (4, 12)], 5, (4, 9)),             # two from one start: the shorter
    ([], 3, None),
])
def test_the_innermost_annotation_at_the_caret(spans, offset, expected):
    found = _set(*spans).innermost_at(offset)
    assert ((found.start, found.end) if found else None) == expected


@pytest.mark.parametrize(("existing", "span", "tag", "expected"), [
    # a new span: a new annotation with the tag
    ([], (4, 9), "Person", [((4, 9), ("Person",))]),
    # the same span again: the tag comes off (a toggle), the annotation stays
    ([((4, 9), ("Person",))], (4, 9), "Person", [((4, 9), ())]),
    # the same span, another tag: it joins the first
    ([((4, 9), ("Person",))], (4, 9), "claim", [((4, 9), ("Person", "Claim"))]),
    # an overlapping but different span: a second annotation
    ([((4, 9), ("Person",))], (4, 20), "Place",
     [((4, 9), ("Person",)), ((4, 20), ("Place",))]),
])
def test_a_tag_on_a_selection_toggles_on_the_same_span_else_adds(existing, span, tag,
                                                                   expected):
    session = AnnotationSession(Document.from_text(TEXT))
    for (start, end), tags in existing:
        session.add(start, end, tags)
    session.tag_span(span, tag)
    assert [((a.start, a.end), a.tags) for a in session.annotations] == expected


def test_a_tag_without_a_selection_toggles_on_the_current_annotation():
    session = AnnotationSession(Document.from_text(TEXT))
    made = session.add(4, 9, ["Person"])
    assert session.tag_span(None, "Claim", made.id).tags == ("Person", "Claim")
    assert session.tag_span(None, "Person", made.id).tags == ("Claim",)
    assert session.tag_span(None, "Person", None) is None  # nothing current: nothing done
    assert len(session.stack) == 3


@pytest.mark.parametrize(("typed", "names", "create"), [
    ("", ["Person", "Place", "Claim"], None),
    ("pl", ["Place"], "pl"),          # a part matches; "pl" itself may still be made
    ("place", ["Place"], None),       # an exact name (ignoring case): nothing to create
    ("  Claim ", ["Claim"], None),
    ("Source", [], "Source"),
    ("p", ["Person", "Place"], "p"),
])
def test_the_tag_picker_offers_matches_and_creates_only_new_names(typed, names, create):
    scheme = TagScheme([Tag("Person", "#111111"), Tag("Place", "#222222"),
                        Tag("Claim", "#333333")])
    matches, to_create = scheme.choices(typed)
    assert ([t.name for t in matches], to_create) == (names, create)


def test_annotating_mentions_is_idempotent_and_tags_what_lacks_the_tag():
    session = AnnotationSession(Document.from_text(TEXT))
    session.add(4, 9, [])  # "mayor" highlighted by hand, untagged
    report = session.annotate_spans([(4, 9), (13, 20)], "Person", "Annotate 'x'")
    assert (report.new, report.tagged, report.already) == (1, 1, 0)
    assert [a.tags for a in session.annotations] == [("Person",), ("Person",)]
    assert len(session.stack) == 2  # the hand highlight, then one Annotate step
    again = session.annotate_spans([(4, 9), (13, 20)], "Person", "Annotate 'x'")
    assert (again.new, again.tagged, again.already) == (0, 0, 2)
    assert len(session.stack) == 2
    session.undo()
    assert [a.tags for a in session.annotations] == [()]
