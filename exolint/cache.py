"""Per-file result cache: an unchanged repository re-runs almost instantly.

An entry is keyed by the file's content hash, its display path (findings name it, and per-file
settings follow it), the effective settings of its plan, a fingerprint of the selected compiled
rules (their YAML, options, facts, date and regex timeout), the keys of the plan's filters,
exolint's version and a signature of its code. So a changed rule file, setting, suppression
filter or exolint edit makes a miss, never a stale hit.

Entries are small JSON files (`<cache-dir>/results/ab/cdef....json`), written to a temporary file
and moved into place with `os.replace`, so parallel workers and concurrent runs never see a half
written entry. Results with errors (undecodable file, rule timeout) are never stored: they are
re-run every time. Nothing here is pickled: a cache directory inside a reviewed repository is
untrusted input, and JSON can't run code.

A filter's part of the key: its `cache_key` attribute (a string, or a method returning one) that
captures everything its output depends on besides the document and the findings (e.g. a baseline's
entries); else, for a module-level function, its qualified name; else, for an object, a hash of
its attributes' text form. A filter without a stable key (a closure, an object whose state prints
as `<... at 0x...>`) makes its plan uncached. Filters only run on a miss: a filter that counts
what it did (a statistic of the run) must not rely on seeing every file.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .finding import Finding, Fix, Position, Related, Replacement
from .rulecache import code_signature

#: bump when the entry layout changes
FORMAT = 1
#: settings that change how results are shown, not which results there are
_OUTPUT_ONLY = frozenset({"format", "fail-on", "cache-dir", "exit-zero", "output-file", "statistics", "color"})
DEFAULT_DIR = ".exolint_cache"


def ruleset_fingerprint(ruleset: Any) -> str:
    """A hash of what decides a rule set's findings: each rule's definition and options, the
    fact base, the date and the regex timeout. Memoised on the rule set object."""
    fp = getattr(ruleset, "_exolint_fingerprint", None)
    if fp is not None:
        return fp
    h = hashlib.sha256()
    ctx = ruleset.context
    h.update(json.dumps([str(ctx.today), ctx.regex_timeout, _facts(ctx.facts)], sort_keys=True,
                        default=str).encode())
    for c in ruleset.rules:
        r = c.rule
        h.update(json.dumps([r.id, r.name, r.kind, r.category, r.severity, r.message, r.window,
                             sorted(r.scope) if r.scope is not None else None, r.languages,
                             r.jurisdiction, r.options, r.raw, r.pack, list(getattr(c, "triggers", ()))],
                            sort_keys=True, default=str).encode())
    fp = h.hexdigest()
    try:
        ruleset._exolint_fingerprint = fp
    except AttributeError:  # pragma: no cover - a slotted rule set
        pass
    return fp


def _facts(facts: Any) -> Any:
    if facts is None:
        return None
    return [getattr(facts, "facts", facts), getattr(facts, "stale", None)]


def filter_key(flt: Any) -> str | None:
    """A stable key for a filter, or None when its behaviour may depend on hidden state."""
    key = getattr(flt, "cache_key", None)
    if key is not None:
        return str(key() if callable(key) else key)
    if inspect.isfunction(flt) and not flt.__closure__ and "<locals>" not in flt.__qualname__:
        return f"{flt.__module__}.{flt.__qualname__}"
    state = getattr(flt, "__dict__", None)
    if state is None or inspect.isroutine(flt):
        return None
    # an object without `cache_key`: its whole state, if that has a stable text form
    try:
        blob = json.dumps(state, sort_keys=True, default=_stable)
    except (TypeError, ValueError, RecursionError):
        return None
    if " at 0x" in blob:  # an identity-based repr: no key that survives the process
        return None
    cls = type(flt)
    return f"{cls.__module__}.{cls.__qualname__}:{hashlib.sha256(blob.encode()).hexdigest()}"


def _stable(o: Any) -> Any:
    if isinstance(o, (set, frozenset)):
        return sorted(map(repr, o))
    if isinstance(o, Path):
        return o.as_posix()
    return repr(o)


def settings_key(settings: Any) -> dict:
    data = settings.to_json() if hasattr(settings, "to_json") else dict(vars(settings))
    return {k: v for k, v in data.items() if k not in _OUTPUT_ONLY}


def open_cache(enabled: bool, directory: str | None = None) -> "ResultCache | None":
    """The run's result cache: `--cache-dir`, else config `cache-dir`, else `.exolint_cache` here."""
    if not enabled:
        return None
    return ResultCache(directory or DEFAULT_DIR)


