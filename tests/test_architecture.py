"""The rule of the house: core/ is plain Python and never imports Qt, pyqtgraph or gui/."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from conftest import REPO_ROOT

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "gui", "PyQt5", "PyQt6")


def imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_gui():
    offenders = []
    for path in sorted((REPO_ROOT / "core").rglob("*.py")):
        for name in imported_modules(path.read_text(encoding="utf-8")):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO_ROOT)} imports {name}")
    assert offenders == []


def test_importing_all_of_core_loads_no_qt():
    modules = [
        ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted((REPO_ROOT / "core").rglob("*.py"))
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{FORBIDDEN!r})\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


STARTUP_BANNED = ("pyqtgraph", "numpy", "rapidfuzz", "lxml", "readability", "sqlite3",
                  "charset_normalizer", "core.extract", "core.store", "core.formats")


def test_the_first_paint_loads_no_heavy_module():
    """Everything up to the article's first paint stays light; features load after it."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from core.paths import SAMPLE_ARTICLE, AppPaths\n"
        "from gui.main_window import MainWindow\n"
        "import tempfile\n"
        "app = QApplication([])\n"
        "window = MainWindow(AppPaths.from_environment(tempfile.mkdtemp()).ensure(),\n"
        "                    with_features=False)\n"
        "window.open_file(SAMPLE_ARTICLE)\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(sorted(m for m in sys.modules if m.startswith({STARTUP_BANNED!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True,
                            text=True, check=True, env={**os.environ,
                                                        "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "[]"


def test_sql_lives_only_in_the_store():
    offenders = []
    for path in sorted(REPO_ROOT.glob("*/**/*.py")):
        relative = path.relative_to(REPO_ROOT)
        if relative.parts[0] in {"tests", ".venv", "venv"} or relative.parts[:2] == ("core",
                                                                                      "store"):
            continue
        if "sqlite3" in imported_modules(path.read_text(encoding="utf-8")):
            offenders.append(str(relative))
    assert offenders == []
