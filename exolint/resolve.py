"""The configuration-aware `Resolver`: which settings, rules and filters apply to each file.

The full rule set is compiled once per run; each distinct effective configuration derives its
selection with `RuleSet.filter` (and recompiles only rules with `severity`/`rule-options`
overrides), and the resulting Engine is shared by every file with the same settings, so a site
of 10,000 pages under three configuration files builds three or four engines, not 10,000.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .baseline import Baseline
from .cachekey import filter_key
from .config import Settings, is_selected, selector_matches
from .configfile import ConfigError, ConfigFile, ConfigFinder, load_config, settings_for
from .globs import Matcher, gitignore_matcher
from .registry import Registry
from .rulecache import RuleSource
from .runner import Filter, Plan, Resolver, Target

if TYPE_CHECKING:  # imported where rules are built: a run served from the result cache builds none
    from .engine import Engine
    from .ruleset import RuleSet


def select(rs: RuleSet, settings: Settings, per_file_ignores: Sequence[str] = ()) -> RuleSet:
    """Selected rules: jurisdictions, then select/extend-select/ignore (Ruff's precedence), then
    per-file ignores, which always remove (a file's own ignores beat a general select)."""
    jur = {j.lower() for j in settings.jurisdictions if j.lower() != "all"}

    def keep(rule: Any) -> bool:
        if jur and rule.jurisdiction and not (jur & set(rule.jurisdiction)):
            return False
        if any(selector_matches(s, rule) for s in per_file_ignores):
            return False
        return is_selected(rule, settings.select, settings.extend_select, settings.ignore)

    return rs.filter(keep)


class ConfigResolver(Resolver):
    """Plans from the nearest configuration file (or the one `--config` forces), options over it.

    `ruleset` is a `RuleSet`, or a `rulecache.RuleSource` that loads it on first use. With a
    source that has a key, `prepare` makes plans that compile nothing until a file needs
    linting (see `runner.Plan`), unless a configuration adds rule directories of its own (their
    rules change which ids every plan's suppression filter knows, so those runs build eagerly).
    """

    def __init__(self, registry: Registry, ruleset: Any, overrides: dict[str, Any], *,
                 config: str | Path | None = None, force_exclude: bool = False,
                 baseline: Baseline | None = None, base_dirs: Sequence[str] = (),
                 cwd: Path | None = None, prefilter: bool = True) -> None:
        self.registry = registry
        self.prefilter = prefilter
        self._source = ruleset if isinstance(ruleset, RuleSource) else None
        self._ruleset = None if self._source is not None else ruleset
        self.overrides = overrides
        self.force_exclude = force_exclude
        self.baseline = baseline
        self.cwd = (cwd or Path.cwd()).resolve()
        self._cwd = str(self.cwd)
        self.finder = ConfigFinder()
        self.forced = load_config(Path(config)) if config else None
        self.base_dirs = {str(Path(d).resolve()) for d in base_dirs}
        self._lazy = False
        self._plans: dict[tuple, Plan] = {}
        self._prefixes: dict[tuple[str, str], str] = {}
        self._by_dir: dict[str, tuple[ConfigFile | None, Settings]] = {}
        self._settings: dict[str | None, Settings] = {}
        self._by_target: dict[tuple, Plan] = {}
        self._engines: dict[str, Engine] = {}
        self._extra: dict[tuple, RuleSet] = {}
        self._specs: dict[int, tuple[Settings, Matcher, dict[str, Matcher], str]] = {}

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            assert self._source is not None
            self._ruleset = self._source.load()
        return self._ruleset

    # -- which configuration ---------------------------------------------------------------------
    def config_for(self, where: Path | None) -> ConfigFile | None:
        if self.forced is not None:
            return self.forced
        directory = (where if where is not None else self.cwd)
        found = self.finder.find(directory)
        return self.finder.load(found) if found else None

    def _where(self, t: Target) -> tuple[str, str]:
        """The target's folder (absolute; joined, not resolved: `_relative` resolves) and name.
        Standard input without a file name is in the current folder."""
        if t.path is None and t.display in ("-", ""):
            return self._cwd, t.display
        return os.path.split(os.path.join(self._cwd, os.fspath(t.path) if t.path is not None else t.display))

    def _folder_context(self, d: str) -> tuple[ConfigFile | None, Settings]:
        """The configuration and settings of a folder, worked out once per folder."""
        got = self._by_dir.get(d)
        if got is None:
            config = self.config_for(Path(d))
            ck = str(config.path) if config is not None else None
            settings = self._settings.get(ck)
            if settings is None:  # one object per configuration: matchers and plans key on it
                settings = self._settings[ck] = settings_for(config, self.overrides)
            got = self._by_dir[d] = (config, settings)
        return got

    def run_settings(self) -> Settings:
        """Settings of the run as a whole (format, fail-on, cache-dir): the configuration found
        from the current folder, as Ruff does."""
        return settings_for(self.config_for(None), self.overrides)

    # -- exclusion and per-file ignores ------------------------------------------------------------
    def _matchers(self, s: Settings) -> tuple[Matcher, dict[str, Matcher], str]:
        """The exclude matcher, the per-file-ignores matchers and the folder globs are relative to."""
        got = self._specs.get(id(s))
        if got is None or got[0] is not s:
            excl = gitignore_matcher([*s.exclude, *s.extend_exclude])
            pfi = {g: gitignore_matcher([g]) for g in s.per_file_ignores}
            root = os.path.dirname(s.config_file) if s.config_file else self._cwd
            got = self._specs[id(s)] = (s, excl, pfi, root)
        return got[1], got[2], got[3]

    def _relative(self, folder: str, name: str, root: str) -> str:
        """The file's path from `root`, its configuration's folder (symbolic links of folders
        resolved), as globs see it; a file outside that folder is matched by its name."""
        prefix = self._prefixes.get((folder, root))
        if prefix is None:  # once per folder: resolving costs an lstat per path component
            real = str(Path(folder).resolve())
            under = root if root.endswith(os.sep) else root + os.sep
            prefix = ""
            if real != root and real.startswith(under):
                prefix = real[len(under):].replace(os.sep, "/") + "/"
            self._prefixes[(folder, root)] = prefix
        return prefix + name

    def excluded(self, t: Target, s: Settings | None = None) -> bool:
        """Excluded by `exclude`/`extend-exclude`; a file named on the command line only with
        `--force-exclude` (so `exolint check LICENSE` still lints it, and pre-commit does not)."""
        folder, name = self._where(t)
        return self._excluded(t, s or self._folder_context(folder)[1], folder, name)

    def _excluded(self, t: Target, s: Settings, folder: str, name: str) -> bool:
        if t.explicit and not self.force_exclude:
            return False
        excl, _, root = self._matchers(s)
        return excl.match_file(self._relative(folder, name, root))

    def prepare(self, targets: Sequence[Target]) -> list[Target]:
        """Targets left after exclusion, with every plan worked out now, so a configuration error
        stops the run before any output (raises ConfigError). Plans are built lazily when the
        rule set has a key and no configuration adds rule directories; `build` then builds them."""
        kept = []
        for t in targets:
            folder, name = self._where(t)
            config, s = self._folder_context(folder)
            if not self._excluded(t, s, folder, name):
                kept.append((t, folder, name, config, s))
        self._lazy = (self._source is not None and self._source.key is not None
                      and not any(self._extra_dirs(s) for s in self._settings.values()))
        for t, folder, name, config, s in kept:
            tk = (t.display, t.path)
            if tk not in self._by_target:
                self._by_target[tk] = self._plan_at(folder, name, config, s)
        return [k[0] for k in kept]

    def build(self, targets: Sequence[Target]) -> None:
        """Build the plans of `targets` now, in order (raises ConfigError for a bad `rule-options`)."""
        for t in targets:
            self.plan_for(t).engine  # noqa: B018 - building is the point

    # -- plans -----------------------------------------------------------------------------------
    def plan_for(self, target: Target) -> Plan:
        tk = (target.display, target.path)
        plan = self._by_target.get(tk)
        if plan is None:
            folder, name = self._where(target)
            plan = self._by_target[tk] = self._plan_at(folder, name, *self._folder_context(folder))
        return plan

    def _plan_at(self, folder: str, name: str, config: ConfigFile | None, s: Settings) -> Plan:
        _, pfi_specs, root = self._matchers(s)
        if pfi_specs:
            rel = self._relative(folder, name, root)
            pfi = tuple(sel for glob, spec in pfi_specs.items() if spec.match_file(rel)
                        for sel in s.per_file_ignores[glob])
        else:
            pfi = ()
        key = (s.config_file, pfi)
        plan = self._plans.get(key)
        if plan is None:
            def build() -> tuple[Engine, tuple[Filter, ...]]:
                engine = self._engine(s, pfi, config)
                filters: list[Filter] = [self._suppression(engine.ruleset, s)]
                if self.baseline is not None:
                    filters.append(self.baseline)
                return engine, tuple(filters)

            if self._lazy:
                plan = Plan(s, build=build, key=self._plan_key(pfi))
            else:
                plan = Plan(s, *build())
            self._plans[key] = plan
        return plan

    def _plan_key(self, pfi: tuple[str, ...]) -> str | None:
        """What a lazy plan's engine and filters depend on besides its settings (None: no key)."""
        assert self._source is not None
        base = filter_key(self.baseline) if self.baseline is not None else "none"
        if base is None:
            return None
        blob = json.dumps([self._source.key, list(pfi), self.prefilter, base])
        return hashlib.sha256(blob.encode()).hexdigest()

    def _extra_dirs(self, s: Settings) -> tuple[str, ...]:
        return tuple(sorted(d for d in (str(Path(x).resolve()) for x in s.rules) if d not in self.base_dirs))

    def _suppression(self, selected: RuleSet, s: Settings) -> Callable:
        from .suppress import RULE_ID as UNUSED_SUPPRESSION
        from .suppress import SuppressionFilter

        known = [c.rule for c in self.ruleset] + [c.rule for rs in self._extra.values() for c in rs]
        unused = selected.by_id.get(UNUSED_SUPPRESSION)
        return SuppressionFilter(known, selected.by_id, unused.rule if unused else None,
                                 require_reason=s.require_suppression_reason)

    def _engine(self, s: Settings, pfi: tuple[str, ...], config: ConfigFile | None) -> Engine:
        key = json.dumps([s.select, s.extend_select, s.ignore, s.jurisdictions, s.severity, s.rule_options,
                          sorted(s.rules), pfi], sort_keys=True, default=str)
        if key not in self._engines:
            from .engine import Engine

            rs = self._with_extra_rules(s, config)
            rs = select(rs, s, pfi)
            rs = self._configure(rs, s, config)
            self._engines[key] = Engine(rs, prefilter=self.prefilter)
        return self._engines[key]

    def _with_extra_rules(self, s: Settings, config: ConfigFile | None) -> RuleSet:
        extra = self._extra_dirs(s)
        if not extra:
            return self.ruleset
        from .ruleset import LoadError, RuleLoadError, RuleSet, load_ruleset

        if extra not in self._extra:
            from dataclasses import replace

            ctx = replace(self.ruleset.context, warnings=[])
            try:
                rs = load_ruleset(self.registry, extra, builtin=False, ctx=ctx)
            except RuleLoadError as exc:
                raise ConfigError(exc.errors) from None
            clash = [c.rule for c in rs if c.rule.id in self.ruleset.by_id]
            if clash:
                raise ConfigError([LoadError(str(r.path), 1, 1, f"id: {r.id} is already used by "
                                             f"{self.ruleset.by_id[r.id].rule.path}") for r in clash])
            self._extra[extra] = rs
        merged = sorted([*self.ruleset.rules, *self._extra[extra].rules], key=lambda c: c.rule.id)
        return RuleSet(merged, self.ruleset.context)

    def _configure(self, rs: RuleSet, s: Settings, config: ConfigFile | None) -> RuleSet:
        """Apply `severity` and `rule-options`: only the rules they name are compiled again."""
        if not s.severity and not s.rule_options:
            return rs
        from .overrides import apply_overrides

        every = {c.rule.id: c.rule for c in self._with_extra_rules(s, config)}
        return apply_overrides(rs, every, s, config, self.registry)
