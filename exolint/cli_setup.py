"""What every `exolint` command sets up before it runs: warnings in exolint's own words, the plugin
registry (a broken plugin setup is exit 2), the review date and the rule set."""
from __future__ import annotations

import datetime as _dt
import os
import sys
import warnings

import click

from .registry import PluginError, PluginWarning, get_registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _format_warning(message, category, filename, lineno, line=None) -> str:
    text = str(message)
    return (text if text.startswith("exolint:") else f"exolint: warning: {text}") + "\n"


def setup_warnings() -> None:
    warnings.formatwarning = _format_warning
    warnings.simplefilter("always", PluginWarning)


def registry_or_exit():
    try:
        return get_registry()
    except PluginError as exc:
        click.echo(f"exolint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def review_date(value: str | None) -> _dt.date:
    value = value or os.environ.get("EXOLINT_TODAY")
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date: {value!r}", param_hint="--today / EXOLINT_TODAY") from None


def load_rules(registry, rules_dirs, today, regex_timeout=1.0, builtin=True, cache=False):
    """The rule set, loaded now (its warnings printed)."""
    from .checkrun import rule_source

    return rule_source(registry, rules_dirs, today, regex_timeout, builtin, cache).load()
