"""Findings as compact JSON for the result cache (`exolint.cache`).

A warm run of a whole site parses thousands of cached findings and builds them again, so the
stored form is a flat array per finding (no repeated key names, no nested position objects):
it is about half the size of the dict form and parses about twice as fast. Reading trusts
nothing: a row of the wrong shape raises ValueError, TypeError or IndexError, which the cache
treats as a miss.
"""
from __future__ import annotations

from typing import Any

from .finding import Finding, Fix, Position, Related, Replacement

__all__ = ["finding_from_json", "finding_from_row", "finding_to_json", "finding_to_row"]


def finding_to_row(f: Finding) -> list:
    """[rule, name, category, severity, message, line, column, offset (start, then end), related, fix,
    matched, context]; related as [message, 6 position ints], fix as [safe, [[start, end, text]...]]."""
    s, e = f.start, f.end
    related = [[r.message, r.start.line, r.start.column, r.start.offset, r.end.line, r.end.column, r.end.offset]
               for r in f.related]
    fix = None
    if f.fix is not None:
        fix = [f.fix.safe, [[r.start, r.end, r.text] for r in f.fix.replacements]]
    return [f.rule, f.name, f.category, f.severity, f.message, s.line, s.column, s.offset, e.line, e.column,
            e.offset, related, fix, f.matched, f.context]


def _int(v: Any) -> int:
    if type(v) is not int:  # bool is an int subclass; a float or string is a bad entry
        raise TypeError("not an integer")
    return v


def _str(v: Any) -> str:
    if type(v) is not str:
        raise TypeError("not a string")
    return v


def _related(rows: list) -> tuple[Related, ...]:
    return tuple(Related(_str(m), Position(_int(a), _int(b), _int(c)), Position(_int(d), _int(e), _int(g)))
                 for m, a, b, c, d, e, g in rows)


def _fix(fix: list) -> Fix:
    safe, reps = fix
    return Fix(tuple(Replacement(_int(a), _int(b), _str(t)) for a, b, t in reps), safe=bool(safe))


def finding_from_row(path: str, row: list) -> Finding:
    """The finding of `finding_to_row`, named `path`; raises on a row of the wrong shape.

    A warm run builds every cached finding again, so the common fields are checked in one
    expression rather than a call each (that halves the time per finding)."""
    (rule, name, category, severity, message, sl, sc, so, el, ec, eo, related, fix, matched, context) = row
    if not (type(rule) is str and type(name) is str and type(category) is str and type(severity) is str
            and type(message) is str and type(matched) is str and type(context) is str and type(related) is list
            and type(sl) is int and type(sc) is int and type(so) is int
            and type(el) is int and type(ec) is int and type(eo) is int):
        raise TypeError("not a finding row")
    return Finding(path, rule, name, category, severity, message, Position(sl, sc, so), Position(el, ec, eo),
                   _related(related) if related else (), _fix(fix) if fix is not None else None, matched, context)


# -- the dict form (kept for callers that want the JSON contract's shape plus matched/context) -------
def finding_to_json(f: Finding) -> dict:
    d = f.to_json()
    del d["path"]
    d["matched"] = f.matched
    d["context"] = f.context
    return d


def _pos(d: dict) -> Position:
    return Position(int(d["line"]), int(d["column"]), int(d["offset"]))


def finding_from_json(path: str, d: dict) -> Finding:
    fix = None
    if d.get("fix"):
        fx = d["fix"]
        fix = Fix(tuple(Replacement(int(r["start"]), int(r["end"]), r["text"]) for r in fx["replacements"]),
                  safe=bool(fx.get("safe", True)))
    return Finding(
        path=path, rule=d["rule"], name=d["name"], category=d["category"], severity=d["severity"],
        message=d["message"], start=_pos(d["start"]), end=_pos(d["end"]),
        related=tuple(Related(r["message"], _pos(r["start"]), _pos(r["end"])) for r in d.get("related", ())),
        fix=fix, matched=d.get("matched", ""), context=d.get("context", ""),
    )
