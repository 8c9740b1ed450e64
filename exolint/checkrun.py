"""The configuration, baseline, fix and progress side of `exolint check`, kept out of cli.py.

Everything here may print and exit with status 2, as a command does: a bad configuration or
baseline must stop the run before any report is written.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Sequence

import click

from .baseline import Baseline, BaselineError
from .config import Settings
from .configfile import ConfigError, settings_for
from .progress import Progress
from .registry import Registry
from .resolve import ConfigResolver
from .ruleset import RuleSet
from .runner import FileResult, Target

__all__ = ["Progress", "fixed_results", "make_resolver", "prepare", "run_settings", "show_settings_and_exit"]
EXIT_ERROR = 2


def _fail(exc: ConfigError | BaselineError) -> None:
    errors = getattr(exc, "errors", None)
    for e in errors or [exc]:
        click.echo(str(e), err=True)
    what = "configuration" if errors is not None else "baseline"
    click.echo(f"exolint: error: invalid {what}", err=True)
    sys.exit(EXIT_ERROR)


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


def make_resolver(registry: Registry, ruleset: RuleSet, overrides: dict[str, Any], *, config_file: str | None,
                  force_exclude: bool, baseline_file: str | None, write_baseline: bool,
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


def prepare(resolver: ConfigResolver, targets: Sequence[Target]) -> list[Target]:
    try:
        return resolver.prepare(targets)
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
