"""exolint's built-in rule kinds, registered through the same hook as a plugin's.

Each kind is one module with `SCHEMA` (its own YAML keys), `compile(rule, ctx)` and a module
docstring that is its documentation (shown by `exolint explain` and in docs/).
"""
from __future__ import annotations

import importlib

from ..hookspecs import hookimpl

#: kind name -> module; explicit, so the registry stays greppable
BUILTIN_KINDS = {
    "suppression": "exolint.kinds.suppression",
    "pattern": "exolint.kinds.pattern",
    "substitution": "exolint.kinds.substitution",
    "script": "exolint.kinds.script",
    "evidence": "exolint.kinds.evidence",
    "density": "exolint.kinds.density",
    "conflict": "exolint.kinds.conflict",
    "quantity": "exolint.kinds.quantity",
    "claim": "exolint.kinds.claim",
}


@hookimpl
def register_rule_kinds(register) -> None:
    for name, modname in BUILTIN_KINDS.items():
        mod = importlib.import_module(modname)
        register(name, mod.compile, schema=mod.SCHEMA, doc=mod.__doc__ or "")
