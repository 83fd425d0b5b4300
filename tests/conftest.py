"""Shared fixtures: Qt runs offscreen and every test gets its own LECTERN_HOME."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from core.paths import SAMPLE_ARTICLE, AppPaths  # noqa: E402

SHARED_DIR = REPO_ROOT.parent / "shared"
SEED_DIR = SHARED_DIR / "seeds"
EVAL_DIR = SHARED_DIR / "eval"


@pytest.fixture(autouse=True)
def lectern_home(tmp_path_factory, monkeypatch) -> Path:
    """Keep every test's data out of the real user folders."""
    home = tmp_path_factory.mktemp("lectern-home")
    monkeypatch.setenv("LECTERN_HOME", str(home))
    return home


@pytest.fixture
def app_paths(lectern_home: Path) -> AppPaths:
    return AppPaths.from_environment(lectern_home).ensure()


@pytest.fixture
def sample_article() -> Path:
    return SAMPLE_ARTICLE


@pytest.fixture
def seed_article() -> Path:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds is not present")
    return files[0]


def show_window(qtbot, app_paths: AppPaths, article: Path | None = None,
                size: tuple[int, int] = (1280, 800)):
    """A shown main window with all its features, optionally on ``article``."""
    from gui.main_window import MainWindow

    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    if article is not None:
        assert window.open_file(article)
    return window
