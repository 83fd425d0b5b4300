"""The Library and Passages in the window, driven as a reader drives them: add a folder and
watch the progress finish, search, open a hit at its passage, list the passages of one tag
across articles and export them, remove an article and undo it."""

from __future__ import annotations

from helpers import show_window
from library_helpers import write
from PySide6.QtCore import Qt

from lectern.core.document import load_document
from lectern.core.editing.session import AnnotationSession
from lectern.core.store import AnnotationStore

SEED = ("Ties in health\n\nMusayev 😀 spoke within the Organization of Turkic States about "
        "pharmaceutical trade.\n")
PORT = "Port deal\n\nThe port of Tallinn signed a deal worth 12 million euros.\n"
BRIDGE = "Bridge vote\n\nThe council voted to build a bridge. Critics said no.\n"


def folder_of_articles(tmp_path):
    folder = tmp_path / "articles"
    write(folder, "seed.txt", SEED)
    write(folder, "more/port.txt", PORT)
    write(folder, "more/bridge.md", BRIDGE)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def add_folder(qtbot, window, folder):
    library = window.library
    with qtbot.waitSignal(library.worker.finished, timeout=20_000):
        window.paths_dropped.emit([str(folder)])  # as a drop of the folder does
        assert library.progress.isVisible()
    assert not library.progress.isVisible()
    return library


