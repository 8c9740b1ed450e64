"""The rule-inspection commands: `exolint rules`, `exolint explain`, `exolint test-rules`."""
from __future__ import annotations

import sys

import click

from .cli_setup import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, load_rules, registry_or_exit, review_date


@click.command("rules")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule directories.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
def list_rules(rules_dirs, output_format) -> None:
    """List the rules: id, name, category, severity."""
    import json

    registry = registry_or_exit()
    rs = load_rules(registry, rules_dirs, review_date(None))
    if output_format == "json":
        click.echo(json.dumps([{"id": c.rule.id, "name": c.rule.name, "category": c.rule.category,
                                "severity": c.rule.severity, "kind": c.rule.kind,
                                "jurisdiction": list(c.rule.jurisdiction)} for c in rs], indent=2))
        return
    for c in rs:
        r = c.rule
        click.echo(f"{r.id}  {r.name:<40} {r.category:<34} {r.severity}")


@click.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule directories.")
def explain(rule_id, rules_dirs) -> None:
    """Explain a rule (by id, name or alias) or a rule kind: why it matters, sources, examples."""
    from .explain import explain_kind, explain_rule

    registry = registry_or_exit()
    if rule_id in registry.kinds:
        click.echo(explain_kind(registry.kinds[rule_id]))
        return
    rs = load_rules(registry, rules_dirs, review_date(None))
    for c in rs:
        r = c.rule
        if rule_id.upper() == r.id or rule_id.lower() in (r.name, *r.aliases):
            click.echo(explain_rule(r))
            return
    click.echo(f"exolint: error: no rule or rule kind {rule_id!r}; see 'exolint rules'", err=True)
    sys.exit(EXIT_ERROR)


@click.command("test-rules")
@click.argument("directories", nargs=-1, type=click.Path(file_okay=False, exists=True))
def test_rules(directories) -> None:
    """Run the embedded examples of rules (the built-in packs, or the rules in DIRECTORIES)."""
    from .selftest import check_ruleset

    registry = registry_or_exit()
    rs = load_rules(registry, directories, review_date(None), builtin=not directories)
    failures = check_ruleset(rs, registry)
    for f in failures:
        click.echo(str(f), err=True)
    n_examples = sum(len(c.rule.bad) + len(c.rule.good) for c in rs)
    click.echo(f"{len(rs)} rules, {n_examples} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)
