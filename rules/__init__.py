"""exolint's built-in rule pack (installed as `exolint.rules`), registered like any plugin's pack."""
from __future__ import annotations

from pathlib import Path

from exolint.hookspecs import hookimpl


@hookimpl
def register_rule_packs(register) -> None:
    register("exolint", Path(__file__).parent)
