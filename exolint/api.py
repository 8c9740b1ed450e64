"""The public Python API, for researchers and regulators who scan content at scale.

    >>> import exolint
    >>> findings = exolint.lint_text("Our exosome serum is FDA-approved.", format="text")
    >>> result = exolint.lint_paths(["site/"])   # findings and per-file errors
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .config import Settings, is_selected
from .engine import Engine, lint
from .finding import FileError, Finding
from .registry import Registry, get_registry
from .rule import CompileContext
from .rulecache import default_dir, load_ruleset_cached
from .ruleset import RuleSet

__all__ = ["lint", "lint_text", "lint_paths", "load_rules", "RunResult"]


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def __iter__(self):
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)


_CACHE: dict[tuple, RuleSet] = {}


def load_rules(rules: Sequence[str | Path] = (), *, builtin: bool = True, select: Sequence[str] = (),
               ignore: Sequence[str] = (), jurisdictions: Sequence[str] = (),
               today: _dt.date | None = None, registry: Registry | None = None) -> RuleSet:
    """The compiled rule set (built once per process for the same arguments).

    Served from the per-user compiled-rules cache the CLI uses (`rulecache`, turned off by an
    empty `EXOLINT_RULE_CACHE_DIR`), so a script that lints a few pages starts in a tenth of the
    time a compilation takes.
    """
    registry = registry or get_registry()
    key = (tuple(map(str, rules)), builtin, today, id(registry))
    rs = _CACHE.get(key)
    if rs is None:
        ctx = CompileContext(today=today or _dt.date.today())
        rs = _CACHE[key] = load_ruleset_cached(registry, rules, builtin=builtin, ctx=ctx, cache_dir=default_dir())
    return select_rules(rs, Settings(select=tuple(select), ignore=tuple(ignore), jurisdictions=tuple(jurisdictions)))


def select_rules(rs: RuleSet, settings: Settings) -> RuleSet:
    jur = {j.lower() for j in settings.jurisdictions if j.lower() != "all"}

    def keep(rule) -> bool:
        if jur and rule.jurisdiction and not (jur & set(rule.jurisdiction)):
            return False
        return is_selected(rule, settings.select, settings.extend_select, settings.ignore)

    return rs.filter(keep)


def lint_text(text: str, format: str = "text", *, path: str = "<text>", rules: RuleSet | None = None,
              select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Finding]:
    """Findings for one text in a given format ("text", "markdown", "html" or a plugin's)."""
    registry = get_registry()
    rs = rules if rules is not None else load_rules(select=select, ignore=ignore)
    doc = registry.formats[format].parse(text, path, {})
    return lint(doc, rs)


def lint_paths(paths: Iterable[str | Path], *, rules: RuleSet | None = None, settings: Settings | None = None,
               use_config: bool = True) -> RunResult:
    """Findings and per-file errors for files and directories, walked as the CLI walks them.

    Without `settings`, each file follows its nearest configuration file (`.exolint.yaml` or
    `[tool.exolint]`), its inline suppressions and its per-file ignores, exactly as
    `exolint check` does; pass `use_config=False` for the built-in defaults everywhere.
    A configuration error raises `exolint.configfile.ConfigError`.
    """
    from .runner import Plan, Resolver, collect_targets, run

    registry = get_registry()
    targets, errors = collect_targets([str(p) for p in paths], registry)
    resolver: Resolver
    if settings is None and use_config:
        from .resolve import ConfigResolver

        resolver = ConfigResolver(registry, rules if rules is not None else load_rules(), {})
        targets = resolver.prepare(targets)
    else:
        settings = settings or Settings()
        rs = rules if rules is not None else select_rules(load_rules(settings.rules), settings)
        resolver = Resolver(Plan(settings, Engine(rs)))
    out = RunResult(errors=list(errors))
    for r in run(targets, resolver, registry):
        out.findings += r.findings
        out.errors += r.errors
    return out