def test_an_empty_library_says_how_to_add_articles(qtbot, app_paths, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    window.menu_actions.actions["view.library"].trigger()
    view = window.library.library_view
    assert window.views.current == "library" and view.pages.currentWidget() is view.empty
    assert "Add to Library" in view.empty.detail.text()
    assert not window.docks["entitiesPanel"].isVisible()  # the article's panels step aside
    window.menu_actions.actions["view.article"].trigger()
    assert window.docks["entitiesPanel"].isVisible()


def test_add_a_folder_search_and_open_the_hit_at_its_passage(qtbot, app_paths, tmp_path,
                                                             sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    library = add_folder(qtbot, window, folder_of_articles(tmp_path))
    report = library.last_report
    assert len(report.added) == 3 and [r.reason for r in report.refused] == ["is empty"]
    window.menu_actions.actions["view.library"].trigger()
    view = library.library_view
    assert view.articles.rowCount() == 3
    view.search.setText('"Turkic States"')
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # Enter opens the first hit
    assert window.views.current == "article"
    assert window.document.title == "Ties in health"
    qtbot.waitUntil(lambda: window.article_view.selected_span() is not None, timeout=2000)
    start, end = window.article_view.selected_span()
    assert window.document.text[start:end] == "Turkic States"


def test_passages_of_one_tag_across_articles_export_to_markdown(qtbot, app_paths, tmp_path,
                                                                sample_article):
    folder = folder_of_articles(tmp_path)
    window = show_window(qtbot, app_paths, sample_article)
    add_folder(qtbot, window, folder)
    with AnnotationStore.open(app_paths.store_file) as store:
        for path, phrase, tag in ((folder / "seed.txt", "Turkic States", "Claim"),
                                  (folder / "more/port.txt", "12 million euros", "Claim"),
                                  (folder / "more/bridge.md", "Critics said no", "Quote")):
            document = load_document(path)
            start = document.text.index(phrase)
            AnnotationSession(document, store).add(start, start + len(phrase), [tag])
    window.menu_actions.actions["view.passages"].trigger()
    view = window.library.passages_view
    assert view.model.rowCount() == 3
    view.tags.setText("claim")
    view.emit_query()
    assert sorted(p.annotation.exact for p in view.model.rows) == ["12 million euros",
                                                                   "Turkic States"]
    out = tmp_path / "claims.md"
    window.library.export_to(str(out))
    text = out.read_text(encoding="utf-8")
    assert "> 12 million euros\n\n— *Port deal* (port.txt) · Claim" in text
    assert "> Turkic States" in text and "Critics" not in text
    view.table.clicked.emit(view.model.index(0, 3))  # a click opens it in its article
    assert window.views.current == "article"
    qtbot.waitUntil(lambda: window.article_view.selected_span() is not None, timeout=2000)
    start, end = window.article_view.selected_span()
    assert window.document.text[start:end] == view.model.rows[0].annotation.exact


def test_removing_an_article_is_undoable(qtbot, app_paths, tmp_path, sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    library = add_folder(qtbot, window, folder_of_articles(tmp_path))
    window.menu_actions.actions["view.library"].trigger()
    view = library.library_view
    row = next(i for i, a in enumerate(view.articles.rows) if a.title == "Port deal")
    view.table.selectRow(row)
    view.remove_button.click()
    assert sorted(a.title for a in view.articles.rows) == ["Bridge vote", "Ties in health"]
    undo = window.menu_actions.actions["edit.undo"]
    assert "Port deal" in undo.text()
    undo.trigger()
    library.refresh()
    assert sorted(a.title for a in view.articles.rows) == ["Bridge vote", "Port deal",
                                                           "Ties in health"]


def test_an_opened_article_is_kept(qtbot, app_paths, tmp_path, sample_article):
    path = write(tmp_path, "bridge.txt", BRIDGE)
    window = show_window(qtbot, app_paths, sample_article)
    with qtbot.waitSignal(window.library.worker.kept, timeout=10_000):
        window.open_file(path)
    with AnnotationStore.open(app_paths.store_file) as store:
        (article,) = store.library.articles()  # the bundled sample is not kept
        assert article.title == "Bridge vote" and article.opened


def test_versions_are_listed_and_an_earlier_one_reads_without_becoming_current(
        qtbot, app_paths, tmp_path, sample_article):
    path = write(tmp_path, "bridge.txt", BRIDGE)
    window = show_window(qtbot, app_paths, sample_article)
    with qtbot.waitSignal(window.library.worker.kept, timeout=10_000):
        window.open_file(path)
    window.annotations.session.add(BRIDGE.index("Critics"), BRIDGE.index("Critics") + 7,
                                   ["Quote"])
    edited = BRIDGE.replace("The council voted", "On Monday the council voted")
    write(tmp_path, "bridge.txt", edited)
    with qtbot.waitSignal(window.library.worker.kept, timeout=10_000):
        window.open_file(path)  # the changed file: a new version, the highlight moves
    library = window.library
    (article,) = library.store.library.articles()
    library.show_versions(article.id)
    dialog = library.versions_dialog
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 0).text() == "2 (current)"
    assert dialog.table.item(1, 4).text() == "0 exact, 1 moved, 0 fuzzy, 0 orphaned"
    dialog.table.selectRow(0)
    dialog.open_button.click()
    assert window.document.text == BRIDGE
    assert library.store.library.article(article.id).fingerprint != window.document.fingerprint


def test_the_article_list_sorts_by_a_column_and_starts_newest_first(qtbot, app_paths, tmp_path,
                                                                    sample_article):
    window = show_window(qtbot, app_paths, sample_article)
    add_folder(qtbot, window, folder_of_articles(tmp_path))
    window.menu_actions.actions["view.library"].trigger()
    view = window.library.library_view
    ids = [a.id for a in view.articles.rows]
    assert ids == sorted(ids, reverse=True)  # the most recently added first
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # words
    words = [a.words for a in view.articles.rows]
    assert words == sorted(words)
    view.filter.setText("port")
    assert [a.title for a in view.articles.rows] == ["Port deal"]


def test_copies_of_one_story_are_told_apart_by_their_file_names(qtbot, app_paths, tmp_path,
                                                                sample_article):
    folder = tmp_path / "copies"
    write(folder, "port.txt", PORT)
    write(folder, "port-edited.txt", PORT.replace("12 million", "14 million"))
    write(folder, "bridge.txt", BRIDGE)
    window = show_window(qtbot, app_paths, sample_article)
    library = add_folder(qtbot, window, folder)
    window.menu_actions.actions["view.library"].trigger()
    view = library.library_view
    titles = {view.articles.index(r, 0).data() for r in range(view.articles.rowCount())}
    assert titles == {"Port deal · port.txt", "Port deal · port-edited.txt", "Bridge vote"}
    view.search.setText("Tallinn")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.hits.rowCount() == 2, timeout=3000)
    assert {view.hits.index(r, 1).data() for r in range(2)} == {
        "Port deal · port.txt", "Port deal · port-edited.txt"}
