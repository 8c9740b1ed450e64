"""The configuration-aware `Resolver`: which settings, rules and filters apply to each file.

The full rule set is compiled once per run; each distinct effective configuration derives its
selection with `RuleSet.filter` (and recompiles only rules with `severity`/`rule-options`
overrides), and the resulting Engine is shared by every file with the same settings, so a site
of 10,000 pages under three configuration files builds three or four engines, not 10,000.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Sequence

import pathspec

from .baseline import Baseline
from .config import Settings, is_selected, selector_matches
from .configfile import ConfigError, ConfigFile, ConfigFinder, load_config, settings_for
from .engine import Engine
from .registry import Registry
from .ruleset import LoadError, RuleLoadError, RuleSet, RuleSpecError, load_ruleset, with_options
from .runner import Filter, Plan, Resolver, Target
from .suppress import RULE_ID as UNUSED_SUPPRESSION
from .suppress import SuppressionFilter


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
    """Plans from the nearest configuration file (or the one `--config` forces), options over it."""

    def __init__(self, registry: Registry, ruleset: RuleSet, overrides: dict[str, Any], *,
                 config: str | Path | None = None, force_exclude: bool = False,
                 baseline: Baseline | None = None, base_dirs: Sequence[str] = (),
                 cwd: Path | None = None, prefilter: bool = True) -> None:
        self.registry = registry
        self.prefilter = prefilter
        self.ruleset = ruleset
        self.overrides = overrides
        self.force_exclude = force_exclude
        self.baseline = baseline
        self.cwd = (cwd or Path.cwd()).resolve()
        self.finder = ConfigFinder()
        self.forced = load_config(Path(config)) if config else None
        self.base_dirs = {str(Path(d).resolve()) for d in base_dirs}
        self._plans: dict[tuple, Plan] = {}
        self._real: dict[Path, Path] = {}
        self._by_target: dict[tuple, Plan] = {}
        self._engines: dict[str, Engine] = {}
        self._extra: dict[tuple, RuleSet] = {}
        self._specs: dict[tuple, tuple[pathspec.PathSpec, dict[str, pathspec.PathSpec]]] = {}

    # -- which configuration ---------------------------------------------------------------------
    def config_for(self, where: Path | None) -> ConfigFile | None:
        if self.forced is not None:
            return self.forced
        directory = (where if where is not None else self.cwd)
        found = self.finder.find(directory)
        return self.finder.load(found) if found else None

    def _where(self, t: Target) -> Path:
        if t.path is not None:
            return (self.cwd / t.path).parent
        return (self.cwd / t.display).parent if t.display not in ("-", "") else self.cwd

    def run_settings(self) -> Settings:
        """Settings of the run as a whole (format, fail-on, cache-dir): the configuration found
        from the current folder, as Ruff does."""
        return settings_for(self.config_for(None), self.overrides)

    # -- exclusion and per-file ignores ------------------------------------------------------------
    def _matchers(self, s: Settings) -> tuple[pathspec.PathSpec, dict[str, pathspec.PathSpec]]:
        key = (s.config_file, s.exclude, s.extend_exclude, tuple(s.per_file_ignores))
        if key not in self._specs:
            excl = pathspec.GitIgnoreSpec.from_lines([*s.exclude, *s.extend_exclude])
            pfi = {g: pathspec.GitIgnoreSpec.from_lines([g]) for g in s.per_file_ignores}
            self._specs[key] = (excl, pfi)
        return self._specs[key]

    def _relative(self, t: Target, s: Settings) -> str:
        root = Path(s.config_file).parent if s.config_file else self.cwd
        p = self.cwd / (t.path if t.path is not None else t.display)
        real = self._real.get(p.parent)
        if real is None:
            real = self._real[p.parent] = p.parent.resolve()
        p = real / p.name
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            return p.name

    def excluded(self, t: Target, s: Settings | None = None) -> bool:
        """Excluded by `exclude`/`extend-exclude`; a file named on the command line only with
        `--force-exclude` (so `exolint check LICENSE` still lints it, and pre-commit does not)."""
        if t.explicit and not self.force_exclude:
            return False
        s = s or settings_for(self.config_for(self._where(t)), self.overrides)
        return self._matchers(s)[0].match_file(self._relative(t, s))

    def prepare(self, targets: Sequence[Target]) -> list[Target]:
        """Targets left after exclusion, with every plan built now, so a configuration error
        stops the run before any output (raises ConfigError)."""
        out = []
        for t in targets:
            s = settings_for(self.config_for(self._where(t)), self.overrides)
            if self.excluded(t, s):
                continue
            self.plan_for(t)
            out.append(t)
        return out

    # -- plans -----------------------------------------------------------------------------------
    def plan_for(self, target: Target) -> Plan:
        tk = (target.display, target.path)
        plan = self._by_target.get(tk)
        if plan is None:
            plan = self._by_target[tk] = self._plan_for(target)
        return plan

    def _plan_for(self, target: Target) -> Plan:
        config = self.config_for(self._where(target))
        s = settings_for(config, self.overrides)
        _, pfi_specs = self._matchers(s)
        rel = self._relative(target, s)
        pfi = tuple(sel for glob, spec in pfi_specs.items() if spec.match_file(rel)
                    for sel in s.per_file_ignores[glob])
        key = (s.config_file, pfi)
        plan = self._plans.get(key)
        if plan is None:
            engine = self._engine(s, pfi, config)
            filters: list[Filter] = [self._suppression(engine.ruleset, s)]
            if self.baseline is not None:
                filters.append(self.baseline)
            plan = self._plans[key] = Plan(s, engine, tuple(filters))
        return plan

    def _suppression(self, selected: RuleSet, s: Settings) -> Callable:
        known = [c.rule for c in self.ruleset] + [c.rule for rs in self._extra.values() for c in rs]
        unused = selected.by_id.get(UNUSED_SUPPRESSION)
        return SuppressionFilter(known, selected.by_id, unused.rule if unused else None,
                                 require_reason=s.require_suppression_reason)

    def _engine(self, s: Settings, pfi: tuple[str, ...], config: ConfigFile | None) -> Engine:
        key = json.dumps([s.select, s.extend_select, s.ignore, s.jurisdictions, s.severity, s.rule_options,
                          sorted(s.rules), pfi], sort_keys=True, default=str)
        if key not in self._engines:
            rs = self._with_extra_rules(s, config)
            rs = select(rs, s, pfi)
            rs = self._configure(rs, s, config)
            self._engines[key] = Engine(rs, prefilter=self.prefilter)
        return self._engines[key]

    def _with_extra_rules(self, s: Settings, config: ConfigFile | None) -> RuleSet:
        extra = tuple(sorted(d for d in (str(Path(x).resolve()) for x in s.rules) if d not in self.base_dirs))
        if not extra:
            return self.ruleset
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
        every = {c.rule.id: c.rule for c in self._with_extra_rules(s, config)}
        overrides: dict[str, dict[str, Any]] = {}
        errors = []
        for key, table in (("severity", s.severity), ("rule-options", s.rule_options)):
            for ref, value in table.items():
                rule = every.get(ref.upper()) or next((r for r in every.values() if ref.lower() in (r.name, *r.aliases)), None)
                if rule is None:
                    errors.append(self._error(config, (key, ref), f"{key}/{ref}: no such rule (give an id or a name)"))
                    continue
                if key == "rule-options":
                    errors += self._check_options(config, ref, rule, value)
                o = overrides.setdefault(rule.id, {})
                o.update({"severity": value} if key == "severity" else value)
        if errors:
            raise ConfigError(errors)
        out = []
        for c in rs:
            if c.rule.id not in overrides:
                out.append(c)
                continue
            spec = self.registry.kinds[c.rule.kind]
            try:
                out.append(spec.compile(with_options(c.rule, overrides[c.rule.id]), rs.context))
            except RuleSpecError as exc:
                ref = next((k for k in s.rule_options if k.upper() == c.rule.id), c.rule.id)
                errors.append(self._error(config, ("rule-options", ref, *exc.path), f"rule-options/{ref}: {exc}"))
            except Exception as exc:  # noqa: BLE001 - a kind rejecting an override is a config error
                errors.append(self._error(config, ("rule-options",), f"rule-options/{c.rule.id}: {type(exc).__name__}: {exc}"))
        if errors:
            raise ConfigError(errors)
        return RuleSet(out, rs.context)

    def _check_options(self, config: ConfigFile | None, ref: str, rule: Any, value: dict) -> list[LoadError]:
        """Overrides must be keys the rule's kind knows (or window/scope), with valid values."""
        import jsonschema

        from .ruleset import base_schema

        props = dict(self.registry.kinds[rule.kind].schema.get("properties", {}))
        for k in ("window", "scope", "severity"):
            props[k] = base_schema()["properties"][k]
        schema = {"type": "object", "properties": props, "additionalProperties": False,
                  "$defs": base_schema()["$defs"]}
        out = []
        for err in jsonschema.Draft202012Validator(schema).iter_errors(value):
            keys = ("rule-options", ref, *err.absolute_path)
            msg = err.message
            if err.validator == "additionalProperties":
                msg += f" (a rule of kind {rule.kind!r} has: {', '.join(sorted(props))})"
            out.append(self._error(config, keys, f"{'/'.join(map(str, keys))}: {msg}"))
        return out

    @staticmethod
    def _error(config: ConfigFile | None, keys: tuple, message: str) -> LoadError:
        if config is None:
            return LoadError("<command line>", 1, 1, message)
        path, line, col = config.where(keys)
        return LoadError(path, line, col, message)
