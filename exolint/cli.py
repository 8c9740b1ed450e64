"""The `exolint` command line: a thin face over the runner, the rule loader and the reporters.

Exit status: 2 when anything went wrong (usage, configuration, a rule error such as a regex
timeout, a file that could not be decoded or read); otherwise 1 when a finding is at or above
`--fail-on`; otherwise 0.
"""
from __future__ import annotations

import gc
import os
import sys
import time

import click

from . import __version__
from .cli_rules import explain, list_rules, test_rules
from .cli_setup import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, registry_or_exit, review_date, setup_warnings
from .finding import SEVERITY_RANK


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values or ():
        out += [x.strip() for x in v.split(",") if x.strip()]
    return tuple(out)


class _Group(click.Group):
    def invoke(self, ctx):
        setup_warnings()
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
@click.option("--encoding", default=None,
              help="Encoding of files without a BOM or charset declaration (default utf-8).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default info: any finding).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--stdin-filename", default=None, help="The name of the file read from standard input ('-').")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to a file.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--today", default=None, help="The date used to judge fact review dates (ISO; env EXOLINT_TODAY).")
@click.option("--regex-timeout", type=float, default=1.0, show_default=True,
              help="Seconds a rule may run on one file, per 64K characters of prose, before it is stopped.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Processes to lint with (default: the CPUs this process may use; 0 means the same).")
@click.option("--no-cache", is_flag=True, envvar="EXOLINT_NO_CACHE",
              help="Neither read nor write the result cache (the compiled-rules cache is content-keyed; "
                   "EXOLINT_RULE_CACHE_DIR= turns it off).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="EXOLINT_CACHE_DIR",
              help="Directory of the result cache (default: config cache-dir, else .exolint_cache).")
@click.option("--timings", "show_timings", is_flag=True,
              help="Print to stderr the time spent parsing, prefiltering, per rule kind and the slowest rules.")
@click.option("--no-prefilter", is_flag=True, hidden=True, help="Run every rule on every file (for testing).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Use this configuration file for every file (default: the nearest .exolint.yaml, "
                   ".exolint.yml or pyproject.toml [tool.exolint] in each file's folder or above).")
@click.option("--force-exclude", is_flag=True,
              help="Apply the configuration's exclude globs to files named on the command line too.")
@click.option("--show-settings", is_flag=True,
              help="Print the effective settings for PATH (JSON, or YAML with --format yaml) and exit.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Record every current finding in this baseline file and exit 0.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically; reports what remains).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes marked unsafe.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any.")
