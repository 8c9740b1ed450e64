"""The contract between the rule loader, the rule kinds and the engine.

A YAML rule is validated and turned into a `Rule` (metadata plus the kind's own options); its
kind's `compile` turns it into a `CompiledRule` once per run. The engine asks a compiled rule for
`Hit`s in prose offsets and turns them into `Finding`s through the document's offset map.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

from .document import Document

@dataclass(frozen=True)
class Example:
    text: str  # with the markers removed
    spans: tuple[tuple[int, int], ...]  # expected spans in `text` (bad examples)
    format: str = "text"
    fixed: str | None = None
    also: tuple[str, ...] = ()  # other rules that report this example on purpose


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    category: str
    severity: str
    message: str
    description: str
    path: Path
    options: dict[str, Any] = field(default_factory=dict)  # the kind's own keys
    references: tuple[dict, ...] = ()
    scope: frozenset[str] | None = None  # None: all prose
    window: str = "sentence"
    languages: tuple[str, ...] = ("en",)
    #: "skip": no findings inside quotations the page reports as others' claims (`exolint.reported`)
    reported_quotes: str = "skip"
    jurisdiction: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    as_of: str | None = None
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    pack: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Hit:
    """A match in prose offsets. `related` and `fix` are also in prose offsets."""

    start: int
    end: int
    message: str
    related: list[tuple[int, int, str]] = field(default_factory=list)
    fix: list[tuple[int, int, str]] | None = None
    fix_safe: bool = True


class CompiledRule(Protocol):
    rule: Rule
    #: lower-case literal strings, one of which must occur in the folded, lower-cased prose for the
    #: rule to possibly fire; empty means the rule always runs
    triggers: tuple[str, ...]

    def check(self, doc: Document) -> Iterable[Hit]: ...


@dataclass
class CompileContext:
    """What a kind may use while compiling: the fact base, the clock, the regex timeout."""

    facts: Any = None
    today: _dt.date = field(default_factory=_dt.date.today)
    regex_timeout: float = 1.0
    warnings: list[str] = field(default_factory=list)


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: Any) -> str:
    """Fill `{name}` placeholders, leaving unknown ones as they are (a message never crashes a run)."""
    try:
        return template.format_map(_Keep(**values))
    except (ValueError, IndexError):
        return template
