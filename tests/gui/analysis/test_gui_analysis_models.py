"""The analysis item models pass pytest-qt's model tester, filtered, hidden and sorted too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lectern.core.document import load_document
from lectern.core.extract import analyze
from lectern.core.resources import sample_article
from lectern.gui.analysis.entities_model import EntitiesModel
from lectern.gui.analysis.facts_model import FactsModel
from lectern.gui.analysis.quotes_model import QuotesModel

SAMPLE_ARTICLE = sample_article()


@pytest.fixture(scope="module")
def sample():
    document = load_document(SAMPLE_ARTICLE)
    return document, analyze(document)


def test_entities_model(qtmodeltester, sample):
    document, analysis = sample
    model = EntitiesModel()
    model.set_analysis(analysis, document.text)
    qtmodeltester.check(model)
    model.set_filter("georgia")
    qtmodeltester.check(model)
    model.set_filter("")
    model.set_hidden(frozenset({analysis.entities[0].key}))
    qtmodeltester.check(model)
    assert analysis.entities[0].id not in {e.id for e in model.visible_entities()}


def test_mention_rows_show_context(sample):
    document, analysis = sample
    model = EntitiesModel()
    model.set_analysis(analysis, document.text)
    entity = next(e for e in analysis.entities if e.name == "Mart Lepik")
    text = model.index_of(entity.id, 0).data()
    assert "Mart Lepik" in text and text.startswith("…")


def test_facts_model_sorts_by_each_column(qtmodeltester, sample):
    document, analysis = sample
    model = FactsModel()
    model.set_facts(analysis.facts, document.text)
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    dates = [model.fact_at(r).date for r in range(model.rowCount()) if model.fact_at(r).date]
    assert dates == sorted(dates)


def test_quotes_model(qtmodeltester, sample):
    _document, analysis = sample
    model = QuotesModel()
    model.set_quotes(analysis.quotes)
    qtmodeltester.check(model)
    speakers = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert speakers == {"Nino Kapanadze", "Mart Lepik"}
