"""What an export cannot keep of the annotations and links it is given, said in one line
each: the links a format has no place for, what brat's rules change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lectern.core.annotations import Annotation
from lectern.core.links import Link
from lectern.core.readouts.wording import count

if TYPE_CHECKING:
    from lectern.core.formats.brat import BratExport


def brat_changes(export: BratExport) -> list[str]:
    """What brat's rules change, said once each."""
    said = []
    if export.renamed:
        shown = ", ".join(f"“{tag}” as “{label}”" for tag, label in export.renamed[:3])
        more = f" and {len(export.renamed) - 3} more" if len(export.renamed) > 3 else ""
        said.append(f"brat types hold no spaces: written {shown}{more}.")
    if export.shared_spans:
        said.append(f"{count(export.shared_spans, 'annotation')} on the very words of another: "
                    "read back from brat, annotations of one span are one, with all their "
                    "tags.")
    return said


def joined_links(annotations: Sequence[Annotation], links: Sequence[Link]) -> list[Link]:
    """The links both of whose annotations a span format writes (placed, not empty)."""
    placed = {a.id for a in annotations if not a.is_orphan and a.end > a.start}
    return [link for link in links if link.source in placed and link.target in placed]


def link_losses(format_name: str, annotations: Sequence[Annotation],
                 links: Sequence[Link], *, keeps_notes: bool) -> list[str]:
    """What doccano, Label Studio and REFI-QDA cannot keep of the links: those to an
    annotation left out, and what a link says beyond its label."""
    joined = joined_links(annotations, links)
    said = dropped_links(len(links) - len(joined))
    kept_notes = keeps_notes  # a QDA link has a description; doccano's and Label Studio's not
    lost = [link for link in joined if link.event or (link.note and not kept_notes)]
    if lost:
        what = "event grouping" if kept_notes else "notes and event grouping"
        said.append(f"{format_name} keeps a link's label only: the {what} of "
                    f"{count(len(lost), 'link')} {'is' if len(lost) == 1 else 'are'} not in "
                    "the file.")
    return said


def dropped_links(dropped: int, why: str = "") -> list[str]:
    if not dropped:
        return []
    why = why or "an annotation it joins is not in the file"
    return [f"{count(dropped, 'link')} left out ({why})."]
