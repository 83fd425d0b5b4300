# ruff: noqa: E501  (the articles are written as paragraphs, one line each)
"""A small library for the entity tests: an article, two edited copies of it, another one
naming the same people, all written for these tests."""

from __future__ import annotations

from pathlib import Path

from library_helpers import write

from lectern.core.library.adding import add_paths
from lectern.core.library.entities import LibraryEntity, list_entities
from lectern.core.library.entity_index import ensure_index
from lectern.core.store import AnnotationStore

SEED = """Azerbaijan and Estonia agree to expand trade

BAKU, 14 March 2022 — Teymur Musayev, the Azerbaijani Economy Minister, met Estonian officials in Baku on Monday to discuss new rail links.

"We want trade to double within five years," Musayev said after the meeting. Musayev said exports to Estonia rose 8 percent last year.

Trade turnover between the two countries reached $120 million in 2021, up 15 percent on the year before. The U.S. has also shown interest in the route, according to the Ministry of Economy.

Kadri Tamm, who leads the Estonian delegation, said the talks were productive. "The corridor is open for business," Tamm said.
"""
EDITED = SEED.replace("to discuss new rail links", "").replace("said after the meeting",
                                                                 "told reporters")
SHORTER = SEED.split("Kadri Tamm")[0] + "The talks continue in Tallinn in May.\n"
OTHER = """Rail freight grows on the Caspian route

TALLINN, 2 April 2022 — Freight volumes on the Caspian route rose sharply this spring, Musayev said in a statement on Friday.

Officials in the U.S. said they were watching the corridor closely. The head of the port board, Mart Kask, said new cranes would arrive in May.
"""
LATER = """Cranes arrive at the port

Mart Kask said on Tuesday that the U.S. firm had delivered the cranes. Kadri Tamm welcomed them.
"""


def build_library(folder: Path, store: AnnotationStore) -> dict[str, int]:
    """The seed, its two edited copies and another article, added and indexed: article ids
    by name."""
    names = {"seed": SEED, "edited": EDITED, "shorter": SHORTER, "other": OTHER}
    ids: dict[str, int] = {}
    for name, text in names.items():
        report = add_paths(store, [write(folder, f"{name}.txt", text)])
        ids[name] = report.added[0].id
    ensure_index(store)
    return ids


def by_name(store: AnnotationStore, name: str, label: str | None = None) -> LibraryEntity:
    found = [e for e in list_entities(store, label, with_articles=True) if e.name == name]
    assert len(found) == 1, [e.name for e in list_entities(store)]
    return found[0]


def names(store: AnnotationStore) -> set[str]:
    return {e.name for e in list_entities(store)}
