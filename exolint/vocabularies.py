"""Shared word lists: a `$name` item in a rule's list stands for a vocabulary of the fact base.

Why: several rules read the same words. The three size rules (EXO101-EXO103) name the exosomes, the
other things a size may belong to (cells, hairs, needles) and the words after a length that make
it a depth or a thickness; kept in each rule file, the lists drift apart as one rule is widened and
the others are forgotten. A pack's `facts/*.yaml` can hold them once:

    vocabularies:
      exosome-names: [exosome, exosomes, small EV, small EVs]

and a rule's list names one with `$`, alone or among its own items:

    subjects: [$exosome-names, vesicle, vesicles]

The expansion happens before the rule's kind compiles it, so no kind knows about vocabularies, and
any list of strings in a rule may use them (phrases, regexes, subjects, exceptions). An unknown
name is an error of the rule file, with its line and column.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Mapping, Sequence

from .rule import Rule
from .ruleset import RuleSpecError

#: a list item that names a vocabulary; anything else (a regex that starts with "$") is itself
REFERENCE = re.compile(r"\$([a-z][a-z0-9-]*)")


def expand(rule: Rule, vocabularies: Mapping[str, Sequence[str]]) -> Rule:
    """The rule with every `$name` list item replaced by the items of that vocabulary; the rule
    itself when it names none. Raises RuleSpecError naming the item for an unknown vocabulary."""
    options, changed = _expand(rule.options, vocabularies, ())
    return dataclasses.replace(rule, options=options) if changed else rule


def _expand(value: Any, vocabularies: Mapping[str, Sequence[str]], path: tuple) -> tuple[Any, bool]:
    if isinstance(value, dict):
        out, changed = {}, False
        for k, v in value.items():
            out[k], c = _expand(v, vocabularies, path + (k,))
            changed = changed or c
        return (out, True) if changed else (value, False)
    if isinstance(value, list):
        items: list = []
        changed = False
        for i, item in enumerate(value):
            ref = REFERENCE.fullmatch(item) if isinstance(item, str) else None
            if ref is None:
                item, c = _expand(item, vocabularies, path + (i,))
                items.append(item)
                changed = changed or c
                continue
            words = vocabularies.get(ref.group(1))
            if words is None:
                known = ", ".join(sorted(vocabularies)) or "none"
                raise RuleSpecError(f"unknown vocabulary {item!r} (known: {known})", path + (i,))
            items += words
            changed = True
        return (items, True) if changed else (value, False)
    return value, False


__all__ = ["REFERENCE", "expand"]
