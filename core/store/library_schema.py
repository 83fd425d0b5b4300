"""The library's tables, as one migration: articles kept, their versions, full-text search.

A ``documents`` row was already one text (by fingerprint) that annotations hang off; it
stays that and becomes a *version*: it gains a stable integer id (the full-text index's
rowid), its article, its length and word count (NULL while its text is not kept: texts
annotated before the library were never stored) and the counts of the annotations that
moved to it. The table is rebuilt for the id, so every query on its old columns still
works. Each path a store knew becomes one article, its texts that article's versions.

``text_search`` indexes the *current* version of each article without a second copy of
the text (contentless: a delete supplies the old text, decompressed from ``texts``,
where each compressed text is kept in parts of under a kilobyte: a 2.5 KB row would take a
4 KB page to itself, parts fill the pages);
``annotation_search`` reads quotes, notes and tags from ``annotations`` (external
content), kept in step by triggers. No statement here depends on the migration's number.
"""

from __future__ import annotations

TOKENIZER = "unicode61 remove_diacritics 2"  # "Tamas" finds "Tamás"

# The quotes, notes and tags index kept in step with ``annotations`` (made again whenever that
# table is rebuilt: document_keys.py).
ANNOTATION_SEARCH_TRIGGERS = """\
    CREATE TRIGGER annotation_search_insert AFTER INSERT ON annotations BEGIN
        INSERT INTO annotation_search (rowid, exact, note, tags)
            VALUES (new.rowid, new.exact, new.note, new.tags);
    END;
    CREATE TRIGGER annotation_search_delete AFTER DELETE ON annotations BEGIN
        INSERT INTO annotation_search (annotation_search, rowid, exact, note, tags)
            VALUES ('delete', old.rowid, old.exact, old.note, old.tags);
    END;
    CREATE TRIGGER annotation_search_update AFTER UPDATE OF exact, note, tags ON annotations
        WHEN old.exact IS NOT new.exact OR old.note IS NOT new.note OR old.tags IS NOT new.tags
    BEGIN
        INSERT INTO annotation_search (annotation_search, rowid, exact, note, tags)
            VALUES ('delete', old.rowid, old.exact, old.note, old.tags);
        INSERT INTO annotation_search (rowid, exact, note, tags)
            VALUES (new.rowid, new.exact, new.note, new.tags);
    END;
"""

LIBRARY_MIGRATION = f"""
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        outlet TEXT NOT NULL DEFAULT '',
        byline TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        current INTEGER,
        added TEXT NOT NULL DEFAULT '',
        opened TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX articles_by_path ON articles (path);
    CREATE TABLE documents_as_versions (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        opened TEXT NOT NULL DEFAULT '',
        article_id INTEGER,
        length INTEGER,
        words INTEGER,
        format TEXT NOT NULL DEFAULT '',
        encoding TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL DEFAULT '',
        reanchored TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO documents_as_versions (fingerprint, path, title, opened, added)
        SELECT fingerprint, path, title, opened, opened FROM documents
        ORDER BY opened, fingerprint;
    DROP TABLE documents;
    ALTER TABLE documents_as_versions RENAME TO documents;
    CREATE INDEX documents_by_path ON documents (path);
    CREATE INDEX documents_by_article ON documents (article_id);
    INSERT INTO articles (title, path, current, added, opened)
        SELECT d.title, d.path, d.id,
               (SELECT min(e.opened) FROM documents e WHERE e.path = d.path), d.opened
        FROM documents d
        WHERE d.path != '' AND d.id = (SELECT e.id FROM documents e WHERE e.path = d.path
                                       ORDER BY e.opened DESC, e.id DESC LIMIT 1);
    INSERT INTO articles (title, path, current, added, opened)
        SELECT title, path, id, opened, opened FROM documents WHERE path = '';
    UPDATE documents SET article_id = (SELECT a.id FROM articles a WHERE a.current = documents.id);
    UPDATE documents SET article_id = (SELECT a.id FROM articles a WHERE a.path = documents.path)
        WHERE article_id IS NULL AND path != '';
    CREATE TABLE texts (
        version INTEGER NOT NULL,
        part INTEGER NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (version, part)
    ) WITHOUT ROWID;
    CREATE TABLE analyses (
        version INTEGER PRIMARY KEY,
        analyser TEXT NOT NULL,
        body BLOB NOT NULL,
        made TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE text_search USING fts5(
        body, content='', tokenize='{TOKENIZER}', prefix='3');
    CREATE VIRTUAL TABLE annotation_search USING fts5(
        exact, note, tags, content='annotations', content_rowid='rowid',
        tokenize='{TOKENIZER}', prefix='3');
    INSERT INTO annotation_search (annotation_search) VALUES ('rebuild');
{ANNOTATION_SEARCH_TRIGGERS}"""
