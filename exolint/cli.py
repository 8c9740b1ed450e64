"""The `exolint` command line: a thin face over the runner, the rule loader and the reporters.

Exit status: 2 when anything went wrong (usage, configuration, a rule error such as a regex
timeout, a file that could not be decoded or read); otherwise 1 when a finding is at or above
`--fail-on`; otherwise 0.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .config import Settings
from .finding import SEVERITY_RANK
from .registry import PluginError, PluginWarning, get_registry
from .ruleset import RuleLoadError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _format_warning(message, category, filename, lineno, line=None) -> str:
    text = str(message)
    return (text if text.startswith("exolint:") else f"exolint: warning: {text}") + "\n"


def _setup_warnings() -> None:
    warnings.formatwarning = _format_warning
    warnings.simplefilter("always", PluginWarning)


def _registry():
    try:
        return get_registry()
    except PluginError as exc:
        click.echo(f"exolint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _today(value: str | None) -> _dt.date:
    value = value or os.environ.get("EXOLINT_TODAY")
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date: {value!r}", param_hint="--today / EXOLINT_TODAY") from None


def _load(registry, rules_dirs, today, regex_timeout=1.0, builtin=True):
    from .rule import CompileContext
    from .ruleset import load_ruleset

    ctx = CompileContext(today=today, regex_timeout=regex_timeout)
    try:
        rs = load_ruleset(registry, rules_dirs, builtin=builtin, ctx=ctx)
    except RuleLoadError as exc:
        for e in exc.errors:
            click.echo(str(e), err=True)
        click.echo(f"exolint: {len(exc.errors)} error(s) in rule files", err=True)
        sys.exit(EXIT_ERROR)
    for w in ctx.warnings:
        click.echo(f"exolint: warning: {w}", err=True)
    return rs


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values or ():
        out += [x.strip() for x in v.split(",") if x.strip()]
    return tuple(out)


class _Group(click.Group):
    def invoke(self, ctx):
        _setup_warnings()
        return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="exolint", message="%(prog)s %(version)s")
def main() -> None:
    """exolint: lint health and aesthetic-medicine content for misleading claims.

    Findings are not legal advice; each says which source it relies on and as of when.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "output_format", type=str, default=None, envvar="EXOLINT_FORMAT",
              help="Output format: concise, full, json, jsonl, github, sarif (env EXOLINT_FORMAT).")
@click.option("--select", multiple=True, help="Rules to run, by id, id prefix, name or category (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip, by id, id prefix, name or category.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A directory of YAML rules to load besides the built-in packs (repeatable).")
@click.option("--no-builtin-rules", is_flag=True, help="Load only the rules given with --rules.")
@click.option("--jurisdiction", "jurisdictions", multiple=True,
              help="Apply only regulatory rules of these jurisdictions (us, uk, eu, ...; default all).")
@click.option("--encoding", default=None, help="Encoding of files without a BOM or charset declaration (default utf-8).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default info: any finding).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--stdin-filename", default=None, help="The name of the file read from standard input ('-').")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to a file.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--today", default=None, help="The date used to judge fact review dates (ISO; env EXOLINT_TODAY).")
@click.option("--regex-timeout", type=float, default=1.0, show_default=True,
              help="Seconds a rule's pattern may run on one file before it is stopped.")