def check(paths, output_format, select, extend_select, ignore, rules_dirs, no_builtin_rules, jurisdictions,
          encoding, fail_on, exit_zero, stdin_filename, output_file, statistics, today, regex_timeout,
          jobs, no_cache, cache_dir, show_timings, no_prefilter, config_file, force_exclude, show_settings,
          baseline_file, write_baseline_file, fix, unsafe_fixes, show_diff) -> None:
    """Lint files and directories (directories are walked for known extensions; '-' reads stdin).

    Each file follows the nearest configuration file (.exolint.yaml, .exolint.yml or pyproject.toml
    [tool.exolint]); options given here override it. See docs/configuration.md.
    """
    from .cache import open_cache
    from .parallel import default_jobs
    from .reporters import ReportOptions, RunSummary
    from .runner import collect_targets, run

    started = time.perf_counter()
    jobs = jobs or default_jobs()
    timings = None
    if show_timings:
        from .engine import Timings

        timings = Timings()
    if not paths:
        raise click.UsageError("give at least one PATH (or '-' for standard input)")
    registry = registry_or_exit()
    overrides = {"select": _split(select), "extend-select": _split(extend_select), "ignore": _split(ignore),
                 "rules": tuple(rules_dirs), "jurisdictions": _split(jurisdictions), "encoding": encoding,
                 "format": output_format, "fail-on": fail_on}
    from .checkrun import (
        LazyRules,
        Progress,
        fixed_results,
        make_resolver,
        prepare,
        rule_source,
        run_settings,
        show_settings_and_exit,
    )

    if show_settings:
        show_settings_and_exit(paths, overrides, config_file, output_format)
    settings = run_settings(overrides, config_file)
    if settings.format not in registry.reporters:
        raise click.BadParameter(f"unknown format {settings.format!r}; choose from "
                                 f"{', '.join(sorted(registry.reporters))}", param_hint="--format")
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    source = rule_source(registry, settings.rules, review_date(today), regex_timeout, builtin=not no_builtin_rules,
                          cache=True)
    resolver, baseline = make_resolver(registry, source, overrides, config_file=config_file,
                                       force_exclude=force_exclude, baseline_file=baseline_file,
                                       write_baseline=bool(write_baseline_file), base_dirs=settings.rules,
                                       prefilter=not no_prefilter)
    targets, errors = collect_targets(paths, registry, stdin_filename=stdin_filename)
    cache = None if fix or show_diff else open_cache(not no_cache, cache_dir or settings.cache_dir)
    targets = prepare(resolver, targets, cache)
    # the rules, plans and registry now live until the run ends: frozen, they are left out of
    # every later collection, which then scans only what the files create
    gc.freeze()
    if timings is not None:  # everything so far ran once, in this process, before any file
        timings.stages["setup"] += time.perf_counter() - started
    def selected_rules() -> list:
        from .api import select_rules

        return [c.rule for c in select_rules(source.load(), settings)]

    rules = LazyRules(selected_rules)
    stream = open(output_file, "w", encoding="utf-8") if output_file else sys.stdout
    summary = RunSummary(files=0, errors=list(errors))
    worst = 0
    progress = Progress(len(targets))
    recorded: list = []  # findings for --write-baseline
    try:
        preferred: frozenset[str] = frozenset()
        if settings.format == "github":
            from .ci.changed import preferred_files

            preferred = preferred_files(os.environ, sys.stderr.write)
        reporter = registry.reporters[settings.format].factory(
            stream, ReportOptions(rules=rules, statistics=statistics, version=__version__, preferred=preferred))
        if fix or show_diff:
            results = fixed_results(targets, resolver, registry, summary, unsafe=unsafe_fixes,
                                    write=not show_diff, diff_stream=stream if show_diff else None)
        else:
            needs_source = getattr(reporter, "needs_source", True)
            if cache is not None:
                cache.want_source = needs_source
            results = run(targets, resolver, registry, timings, jobs=jobs, cache=cache, keep_source=needs_source)
        for res in results:
            progress.advance(res.path)
            if write_baseline_file:
                recorded += res.findings
            summary.files += 1
            summary.findings += len(res.findings)
            summary.errors += res.errors
            for n in res.notices:
                click.echo(f"exolint: {n}", err=True)
            for f in res.findings:
                summary.by_rule[f.rule] = summary.by_rule.get(f.rule, 0) + 1
                worst = max(worst, SEVERITY_RANK[f.severity])
            if not show_diff:
                if res.findings:
                    progress.close()
                reporter.file(res.path, res.findings, res.source)
        progress.close()
        if not show_diff:
            reporter.finish(summary)
    finally:
        progress.close()
        if output_file:
            stream.close()
    if timings is not None:
        from .timings import format_timings

        click.echo(format_timings(timings, wall=time.perf_counter() - started, jobs=jobs, files=summary.files,
                                  names={r.id: r.name for r in rules}), err=True)
    for e in summary.errors:
        click.echo(f"exolint: error: {e.path}: {e.message}", err=True)
    if summary.errors:
        sys.exit(EXIT_ERROR)
    if fix or show_diff:
        click.echo(f"exolint: {'would fix' if show_diff else 'fixed'} {summary.fixed} finding(s)", err=True)
    if write_baseline_file:
        from .baseline import write_baseline

        written = write_baseline(write_baseline_file, recorded)
        click.echo(f"exolint: wrote {written} finding(s) to the baseline {write_baseline_file}", err=True)
        sys.exit(EXIT_OK)
    if baseline is not None and baseline.matched:
        click.echo(f"exolint: {baseline.matched} finding(s) hidden by the baseline", err=True)
    if show_diff:
        sys.exit(EXIT_FINDINGS if summary.fixed and not exit_zero else EXIT_OK)
    if not exit_zero and worst and worst >= SEVERITY_RANK[settings.fail_on]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


for _command in (list_rules, explain, test_rules):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
