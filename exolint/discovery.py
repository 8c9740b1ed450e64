"""Which files a run lints: named files as given, directories walked for known extensions.

Walks respect `.gitignore` files (git's own matching rules, see `exolint.globs`) and skip hidden
folders, VCS folders and `node_modules`. Output order is sorted, so runs are deterministic.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from .globs import Matcher, gitignore_matcher

SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


def _gitignore(dirpath: Path) -> Matcher | None:
    f = dirpath / ".gitignore"
    if not f.is_file():
        return None
    try:
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return gitignore_matcher(lines)


def walk(root: Path, wanted: Callable[[Path], bool]) -> Iterator[Path]:
    """Files below `root` for which `wanted(path)` holds, in sorted order, .gitignore respected."""
    for path, _ in walk_relative(root, wanted):
        yield path


def walk_relative(root: Path, wanted: Callable[[Path], bool]) -> Iterator[tuple[Path, str]]:
    """`walk`, each file with its path below `root` (os.sep-separated): joined while walking,
    since `Path.relative_to` per file cost a tenth of a warm re-run.

    Only the root is resolved (its real path is where .gitignore files above it apply from);
    below it, paths are joined as strings, as git matches them: by the path inside the tree,
    not by where a symbolic link points. Resolving each path costs an lstat per component,
    which dominated the walk of a large site.
    """
    specs: list[tuple[str, Matcher]] = []
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

    def rec(d: Path, real: str, rel: str) -> Iterator[tuple[Path, str]]:
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
                yield from rec(Path(e.path), sub, rel + e.name + os.sep)
            elif e.is_file() and not e.name.startswith("."):
                p = Path(e.path)
                if wanted(p) and not ignored(sub, False):
                    yield p, rel + e.name
        if pushed:
            specs.pop()

    yield from rec(root, str(top), "")


def _prefix(directory: str) -> str:
    """What a path below `directory` starts with ("/" itself already ends in a separator)."""
    return directory if directory.endswith(os.sep) else directory + os.sep