class ResultCache:
    """Findings per file on disk; see the module docstring for what the key covers."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.results = self.directory / "results"
        self._plan_keys: dict[int, tuple[Any, str | None]] = {}
        self.hits = 0
        self.misses = 0

    # -- keys -------------------------------------------------------------------------------------
    def plan_key(self, plan: Any) -> str | None:
        """The part of the key shared by every file of one plan (None: this plan is not cached)."""
        memo = self._plan_keys.get(id(plan))
        if memo is not None and memo[0] is plan:
            return memo[1]
        keys = [filter_key(f) for f in plan.filters]
        if any(k is None for k in keys):
            key = None
        else:
            blob = json.dumps([FORMAT, __version__, code_signature(), ruleset_fingerprint(plan.engine.ruleset),
                               settings_key(plan.settings), keys], sort_keys=True, default=str)
            key = hashlib.sha256(blob.encode()).hexdigest()
        self._plan_keys[id(plan)] = (plan, key)
        return key

    def key(self, display: str, data: bytes, plan: Any) -> str | None:
        pk = self.plan_key(plan)
        if pk is None:
            return None
        h = hashlib.sha256(pk.encode())
        h.update(display.encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(data).digest())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.results / key[:2] / f"{key[2:]}.json"

    # -- entries ----------------------------------------------------------------------------------
    def get(self, key: str, display: str) -> tuple[list[Finding], list[str]] | None:
        """Findings (with `display` as their path) and notices, or None on a miss or a bad entry."""
        try:
            with open(self._path(key), "rb") as f:
                data = json.loads(f.read())
            if data.get("format") != FORMAT:
                raise ValueError("old entry")
            findings = [finding_from_json(display, d) for d in data["findings"]]
            notices = [str(n) for n in data.get("notices", [])]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return findings, notices

    def put(self, key: str, findings: Sequence[Finding], notices: Sequence[str]) -> None:
        """Store an entry atomically; a cache that cannot be written only costs speed."""
        payload = json.dumps({"format": FORMAT, "findings": [finding_to_json(f) for f in findings],
                              "notices": list(notices)}, ensure_ascii=False, separators=(",", ":"))
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tag()
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(payload)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            return

    _tagged = False

    def _tag(self) -> None:
        """Mark the directory as a cache for backup tools and keep it out of git (as ruff does)."""
        if self._tagged:
            return
        self._tagged = True
        for name, text in (("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# exolint result cache; see https://bford.info/cachedir/\n"),
                           (".gitignore", "# created by exolint\n*\n")):
            p = self.directory / name
            if not p.exists():
                try:
                    p.write_text(text, encoding="utf-8")
                except OSError:
                    pass


# -- findings as JSON ---------------------------------------------------------------------------------
def finding_to_json(f: Finding) -> dict:
    d = f.to_json()
    del d["path"]
    d["matched"] = f.matched
    d["context"] = f.context
    return d


def _pos(d: dict) -> Position:
    return Position(int(d["line"]), int(d["column"]), int(d["offset"]))


def finding_from_json(path: str, d: dict) -> Finding:
    fix = None
    if d.get("fix"):
        fx = d["fix"]
        fix = Fix(tuple(Replacement(int(r["start"]), int(r["end"]), r["text"]) for r in fx["replacements"]),
                  safe=bool(fx.get("safe", True)))
    return Finding(
        path=path, rule=d["rule"], name=d["name"], category=d["category"], severity=d["severity"],
        message=d["message"], start=_pos(d["start"]), end=_pos(d["end"]),
        related=tuple(Related(r["message"], _pos(r["start"]), _pos(r["end"])) for r in d.get("related", ())),
        fix=fix, matched=d.get("matched", ""), context=d.get("context", ""),
    )


# -- one file through the cache ------------------------------------------------------------------------
def lint_cached(target: Any, plan: Any, registry: Any, cache: ResultCache | None, timings: Any = None):
    """`runner.lint_target` with the cache in front: read the bytes once, look the result up,
    lint and store on a miss. Standard input and error results are never stored."""
    import time

    from .runner import FileResult, lint_target, read_target

    if cache is None or target.path is None:
        return lint_target(target, plan.engine, registry, plan.settings, plan.filters, timings)
    try:
        data = read_target(target, plan.settings)
    except OSError:  # let lint_target word the error
        return lint_target(target, plan.engine, registry, plan.settings, plan.filters, timings)
    t0 = time.perf_counter()
    key = cache.key(target.display, data, plan)
    hit = cache.get(key, target.display) if key is not None else None
    if timings is not None:
        timings.stages["cache"] += time.perf_counter() - t0
    if hit is not None:
        findings, notices = hit
        res = FileResult(target.display, findings=findings, notices=notices)
        if findings:  # reporters show source lines; decoding is cheap next to parsing
            res.source = _decode(data, target.display, plan.settings)
        return res
    res = lint_target(target, plan.engine, registry, plan.settings, plan.filters, timings, data=data)
    if key is not None and not res.errors:
        t1 = time.perf_counter()
        cache.put(key, res.findings, res.notices)
        if timings is not None:
            timings.stages["cache"] += time.perf_counter() - t1
    return res


def _decode(data: bytes, display: str, settings: Any) -> str | None:
    from .decode import DecodeError, decode

    try:
        return decode(data, display, settings.encoding)
    except DecodeError:  # pragma: no cover - it decoded when it was stored
        return None
