"""`substitution`: a wrong term and the right one, with a fix.

    kind: substitution
    swap:                                   # wrong -> right; keys are phrases (or regex with regex: true)
      Medicinal Products Regulations 2012: Human Medicines Regulations 2012
    ignorecase: true                        # default true
    regex: false                            # treat the keys as regular expressions
    fix: safe                               # safe (applied by --fix), unsafe (--unsafe-fixes) or none
    exceptions: [...]                       # as for `pattern`
    message: "'{match}' should be '{replacement}'"
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from ..document import Document
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from .pattern import compile_exceptions
from .scan import bounded, compile_pattern, kept_matches, phrase_to_regex, phrase_triggers

SCHEMA = {
    "properties": {
        "swap": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}},
        "ignorecase": {"type": "boolean"},
        "regex": {"type": "boolean"},
        "fix": {"enum": ["safe", "unsafe", "none"]},
        "exceptions": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
    "required": ["swap"],
}


@dataclass
class SubstitutionRule:
    rule: Rule
    pattern: regex.Pattern
    replacements: list[str]
    exceptions: regex.Pattern | None
    fix: str
    triggers: tuple[str, ...]
    timeout: float | None

    def check(self, doc: Document) -> Iterable[Hit]:
        r = self.rule
        for m in kept_matches(self.pattern, self.exceptions, doc, r.scope, r.window, self.timeout):
            idx = next(i for i, g in enumerate(m.groups()) if g is not None)
            right = self.replacements[idx]
            found = doc.text[m.start():m.end()]
            if found == right or self._already_right(doc.match_text, m.start(), m.end(), right):
                continue
            hit = Hit(m.start(), m.end(), fill(self.rule.message, match=found, replacement=right))
            if self.fix != "none":
                hit.fix = [(m.start(), m.end(), right)]
                hit.fix_safe = self.fix == "safe"
            yield hit


    @staticmethod
    def _already_right(text: str, start: int, end: int, right: str) -> bool:
        """True when the match is part of the right term already ("Regulations 2012" inside
        "Human Medicines Regulations 2012")."""
        lo = max(0, end - len(right))
        i = text[lo:start + len(right)].lower().find(right.lower())
        return i != -1 and lo + i <= start and lo + i + len(right) >= end


def compile(rule: Rule, ctx: CompileContext) -> SubstitutionRule:
    o = rule.options
    ic = o.get("ignorecase", True)
    parts, rights = [], []
    for wrong, right in o["swap"].items():
        if o.get("regex", False):
            compile_pattern(wrong, ignorecase=ic, key=("swap", wrong))
            body = wrong
        else:
            body = phrase_to_regex(wrong)
        if regex.compile(body).groups:
            body = regex.sub(r"(?<!\\)\((?!\?)", "(?:", body)
        parts.append("(" + bounded(body) + ")")
        rights.append(right)
    if not parts:
        raise RuleSpecError("swap needs at least one entry", ("swap",))
    pattern = compile_pattern("|".join(parts), ignorecase=ic, key=("swap",))
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ()))
    if not triggers and not o.get("regex", False):
        triggers = phrase_triggers(list(o["swap"]))
    return SubstitutionRule(rule, pattern, rights, compile_exceptions(o.get("exceptions", []), ic),
                            o.get("fix", "safe"), triggers, ctx.regex_timeout)
