"""The migration of the library's facts index (library_facts.py reads and writes it)."""

from __future__ import annotations

FACTS_MIGRATION = """
    CREATE TABLE library_facts (
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        subject_key TEXT NOT NULL,
        number REAL,
        day TEXT,
        unit TEXT NOT NULL DEFAULT '',
        approx INTEGER NOT NULL DEFAULT 0,
        period TEXT NOT NULL DEFAULT '',
        written TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        entities TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (version, seq)
    ) WITHOUT ROWID;
    CREATE INDEX library_facts_by_measure ON library_facts (subject_key, unit, period, kind);
    CREATE TABLE library_facts_done (
        version INTEGER PRIMARY KEY,
        analyser TEXT NOT NULL
    );
"""
