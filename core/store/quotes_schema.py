"""The quotes index across the library and what the reports need of each text, as one
migration: every quotation of each analysed version (its wording normalised, its speaker,
whether the attribution names someone), and where each version's paragraphs break.

``quote_versions`` records which version (by id *and* fingerprint, as a version id may be
taken again after its article is removed) was indexed from which analysis; readers join
it to ``articles.current``, so quotes of versions no longer current or of removed articles
never show, and putting a removed article back brings its quotes back. No statement here
depends on the migration's number.
"""

from __future__ import annotations

QUOTES_MIGRATION = """
    CREATE TABLE quote_versions (
        version INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        analyser TEXT NOT NULL,
        breaks TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE library_quotes (
        version INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        normalised TEXT NOT NULL,
        speaker TEXT NOT NULL DEFAULT '',
        speaker_key TEXT NOT NULL DEFAULT '',
        attribution TEXT NOT NULL,
        PRIMARY KEY (version, start)
    ) WITHOUT ROWID;
"""
