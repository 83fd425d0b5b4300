"""The library's entity index and its curation, as one migration.

``library_entities``: one row per entity across the library; its id is the stable integer
the command line and the view show (AUTOINCREMENT: an id is never given out twice, so a
curation step naming it stays true). ``entity_names``: every normalised name, per the
label an analysis gave it, and the entity it resolves to: merging moves names, so no stored
analysis is read again. ``entity_index``: one row per analysis entity of a current version
(its mentions as JSON), holding the entity the name resolved to when it was written and
kept in step as names move. ``entity_evidence``: quotations and figures attached to an
analysis entity. ``analyses_by_analyser`` lets the catch-up find what it has not taken in
without reading every stored analysis's page. The curation log is the undo stack, in the
store so that it works across processes. No statement depends on the migration's number.
"""

from __future__ import annotations

ENTITY_MIGRATION = """
    CREATE TABLE library_entities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        label TEXT NOT NULL,
        name TEXT NOT NULL,
        renamed INTEGER NOT NULL DEFAULT 0,
        retyped INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        merged_into INTEGER,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL DEFAULT '',
        last_seen TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE entity_names (
        label TEXT NOT NULL,
        norm TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        origin INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (label, norm)
    ) WITHOUT ROWID;
    CREATE INDEX entity_names_by_entity ON entity_names (entity_id);
    CREATE TABLE entity_index (
        version INTEGER NOT NULL,
        local TEXT NOT NULL,
        article INTEGER NOT NULL,
        label TEXT NOT NULL,
        norm TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL,
        spans TEXT NOT NULL,
        PRIMARY KEY (version, local)
    ) WITHOUT ROWID;
    CREATE INDEX entity_index_by_entity ON entity_index (entity_id, article, count);
    CREATE INDEX entity_index_by_name ON entity_index (label, norm);
    CREATE INDEX entity_index_by_article ON entity_index (article);
    CREATE TABLE entity_evidence (
        version INTEGER NOT NULL,
        local TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX entity_evidence_by_entity ON entity_evidence (version, local);
    CREATE TABLE entity_indexed (version INTEGER PRIMARY KEY, analyser TEXT NOT NULL);
    CREATE INDEX analyses_by_analyser ON analyses (version, analyser);
    CREATE TABLE entity_added_mentions (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL,
        article INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX entity_added_by_entity ON entity_added_mentions (entity_id);
    CREATE INDEX entity_added_by_article ON entity_added_mentions (article);
    CREATE TABLE entity_dismissed_pairs (
        first INTEGER NOT NULL,
        second INTEGER NOT NULL,
        PRIMARY KEY (first, second)
    ) WITHOUT ROWID;
    CREATE TABLE entity_curation_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        label TEXT NOT NULL,
        body TEXT NOT NULL,
        made TEXT NOT NULL
    );
"""
