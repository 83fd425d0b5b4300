"""Analysis of a Document: entities (mentions grouped), facts and quotes, from one entry point.

``analyze(document)`` returns an :class:`Analysis`; see ``model.py`` for its shape.
"""

from lectern.core.extract.model import Analysis, Entity, Fact, Mention, Quote, Span
from lectern.core.extract.pipeline import AnalysisCancelled, analyze

__all__ = ["Analysis", "AnalysisCancelled", "Entity", "Fact", "Mention", "Quote", "Span", "analyze"]
