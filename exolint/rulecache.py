"""The compiled rule set, cached on disk so a run on one small file does not pay for YAML, JSON
Schema and regex compilation again.

The cache key is a hash of everything that can change the compiled rules: the content of every
YAML file of the loaded packs and rule directories (rules and facts), exolint's version, the
plugins' versions, the code of exolint and its built-in plugins (size and modification time of
the files, so a developer's edit to a kind invalidates it), the Python version, the date used
for fact review and the regex timeout. A hit unpickles the `RuleSet` (regex patterns pickle);
anything unusual (a missing, corrupt or unpicklable entry) falls back to a normal load.

Pickles execute code when loaded, so this cache lives in the user's own cache directory
(`$XDG_CACHE_HOME/exolint`, or `EXOLINT_RULE_CACHE_DIR`), never in a project directory that a
repository under review could plant files in. Result caches (`exolint.cache`) are plain JSON.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__
from .cacheprune import keep_newest
from .registry import Registry, plugin_versions

if TYPE_CHECKING:
    from .rule import CompileContext

#: bump when the pickled layout changes in a way the code signature would not catch
FORMAT = 1
#: entries kept in the directory; older ones are removed when a new one is written
KEEP = 8


def default_dir() -> Path | None:
    """The per-user directory of the rule cache, or None when no home or cache directory is known."""
    env = os.environ.get("EXOLINT_RULE_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None  # empty: disabled
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "exolint" / "rules"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "exolint" / "cache" / "rules"
    try:
        home = Path.home()
    except RuntimeError:
        return None
    sub = ("Library", "Caches") if sys.platform == "darwin" else (".cache",)
    return home.joinpath(*sub, "exolint", "rules")


_CODE_SIGNATURE: str | None = None


def code_signature() -> str:
    """Size and mtime of exolint's own code and data files (built-in plugins and kinds included).

    Stat only, no reading: cheap enough for every start, and exact enough that editing a kind or
    a format plugin invalidates both the rule cache and the result cache.
    """
    global _CODE_SIGNATURE
    if _CODE_SIGNATURE is None:
        import exolint

        roots = [Path(exolint.__file__).parent]
        try:
            import exolint.plugins as _plugins

            roots += [Path(p) for p in _plugins.__path__]
        except ImportError:  # pragma: no cover - a broken install
            pass
        h = hashlib.sha256()
        for root in roots:
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".py", ".json")):
                        p = os.path.join(dirpath, name)
                        st = os.stat(p)
                        h.update(f"{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _CODE_SIGNATURE = h.hexdigest()
    return _CODE_SIGNATURE


def ruleset_key(registry: Registry, extra_dirs: Sequence[Path | str] = (), *, builtin: bool = True,
                today: _dt.date | None = None, regex_timeout: float = 1.0) -> str:
    """The hash that names a compiled rule set: the same key means the same compiled rules."""
    h = hashlib.sha256()

    def feed(*parts: object) -> None:
        for part in parts:
            b = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
            h.update(len(b).to_bytes(8, "little"))
            h.update(b)

    feed(FORMAT, __version__, sys.version, builtin, today.isoformat() if today else "", repr(regex_timeout))
    feed(sorted(plugin_versions(registry).items()), code_signature())
    dirs: list[tuple[str, Path]] = []
    if builtin:
        dirs += [(name, spec.path) for name, spec in sorted(registry.packs.items())]
    dirs += [("user", Path(d)) for d in extra_dirs]
    for name, d in dirs:
        feed("pack", name, str(d.resolve()) if name == "user" else "")
        if not d.is_dir():
            feed("missing")
            continue
        for dirpath, dirnames, filenames in os.walk(d):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith((".yaml", ".yml")):
                    p = Path(dirpath, fn)
                    feed(p.relative_to(d).as_posix(), p.read_bytes())
    return h.hexdigest()


def load_ruleset_cached(registry: Registry, extra_dirs: Sequence[Path | str] = (), *, builtin: bool = True,
                        ctx: CompileContext | None = None, cache_dir: Path | None = None):
    """Like `ruleset.load_ruleset`, but served from the on-disk cache when the key matches.

    `cache_dir=None` loads without caching. A RuleLoadError is raised as usual (never cached).
    Warnings of the compilation are kept in the cached `RuleSet.context.warnings`.
    """
    from .rule import CompileContext

    ctx = ctx or CompileContext()

    def load():
        from .ruleset import (
            load_ruleset,  # the cold path: YAML, JSON Schema, kinds' compile
        )

        return load_ruleset(registry, extra_dirs, builtin=builtin, ctx=ctx)

    if cache_dir is None or ctx.facts is not None:  # a caller-supplied fact base has no key
        return load()
    try:
        key = ruleset_key(registry, extra_dirs, builtin=builtin, today=ctx.today, regex_timeout=ctx.regex_timeout)
    except OSError:
        return load()
    path = Path(cache_dir) / f"{key}.pickle"
    rs = _read(path)
    if rs is not None:
        return rs
    rs = load()
    _write(path, rs)
    return rs


class RuleSource:
    """The run's rule set, compiled or unpickled only when first needed.

    A warm run whose every file is served from the result cache needs no compiled rule, only a
    name for the rule set: `key` (the rule cache's key, from the rule files' bytes, without
    loading them) serves as that name in result cache keys. The compilation warnings are kept
    next to the pickle as JSON (`warnings()`), so such a run prints them as a cold run does.
    `key` is None when the rule set has no key (no cache directory, a caller-supplied fact base):
    then everything that needs rules loads them, as before.
    """

    def __init__(self, registry: Registry, extra_dirs: Sequence[Path | str] = (), *, builtin: bool = True,
                 ctx: CompileContext | None = None, cache_dir: Path | None = None) -> None:
        from .rule import CompileContext

        self._args = (registry, tuple(extra_dirs), builtin, ctx or CompileContext(), cache_dir)
        self._ruleset = None
        self.key: str | None = None
        ctx = self._args[3]
        if cache_dir is not None and ctx.facts is None:
            try:
                self.key = ruleset_key(registry, extra_dirs, builtin=builtin, today=ctx.today,
                                       regex_timeout=ctx.regex_timeout)
            except OSError:
                self.key = None

    @property
    def loaded(self) -> bool:
        return self._ruleset is not None

    def load(self):
        """The `RuleSet` (raises RuleLoadError as `load_ruleset` does)."""
        if self._ruleset is None:
            registry, extra, builtin, ctx, cache_dir = self._args
            self._ruleset = load_ruleset_cached(registry, extra, builtin=builtin, ctx=ctx,
                                                cache_dir=cache_dir if self.key is not None else None)
            if self.key is not None and cache_dir is not None:
                _write_warnings(Path(cache_dir) / f"{self.key}.json", self._ruleset.context.warnings)
        return self._ruleset

    def warnings(self) -> list[str] | None:
        """The warnings of compiling the rule set if known without loading it, else None."""
        if self._ruleset is not None:
            return list(self._ruleset.context.warnings)
        cache_dir = self._args[4]
        if self.key is None or cache_dir is None:
            return None
        try:
            with open(Path(cache_dir) / f"{self.key}.json", "rb") as f:
                data = json.loads(f.read())
        except (OSError, ValueError):
            return None
        w = data.get("warnings") if type(data) is dict else None
        if type(w) is not list or not all(type(x) is str for x in w) or data.get("key") != self.key:
            return None
        return w


def _write_warnings(path: Path, warnings: list[str]) -> None:
    """Written after a successful load only: its presence also says the rule set loads."""
    if path.exists():
        return
    import tempfile  # only when writing: a warm start does not pay for its import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"key": path.stem, "warnings": list(warnings)}, f)
        os.replace(tmp, path)
    except OSError:
        return


def _read(path: Path):
    import pickle

    from .ruleset import RuleSet

    try:
        with open(path, "rb") as f:
            rs = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a corrupt or incompatible entry is only a miss
        return None
    return rs if isinstance(rs, RuleSet) else None


def _write(path: Path, rs: object) -> None:
    import pickle
    import tempfile

    try:
        data = pickle.dumps(rs, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a kind with unpicklable state: run uncached
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        keep_newest(path.parent, "*.pickle", path, KEEP, companions=(".json",))  # a pickle and its warnings
    except OSError:
        return

