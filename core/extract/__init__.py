"""Analysis of a Document: entities (mentions grouped), facts and quotes, from one entry point.

``analyze(document)`` returns an :class:`Analysis`; see ``model.py`` for its shape. The
model is light and imported at once; the pipeline (recognisers, gazetteers) only when
``analyze`` is first used, so code that only reads labels stays off the heavy path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lectern.core.extract.model import (
    Analysis,
    Entity,
    EntityLabel,
    Fact,
    FactKind,
    Mention,
    Quote,
    Span,
)

if TYPE_CHECKING:
    from lectern.core.extract.pipeline import AnalysisCancelled, analyze

__all__ = ["Analysis", "AnalysisCancelled", "Entity", "EntityLabel", "Fact", "FactKind",
           "Mention", "Quote", "Span", "analyze"]


def __getattr__(name: str) -> Any:
    if name in ("analyze", "AnalysisCancelled"):
        from lectern.core.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
