"""``python main.py``: help, screenshots, and a clear exit 1 for files that cannot be opened."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import REPO_ROOT
from PySide6.QtGui import QImage


def run_main(*args: str, home) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LECTERN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_help_documents_the_options_and_commands(lectern_home):
    result = run_main("--help", home=lectern_home)
    assert result.returncode == 0
    for word in ("--screenshot", "--size", "extract", "LECTERN_HOME"):
        assert word in result.stdout


def test_help_lists_every_command_there_is():
    from lectern.core.cli import COMMAND_MODULES
    from lectern.main import EPILOG

    listed = {line.split()[0] for line in EPILOG.splitlines() if line.startswith("  ")
              and not line.startswith("   ")}
    assert listed == set(COMMAND_MODULES)


@pytest.mark.parametrize("size", [(1000, 700), (1024, 700)])
def test_screenshot_renders_the_window_to_a_png_and_exits_cleanly(lectern_home, tmp_path,
                                                                  size):
    """At 1024x700 the chart stacks its plots; left to interpreter shutdown, its items
    crashed the process (exit -11) after the PNG was written."""
    width, height = size
    out = tmp_path / "shot.png"
    result = run_main("--screenshot", str(out), "--size", f"{width}x{height}",
                      home=lectern_home)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    # Not a blank canvas: the article text puts many distinct colours on the page.
    colours = {image.pixel(x, y) for x in range(0, width, 7) for y in range(0, height, 7)}
    assert len(colours) > 20


def test_unopenable_file_exits_1_with_the_reason_on_stderr(lectern_home, tmp_path):
    missing = tmp_path / "gone.txt"
    result = run_main("--screenshot", str(tmp_path / "x.png"), str(missing), home=lectern_home)
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_bad_size_is_a_clear_error(lectern_home, tmp_path):
    result = run_main("--screenshot", str(tmp_path / "x.png"), "--size", "big", home=lectern_home)
    assert result.returncode == 1
    assert "WIDTHxHEIGHT" in result.stderr


def test_a_command_after_the_home_option_still_runs_as_that_command(lectern_home, tmp_path,
                                                                  sample_article):
    home = tmp_path / "elsewhere"
    result = run_main("--home", str(home), "extract", str(sample_article), home=lectern_home)
    assert result.returncode == 0, result.stderr
    assert '"entities"' in result.stdout
