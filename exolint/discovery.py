"""Which files a run lints: named files as given, directories walked for known extensions.

Walks respect `.gitignore` files (with `pathspec`, git's own matching rules) and skip hidden
folders, VCS folders and `node_modules`. Output order is sorted, so runs are deterministic.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pathspec

SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


def _gitignore(dirpath: Path) -> pathspec.PathSpec | None:
    f = dirpath / ".gitignore"
    if not f.is_file():
        return None
    try:
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def walk(root: Path, wanted: Callable[[Path], bool]) -> Iterator[Path]:
    """Files below `root` for which `wanted(path)` holds, in sorted order, .gitignore respected."""
    specs: list[tuple[Path, pathspec.PathSpec]] = []
    # .gitignore files above the root (up to the repository top) apply too
    top = root.resolve()
    for parent in [top, *top.parents]:
        spec = _gitignore(parent)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break

    def ignored(p: Path, is_dir: bool) -> bool:
        rp = p.resolve()
        for base, spec in specs:
            try:
                rel = rp.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + ("/" if is_dir else "")):
                return True
        return False

    def rec(d: Path) -> Iterator[Path]:
        spec = _gitignore(d)
        pushed = False
        if spec is not None and d.resolve() != top:
            specs.append((d.resolve(), spec))
            pushed = True
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            entries = []
        for e in entries:
            p = Path(e.path)
            if e.is_dir(follow_symlinks=False):
                if e.name.startswith(".") or e.name in SKIP_DIRS or ignored(p, True):
                    continue
                yield from rec(p)
            elif e.is_file() and wanted(p) and not e.name.startswith(".") and not ignored(p, False):
                yield p
        if pushed:
            specs.pop()

    yield from rec(root)
