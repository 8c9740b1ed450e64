"""The code type-checks and lints clean: the real mypy and ruff, run as a contributor would run them.

Both read their settings from pyproject.toml ([tool.mypy], [tool.ruff]) in the repository root,
so the command line here names nothing but the tool; a contributor runs the same two commands.
Both come with the test extras (`pip install -e '.[test]'`).
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tool, args", [("mypy", []), ("ruff", ["check"])])
def test_tool_is_clean(tool: str, args: list[str]) -> None:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed: install the test extras, pip install -e '.[test]'")
    proc = subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, (f"`{tool} {' '.join(args)}` exited with {proc.returncode}:\n"
                                  f"{proc.stdout}{proc.stderr}")
