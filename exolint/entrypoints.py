"""Third-party plugins' `exolint` entry points, found without scanning every installed package.

`importlib.metadata.entry_points()` imports a dozen modules and reads the metadata of every
installed distribution: some 40 ms, more than the rest of a warm re-run of a whole site. So the
list found is kept in a small JSON file in the per-user cache directory (next to the compiled
rules: `EXOLINT_RULE_CACHE_DIR=` turns both off), one file per environment (interpreter and
`sys.path`), and is used again while nothing a package installer changes has changed.

What is compared (a stat per item, about a millisecond): for each `sys.path` entry, whether it is
a folder or a file (a zip or egg: its size and mtime); for a folder, the names of its
`*.dist-info` / `*.egg-info` folders (an install, upgrade or removal adds or removes one, as the
version is in the name) and the size and mtime of each one's `entry_points.txt` (an editable
install rewrites it in place). That is where `importlib.metadata` looks. Should any other
import hook on `sys.meta_path` provide distributions, it could change without any of these
changing, so then every run scans, as before. The file is JSON: nothing in it runs code except by
naming a module, exactly as the installed metadata does.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import reduce
from importlib import import_module
from pathlib import Path
from typing import Any, Iterator

from .cacheprune import keep_newest

#: bump when the layout of the stored file changes
FORMAT = 1
#: stored lists kept (one per environment); older ones are removed when a new one is written
KEEP = 16
_METADATA = (".dist-info", ".egg-info")


class EntryPoint:
    """The part of `importlib.metadata.EntryPoint` the plugin loader uses, loadable the same way."""

    __slots__ = ("name", "value", "dist")

    def __init__(self, name: str, value: str, dist_name: str | None, dist_version: str | None) -> None:
        self.name = name
        self.value = value
        self.dist = _Dist(dist_name, dist_version) if dist_name is not None else None

    def load(self) -> Any:
        """Import `module` and walk `:attr.attr`, as `importlib.metadata.EntryPoint.load` does
        (an `[extras]` suffix is ignored there too)."""
        ref = self.value.split("[", 1)[0].strip()
        module, _, attrs = ref.partition(":")
        obj = import_module(module.strip())
        return reduce(getattr, [a for a in attrs.strip().split(".") if a], obj)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r})"


class _Dist:
    __slots__ = ("name", "version")

    def __init__(self, name: str, version: str | None) -> None:
        self.name = name
        self.version = version


def installed_state() -> str | None:
    """A hash of what installing or removing a distribution changes on `sys.path` (see the module
    docstring), or None when an import hook that finds distributions could hide such a change."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return None
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{sys.version}\0{sys.executable}\0{os.getcwd()}\n".encode("utf-8", "surrogatepass"))
    for entry in sys.path:
        h.update(f"{entry}\0{'|'.join(_entry_state(entry))}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry_state(entry: str) -> Iterator[str]:
    root = entry or "."  # importlib.metadata lists "" as the current folder
    try:
        with os.scandir(root) as it:
            children = sorted(e.name for e in it)
    except NotADirectoryError:  # a zip or an egg file: its stat says whether it changed
        yield _stat(root)
        return
    except OSError:
        yield "missing"
        return
    egg = os.path.basename(root).lower().endswith(".egg")
    for name in children:
        low = name.lower()
        if low.endswith(_METADATA) or (egg and low == "egg-info"):
            yield f"{name}:{_stat(os.path.join(root, name, 'entry_points.txt'))}"


def _stat(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size},{st.st_mtime_ns}"


def _scan() -> list[list[Any]]:
    """[name, value, distribution name, distribution version] of each `exolint` entry point, in
    the order (and with the de-duplication) of `importlib.metadata.entry_points`."""
    from importlib.metadata import entry_points

    out: list[list[Any]] = []
    for ep in entry_points(group="exolint"):
        dist = getattr(ep, "dist", None)
        out.append([ep.name, ep.value, dist.name if dist is not None else None,
                    dist.version if dist is not None else None])
    return out


def _store_path(directory: Path) -> Path:
    """One file per environment, so two virtual environments sharing the cache do not take turns."""
    env = hashlib.sha256(json.dumps([sys.executable, sys.path]).encode("utf-8", "surrogatepass")).hexdigest()
    return directory / "entry-points" / f"{env[:24]}.json"


def _read(path: Path, state: str) -> list[EntryPoint] | None:
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read())
        if data["format"] != FORMAT or data["state"] != state:
            return None
        return [EntryPoint(*_checked(row)) for row in data["entry_points"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def _checked(row: Any) -> tuple[str, str, str | None, str | None]:
    name, value, dist, version = row
    if type(name) is not str or type(value) is not str or not all(x is None or type(x) is str for x in (dist, version)):
        raise TypeError("not an entry point")
    return name, value, dist, version


def _write(path: Path, state: str, rows: list[list[Any]]) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"format": FORMAT, "state": state, "entry_points": rows}, f)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # an unwritable cache only costs the scan next time
        return
    # `python -m exolint` puts the current folder on `sys.path`: each project folder it runs in
    # is an environment of its own
    keep_newest(path.parent, "*.json", path, KEEP)


def exolint_entry_points(cache_dir: Path | None) -> list[EntryPoint]:
    """The `exolint` entry points: from the stored list when the installed packages are as they
    were when it was written (`cache_dir` None: always scan)."""
    state = installed_state() if cache_dir is not None else None
    if state is None or cache_dir is None:
        return [EntryPoint(*row) for row in _scan()]
    path = _store_path(cache_dir)
    found = _read(path, state)
    if found is not None:
        return found
    rows = _scan()
    _write(path, state, rows)
    return [EntryPoint(*row) for row in rows]
