"""Shared test helpers: where things are, invariant checks for analyses, hypothesis strategies
for awkward texts and annotations, and driving a main window like a reader does."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from lectern.core.annotations import AnchorStatus, Annotation, new_id

if TYPE_CHECKING:
    from lectern.core.extract import Analysis
    from lectern.gui.shell.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
SEED_DIR = SHARED_DIR / "seeds"
EVAL_DIR = SHARED_DIR / "eval"
SEED_ARTICLE = SEED_DIR / "000_3f7202940e0854aa.txt"
FIXTURES = REPO_ROOT / "tests" / "fixtures"


# --- analyses ------------------------------------------------------------------------------
def assert_offsets_valid(text: str, analysis: Analysis) -> None:
    """Every offset is in range and every mention's text is the text at its offsets."""
    by_label: dict[str, list[tuple[int, int]]] = {}
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
            by_label.setdefault(entity.label, []).append((mention.start, mention.end))
    for spans in by_label.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, "mentions of one label overlap"
    for fact in analysis.facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.sentence.start <= fact.start and fact.end <= fact.sentence.end <= len(text)
        assert text[fact.start : fact.end] == fact.text
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text


def assert_gold_facts_found(analysis: Analysis, gold_facts: list[dict[str, Any]]) -> None:
    """Each gold fact has a found fact of its kind and value inside its evidence, with the
    gold's approximation, currency and date."""
    for gold_fact in gold_facts:
        matches = [f for f in analysis.facts
                   if f.kind == gold_fact["kind"] and f.value == gold_fact["value"]]
        assert matches, gold_fact
        fact = matches[0]
        assert gold_fact["start"] <= fact.start and fact.end <= gold_fact["end"]
        if "approx" in gold_fact:
            assert fact.approx == gold_fact["approx"]
        if "unit" in gold_fact and gold_fact["kind"] == "money":
            assert fact.unit == gold_fact["unit"]
        if "time" in gold_fact:
            assert fact.date == gold_fact["time"]


def person(analysis: Analysis, name: str) -> Any:
    return next(e for e in analysis.entities if e.label == "PERSON" and e.name == name)


def assert_sample_basics(analysis: Analysis) -> None:
    """What any backend must find in our sample: both officials with their roles, the
    dollar figure with its year, two dates, and each quote's speaker."""
    kapanadze = person(analysis, "Nino Kapanadze")
    lepik = person(analysis, "Mart Lepik")
    assert kapanadze.role == "Georgian Economy Minister"
    assert lepik.role == "Estonian Ambassador"
    assert [m.text for m in lepik.mentions] == ["Mart Lepik", "Lepik"]
    money = {(f.value, f.unit, f.date) for f in analysis.facts if f.kind == "money"}
    assert (48_600_000, "USD", "2023") in money
    dates = {f.value for f in analysis.facts if f.kind == "date"}
    assert {"1992-05-20", "2009-01"} <= dates
    assert [q.speaker for q in analysis.quotes] == [kapanadze.id, lepik.id]


# --- hypothesis strategies: awkward texts and annotation sets ---------------------------------
# Emoji (astral), combining marks, NBSP, tabs, CJK, RTL and plain letters.
AWKWARD = "ab \n\t\u00a0é\u0301😀👩‍🔬中文עב\u200b\"'<>&"

texts = st.text(alphabet=st.sampled_from(list(AWKWARD)) | st.characters(
    blacklist_categories=("Cs",)), min_size=1, max_size=300)
tag_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=12).map(str.strip).filter(bool)
timestamps = st.datetimes().map(lambda d: d.isoformat(timespec="milliseconds") + "Z")


@st.composite
def annotations_on(draw: st.DrawFn, text: str, max_size: int = 20) -> list[Annotation]:
    """Random annotations over spans of ``text`` (overlapping, nested, orphaned)."""
    made = []
    for _ in range(draw(st.integers(0, max_size))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        base = Annotation.from_span(text, start, end, draw(st.lists(tag_names, max_size=4)),
                                    draw(st.text(max_size=40)))
        created = draw(timestamps)
        made.append(base.with_changes(id=new_id(), created=created,
                                      modified=draw(st.sampled_from([created, draw(timestamps)])),
                                      status=draw(st.sampled_from(list(AnchorStatus)))))
    return made


# --- the window, driven as a reader drives it -------------------------------------------------
ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council voted on Monday to build a bridge across the river. "
    "Mayor Ana Costa said the project would cost 12 million euros.\n\n"
    "Critics said the money should go to schools instead. "
    "Work is expected to start in spring and finish by 2027.\n"
)


def show_window(qtbot: Any, app_paths: Any, article: Path | None = None,
                size: tuple[int, int] = (1280, 800)) -> MainWindow:
    """A shown main window with all its features, optionally on ``article``."""
    from lectern.gui.shell.main_window import MainWindow

    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    if article is not None:
        assert window.open_file(article)
    return window


def make_window(qtbot: Any, app_paths: Any, article: Path) -> MainWindow:
    return show_window(qtbot, app_paths, article, size=(1200, 800))


def select_text(window: MainWindow, phrase: str, occurrence: int = 0) -> None:
    """Select ``phrase`` the way Qt sees it (UTF-16 positions found by QTextDocument.find)."""
    from PySide6.QtGui import QTextCursor

    view = window.article_view
    cursor = QTextCursor(view.document())
    qt_phrase = phrase.replace("\u00a0", " ")  # QTextDocument.find sees NBSP as a space
    for _ in range(occurrence + 1):
        cursor = view.document().find(qt_phrase, cursor)
        assert not cursor.isNull(), phrase
    view.setTextCursor(cursor)
    view.setFocus()


def press_tag_key(qtbot: Any, window: MainWindow, key: str) -> None:
    qtbot.keyClick(window.article_view, key)


def tag_phrase(qtbot: Any, window: MainWindow, phrase: str, key: str,
               occurrence: int = 0) -> None:
    select_text(window, phrase, occurrence)
    press_tag_key(qtbot, window, key)


def release_mouse(qtbot: Any, window: MainWindow, alt: bool = False) -> None:
    from PySide6.QtCore import Qt

    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    viewport = window.article_view.viewport()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier,
                       window.article_view.cursorRect().center())


# --- processes without root's free pass -----------------------------------------------------
def unprivileged(command: list[str]) -> list[str]:
    """``command`` so that it runs subject to file permissions: as root, without the
    capabilities that let root write anywhere (setpriv), so that a read-only folder is
    one for the child too. Skips the test when that cannot be arranged."""
    import os
    import shutil

    import pytest

    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", *command]
