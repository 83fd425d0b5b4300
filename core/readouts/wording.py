"""Counts as people write them: "1 annotation", "2 annotations", "1 person", "3 people"."""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` with the noun that agrees with it, thousands separated."""
    noun = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {noun}"
