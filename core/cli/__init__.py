"""Headless commands of ``python main.py COMMAND``: each module registers one subcommand.

A command module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(args, paths) -> exit code``. None of them imports Qt.
"""

from __future__ import annotations

import importlib

COMMAND_MODULES = {
    "extract": "core.cli.extract",
    "export": "core.cli.annotations_cli",
    "import": "core.cli.annotations_cli",
    "search": "core.cli.annotations_cli",
}


def register_all(subparsers) -> None:
    """Register every command whose module is present (a module may define several)."""
    seen: set[str] = set()
    for module_name in dict.fromkeys(COMMAND_MODULES.values()):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        if module_name not in seen:
            module.register(subparsers)
            seen.add(module_name)
