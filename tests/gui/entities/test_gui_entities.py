"""The Entities view across the library, driven as a reader drives it: the empty state, the
list with the articles column, the mentions of one entity, opening a mention at its place,
a suggested merge accepted by key, curation keys and Ctrl+Z through the store's undo, and
the article's Entities panel agreeing with the library."""

from __future__ import annotations

from entity_helpers import OTHER, SEED, build_library, by_name
from helpers import show_window
from library_helpers import write
from PySide6.QtCore import Qt

from lectern.core.library.adding import add_paths
from lectern.core.library.entity_index import ensure_index
from lectern.core.store import AnnotationStore


def library_window(qtbot, app_paths, tmp_path, sample_article, extra=()):
    with AnnotationStore.open(app_paths.store_file) as store:
        ids = build_library(tmp_path / "articles", store)
        for name, text in extra:
            add_paths(store, [write(tmp_path / "articles", name, text)])
        ensure_index(store)
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.entities"].trigger()
    assert window.views.current == "entities"
    return window, window.entities.view, ids


def test_an_empty_library_says_where_entities_come_from(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.entities"].trigger()
    view = window.entities.view
    assert view.stack.currentWidget() is view.empty
    assert "Add to Library" in view.empty.detail.text()


def test_the_list_has_articles_and_the_mentions_open_at_their_place(qtbot, app_paths,
                                                                    tmp_path, sample_article):
    window, view, ids = library_window(qtbot, app_paths, tmp_path, sample_article)
    names = [view.model.cell(row, 0) for row in view.model.rows]
    assert names[0] == "Teymur Musayev" and names.count("Teymur Musayev") == 1
    assert view.model.cell(view.model.rows[0], 3) == str(len(ids))  # the articles column
    view.type_box.setCurrentIndex(view.type_box.findData("PERSON"))
    assert {row.label for row in view.model.rows} == {"PERSON"}
    view.filter_edit.setText("tamm")
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Kadri Tamm"], timeout=2000)
    assert view.details.title.text() == "Kadri Tamm"
    mentions = view.details.tables[0]
    assert view.details.mentions.rowCount() == 4  # two in the seed, two in the edited copy
    assert "Kadri Tamm" in view.details.mentions.cell(view.details.mentions.rows[0], 2)
    mentions.setFocus()
    mentions.setCurrentIndex(view.details.mentions.index(1, 0))
    qtbot.keyClick(mentions, Qt.Key.Key_Return)  # Enter opens the article at the mention
    assert window.views.current == "article"
    qtbot.waitUntil(lambda: window.article_view.selected_span() is not None, timeout=3000)
    start, end = window.article_view.selected_span()
    assert window.document.text[start:end] in ("Kadri Tamm", "Tamm")


def test_a_suggested_merge_accepted_by_key_and_undone_with_ctrl_z(qtbot, app_paths, tmp_path,
                                                                  sample_article):
    typo = ("typo.txt", "Talks\n\nTeymur Musaev met Kadri Tamm in Tallinn on Friday.\n")
    window, view, _ = library_window(qtbot, app_paths, tmp_path, sample_article, [typo])
    rows = view.suggestions.rows
    pick = next(n for n, s in enumerate(rows) if s.other.name == "Teymur Musaev")
    view.suggestion_table.setFocus()
    view.suggestion_table.selectRow(pick)
    qtbot.keyClick(view.suggestion_table, Qt.Key.Key_A)
    names = [r.name for r in view.model.all_rows]
    assert "Teymur Musaev" not in names
    merged = next(r for r in view.model.all_rows if r.name == "Teymur Musayev")
    assert "Teymur Musaev" in merged.aliases and merged.articles == 5
    assert "Merged" in window.statusBar().currentMessage()
    assert all(s.other.name != "Teymur Musaev" for s in view.suggestions.rows)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Teymur Musaev" in [r.name for r in view.model.all_rows]
    assert "Undid" in window.statusBar().currentMessage()


def test_keys_reject_and_merge_and_the_article_panel_agrees(qtbot, app_paths, tmp_path,
                                                           sample_article):
    window, view, _ = library_window(qtbot, app_paths, tmp_path, sample_article,
                                     [("more.txt", OTHER.replace("Caspian", "Kaspian"))])
    with AnnotationStore.open(app_paths.store_file) as store:
        tamm, usa = by_name(store, "Kadri Tamm").id, by_name(store, "United States").id
        caspian = by_name(store, "Caspian").id
    view.select_ids([caspian])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Caspian" not in [r.name for r in view.model.all_rows]
    view.select_ids([usa, tamm])  # the current one survives
    assert view.buttons["merge"].text() == "Merge into “United States”"
    qtbot.keyClick(view.table, Qt.Key.Key_M)
    merged = next(r for r in view.model.all_rows if r.id == usa)
    assert "Kadri Tamm" in merged.aliases
    # The seed opened as an article: its Entities panel shows the library's curation.
    seed = write(tmp_path, "seed-again.txt", SEED)
    window.open_file(seed)
    panels = window.analysis
    qtbot.waitUntil(lambda: panels.result is not None and panels.result.document.text == SEED,
                    timeout=10_000)
    shown = {e.name: e for e in panels.result.analysis.entities}
    assert "Kadri Tamm" not in shown and "Caspian" not in shown
    assert {m.text for m in shown["United States"].mentions} >= {"U.S.", "Kadri Tamm"}


def test_the_models_keep_qt_s_rules(qtbot, qtmodeltester, app_paths, tmp_path, sample_article):
    typo = ("typo.txt", "Talks\n\nTeymur Musaev met Kadri Tamm in Tallinn on Friday.\n")
    _, view, _ = library_window(qtbot, app_paths, tmp_path, sample_article, [typo])
    assert view.suggestions.rowCount() and view.details.mentions.rowCount()
    for model in (view.model, view.suggestions, view.details.mentions, view.details.quotes):
        qtmodeltester.check(model)


def test_the_open_article_s_panel_follows_curation_made_in_the_view(qtbot, app_paths, tmp_path,
                                                                     sample_article):
    window, view, _ = library_window(qtbot, app_paths, tmp_path, sample_article)
    window.open_file(write(tmp_path, "seed-open.txt", SEED))
    panels = window.analysis
    qtbot.waitUntil(lambda: panels.result is not None and panels.result.document.text == SEED,
                    timeout=10_000)
    assert "Kadri Tamm" in {e.name for e in panels.result.analysis.entities}
    window.menu_actions.actions["view.entities"].trigger()
    with AnnotationStore.open(app_paths.store_file) as store:
        tamm = by_name(store, "Kadri Tamm").id
    view.select_ids([tamm])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    window.menu_actions.actions["view.article"].trigger()  # back to the article
    qtbot.waitUntil(lambda: "Kadri Tamm" not in {e.name for e in panels.result.analysis.entities},
                    timeout=3000)
    assert panels.entities.model.visible_entities()
    assert "Kadri Tamm" not in {e.name for e in panels.entities.model.visible_entities()}


def test_a_selection_in_the_article_becomes_a_mention(qtbot, app_paths, tmp_path,
                                                      sample_article, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window, _, ids = library_window(qtbot, app_paths, tmp_path, sample_article)
    window.open_file(write(tmp_path, "seed-open.txt", SEED))  # the seed's very text
    start = SEED.index("Economy Minister")
    cursor = window.article_view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Economy Minister"), cursor.MoveMode.KeepAnchor)
    window.article_view.setTextCursor(cursor)
    asked = []

    def pick(parent, title, label, items, current, editable):
        asked.append(items[current])
        return next(i for i in items if i.startswith("Teymur Musayev")), True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window.menu_actions.actions["edit.add_entity_mention"].trigger()
    assert "Added “Economy Minister” in article" in window.statusBar().currentMessage()
    with AnnotationStore.open(app_paths.store_file) as store:
        musayev = by_name(store, "Teymur Musayev")
        assert (musayev.id, start, start + 16, "Economy Minister") in \
            store.entities.added_in(ids["seed"])


def test_articles_not_analysed_yet_are_analysed_in_the_background_and_the_view_fills_in(
        qtbot, app_paths, tmp_path, sample_article):
    from entity_helpers import EDITED

    with AnnotationStore.open(app_paths.store_file) as store:  # kept, never analysed
        for name, text in (("seed", SEED), ("edited", EDITED)):
            report = add_paths(store, [write(tmp_path / "articles", f"{name}.txt", text)])
            assert report.added
    window = show_window(qtbot, app_paths, sample_article)
    view = window.entities.view
    with qtbot.waitSignal(window.library.analyses_updated, timeout=30_000):
        window.menu_actions.actions["view.entities"].trigger()  # opens at once, empty
        assert window.views.current == "entities"
        assert view.empty.headline.text() == "Analysing 2 articles…"  # not "add articles"
    qtbot.waitUntil(lambda: any(r.name == "Teymur Musayev" for r in view.model.rows),
                    timeout=5000)
    with AnnotationStore.open(app_paths.store_file) as store:
        from lectern.core.library.analyses import pending

        assert pending(store) == []


def test_analyses_kept_before_the_indexes_are_taken_in_behind_the_views(
        qtbot, app_paths, tmp_path, sample_article, monkeypatch):
    from lectern.core.library import analyses
    from lectern.gui.library import feature

    monkeypatch.setattr(analyses, "INDEXER_MODULES", ())  # a store from before the indexes
    with AnnotationStore.open(app_paths.store_file) as store:
        for name, text in (("seed", SEED), ("other", OTHER)):
            add_paths(store, [write(tmp_path / "articles", f"{name}.txt", text)])
        analyses.run_pending(store)
        assert store.entities.unindexed(analyses.analyser_version())
    monkeypatch.undo()
    monkeypatch.setattr(feature, "CATCH_UP_HERE", 0)  # what thousands of articles are
    window = show_window(qtbot, app_paths, sample_article)
    view = window.entities.view
    with qtbot.waitSignal(window.library.analyses_updated, timeout=30_000):
        window.menu_actions.actions["view.entities"].trigger()
        assert window.views.current == "entities"  # at once, saying why it is empty
        assert view.empty.headline.text().startswith("Bringing the library's analyses")
        assert view.model.rowCount() == 0
    qtbot.waitUntil(lambda: any(r.name == "Teymur Musayev" for r in view.model.rows),
                    timeout=5000)
    window.menu_actions.actions["view.timeline"].trigger()  # its index was caught up too
    assert window.views.current == "timeline"
    assert not window.timeline.view.summary.text().startswith("Bringing")
    with AnnotationStore.open(app_paths.store_file) as store:
        assert analyses.indexes_behind(store) == 0
