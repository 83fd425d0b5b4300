"""A small library for the reports' and the ledger's tests: three articles sharing one
quotation (in full, cut to its first sentence, credited to another speaker), unnamed
credits, and tagged annotations that overlap or share a paragraph. Written for Lectern."""

from __future__ import annotations

from pathlib import Path

from library_helpers import write

from lectern.core.annotations import Annotation
from lectern.core.library.adding import add_paths
from lectern.core.library.analyses import run_pending
from lectern.core.store import AnnotationStore

QUOTE = "We will not let the port fall behind its neighbours."
FULL = QUOTE + " Every berth will be rebuilt by 2026."
FIRST = (
    "Port deal signed in Baku\n\n"
    "BAKU, March 1, 2024 (Harbour Post) - The harbour authority chief Teymur Musayev spoke to "
    f'reporters on Monday morning. "{FULL}" Musayev said.\n\n'
    '"The dredging contract is still under review by the ministry," officials said on '
    "Tuesday.\n")
SECOND = (
    "Harbour rebuild promised\n\n"
    "BAKU, March 3, 2024 (Coastal Daily) - Shipping firms gathered at the terminal.\n\n"
    f'"{QUOTE}" said Teymur Musayev, the authority chief, at a briefing.\n\n'
    "The firms welcomed the plan but asked for dates.\n")
THIRD = (
    "Minister backs port plan\n\n"
    "BAKU, March 5, 2024 (Harbour Post) - The transport minister Nadia Orlova visited the "
    f'docks on Friday. "{FULL}" Orlova said.\n\n'
    'A source close to the ministry said "the budget has not been approved yet by the '
    'cabinet".\n')


def build(folder: Path, store_file: Path | None = None, analyse: bool = True
          ) -> tuple[AnnotationStore, dict[str, int]]:
    """The store and the article id of each text (first, second, third)."""
    paths = [write(folder / "articles", f"{name}.txt", text)
             for name, text in (("first", FIRST), ("second", SECOND), ("third", THIRD))]
    store = AnnotationStore.open(store_file or folder / "store.sqlite3")
    add_paths(store, paths)
    if analyse:
        run_pending(store)
    ids = {a.title.split()[0]: a.id for a in store.library.articles()}
    return store, {"first": ids["Port"], "second": ids["Harbour"], "third": ids["Minister"]}


def tag(store: AnnotationStore, article: int, spans: list[tuple[str, list[str]]]) -> None:
    """Annotate the article's text: each phrase (its first occurrence) with its tags."""
    version = store.library.current_version(article)
    assert version is not None
    text = store.library.text(version) or ""
    fingerprint = store.library.version(version).fingerprint  # type: ignore[union-attr]
    puts = []
    for phrase, tags in spans:
        start = text.index(phrase)
        puts.append((fingerprint, Annotation.from_span(text, start, start + len(phrase),
                                                       tuple(tags), "")))
    store.apply(puts)


def tag_overlapping(store: AnnotationStore, ids: dict[str, int]) -> None:
    """Tagged annotations that overlap and share paragraphs, in two articles."""
    tag(store, ids["first"], [("harbour authority chief", ["Person"]),
                              ("authority chief Teymur Musayev", ["Claim", "Person"]),
                              ("Every berth", ["Figure"]),
                              ("dredging contract", ["Claim"])])
    tag(store, ids["third"], [("transport minister", ["Person"])])
