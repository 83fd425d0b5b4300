"""Files Lectern ships as package data (lectern/resources): found through importlib.resources,
so they are there whether Lectern runs from a checkout, an editable install or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lectern.core.errors import LecternError

SAMPLE_ARTICLE_NAME = "tbilisi_tallinn_trade_talks.txt"


@cache
def _root() -> Path:
    from importlib.resources import files  # a few ms: only once a resource is wanted

    return Path(str(files("lectern.resources")))


def resource_path(*parts: str) -> Path:
    """The file ``resources/<parts...>``; a LecternError that says so when it is missing."""
    root = _root()
    path = root.joinpath(*parts)
    if not path.is_file():
        raise LecternError(f"Lectern's resource file “{'/'.join(parts)}” is missing from {root}; "
                           "this installation is incomplete. Reinstall Lectern.")
    return path


def resource_folder(*parts: str) -> Path:
    root = _root()
    path = root.joinpath(*parts)
    if not path.is_dir():
        raise LecternError(f"Lectern's resource folder “{'/'.join(parts)}” is missing from "
                           f"{root}; this installation is incomplete. Reinstall Lectern.")
    return path


def sample_article() -> Path:
    """The article we wrote for a first run (resources/samples)."""
    return resource_path("samples", SAMPLE_ARTICLE_NAME)
