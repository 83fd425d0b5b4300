"""Links between annotations: a quotation to its speaker, brat's relations and event arguments.

A link joins two annotations of one article by their ids. ``label`` is the relation type
("Origin", "Speaker") or, for an event argument, the role ("Org1"). Arguments of one brat
event share its ``event`` key and start from the event's trigger annotation, whose tag is
the event type; a plain relation has no ``event``. A link whose annotation is gone (deleted,
or not imported) is kept but not shown, so undoing the deletion brings it back whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from lectern.core.annotations import new_id, utc_now

LINK_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lectern:link")


@dataclass(frozen=True)
class Link:
    """``source`` → ``target`` (annotation ids), with what the link says."""

    source: str
    target: str
    label: str = ""
    event: str = ""  # arguments of one event share this key; "" for a relation
    note: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)

    @property
    def is_argument(self) -> bool:
        return bool(self.event)

    def ends(self) -> tuple[str, str]:
        return self.source, self.target


def stable_link_id(source: str, target: str, label: str, event: str = "") -> str:
    """The id of a link read from a file without ids of ours: the same link read twice
    gets the same id, so importing a file again does not double it."""
    name = "\x1f".join((source, target, label, event))
    return str(uuid.uuid5(LINK_NAMESPACE, name.encode("utf-8", "surrogatepass").decode(
        "utf-8", "replace")))


def remap_links(links: Iterable[Link], ids: Mapping[str, str]) -> list[Link]:
    """``links`` with their ends renamed by ``ids`` (old id → new id); others unchanged."""
    out = []
    for link in links:
        source, target = ids.get(link.source, link.source), ids.get(link.target, link.target)
        if (source, target) != link.ends():
            link = replace(link, source=source, target=target,
                           id=stable_link_id(source, target, link.label, link.event))
        out.append(link)
    return out


def links_between(links: Iterable[Link], ids: Iterable[str]) -> list[Link]:
    """The links both of whose ends are among ``ids``, in a stable order."""
    present = set(ids)
    return sorted((k for k in links if k.source in present and k.target in present),
                  key=lambda k: (k.event, k.source, k.label, k.target, k.id))
