"""Importing merges: the same file twice adds nothing, and "newer" means a later instant."""

from __future__ import annotations

import json
import os
from dataclasses import replace

from lectern.core.anchoring import reanchor_all
from lectern.core.annotations import Annotation, AnnotationSet, utc_text
from lectern.core.document import Document
from lectern.core.editing.commands import EditContext, ImportAnnotations, UndoStack
from lectern.core.editing.session import AnnotationSession
from lectern.core.formats import load_brat, loads_brat, loads_w3c, save_brat
from lectern.core.store import AnnotationStore

TEXT = "The council met on Monday. Ana Costa said the bridge would cost 12 million euros.\n"


def import_file(session: AnnotationSession, annotations: list[Annotation]) -> None:
    placed, _ = reanchor_all(annotations, session.document.text)
    session.import_annotations(placed)


def test_importing_the_same_brat_file_twice_adds_nothing(tmp_path, app_paths):
    made = [Annotation.from_span(TEXT, 4, 11, ["Organisation"], note="who met"),
            Annotation.from_span(TEXT, 27, 36, ["Person"])]
    save_brat(tmp_path / "article.txt", TEXT, made)
    with AnnotationStore.open(app_paths.store_file) as store:
        session = AnnotationSession(Document.from_text(TEXT), store)
        import_file(session, load_brat(tmp_path / "article.ann")[1])
        import_file(session, load_brat(tmp_path / "article.ann")[1])
        assert len(session.annotations) == 2
        assert store.count(session.document.fingerprint) == 2


def test_brat_ids_are_derived_from_the_content():
    ann = "T1\tPerson 27 36\tAna Costa\n"
    first, again = loads_brat(ann, TEXT), loads_brat(ann, TEXT)
    assert first[0].id == again[0].id
    assert loads_brat("T1\tPlace 27 36\tAna Costa\n", TEXT)[0].id != first[0].id


def test_a_brat_reimport_does_not_undo_an_edit_made_since(tmp_path, app_paths):
    save_brat(tmp_path / "article.txt", TEXT, [Annotation.from_span(TEXT, 27, 36, ["Person"])])
    os.utime(tmp_path / "article.ann", (1_600_000_000, 1_600_000_000))  # written in 2020
    session = AnnotationSession(Document.from_text(TEXT))
    import_file(session, load_brat(tmp_path / "article.ann")[1])
    session.set_note(session.annotations[0].id, "the mayor")
    import_file(session, load_brat(tmp_path / "article.ann")[1])
    assert [a.note for a in session.annotations] == ["the mayor"]


def w3c_without_ids() -> bytes:
    items = [{"type": "Annotation",
              "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Person"}],
              "target": {"selector": [{"type": "TextQuoteSelector", "exact": "Ana Costa"}]}},
             {"type": "Annotation", "bodyValue": "a sum",
              "target": {"selector": [{"type": "TextPositionSelector", "start": 64,
                                       "end": 74}]}}]
    return json.dumps(items).encode()


def test_importing_a_w3c_file_without_ids_twice_adds_nothing():
    session = AnnotationSession(Document.from_text(TEXT))
    import_file(session, loads_w3c(w3c_without_ids(), len(TEXT))[0])
    import_file(session, loads_w3c(w3c_without_ids(), len(TEXT))[0])
    assert sorted(a.exact for a in session.annotations) == ["12 million", "Ana Costa"]


def test_an_identical_annotation_under_another_id_is_not_imported_again():
    session = AnnotationSession(Document.from_text(TEXT))
    first = session.add(27, 36, ["Person"], note="mayor")
    copy = Annotation.from_span(TEXT, 27, 36, ["Person"], note="mayor")
    assert copy.id != first.id
    session.import_annotations([copy, Annotation.from_span(TEXT, 27, 36, ["Place"])])
    assert sorted(a.tags for a in session.annotations) == [("Person",), ("Place",)]


def test_repeated_id_less_w3c_annotations_load_once():
    item = json.loads(w3c_without_ids())[0]
    loaded, _ = loads_w3c(json.dumps([item, item]).encode(), len(TEXT))
    assert len(loaded) == 1


def test_w3c_timestamps_are_read_as_utc_with_a_z():
    item = json.loads(w3c_without_ids())[0]
    item.update(created="2024-03-01T11:00:00+02:00", modified="2024-03-01T10:30:00.25")
    (loaded,), _ = loads_w3c(json.dumps([item]).encode(), len(TEXT))
    assert loaded.created == "2024-03-01T09:00:00.000Z"
    assert loaded.modified == "2024-03-01T10:30:00.250Z"  # no offset: taken as UTC
    assert utc_text("2024-03-01T09:00:00.123456Z") == "2024-03-01T09:00:00.123456Z"


def test_the_merge_compares_instants_not_text():
    context = EditContext(AnnotationSet("fp"))
    stack = UndoStack()
    stored = replace(Annotation.from_span(TEXT, 27, 36, note="stored"),
                     created="2024-03-01T10:00:00.000Z", modified="2024-03-01T10:00:00.000Z")
    stack.push(ImportAnnotations(context, [stored]))
    # 11:00+02:00 is 09:00Z: earlier, though it sorts later as text.
    older = replace(stored, note="older", modified="2024-03-01T11:00:00+02:00")
    stack.push(ImportAnnotations(context, [older]))
    assert context.annotations.get(stored.id).note == "stored"
    newer = replace(stored, note="newer", modified="2024-03-01T12:30:00+02:00")
    stack.push(ImportAnnotations(context, [newer]))
    assert context.annotations.get(stored.id).note == "newer"
