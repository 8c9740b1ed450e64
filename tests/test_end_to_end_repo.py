"""A content repository with configuration files, suppressions and a baseline, run through the CLI."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT_CONFIG = """\
select: [EXO401, EXO901]
fail-on: warning
extend-exclude: [drafts/]
per-file-ignores:
  "legal/*.md": [absolute-safety-claim]
"""
BLOG_CONFIG = """\
select: [EXO401, EXO901]
require-suppression-reason: true
"""
FILES = {
    ".exolint.yaml": ROOT_CONFIG,
    "pages/peel.md": "# Peel\n\nOur peel is absolutely safe.\n",
    "pages/laser.md": ("# Laser\n\n<!-- exolint-disable-next-line EXO401 -- quoting a complaint we answer below -->\n"
                       "A reader wrote that it is completely safe.\n"),
    "pages/tidy.md": "# Tidy\n\n<!-- exolint-disable-next-line EXO401 -- old note -->\nNothing to see.\n",
    "legal/terms.md": "No treatment is absolutely safe, as the terms say.\n",
    "drafts/wip.md": "This draft says absolutely safe.\n",
    "LICENSE": "This software is absolutely safe to copy.\n",
    "blog/.exolint.yaml": BLOG_CONFIG,
    "blog/post.md": "<!-- exolint-disable-next-line EXO401 -->\nIt is risk-free.\n",
}


def exolint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "EXOLINT_NO_CACHE": "1"}
    env.pop("EXOLINT_FORMAT", None)
    return subprocess.run([sys.executable, "-m", "exolint", "check", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)


def found(proc: subprocess.CompletedProcess) -> list[tuple[str, str, int]]:
    data = json.loads(proc.stdout)
    return sorted((Path(f["path"]).as_posix(), f["rule"], f["start"]["line"]) for f in data["findings"])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name, text in FILES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_configs_suppressions_and_excludes(repo):
    proc = exolint(repo, "--format", "json", ".")
    assert proc.returncode == 1, proc.stderr
    assert found(proc) == [
        ("blog/post.md", "EXO401", 2),  # a suppression without reason is ignored in blog/
        ("blog/post.md", "EXO901", 1),  # ... and reported
        ("pages/peel.md", "EXO401", 3),
        ("pages/tidy.md", "EXO901", 3),  # suppresses nothing
    ]  # legal/ per-file ignore, drafts/ excluded, laser.md suppressed with a reason


def test_explicit_files_are_linted_unless_force_exclude(repo):
    assert found(exolint(repo, "--format", "json", "LICENSE", "drafts/wip.md")) == [
        ("LICENSE", "EXO401", 1), ("drafts/wip.md", "EXO401", 1)]
    proc = exolint(repo, "--format", "json", "--force-exclude", "LICENSE", "drafts/wip.md")
    assert proc.returncode == 0 and found(proc) == []


def test_show_settings_names_the_nearest_config(repo):
    proc = exolint(repo, "--show-settings", "blog/post.md")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert Path(data["config-file"]) == (repo / "blog" / ".exolint.yaml").resolve()
    assert data["require-suppression-reason"] is True and data["select"] == ["EXO401", "EXO901"]


def test_cli_options_override_the_config(repo):
    proc = exolint(repo, "--format", "json", "--ignore", "EXO901", "pages")
    assert [r for _, r, _ in found(proc)] == ["EXO401"]


def test_baseline_accepts_old_findings_and_fails_on_new(repo):
    proc = exolint(repo, "--write-baseline", "exolint-baseline.json", ".")
    assert proc.returncode == 0, proc.stderr
    assert exolint(repo, "--baseline", "exolint-baseline.json", ".").returncode == 0
    page = repo / "pages" / "peel.md"
    page.write_text("# Peel\n\nA new opening paragraph.\n\n" + page.read_text().split("\n\n", 1)[1]
                    + "\nThe mask is no side effects at all.\n", encoding="utf-8")
    proc = exolint(repo, "--format", "json", "--baseline", "exolint-baseline.json", ".")
    assert proc.returncode == 1
    assert found(proc) == [("pages/peel.md", "EXO401", 7)]  # the old claim moved to line 5 and stays accepted


def test_fix_removes_unused_suppressions(repo):
    proc = exolint(repo, "--fix", "pages")
    assert "fixed 1 finding(s)" in proc.stderr
    assert (repo / "pages" / "tidy.md").read_text() == "# Tidy\n\nNothing to see.\n"
    assert exolint(repo, "--diff", "pages").returncode == 0  # nothing left to fix


def test_diff_exits_1_and_writes_nothing(repo):
    before = (repo / "pages" / "tidy.md").read_text()
    proc = exolint(repo, "--diff", "pages")
    assert proc.returncode == 1 and "-<!-- exolint-disable-next-line EXO401 -- old note -->" in proc.stdout
    assert (repo / "pages" / "tidy.md").read_text() == before


def test_a_bad_config_exits_2_with_its_position(repo):
    (repo / "blog" / ".exolint.yaml").write_text("select: [EXO401]\nfail-on: never\n")
    proc = exolint(repo, ".")
    assert proc.returncode == 2
    assert f"{(repo / 'blog' / '.exolint.yaml').resolve()}:2:10: fail-on:" in proc.stderr


def test_rule_options_are_validated_against_the_kind(repo):
    (repo / ".exolint.yaml").write_text(ROOT_CONFIG + "rule-options:\n  EXO401:\n    patternz: [x]\n")
    proc = exolint(repo, "pages")
    assert proc.returncode == 2 and "rule-options/EXO401: Additional properties" in proc.stderr
