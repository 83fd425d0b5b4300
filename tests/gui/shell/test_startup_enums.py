"""A start that restores the saved panels paints the article before Qt's enum namespace is
built (some 90 Python enums: a tenth of a bare Qt window's whole start), and the reading view
it paints is the one a reader needs: selectable by mouse and keyboard."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import REPO_ROOT, show_window

# Run in a process of its own: the test session has built the namespace long ago.
START = """
import sys
import PySide6.QtCore
from lectern.gui.shell import app
from lectern.main import main

original = app._report_first_paint

def report(qt_app):
    print("namespace built:", "Qt" in vars(PySide6.QtCore))
    original(qt_app)

app._report_first_paint = report
sys.exit(main(["--home", sys.argv[1], "--quit-after-paint", sys.argv[2]]))
"""


def _start(home, article) -> str:
    result = subprocess.run([sys.executable, "-c", START, str(home), str(article)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("namespace"))


def test_a_restored_start_paints_before_qts_enum_namespace_is_built(tmp_path, sample_article):
    home = tmp_path / "home"
    assert _start(home, sample_article) == "namespace built: True"  # the default layout
    assert _start(home, sample_article) == "namespace built: False"  # the panels restored


def test_the_article_is_selectable_by_mouse_and_keyboard(qtbot, app_paths, sample_article):
    from PySide6.QtCore import Qt

    view = show_window(qtbot, app_paths, sample_article).article_view
    assert view.textInteractionFlags() == (Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
