"""The pre-commit hooks, through the real `pre-commit` (slow: it builds a virtualenv and installs exolint).

`pre-commit try-repo` installs the hook repository as committed, so the test commits a copy of this
working tree (uncommitted files included) into a temporary git repository first. pip inside
pre-commit's virtualenv installs from the session `wheelhouse` fixture (tests/conftest.py: wheels of
exolint's dependencies plus setuptools and wheel) with no index, so nothing is downloaded twice.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
SKIP = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".pytest_cache", ".exolint_cache", ".hypothesis",
                              "build", "dist", ".venv", "venv", "corpus", "results", "*.pyc")


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=exolint tests", "-c", "user.email=tests@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_manifest_is_valid() -> None:
    proc = subprocess.run([_tool("pre-commit"), "validate-manifest", str(MANIFEST)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}
    hook = hooks["exolint"]
    assert hook["entry"] == "exolint check --force-exclude" and hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html", "plain-text"]
    assert hook["require_serial"] is True and hook["minimum_pre_commit_version"] == "2.9.2"
    assert "exolint-test-rules" in hooks


@pytest.fixture
def wheelhouse_env(wheelhouse: Path) -> dict[str, str]:
    """pip settings that pre-commit's own `pip install` inherits through the environment."""
    return {"PIP_FIND_LINKS": str(wheelhouse), "PIP_NO_INDEX": "1"}


@pytest.mark.slow
def test_hook_passes_good_files_and_fails_bad_ones(tmp_path: Path, wheelhouse_env: dict[str, str]) -> None:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    pre_commit = _tool("pre-commit")
    hook_repo = tmp_path / "hookrepo"
    shutil.copytree(ROOT, hook_repo, ignore=SKIP)
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "commit", "-q", "-m", "snapshot")

    site = tmp_path / "site"
    site.mkdir()
    (site / "good.md").write_text("# Peels\n\nEvery peel carries some risk; ask us about side effects.\n",
                                  encoding="utf-8")
    (site / "bad.md").write_text("# Peels\n\nOur new peel is absolutely safe for every skin.\n", encoding="utf-8")
    (site / "bad.txt").write_text("This facial is completely safe.\n", encoding="utf-8")
    # not content: the default excludes and the file types keep these out of the hook
    (site / "LICENSE").write_text("The software is provided as is; nothing here is absolutely safe.\n",
                                  encoding="utf-8")
    (site / "tool.py").write_text("# absolutely safe\n", encoding="utf-8")
    _git(site, "init", "-q")
    _git(site, "add", "-A")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXOLINT_", "PRE_COMMIT", "PIP_"))}
    env.update(wheelhouse_env, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), EXOLINT_TODAY="2026-11-22")

    def try_repo(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([pre_commit, "try-repo", str(hook_repo), "exolint", "--verbose", *args], cwd=site,
                              env=env, capture_output=True, text=True, timeout=900)

    good = try_repo("--files", "good.md", "LICENSE", "tool.py")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    bad = try_repo("--files", "good.md", "bad.md", "bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad.md:3:" in bad.stdout and "EXO401" in bad.stdout
    assert "bad.txt:1:" in bad.stdout
    assert "good.md" not in bad.stdout.split("Failed", 1)[1]

    everything = try_repo("--all-files")
    assert everything.returncode == 1
    out = everything.stdout
    assert "bad.md:" in out and "bad.txt:" in out
    assert "LICENSE" not in out and "tool.py" not in out
