"""The configuration, baseline, fix and progress side of `exolint check`, kept out of cli.py.

Everything here may print and exit with status 2, as a command does: a bad configuration or
baseline must stop the run before any report is written.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence as SequenceABC
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterator, NoReturn, Sequence

import click

from .baseline import Baseline, BaselineError
from .config import Settings
from .configfile import ConfigError, ConfigFile, settings_for
from .progress import Progress
from .registry import Registry
from .resolve import ConfigResolver
from .rulecache import RuleSource
from .runner import FileResult, Target

if TYPE_CHECKING:
    from .ruleset import RuleSet

__all__ = ["LazyRules", "Progress", "fixed_results", "make_resolver", "prepare", "rule_source", "run_settings",
           "show_settings_and_exit"]
EXIT_ERROR = 2


class LazyRules(SequenceABC):
    """The rules in play for reporters (SARIF's rule list, `--statistics` names), loaded on first
    use: a default report of a run served from the result cache never needs them."""

    def __init__(self, load: Callable[[], list[Any]]) -> None:
        self._load: Callable[[], list[Any]] | None = load
        self._rules: list[Any] = []

    def _get(self) -> list[Any]:
        if self._load is not None:
            self._rules, self._load = self._load(), None
        return self._rules

    def __getitem__(self, i: Any) -> Any:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._get())


def _fail(exc: ConfigError | BaselineError) -> NoReturn:
    errors = getattr(exc, "errors", None)
    for e in errors or [exc]:
        click.echo(str(e), err=True)
    what = "configuration" if errors is not None else "baseline"
    click.echo(f"exolint: error: invalid {what}", err=True)
    sys.exit(EXIT_ERROR)


def rule_source(registry: Registry, rules_dirs: Sequence[str], today: Any, regex_timeout: float = 1.0,
                builtin: bool = True, cache: bool = False) -> RuleSource:
    """The rule set as a `RuleSource`: loaded now unless its warnings are known without loading it
    (then a run served from the result cache compiles nothing). Warnings are printed here, once."""
    from .rule import CompileContext
    from .rulecache import default_dir

    ctx = CompileContext(today=today, regex_timeout=regex_timeout)
    source = RuleSource(registry, rules_dirs, builtin=builtin, ctx=ctx, cache_dir=default_dir() if cache else None)
    warnings = source.warnings()
    if warnings is None:
        from .ruleset import RuleLoadError  # loading imports it anyway; known warnings need no rule module

        try:
            warnings = source.load().context.warnings  # kept in a cached rule set too
        except RuleLoadError as exc:
            for e in exc.errors:
                click.echo(str(e), err=True)
            click.echo(f"exolint: {len(exc.errors)} error(s) in rule files", err=True)
            sys.exit(EXIT_ERROR)
    for w in warnings:
        click.echo(f"exolint: warning: {w}", err=True)
    return source


def run_settings(overrides: dict[str, Any], config_file: str | None) -> Settings:
    """The settings of the run as a whole (output format, fail-on, cache): from the configuration
    that applies to the current folder, or `--config`."""
    from .configfile import ConfigFinder, load_config

    try:
        if config_file:
            return settings_for(load_config(Path(config_file)), overrides)
        finder = ConfigFinder()
        found = finder.find(Path.cwd())
        return settings_for(finder.load(found) if found else None, overrides)
    except ConfigError as exc:
        _fail(exc)
        raise  # unreachable


def show_settings_and_exit(paths: Sequence[str], overrides: dict[str, Any], config_file: str | None,
                           fmt: str | None) -> None:
    """`--show-settings PATH`: what applies to that file (or folder), as JSON or YAML; exit 0."""
    from .configfile import ConfigFinder, load_config

    target = Path(paths[0]) if paths else Path.cwd()
    folder = target if target.is_dir() else target.parent
    config: ConfigFile | None
    try:
        if config_file:
            config = load_config(Path(config_file))
        else:
            finder = ConfigFinder()
            found = finder.find(folder.resolve())
            config = finder.load(found) if found else None
    except ConfigError as exc:
        _fail(exc)
    s = settings_for(config, overrides)
    data = {"path": str(target), **s.to_json()}
    if fmt == "yaml":
        import yaml

        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
    else:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    sys.exit(0)


def make_resolver(registry: Registry, ruleset: RuleSet | RuleSource, overrides: dict[str, Any], *,
                  config_file: str | None, force_exclude: bool, baseline_file: str | None, write_baseline: bool,
                  base_dirs: Sequence[str], prefilter: bool = True) -> tuple[ConfigResolver, Baseline | None]:
    baseline = None
    try:
        if baseline_file and not write_baseline:  # a baseline being written starts from every finding
            baseline = Baseline.load(baseline_file)
        resolver = ConfigResolver(registry, ruleset, overrides, config=config_file, force_exclude=force_exclude,
                                  baseline=baseline, base_dirs=base_dirs, prefilter=prefilter)
    except (ConfigError, BaselineError) as exc:
        _fail(exc)
    return resolver, baseline


def prepare(resolver: ConfigResolver, targets: Sequence[Target], cache: Any = None) -> list[Target]:
    """The targets left after exclusion, with their plans. Rules are compiled now unless the
    result cache (`cache`) has every file: then a plan is built only if a cached entry turns out
    unusable, and building can no longer fail (these rules and settings were built before)."""
    try:
        kept = resolver.prepare(targets)
        if cache is None or not cache.all_hit(kept, [resolver.plan_for(t) for t in kept], resolver.registry):
            resolver.build(kept)
        return kept
    except ConfigError as exc:
        _fail(exc)
        raise  # unreachable


def fixed_results(targets: Sequence[Target], resolver: ConfigResolver, registry: Registry, summary: Any, *,
                  unsafe: bool, write: bool, diff_stream: IO[str] | None) -> Iterator[FileResult]:
    """Results of `--fix`/`--diff`: findings that remain; `summary.fixed` counts the fixed ones."""
    from .fixrun import fix_run

    for outcome in fix_run(targets, resolver, registry, unsafe=unsafe, write=write):
        summary.fixed += outcome.fixed
        if diff_stream is not None and outcome.diff:
            diff_stream.write(outcome.diff)
        yield outcome.result
