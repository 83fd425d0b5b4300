"""Headless commands of ``python main.py COMMAND``: each module registers one subcommand.

A command module defines ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(args, paths) -> exit code``. None of them imports Qt.
"""

from __future__ import annotations

import argparse
import importlib

COMMAND_MODULES = {
    "extract": "lectern.core.cli.extract",
    "export": "lectern.core.cli.annotations_cli",
    "import": "lectern.core.cli.annotations_cli",
    "search": "lectern.core.cli.annotations_cli",
    "recover": "lectern.core.cli.recover",
    "add": "lectern.core.cli.library_cli",
    "library": "lectern.core.cli.library_cli",
    "find": "lectern.core.cli.library_cli",
    "remove": "lectern.core.cli.library_cli",
    "open": "lectern.core.cli.library_cli",
    "entities": "lectern.core.cli.entities_cli",
    "entity": "lectern.core.cli.entities_cli",
    "timeline": "lectern.core.cli.timeline_cli",
    "conflicts": "lectern.core.cli.timeline_cli",
    "report": "lectern.core.cli.reports_cli",
    "quotes": "lectern.core.cli.reports_cli",
}


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register every command module once (a module may define several commands)."""
    for module_name in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(module_name).register(subparsers)