def check(paths, output_format, select, extend_select, ignore, rules_dirs, no_builtin_rules, jurisdictions,
          encoding, fail_on, exit_zero, stdin_filename, output_file, statistics, today, regex_timeout) -> None:
    """Lint files and directories (directories are walked for known extensions; '-' reads stdin)."""
    from .api import select_rules
    from .engine import Engine
    from .reporters import ReportOptions, RunSummary
    from .runner import Plan, Resolver, collect_targets, run

    if not paths:
        raise click.UsageError("give at least one PATH (or '-' for standard input)")
    registry = _registry()
    settings = Settings(
        select=_split(select), extend_select=_split(extend_select), ignore=_split(ignore),
        rules=tuple(rules_dirs), jurisdictions=_split(jurisdictions), encoding=encoding,
        format=output_format or "concise", fail_on=fail_on or "info",
    )
    if settings.format not in registry.reporters:
        raise click.BadParameter(f"unknown format {settings.format!r}; choose from "
                                 f"{', '.join(sorted(registry.reporters))}", param_hint="--format")
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    rs = _load(registry, settings.rules, _today(today), regex_timeout, builtin=not no_builtin_rules)
    rs = select_rules(rs, settings)
    targets, errors = collect_targets(paths, registry, stdin_filename=stdin_filename)
    stream = open(output_file, "w", encoding="utf-8") if output_file else click.get_text_stream("stdout")
    summary = RunSummary(files=0, errors=list(errors))
    worst = 0
    try:
        reporter = registry.reporters[settings.format].factory(
            stream, ReportOptions(rules=[c.rule for c in rs], statistics=statistics, version=__version__))
        for res in run(targets, Resolver(Plan(settings, Engine(rs))), registry):
            summary.files += 1
            summary.findings += len(res.findings)
            summary.errors += res.errors
            for n in res.notices:
                click.echo(f"exolint: {n}", err=True)
            for f in res.findings:
                summary.by_rule[f.rule] = summary.by_rule.get(f.rule, 0) + 1
                worst = max(worst, SEVERITY_RANK[f.severity])
            reporter.file(res.path, res.findings, res.source)
        reporter.finish(summary)
    finally:
        if output_file:
            stream.close()
    for e in summary.errors:
        click.echo(f"exolint: error: {e.path}: {e.message}", err=True)
    if summary.errors:
        sys.exit(EXIT_ERROR)
    if not exit_zero and worst and worst >= SEVERITY_RANK[settings.fail_on]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command("rules")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule directories.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
def list_rules(rules_dirs, output_format) -> None:
    """List the rules: id, name, category, severity."""
    import json

    registry = _registry()
    rs = _load(registry, rules_dirs, _today(None))
    if output_format == "json":
        click.echo(json.dumps([{"id": c.rule.id, "name": c.rule.name, "category": c.rule.category,
                                "severity": c.rule.severity, "kind": c.rule.kind,
                                "jurisdiction": list(c.rule.jurisdiction)} for c in rs], indent=2))
        return
    for c in rs:
        r = c.rule
        click.echo(f"{r.id}  {r.name:<40} {r.category:<34} {r.severity}")


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule directories.")
def explain(rule_id, rules_dirs) -> None:
    """Explain a rule (by id, name or alias) or a rule kind: why it matters, sources, examples."""
    from .explain import explain_kind, explain_rule

    registry = _registry()
    if rule_id in registry.kinds:
        click.echo(explain_kind(registry.kinds[rule_id]))
        return
    rs = _load(registry, rules_dirs, _today(None))
    for c in rs:
        r = c.rule
        if rule_id.upper() == r.id or rule_id.lower() in (r.name, *r.aliases):
            click.echo(explain_rule(r))
            return
    click.echo(f"exolint: error: no rule or rule kind {rule_id!r}; see 'exolint rules'", err=True)
    sys.exit(EXIT_ERROR)


@main.command("test-rules")
@click.argument("directories", nargs=-1, type=click.Path(file_okay=False, exists=True))
def test_rules(directories) -> None:
    """Run the embedded examples of rules (the built-in packs, or the rules in DIRECTORIES)."""
    from .selftest import check_ruleset

    registry = _registry()
    rs = _load(registry, directories, _today(None), builtin=not directories)
    failures = check_ruleset(rs, registry)
    for f in failures:
        click.echo(str(f), err=True)
    n_examples = sum(len(c.rule.bad) + len(c.rule.good) for c in rs)
    click.echo(f"{len(rs)} rules, {n_examples} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
