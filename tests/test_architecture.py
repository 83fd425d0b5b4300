"""The rules of the house, checked on every run: core/ is plain Python, gui/ features stay
independent of each other, no module imports in a cycle, the first paint stays light and all
SQL lives in core/store."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from helpers import REPO_ROOT

QT = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")
# Feature folders of gui/: each may use core, the shared widgets, the reader (the one
# article surface everything paints on) and the shell's interface modules, never another
# feature or the window that assembles them.
FEATURES = ("annotating", "analysis", "library", "timeline", "reports", "entities")
SHELL_INTERFACE = ("api", "actions", "keymap", "theme", "errors")
SOURCE_FOLDERS = ("core", "gui")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(("lectern", *parts)).removesuffix(".__init__")


def project_modules() -> dict[str, Path]:
    found = {"lectern.main": REPO_ROOT / "main.py"}
    for folder in SOURCE_FOLDERS:
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            found[module_name(path)] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports anywhere: at the top, in functions, under TYPE_CHECKING."""
    names: set[str] = set()
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" \
        else module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def project_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    return {name for name in imports_of(path) if name in modules}


def test_no_core_module_imports_qt_or_gui():
    offenders = []
    for name, path in project_modules().items():
        if not name.startswith("lectern.core"):
            continue
        for imported in imports_of(path):
            if imported.split(".")[0] in QT or imported.startswith("lectern.gui"):
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_every_import_goes_through_the_lectern_package():
    """``core``/``gui`` are folders of the checkout; installed, they are lectern.core/.gui."""
    offenders = []
    for name, path in project_modules().items():
        for imported in imports_of(path):
            if imported.split(".")[0] in ("core", "gui", "main", "resources"):
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_features_do_not_import_each_other_or_the_window():
    modules = project_modules()
    offenders = []
    for name, path in modules.items():
        parts = name.split(".")
        if parts[:2] != ["lectern", "gui"] or len(parts) < 3:
            continue
        area = parts[2]
        for imported in project_imports(path, modules):
            target = imported.split(".")
            if target[:2] != ["lectern", "gui"] or len(target) < 3 or target[2] == area:
                continue
            other = target[2]
            allowed = (other == "widgets" or (other == "reader" and area != "widgets")
                       or (other == "shell" and len(target) > 3
                           and target[3] in SHELL_INTERFACE and area != "widgets"))
            if area == "shell":
                allowed = True  # the shell assembles the features
            if not allowed:
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_no_import_cycles():
    modules = project_modules()
    graph = {name: {m for m in project_imports(path, modules) if m != name}
             for name, path in modules.items()}
    # A package's __init__ re-exporting its own modules is not a cycle worth reporting.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycles = _cycles(graph)
    assert cycles == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_importing_all_of_core_loads_no_qt():
    names = [name for name in project_modules() if name.startswith("lectern.core")]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}\n"
        "             or m.startswith('lectern.gui'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


STARTUP_BANNED = ("pyqtgraph", "numpy", "rapidfuzz", "lxml", "readability", "sqlite3",
                  "charset_normalizer", "lectern.core.extract", "lectern.core.store",
                  "lectern.core.formats")


def test_the_first_paint_loads_no_heavy_module():
    """Everything up to the article's first paint stays light; features load after it."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from lectern.core.paths import AppPaths\n"
        "from lectern.core.resources import sample_article\n"
        "from lectern.gui.shell.main_window import MainWindow\n"
        "import tempfile\n"
        "app = QApplication([])\n"
        "window = MainWindow(AppPaths.from_environment(tempfile.mkdtemp()).ensure(),\n"
        "                    with_features=False)\n"
        "window.open_file(sample_article())\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(sorted(m for m in sys.modules if m.startswith({STARTUP_BANNED!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True,
                            text=True, check=True, env={**os.environ,
                                                        "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "[]"


def test_sql_lives_only_in_the_store():
    offenders = [name for name, path in project_modules().items()
                 if not name.startswith("lectern.core.store") and "sqlite3" in imports_of(path)]
    assert offenders == []
