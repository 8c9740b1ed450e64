"""Walking directories: sorted, .gitignore files (above and below the root) respected, hidden and
tool folders skipped, with paths matched as git matches them (inside the tree)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from exolint.discovery import walk


def _tree(root: Path, files: list[str]) -> None:
    for name in files:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x\n", encoding="utf-8")


def _walk(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in walk(root, lambda p: p.suffix == ".md")]


def test_gitignore_rules_above_and_below_the_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("drafts/\n*.tmp.md\nsite/b/old.md\n", encoding="utf-8")
    _tree(repo, ["site/a.md", "site/a.tmp.md", "site/drafts/x.md", "site/b/old.md", "site/b/new.md",
                 "site/b/c/keep.md", "site/b/c/skip.md", "site/.hidden/h.md", "site/node_modules/n.md",
                 "site/z.txt"])
    (repo / "site" / "b" / ".gitignore").write_text("c/skip.md\n", encoding="utf-8")
    assert _walk(repo / "site") == ["a.md", "b/c/keep.md", "b/new.md"]


def test_relative_root_gives_paths_under_it(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path, ["site/.gitignore", "site/a.md", "site/sub/b.md", "site/sub/no.md"])
    (tmp_path / "site" / ".gitignore").write_text("sub/no.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [p.as_posix() for p in walk(Path("site"), lambda p: p.suffix == ".md")] == ["site/a.md", "site/sub/b.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_linked_file_is_matched_by_its_own_path(tmp_path: Path) -> None:
    _tree(tmp_path, ["outside/ignored-name.md", "site/a.md"])
    (tmp_path / "site" / ".gitignore").write_text("ignored-name.md\n", encoding="utf-8")
    try:
        os.symlink(tmp_path / "outside" / "ignored-name.md", tmp_path / "site" / "link.md")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    assert _walk(tmp_path / "site") == ["a.md", "link.md"]


@pytest.mark.parametrize("root", [".", "site", "site/", "./site"])
def test_walk_relative_gives_each_path_below_the_root(tmp_path: Path, monkeypatch, root: str) -> None:
    from exolint.discovery import walk_relative

    _tree(tmp_path, ["site/a.md", "site/sub/b.md", "site/sub/deeper/c.md", "site/x.txt"])
    monkeypatch.chdir(tmp_path / "site" if root == "." else tmp_path)
    got = list(walk_relative(Path(root), lambda p: p.suffix == ".md"))
    assert [rel for _, rel in got] == [str(p.relative_to(Path(root))) for p, _ in got]
    assert [rel.replace(os.sep, "/") for _, rel in got] == ["a.md", "sub/b.md", "sub/deeper/c.md"]
