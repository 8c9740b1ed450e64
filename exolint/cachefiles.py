"""The result cache's files on disk: one index file per plan key, read once, written atomically.

An index file is `{"format", "key", "entries": {display path: entry}}` (see `exolint.cache` for
an entry). Writing goes to a temporary file moved into place with `os.replace`, so parallel
workers and concurrent runs never see a half written index; before writing, the index on disk is
read again and this run's changes are applied over it, so a concurrent run's entries are kept (a
lost race only costs a miss, never a stale hit). A corrupt or foreign index counts as empty.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .cachekey import FORMAT
from .cacheprune import keep_newest

#: index files kept (one per plan key); older ones are removed when a new one is written
KEEP = 16


def load_index(path: Path) -> tuple[dict[str, Any], bool]:
    """The entries of an index file and whether it existed; unreadable, corrupt or foreign: empty."""
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read())
        entries = data["entries"]
        if data["format"] != FORMAT or data["key"] != path.stem or type(entries) is not dict:
            return {}, True
        return entries, True
    except FileNotFoundError:
        return {}, False
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return {}, True


class Index:
    """One index file in memory, and what this run changed in it."""

    __slots__ = ("path", "entries", "updated", "dropped", "existed")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries, self.existed = load_index(path)
        self.updated: set[str] = set()
        self.dropped: set[str] = set()

    def write(self, directory: Path) -> None:
        """Merge this run's changes into the file on disk (`directory` is the cache's top folder,
        tagged on first write); a cache that cannot be written only costs speed."""
        merged, _ = load_index(self.path)  # what concurrent runs wrote since we loaded it
        for d in self.updated:
            if d in self.entries:
                merged[d] = self.entries[d]
        for d in self.dropped:
            merged.pop(d, None)
        self.updated.clear()
        self.dropped.clear()
        payload = json.dumps({"format": FORMAT, "key": self.path.stem, "entries": merged},
                             ensure_ascii=False, separators=(",", ":"))
        import tempfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tag(directory)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as f:
                    f.write(payload)
                os.replace(tmp, self.path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except (OSError, UnicodeError):
            return
        if not self.existed:
            self.existed = True
            keep_newest(self.path.parent, "*.json", self.path, KEEP)


def tag(directory: Path) -> None:
    """Mark the directory as a cache for backup tools and keep it out of git (as ruff does)."""
    for name, text in (("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                        "# exolint result cache; see https://bford.info/cachedir/\n"),
                       (".gitignore", "# created by exolint\n*\n")):
        p = directory / name
        if not p.exists():
            try:
                p.write_text(text, encoding="utf-8")
            except OSError:
                pass
