from __future__ import annotations

from pathlib import Path

import pytest

from lectern.core.store import AnnotationStore


@pytest.fixture
def store(tmp_path: Path):
    with AnnotationStore.open(tmp_path / "store.sqlite3") as opened:
        yield opened

