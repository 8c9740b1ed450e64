"""What a run reports: `Finding`, its `Position`s, `Related` locations and `Fix`es.

All offsets are source offsets (code points of the decoded text, BOM removed); `end` is exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int
    offset: int

    def to_json(self) -> dict:
        return {"line": self.line, "column": self.column, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Related:
    message: str
    start: Position
    end: Position

    def to_json(self) -> dict:
        return {"message": self.message, "start": self.start.to_json(), "end": self.end.to_json()}


@dataclass(frozen=True, slots=True)
class Replacement:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    replacements: tuple[Replacement, ...]
    safe: bool = True

    def to_json(self) -> dict:
        return {
            "safe": self.safe,
            "replacements": [{"start": r.start, "end": r.end, "text": r.text} for r in self.replacements],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    rule: str
    name: str
    category: str
    severity: str
    message: str
    start: Position
    end: Position
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    #: the matched source text, normalised; baselines fingerprint it (not part of the JSON contract)
    matched: str = field(default="", compare=False)
    #: a few words around the match, for fingerprints that survive edits elsewhere in the file
    context: str = field(default="", compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.start.offset, self.end.offset, self.rule)

    def to_json(self) -> dict:
        return {
            "path": self.path, "rule": self.rule, "name": self.name, "category": self.category,
            "severity": self.severity, "message": self.message,
            "start": self.start.to_json(), "end": self.end.to_json(),
            "related": [r.to_json() for r in self.related],
            "fix": self.fix.to_json() if self.fix else None,
        }


@dataclass(frozen=True, slots=True)
class FileError:
    """A per-file or per-rule problem: undecodable file, read error, size limit, rule timeout."""

    path: str
    message: str
    rule: str | None = None

    def to_json(self) -> dict:
        d = {"path": self.path, "message": self.message}
        if self.rule:
            d["rule"] = self.rule
        return d
