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
    """Files below `root` for which `wanted(path)` holds, in sorted order, .gitignore respected.

    Only the root is resolved (its real path is where .gitignore files above it apply from);
    below it, paths are joined as strings, as git matches them: by the path inside the tree,
    not by where a symbolic link points. Resolving each path costs an lstat per component,
    which dominated the walk of a large site.
    """
    specs: list[tuple[str, pathspec.PathSpec]] = []
    # .gitignore files above the root (up to the repository top) apply too
    top = root.resolve()
    for parent in [top, *top.parents]:
        spec = _gitignore(parent)
        if spec is not None:
            specs.append((_prefix(str(parent)), spec))
        if (parent / ".git").exists():
            break

    def ignored(real: str, is_dir: bool) -> bool:
        for prefix, spec in specs:
            if real.startswith(prefix):
                rel = real[len(prefix):]
                if os.sep != "/":
                    rel = rel.replace(os.sep, "/")
                if spec.match_file(rel + ("/" if is_dir else "")):
                    return True
        return False

    def rec(d: Path, real: str) -> Iterator[Path]:
        pushed = False
        if real != str(top):
            spec = _gitignore(d)
            if spec is not None:
                specs.append((_prefix(real), spec))
                pushed = True
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            entries = []
        for e in entries:
            sub = os.path.join(real, e.name)
            if e.is_dir(follow_symlinks=False):
                if e.name.startswith(".") or e.name in SKIP_DIRS or ignored(sub, True):
                    continue
                yield from rec(Path(e.path), sub)
            elif e.is_file() and not e.name.startswith("."):
                p = Path(e.path)
                if wanted(p) and not ignored(sub, False):
                    yield p
        if pushed:
            specs.pop()

    yield from rec(root, str(top))


def _prefix(directory: str) -> str:
    """What a path below `directory` starts with ("/" itself already ends in a separator)."""
    return directory if directory.endswith(os.sep) else directory + os.sep
