"""What a cached result depends on besides the file itself: the key shared by every file of a plan.

The plan key covers the effective settings of the plan (output-only ones left out), a fingerprint
of the selected compiled rules (their YAML, options, triggers, facts, date and regex timeout), the
keys of the plan's filters, the versions of the loaded plugins, exolint's version and a signature
of its code (size and mtime of its files). So a changed rule file, setting, suppression filter,
plugin or exolint edit gives another key: a miss, never a stale hit.

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
from pathlib import Path
from typing import Any

from . import __version__
from .rulecache import code_signature

#: bump when the layout of the cache changes
FORMAT = 2
#: settings that change how results are shown, not which results there are
_OUTPUT_ONLY = frozenset({"format", "fail-on", "cache-dir", "exit-zero", "output-file", "statistics", "color"})


def plan_key(plan: Any, registry: Any) -> str | None:
    """The key shared by every file of `plan` (None: the plan has a filter without a stable key).

    A plan that names its rules and filters itself (`plan.key`, see `runner.Plan`) is keyed by
    that name, so its rules are not compiled to compute the key; else by a fingerprint of its
    compiled rules and its filters' keys.
    """
    from .registry import plugin_versions

    versions = sorted(plugin_versions(registry).items()) if registry is not None else []
    own = getattr(plan, "key", None)
    if own is not None:
        parts: list[Any] = ["plan", own]
    else:
        keys = [filter_key(f) for f in plan.filters]
        if any(k is None for k in keys):
            return None
        parts = [ruleset_fingerprint(plan.engine.ruleset), keys]
    blob = json.dumps([FORMAT, __version__, code_signature(), *parts, settings_key(plan.settings), versions],
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


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
