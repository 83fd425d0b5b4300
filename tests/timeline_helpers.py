"""A small library for the timeline and conflict tests: three articles we wrote that share a
dated event, and give the trade figure for 2023 as $48.6 million, as $52.3 million, and as
48,600,000 dollars (the same figure in another unit: no conflict)."""

from __future__ import annotations

from pathlib import Path

from lectern.core.library import analyses
from lectern.core.library.adding import add_paths
from lectern.core.store import AnnotationStore

HARBOUR = """Georgia and Estonia widen trade ties

TBILISI, March 14, 2024 (Lectern Wire) - Georgian Economy Minister Nino Kapanadze met \
Estonian Ambassador Mart Lepik in Tbilisi to review economic ties.

Kapanadze said that bilateral trade reached $48.6 million in 2023, up from $31.2 million \
in 2021.

Diplomatic relations between Georgia and Estonia were established on May 20, 1992.
"""

EDITED = """Estonia and Georgia look at digital trade

TALLINN, March 16, 2024 (Baltic Desk) - Estonian Ambassador Mart Lepik and Georgian \
Economy Minister Nino Kapanadze discussed digital public services.

Officials said bilateral trade reached $52.3 million in 2023.

Diplomatic relations between Georgia and Estonia were established on May 20, 1992, and an \
embassy followed in September 2006.
"""

SPELLED = """A small partner with big plans

RIGA, March 20, 2024 (North Letter) - Georgian exporters keep finding buyers in the Baltic \
states.

The ministry said bilateral trade reached 48,600,000 dollars in 2023.

The harbour festival in Batumi drew about 1,200 visitors in 2023.
"""

ARTICLES = {"harbour.txt": HARBOUR, "edited.txt": EDITED, "spelled.txt": SPELLED}


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_library(store: AnnotationStore, folder: Path) -> dict[str, int]:
    """The three articles added and analysed: file name -> article id."""
    add_paths(store, write_articles(folder))
    analyses.run_pending(store, workers=1)
    return {Path(a.path).name: a.id for a in store.library.articles()}
