"""A smaller library store, as one migration (no statement depends on its number).

Where the bytes went at 10,000 articles and 100,000 annotations (SQLite's dbstat): the
article index's 3-character prefix index was half of its 37 MB, yet FTS5 uses a prefix
index only for a query of exactly that length (``sci*``), and ``scien*`` scans the terms
either way; ``annotation_tags`` and its second index took 15.5 MB, mostly the 36-character
annotation id written twice per tag, for what each annotation's own ``tags`` column holds.

- ``text_search`` and ``annotation_search`` are rebuilt without prefix indexes (phrases,
  prefixes, accents and AND/OR/NOT work as before: the index keeps full detail).
- ``passage_tags`` replaces ``annotation_tags``: one row per tag of an annotation, keyed
  by the tag and the annotation's rowid (the key ``annotation_search`` already uses), with
  the text (``documents.id``) it is in, so the Passages view counts a tag's passages and
  texts from this index alone. Triggers on ``annotations`` keep it in step, from the
  annotation's tags.
- ``annotation_tags`` stays readable as a view of the tags column, so every statement
  that reads it works unchanged; writes to it are no-ops (the triggers above do them).
- ``annotations_by_created`` goes: nothing looks annotations up by time alone (a search
  bounded by dates reads and sorts its rows either way). ``documents_by_path`` stays:
  adding a file looks its path up there, and without it adding would slow with the size of
  the library.
"""

from __future__ import annotations

import zlib

from lectern.core.store.library_schema import TOKENIZER

_TAGS_OF_OLD = "json_each(CASE WHEN json_valid(old.tags) THEN old.tags ELSE '[]' END)"
TAGS_OF_NEW = "json_each(CASE WHEN json_valid(new.tags) THEN new.tags ELSE '[]' END)"
_PUT_NEW = f"""INSERT OR IGNORE INTO passage_tags (tag, annotation, version)
        SELECT j.value, new.rowid, (SELECT id FROM documents WHERE fingerprint = new.fingerprint)
        FROM {TAGS_OF_NEW} j WHERE j.type = 'text'"""
_TAKE_OLD = f"""DELETE FROM passage_tags WHERE annotation = old.rowid
        AND tag IN (SELECT j.value FROM {_TAGS_OF_OLD} j)"""


def passage_tag_triggers(put_new: str, text_column: str) -> str:
    """The triggers that keep ``passage_tags`` in step with ``annotations``: ``put_new`` adds
    a new row's tags; ``text_column`` names the text an annotation is on."""
    return f"""    CREATE TRIGGER passage_tags_insert AFTER INSERT ON annotations BEGIN
        {put_new};
    END;
    CREATE TRIGGER passage_tags_delete AFTER DELETE ON annotations BEGIN
        {_TAKE_OLD};
    END;
    CREATE TRIGGER passage_tags_update AFTER UPDATE OF tags, {text_column} ON annotations
        WHEN old.tags IS NOT new.tags OR old.{text_column} IS NOT new.{text_column}
    BEGIN
        {_TAKE_OLD};
        {put_new};
    END;"""

# Read by every statement that knew the table; writes to it are no-ops (triggers do them).
ANNOTATION_TAGS_VIEW = """
    CREATE VIEW annotation_tags (tag, annotation_id) AS
        SELECT j.value, x.id FROM annotations x,
        json_each(CASE WHEN json_valid(x.tags) THEN x.tags ELSE '[]' END) j
        WHERE j.type = 'text';
    CREATE TRIGGER annotation_tags_insert INSTEAD OF INSERT ON annotation_tags BEGIN
        SELECT 1;
    END;
    CREATE TRIGGER annotation_tags_delete INSTEAD OF DELETE ON annotation_tags BEGIN
        SELECT 1;
    END;
"""

COMPACT_MIGRATION = f"""
    DROP TABLE text_search;
    CREATE VIRTUAL TABLE text_search USING fts5(body, content='', tokenize='{TOKENIZER}');
    INSERT INTO text_search (rowid, body)
        SELECT t.version, kept_text(t.part, t.body) FROM texts t
        WHERE t.version IN (SELECT current FROM articles WHERE current IS NOT NULL)
        GROUP BY t.version;
    DROP TABLE annotation_search;
    CREATE VIRTUAL TABLE annotation_search USING fts5(
        exact, note, tags, content='annotations', content_rowid='rowid',
        tokenize='{TOKENIZER}');
    INSERT INTO annotation_search (annotation_search) VALUES ('rebuild');
    CREATE TABLE passage_tags (
        tag TEXT NOT NULL,
        annotation INTEGER NOT NULL,
        version INTEGER,
        PRIMARY KEY (tag, annotation)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO passage_tags (tag, annotation, version)
        SELECT j.value, x.rowid, d.id FROM annotations x
        LEFT JOIN documents d ON d.fingerprint = x.fingerprint,
        json_each(CASE WHEN json_valid(x.tags) THEN x.tags ELSE '[]' END) j
        WHERE j.type = 'text';
    DROP TABLE annotation_tags;
    {ANNOTATION_TAGS_VIEW}
{passage_tag_triggers(_PUT_NEW, "fingerprint")}
    CREATE TRIGGER passage_tags_version AFTER INSERT ON documents
        WHEN EXISTS (SELECT 1 FROM annotations WHERE fingerprint = new.fingerprint)
    BEGIN
        UPDATE passage_tags SET version = new.id WHERE annotation IN
            (SELECT rowid FROM annotations WHERE fingerprint = new.fingerprint);
    END;
    DROP INDEX IF EXISTS annotations_by_created;
"""


class KeptText:
    """``kept_text(part, body)``: an aggregate over a text's parts in ``texts``, in any
    order, giving the text (the migration re-indexes texts with it)."""

    def __init__(self) -> None:
        self._parts: list[tuple[int, bytes]] = []

    def step(self, part: int, body: bytes) -> None:
        self._parts.append((int(part), bytes(body)))

    def finalize(self) -> str:
        body = b"".join(b for _, b in sorted(self._parts))
        return zlib.decompress(body).decode("utf-8", "surrogatepass")
