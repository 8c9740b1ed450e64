"""Effective settings of a run. (Configuration files are read by `exolint.configfile`.)

One `Settings` describes what applies to one file: the nearest configuration file with the
command-line options laid over it. Keys are the configuration's keys with `_` for `-`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: files nobody wants linted as health claims; pre-commit's `plain-text` type matches them
DEFAULT_EXCLUDE = (
    "LICENSE", "LICENSE.*", "LICENCE", "LICENCE.*", "COPYING", "COPYING.*", "AUTHORS", "AUTHORS.*",
    "CONTRIBUTORS", "CONTRIBUTORS.*", "CHANGELOG", "CHANGELOG.*", "CHANGES", "CHANGES.*", "NOTICE",
    "NOTICE.*", "requirements*.txt", "robots.txt",
)


@dataclass
class Settings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    format: str = "concise"
    fail_on: str = "info"
    encoding: str | None = None
    require_suppression_reason: bool = False
    cache_dir: str | None = None
    max_file_size: int = 100 * 1024 * 1024
    frontmatter_keys: tuple[str, ...] = ("title", "description")
    #: the configuration file these settings came from (None: defaults and options only);
    #: globs of `exclude` and `per-file-ignores` are relative to its folder
    config_file: str | None = None

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {k.replace("_", "-"): (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}


def selector_matches(selector: str, rule) -> bool:
    """Selection by id, id prefix, name, alias or category (`EXO1`, `EXO101`, `absolute-safety`, ...)."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if rule.id.upper().startswith(s.upper()):
        return True
    low = s.lower()
    return low == rule.name or low == rule.category or low in rule.aliases


def is_selected(rule, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Ruff's precedence: `select` replaces the default (all), `extend-select` adds, `ignore` removes,
    and the more specific selector wins when an id is both selected and ignored (at equal
    specificity, ignore wins: `select: [EXO101]` with `--ignore EXO101` turns it off)."""
    def best(sels):
        scores = [_specificity(s, rule) for s in sels if selector_matches(s, rule)]
        return max(scores) if scores else -1

    chosen = best(select) if select else 0
    chosen = max(chosen, best(extend_select))
    ignored = best(ignore)
    return chosen >= 0 and chosen > ignored if ignored >= 0 else chosen >= 0


def _specificity(selector: str, rule) -> int:
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() in (rule.name, *rule.aliases) or s.upper() == rule.id:
        return 100
    if rule.id.upper().startswith(s.upper()):
        return len(s)
    return 1  # category
