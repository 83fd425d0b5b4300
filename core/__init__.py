"""Lectern's core: documents, analysis and annotations. Plain Python, never Qt."""
