"""Shared fixtures: Qt runs offscreen and every test gets its own LECTERN_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import SEED_DIR

from lectern.core.paths import AppPaths
from lectern.core.resources import sample_article as bundled_sample


@pytest.fixture(autouse=True)
def lectern_home(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's data out of the real user folders."""
    home = tmp_path_factory.mktemp("lectern-home")
    monkeypatch.setenv("LECTERN_HOME", str(home))
    return home


@pytest.fixture
def app_paths(lectern_home: Path) -> AppPaths:
    return AppPaths.from_environment(lectern_home).ensure()


@pytest.fixture
def sample_article() -> Path:
    return bundled_sample()


@pytest.fixture
def seed_article() -> Path:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds is not present")
    return files[0]
