"""Inline suppressions in Markdown and HTML comments, and EXO901 for the ones that suppress nothing.

    <!-- exolint-disable-next-line EXO101, EXO203 -- reason -->   the next line that holds prose
    <!-- exolint-disable EXO101 --> ... <!-- exolint-enable EXO101 -->   a range (no ids: every rule)
    <!-- exolint-disable-file EXO101 -- reason -->                 the whole file

Selectors are what `--select` accepts: ids, id prefixes, names, aliases, categories. A stale
suppression hides the next real problem put on that line, so, like Ruff's RUF100, every
suppression (or selector) that suppressed nothing is reported as EXO901 with a safe fix that
removes it. With `require-suppression-reason`, a suppression without `-- reason` is ignored and
reported, so no finding is hidden without someone saying why.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable

from .config import selector_matches
from .document import Comment, Document
from .finding import Finding, Fix, Position, Replacement

RULE_ID = "EXO901"
#: a comment's text may be given with or without its `<!--` and `-->` (plugins differ)
_DIRECTIVE = re.compile(r"(?:<!--)?\s*exolint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*?)(?:-->)?\Z",
                        re.S)
_SELECTOR = re.compile(r"[^\s,]+")


@dataclass
class Directive:
    action: str  # disable-next-line | disable-file | disable | enable
    selectors: tuple[str, ...]  # () means every rule
    reason: str | None
    comment: Comment
    used: set[int] = field(default_factory=set)  # indexes of selectors that suppressed something
    used_all: bool = False  # a directive without selectors suppressed something

    def matches(self, info: Any, only: Iterable[int] | None = None) -> list[int] | None:
        """Indexes of the selectors naming the rule ([] for a directive without selectors), or None."""
        if not self.selectors:
            return []
        idx = [i for i in (range(len(self.selectors)) if only is None else only)
               if selector_matches(self.selectors[i], info)]
        return idx or None


def parse_directives(comments: Iterable[Comment]) -> list[Directive]:
    out = []
    for c in comments:
        m = _DIRECTIVE.match(c.text.strip())
        if not m:
            continue
        body, sep, reason = m.group(2).partition("--")
        sels = tuple(_SELECTOR.findall(body))
        out.append(Directive(m.group(1), sels, reason.strip() or None, c))
    return out


@dataclass(frozen=True)
class _Info:
    """What `selector_matches` reads from a rule, built from a finding when the rule is unknown."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()


