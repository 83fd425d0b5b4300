"""Annotations keyed by their text's integer id, as one migration.

Each annotation named its text by the 64-character fingerprint, and an index on it held the
fingerprint again: at 100,000 annotations those two copies were 14 MB of a 108 MB store
(SQLite's dbstat), and inserts in fingerprint order left the index's pages part empty.
``annotations.document`` is now ``documents.id``, the key every library table already uses;
the fingerprint is read through the join, where one unique index holds it once per text.

The table is rebuilt (SQLite cannot change a column's meaning in place) with every rowid
kept, so ``annotation_search`` (which reads ``annotations`` by rowid) and ``passage_tags``
stay valid without a rebuild. Its triggers, and the ``annotation_tags`` view over it, go
with the old table and are made again; a text some annotation names without a
``documents`` row (there should be none) gets one first, so no annotation is left behind.
"""

from __future__ import annotations

from lectern.core.store.library_compact import (
    ANNOTATION_TAGS_VIEW,
    TAGS_OF_NEW,
    passage_tag_triggers,
)
from lectern.core.store.library_schema import ANNOTATION_SEARCH_TRIGGERS

_COPIED = ('start, "end", exact, prefix, suffix, tags, note, created, modified, status, '
           'fragments, note_format')
_PUT_NEW = f"""INSERT OR IGNORE INTO passage_tags (tag, annotation, version)
        SELECT j.value, new.rowid, new.document FROM {TAGS_OF_NEW} j WHERE j.type = 'text'"""

DOCUMENT_KEYS_MIGRATION = f"""
    INSERT OR IGNORE INTO documents (fingerprint) SELECT DISTINCT fingerprint FROM annotations;
    DROP VIEW annotation_tags;
    DROP TRIGGER IF EXISTS passage_tags_version;
    CREATE TABLE keyed_annotations (
        id TEXT PRIMARY KEY,
        document INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        tags TEXT NOT NULL,
        note TEXT NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        status TEXT NOT NULL,
        fragments TEXT NOT NULL DEFAULT '',
        note_format TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO keyed_annotations (rowid, id, document, {_COPIED})
        SELECT x.rowid, x.id, d.id, {", ".join("x." + c.strip() for c in _COPIED.split(","))}
        FROM annotations x JOIN documents d ON d.fingerprint = x.fingerprint;
    DROP TABLE annotations;
    ALTER TABLE keyed_annotations RENAME TO annotations;
    CREATE INDEX annotations_by_document ON annotations (document);
    UPDATE passage_tags SET version = (SELECT x.document FROM annotations x
                                       WHERE x.rowid = passage_tags.annotation);
{ANNOTATION_SEARCH_TRIGGERS}{passage_tag_triggers(_PUT_NEW, "document")}
    {ANNOTATION_TAGS_VIEW}
"""
