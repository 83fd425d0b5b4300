"""The package lists every folder of code it ships, and each holds the files it needs."""

from __future__ import annotations

import tomllib

from helpers import REPO_ROOT

from lectern.core.errors import LecternError
from lectern.core.resources import resource_path, sample_article


def _declared_packages() -> set[str]:
    data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_folder_of_code_is_a_declared_package():
    found = {"lectern", "lectern.resources"} | {
        f"lectern.resources.{folder.name}" for folder in (REPO_ROOT / "resources").iterdir()
        if folder.is_dir() and folder.name not in ("screenshots", "__pycache__")}
    for top in ("core", "gui"):
        for init in (REPO_ROOT / top).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO_ROOT).parts
            found.add(".".join(("lectern", *parts)))
    assert _declared_packages() == found


def test_every_folder_of_code_has_an_init():
    """A folder without __init__.py would be left out of the wheel."""
    missing = [str(folder.relative_to(REPO_ROOT)) for top in ("core", "gui")
               for folder in [REPO_ROOT / top, *(REPO_ROOT / top).rglob("*")]
               if folder.is_dir() and folder.name != "__pycache__"
               and any(folder.glob("*.py")) and not (folder / "__init__.py").exists()]
    assert missing == []


def test_resources_are_found_through_the_package():
    assert sample_article().read_text(encoding="utf-8").startswith("Georgia")
    assert resource_path("tags", "default_tags.json").is_file()


def test_a_missing_resource_is_a_clear_error():
    try:
        resource_path("gazetteers", "no-such-list.txt")
    except LecternError as error:
        assert "missing" in str(error) and "Reinstall Lectern" in str(error)
    else:
        raise AssertionError("a missing resource must be a LecternError")