class SuppressionFilter:
    """A runner Filter: drops suppressed findings and adds EXO901 findings for unused suppressions.

    `known` are all loaded rules (to tell an unknown id from a disabled one), `enabled` the ids
    that run on this file, `unused_rule` the (configured) EXO901 rule or None when it is off.
    """

    def __init__(self, known: Iterable[Any], enabled: Iterable[str], unused_rule: Any = None,
                 require_reason: bool = False) -> None:
        self.known = {r.id: r for r in known}
        self.enabled = frozenset(enabled)
        self.unused_rule = unused_rule
        self.require_reason = require_reason
        u = unused_rule
        #: what the result cache keys on (exolint.cache.filter_key): everything the output depends on
        self.cache_key = "suppress:" + "|".join((
            ",".join(sorted(self.enabled)), ",".join(sorted(self.known)), str(require_reason),
            f"{getattr(u, 'severity', '')}/{getattr(u, 'name', '')}" if u is not None else "off"))

    def __call__(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        directives = parse_directives(doc.comments)
        if not directives:
            return findings
        reports: list[Finding] = []
        active = []
        for d in directives:
            if self.require_reason and d.action != "enable" and not d.reason:
                reports.append(self._report(doc, d, "suppression without a reason is ignored "
                                            "(require-suppression-reason); add ' -- why' before '-->'", None))
            else:
                active.append(d)
        scopes = _Scopes(doc, active)
        kept = [f for f in findings if not scopes.suppress(f, self._info(f))]
        reports += self._unused(doc, active)
        exempt = [d for d in active if any(s.upper() == RULE_ID for s in d.selectors)]
        reports = [r for r in reports if not _Scopes(doc, exempt).suppress(r, self._info(r))]
        if self.unused_rule is None:
            reports = []
        return sorted(kept + reports, key=lambda f: f.sort_key)

    def _info(self, f: Finding) -> Any:
        return self.known.get(f.rule) or _Info(f.rule, f.name, f.category)

    def _unused(self, doc: Document, directives: list[Directive]) -> list[Finding]:
        out = []
        for d in directives:
            if d.action == "enable":
                continue
            if not d.selectors:
                if not d.used_all:
                    out.append(self._report(doc, d, "unused suppression: there was nothing to suppress",
                                            _removal(doc.source, d.comment)))
                continue
            problems, keep = [], []
            for i, s in enumerate(d.selectors):
                if i in d.used or s.upper() == RULE_ID:
                    keep.append(s)
                    continue
                matched = [r for r in self.known.values() if selector_matches(s, r)]
                if not matched:
                    problems.append(f"{s}: no such rule")
                elif not any(r.id in self.enabled for r in matched):
                    problems.append(f"{s}: not enabled here")
                else:
                    problems.append(f"{s}: nothing to suppress")
            if not problems:
                continue
            fix = _removal(doc.source, d.comment) if not keep else _rewrite(d, keep)
            out.append(self._report(doc, d, "unused suppression (" + "; ".join(problems) + ")", fix))
        return out

    def _report(self, doc: Document, d: Directive, message: str, fix: Fix | None) -> Finding:
        rule = self.unused_rule
        a, b = d.comment.start, d.comment.end
        return Finding(
            path=doc.path, rule=RULE_ID, name=getattr(rule, "name", "unused-suppression"),
            category=getattr(rule, "category", "other"), severity=getattr(rule, "severity", "warning"),
            message=message, start=Position(*doc.line_col(a), a), end=Position(*doc.line_col(b), b),
            fix=fix, matched=" ".join(d.comment.text.split()).lower(),
        )


class _Scopes:
    """Where each directive applies: the whole file, one line, or source ranges."""

    def __init__(self, doc: Document, directives: list[Directive]) -> None:
        self.file = [d for d in directives if d.action == "disable-file"]
        self.lines: dict[int, list[Directive]] = {}
        for d in directives:
            if d.action == "disable-next-line":
                line = next_prose_line(doc, d.comment.end)
                if line is not None:
                    self.lines.setdefault(line, []).append(d)
        self.ranges = _ranges(len(doc.source), directives)

    def suppress(self, f: Finding, info: Any) -> bool:
        hit = False
        cands: list[tuple[Directive, list[int] | None]] = [
            (d, None) for d in (*self.file, *self.lines.get(f.start.line, ()))]
        cands += [(d, idx) for a, b, d, idx in self.ranges if a <= f.start.offset < b]
        for d, idx in cands:
            m = d.matches(info, idx)
            if m is None:
                continue
            hit = True
            d.used.update(m)
            d.used_all = d.used_all or not d.selectors
        return hit


def _ranges(n: int, directives: list[Directive]) -> list[tuple[int, int, Directive, list[int] | None]]:
    """(start, end, directive, selector indexes or None for all) of disable/enable pairs."""
    out: list[tuple[int, int, Directive, list[int] | None]] = []
    open_: list[tuple[int, Directive, list[int] | None]] = []
    for d in sorted(directives, key=lambda d: d.comment.start):
        if d.action == "disable":
            open_.append((d.comment.end, d, list(range(len(d.selectors))) if d.selectors else None))
        elif d.action == "enable":
            still: list[tuple[int, Directive, list[int] | None]] = []
            names = {s.upper() for s in d.selectors}
            for start, od, idx in open_:
                if not d.selectors:
                    out.append((start, d.comment.start, od, idx))
                    continue
                if idx is None:  # a range opened without ids is closed by an enable without ids
                    still.append((start, od, idx))
                    continue
                closing = [i for i in idx if od.selectors[i].upper() in names]
                if closing:
                    out.append((start, d.comment.start, od, idx))
                    rest = [i for i in idx if i not in closing]
                    if rest:
                        still.append((d.comment.start, od, rest))
                else:
                    still.append((start, od, idx))
            open_ = still
    out += [(start, n, d, idx) for start, d, idx in open_]
    return out


def next_prose_line(doc: Document, offset: int) -> int | None:
    """The first line after the one `offset` is on that holds prose (a suppression's target)."""
    line = doc.line_col(offset)[0]
    starts = doc.line_starts
    if line >= len(starts):
        return None
    after = starts[line]  # start of the following line
    best = None
    for _, s, m, _identity in doc.map.runs():
        if m <= 0 or s + m <= after:
            continue
        cand = max(s, after)
        if best is None or cand < best:
            best = cand
    if best is None:
        return None
    return bisect_right(starts, best)


def _removal(source: str, c: Comment) -> Fix:
    """Remove a comment; a comment alone on its line goes with its line."""
    a, b = c.start, c.end
    line_start = max(source.rfind("\n", 0, a), source.rfind("\r", 0, a)) + 1
    j = b
    while j < len(source) and source[j] in " \t":
        j += 1
    if not source[line_start:a].strip() and (j == len(source) or source[j] in "\r\n"):
        end = j + (2 if source.startswith("\r\n", j) else 1 if j < len(source) else 0)
        return Fix((Replacement(line_start, end, ""),), safe=True)
    while a > line_start and source[a - 1] in " \t":
        a -= 1
    return Fix((Replacement(a, b, ""),), safe=True)


def _rewrite(d: Directive, keep: list[str]) -> Fix:
    reason = f" -- {d.reason}" if d.reason else ""
    text = f"<!-- exolint-{d.action} {', '.join(keep)}{reason} -->"
    return Fix((Replacement(d.comment.start, d.comment.end, text),), safe=True)
