"""The Entities feature: the library-wide Entities view, filled from the library's entity
index, curation run through core (each step said in the status bar), mentions opened in
their article through the ``LibraryNavigator``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from lectern.core.library import curation
from lectern.core.library.analyses import pending
from lectern.core.library.entities import (
    LibraryMention,
    SentenceReader,
    entity_profile,
    list_entities,
)
from lectern.core.library.entity_index import catch_up
from lectern.core.library.entity_names import normalise
from lectern.core.library.entity_suggestions import suggestions
from lectern.gui.entities.models import TYPE_NAMES
from lectern.gui.entities.view import LibraryEntitiesView
from lectern.gui.shell.api import LibraryNavigator, WindowApi
from lectern.gui.shell.errors import reported

MESSAGE_MS = 6000


class EntitiesFeature(QObject):
    def __init__(self, window: WindowApi, library: LibraryNavigator) -> None:
        super().__init__(window.article_view)
        self.window = window
        self.library = library
        self.view = LibraryEntitiesView()
        self._sentences: SentenceReader | None = None
        window.add_view("entities", self.view)
        window.action("view.entities", self.show)
        library.analyses_updated.connect(self._analysed)
        window.action("edit.add_entity_mention", self.add_selection)
        view = self.view
        view.entity_selected.connect(self.show_entity)
        view.mention_activated.connect(self.open_mention)
        view.rename_requested.connect(lambda i, n: self._step(lambda s: curation.rename(s, i, n)))
        view.retype_requested.connect(lambda i, t: self._step(lambda s: curation.retype(s, i, t)))
        view.merge_requested.connect(lambda k, o: self._step(lambda s: curation.merge(s, k, o)))
        view.split_requested.connect(lambda i: self._step(lambda s: curation.split(s, i)))
        view.reject_requested.connect(lambda i: self._step(lambda s: curation.reject(s, i)))
        view.accept_requested.connect(lambda k, o: self._step(lambda s: curation.merge(s, k, o),
                                                              keep=k))
        view.dismiss_requested.connect(
            lambda a, b: self._step(lambda s: curation.dismiss_suggestion(s, a, b)))
        view.undo_requested.connect(lambda: self._step(curation.undo))

    def show(self) -> None:
        if not self.library.indexes_ready():
            self.view.waiting()
            self.window.show_view("entities")
            return
        if reported(self.window, "The library's entities cannot be read", self.refresh):
            self.window.show_view("entities")
            self.view.table.setFocus()
            self.library.analyse_pending()  # what is there now; the rest fills in

    def _analysed(self) -> None:
        if not self.view.isVisible():
            return
        if not self.library.indexes_ready():
            self.view.waiting()
            return
        reported(self.window, "The library's entities cannot be read", self.refresh)

    def refresh(self, keep: int | None = None) -> None:
        """The list as the store has it now (analyses stored since are taken in first)."""
        store = self.library.store
        catch_up(store)
        self._sentences = SentenceReader(store)
        entities = list_entities(store)
        self.view.set_entities(entities, keep, analysing=0 if entities else len(pending(store)))
        self.view.set_suggestions(suggestions(store, entities=entities))
        self.view.set_undo(curation.can_undo(store))

    def show_entity(self, entity_id: int) -> None:
        def load() -> None:
            store = self.library.store
            profile = entity_profile(store, entity_id)
            if profile is None:
                self.view.details.clear()
                return
            reader = self._sentences or SentenceReader(store)
            heads = {m.article: (m.title, m.day, m.version) for m in profile.mentions}
            self.view.details.show_profile(
                profile, lambda m: reader.sentence(m.version, m.start, m.end),
                lambda article: heads.get(article, ("", "", 0)))

        reported(self.window, "The entity cannot be read", load)

    def open_mention(self, mention: LibraryMention) -> None:
        self.library.open_at(mention.article, mention.start, mention.end, exact=True)

    def add_selection(self) -> None:
        """The words selected in the article, as a mention of an entity the reader picks."""
        document, span = self.window.document, self.window.article_view.selected_span()
        if document is None or span is None or span[0] == span[1]:
            self.window.show_status("Select the words that name the entity first.", 4000)
            return
        store = self.library.store
        entities = list_entities(store)
        if not entities:
            self.window.show_error("No entities to add to", "The library has no entities "
                                   "yet: add and analyse articles first.")
            return
        words = normalise(document.text[span[0]:span[1]])
        choices = [f"{e.name} — {TYPE_NAMES.get(e.label, e.label)} (entity {e.id})"
                   for e in entities]
        guess = next((n for n, e in enumerate(entities) if words and (
            normalise(e.name) == words or words in map(normalise, e.aliases))), 0)
        picked, ok = QInputDialog.getItem(self.view, "Add a mention",
                                          "The selected words name:", choices, guess, False)
        if not ok:
            return
        entity_id = entities[choices.index(picked)].id
        fingerprint = document.fingerprint
        self._step(lambda s: curation.add_mention_in_text(s, entity_id, fingerprint, *span),
                   keep=entity_id)

    def _step(self, run: Callable[..., curation.CurationStep], keep: int | None = None
              ) -> None:
        """Run one curation step on the store; say what it changed; show the list as it is."""
        store = self.library.store
        kept = keep if keep is not None else self.view.current_id()

        def apply() -> None:
            step = run(store)
            self.window.show_status(step.summary, MESSAGE_MS)
            self.refresh(kept)

        reported(self.window, "The entities cannot be changed", apply)
