"""Output formats, each one module, registered through the same hook a plugin would use.

A reporter receives findings file by file, in a deterministic order, as soon as a file is done
(so memory does not grow with the number of files), then a summary at the end.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, Any, Protocol, Sequence

from ..finding import FileError, Finding
from ..hookspecs import hookimpl

BUILTIN_REPORTERS = {
    "concise": "exolint.reporters.concise",
    "full": "exolint.reporters.full",
    "json": "exolint.reporters.json",
    "jsonl": "exolint.reporters.jsonl",
    "github": "exolint.reporters.github",
    "sarif": "exolint.reporters.sarif",
}


@dataclass
class RunSummary:
    files: int = 0
    findings: int = 0
    errors: list[FileError] = field(default_factory=list)
    fixed: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)


@dataclass
class ReportOptions:
    """What a reporter may need besides findings: the rules in play, statistics, the tool version."""

    rules: Sequence[Any] = field(default_factory=list)  # a list, or the CLI's LazyRules
    statistics: bool = False
    version: str = ""
    #: files (real absolute paths) whose findings a reporter that can show only some of them puts
    #: first: for the github format, the files a pull request changes (`exolint.ci.changed`)
    preferred: frozenset[str] = frozenset()


class Reporter(Protocol):
    #: optional (default True): False when `file` never uses `source`, so a cached run passes
    #: None instead of reading every unchanged file that has findings
    needs_source: bool

    def file(self, path: str, findings: list[Finding], source: str | None) -> None: ...

    def finish(self, summary: RunSummary) -> None: ...


@hookimpl
def register_reporters(register) -> None:
    for name, modname in BUILTIN_REPORTERS.items():
        mod = importlib.import_module(modname)
        register(name, mod.Reporter)


def write_statistics(stream: IO[str], summary: RunSummary, rules: Sequence[Any]) -> None:
    names = {r.id: r.name for r in rules}
    for rid, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{n:6d}\t{rid}\t{names.get(rid, '')}\n")
