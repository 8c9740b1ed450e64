"""Matchers for git-style globs: `exclude`, `per-file-ignores` and `.gitignore` files.

The rules are git's, as `pathspec.GitIgnoreSpec` implements them. But importing pathspec loads
all its regex back-ends, about 15 ms: a tenth of a warm re-run of a whole site, and every run
needs the default excludes (LICENSE, CHANGELOG.*, requirements*.txt, ...). Those are plain name
globs, and for a list made only of such globs git's rule is simple: a path matches when one of
its components (a folder's name, or the file's) matches one of the globs, where `*` and `?`
never cross a `/`. `NameGlobs` decides that with one stdlib pattern; any other list (a slash, a
negation, an escape, a character class, `**`, leading or trailing blanks) goes to pathspec.
"""
from __future__ import annotations

import re
from fnmatch import translate
from typing import Iterable, Protocol

_NOT_PLAIN = re.compile(r"[/\\\[]|\*\*|^[!#]|^\s|\s$")


class Matcher(Protocol):
    def match_file(self, file: str) -> bool: ...


class NameGlobs:
    """A list of plain name globs (see the module docstring). Paths are `/`-separated and
    normalised (no `.` or `..` parts), as both callers make them."""

    __slots__ = ("_match", "globs")

    def __init__(self, globs: Iterable[str]) -> None:
        self.globs = tuple(globs)
        pattern = "|".join(translate(g) for g in self.globs)
        self._match = re.compile(pattern).match if pattern else None

    def match_file(self, file: str) -> bool:
        match = self._match
        if match is None:
            return False
        return any(match(part) for part in file.split("/") if part)


def is_plain(glob: str) -> bool:
    """A glob that only names files or folders (`*` and `?` allowed), anywhere in the tree."""
    return bool(glob) and _NOT_PLAIN.search(glob) is None


def gitignore_matcher(lines: Iterable[str]) -> Matcher:
    """A matcher for git-style `lines` (blank lines and `#` comments ignored, as git does)."""
    lines = list(lines)
    globs = [x for x in lines if x and not x.startswith("#")]
    if all(is_plain(g) for g in globs):
        return NameGlobs(globs)
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
