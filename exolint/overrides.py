"""A configuration's `severity` and `rule-options` tables, applied to a selected rule set.

Only the rules they name are compiled again (with the overridden options), so a configuration
that tunes one rule costs one compilation, not the pack's. Every mistake (an unknown rule, a key
its kind does not have, a value of the wrong type, a kind rejecting the value) is collected and
raised together as one `ConfigError` that points into the configuration file.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .configfile import ConfigError, ConfigFile
from .registry import Registry

if TYPE_CHECKING:
    from .ruleset import LoadError, RuleSet


def apply_overrides(rs: RuleSet, every: dict[str, Any], s: Settings, config: ConfigFile | None,
                    registry: Registry) -> RuleSet:
    """`rs` with `s.severity` and `s.rule_options` applied; `every` maps id to Rule of all the rules
    the configuration may name (selected or not). Raises ConfigError."""
    from .ruleset import RuleSet, RuleSpecError, compile_rule, with_options

    overrides: dict[str, dict[str, Any]] = {}
    errors = []
    value: Any  # a severity (a str) or a rule's options (a dict), as `key` says
    for key, table in (("severity", s.severity), ("rule-options", s.rule_options)):
        for ref, value in table.items():
            rule = every.get(ref.upper()) or next(
                (r for r in every.values() if ref.lower() in (r.name, *r.aliases)), None)
            if rule is None:
                errors.append(config_error(config, (key, ref), f"{key}/{ref}: no such rule (give an id or a name)"))
                continue
            if key == "rule-options":
                errors += _check_options(config, ref, rule, value, registry)
            o = overrides.setdefault(rule.id, {})
            o.update({"severity": value} if key == "severity" else value)
    if errors:
        raise ConfigError(errors)
    out = []
    for c in rs:
        if c.rule.id not in overrides:
            out.append(c)
            continue
        try:
            out.append(compile_rule(with_options(c.rule, overrides[c.rule.id]), registry, rs.context))
        except RuleSpecError as exc:
            ref = next((k for k in s.rule_options if k.upper() == c.rule.id), c.rule.id)
            errors.append(config_error(config, ("rule-options", ref, *exc.path), f"rule-options/{ref}: {exc}"))
        except Exception as exc:  # noqa: BLE001 - a kind rejecting an override is a config error
            errors.append(config_error(config, ("rule-options",),
                                       f"rule-options/{c.rule.id}: {type(exc).__name__}: {exc}"))
    if errors:
        raise ConfigError(errors)
    return RuleSet(out, rs.context)


def _check_options(config: ConfigFile | None, ref: str, rule: Any, value: dict, registry: Registry) -> list[LoadError]:
    """Overrides must be keys the rule's kind knows (or window/scope), with valid values."""
    import jsonschema

    from .ruleset import base_schema

    props = dict(registry.kinds[rule.kind].schema.get("properties", {}))
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
        out.append(config_error(config, keys, f"{'/'.join(map(str, keys))}: {msg}"))
    return out


def config_error(config: ConfigFile | None, keys: tuple, message: str) -> LoadError:
    """An error at `keys` of the configuration file (or of the command line's options)."""
    from .ruleset import LoadError

    if config is None:
        return LoadError("<command line>", 1, 1, message)
    path, line, col = config.where(keys)
    return LoadError(path, line, col, message)
