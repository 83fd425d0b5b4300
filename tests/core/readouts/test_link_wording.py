"""Links read from either end, with the other end's quote and the link's label."""

from __future__ import annotations

from lectern.core.annotations import Annotation
from lectern.core.links import Link
from lectern.core.readouts.link_wording import link_lines

TEXT = "“We want Georgian companies to learn from that experience,” Kapanadze said."


def test_a_quotation_and_its_speaker_name_each_other():
    quote = Annotation.from_span(TEXT, 0, 58, ["Quote"])
    speaker = Annotation.from_span(TEXT, 60, 69, ["Person"])
    by_id = {quote.id: quote, speaker.id: speaker}
    links = [Link(quote.id, speaker.id, "speaker")]
    assert link_lines(quote.id, links, by_id.get) == ["→ “Kapanadze” (speaker)"]
    assert link_lines(speaker.id, links, by_id.get) == [
        "← ““We want Georgian companies to learn from that…” (speaker)"]


def test_a_link_to_an_annotation_that_is_gone_is_left_out():
    quote = Annotation.from_span(TEXT, 0, 58)
    assert link_lines(quote.id, [Link(quote.id, "gone")], {quote.id: quote}.get) == []
