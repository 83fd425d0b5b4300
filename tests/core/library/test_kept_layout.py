"""An article opened from the library's kept text, its file gone, keeps its layout."""

from __future__ import annotations

import dataclasses

from lectern.core.document import load_document
from lectern.core.library.adding import add_paths
from lectern.core.library.keeping import keep
from lectern.core.library.opening import open_article, open_version
from lectern.core.structure import BlockKind, InlineKind
from tests.library_helpers import write

MARKDOWN = """# Ferry line to Klaipeda

The ferry line **reopens** on Monday, the port said.

> We expect two sailings a day.

- cars
- lorries

| Year | Passengers |
| --- | --- |
| 2024 | 41,000 |
"""


def test_a_markdown_article_read_from_its_kept_text_keeps_headings_quotes_lists_tables(
        store, tmp_path):
    path = write(tmp_path, "ferry.md", MARKDOWN)
    from_file = load_document(path)
    add_paths(store, [path])
    path.unlink()
    article = store.library.articles()[0]
    opened = open_article(store, article.id)
    assert opened.notice  # the kept text stands in for the file
    assert opened.document.text == from_file.text
    assert opened.document.structure == from_file.structure
    kinds = {span.kind for span in opened.document.structure.blocks}
    assert {BlockKind.HEADING, BlockKind.QUOTE, BlockKind.LIST_ITEM,
            BlockKind.TABLE_ROW} <= kinds
    assert opened.document.structure.inlines_of(InlineKind.STRONG)
    version = store.library.current_version(article.id)
    assert open_version(store, version or 0).structure == from_file.structure


def test_a_layout_is_never_laid_on_another_text_and_a_plain_text_keeps_its_headline(
        store, tmp_path):
    plain = write(tmp_path, "note.txt", "Harbour fees rise\n\nFees rise by 4% in May.\n")
    add_paths(store, [plain])
    article = store.library.articles()[0]
    version = store.library.version(store.library.current_version(article.id) or 0)
    assert version is not None
    # A row for this version number but another text (a removed version's) is not used.
    store.structures.put(version.id, "0" * 64, load_document(
        write(tmp_path, "x.md", MARKDOWN)).structure)
    plain.unlink()
    document = open_article(store, article.id).document
    assert [s.kind for s in document.structure.blocks] == [BlockKind.HEADING]


def test_an_article_kept_before_layouts_were_gets_its_layout_when_opened_again(
        store, tmp_path):
    path = write(tmp_path, "ferry.md", MARKDOWN)
    document = load_document(path)
    # As an older Lectern kept it: the same text, its layout not kept.
    kept = keep(store, dataclasses.replace(document, markup=None))
    assert store.structures.get(kept.version, document.fingerprint,
                                len(document.text)) is None
    keep(store, document, opened=True)
    path.unlink()
    assert open_article(store, kept.article).document.structure == document.structure
