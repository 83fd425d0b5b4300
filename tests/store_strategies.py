"""Hypothesis strategies shared by store and command tests: awkward texts and annotation sets."""

from __future__ import annotations

from hypothesis import strategies as st

from core.annotations import AnchorStatus, Annotation, new_id

# Emoji (astral), combining marks, NBSP, tabs, CJK, RTL and plain letters.
AWKWARD = "ab \n\t\u00a0é\u0301😀👩‍🔬中文עב\u200b\"'<>&"

texts = st.text(alphabet=st.sampled_from(list(AWKWARD)) | st.characters(
    blacklist_categories=("Cs",)), min_size=1, max_size=300)
tag_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=12).map(str.strip).filter(bool)
timestamps = st.datetimes().map(lambda d: d.isoformat(timespec="milliseconds") + "Z")


@st.composite
def annotations_on(draw: st.DrawFn, text: str, max_size: int = 20) -> list[Annotation]:
    """Random annotations over spans of ``text`` (overlapping, nested, orphaned)."""
    made = []
    for _ in range(draw(st.integers(0, max_size))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        base = Annotation.from_span(text, start, end, draw(st.lists(tag_names, max_size=4)),
                                    draw(st.text(max_size=40)))
        created = draw(timestamps)
        made.append(base.with_changes(id=new_id(), created=created,
                                      modified=draw(st.sampled_from([created, draw(timestamps)])),
                                      status=draw(st.sampled_from(list(AnchorStatus)))))
    return made
