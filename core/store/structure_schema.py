"""The table of each kept text's layout (library_structure.py), as one migration."""

from __future__ import annotations

STRUCTURE_MIGRATION = """
    CREATE TABLE structures (
        version INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        body BLOB NOT NULL
    );
"""
