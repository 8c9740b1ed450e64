"""What a length measures, read from the words right next to it: "5 nm thick", "a depth of 1 mm",
"2 mm below the skin" measure a membrane, a depth or a distance, not the size of the subject the
sentence is about.

Why: binding finds the subject a number is said of, but the exosome membrane, the depth a serum
reaches and the pore size of a filter are said of exosomes too ("the exosome membrane is about 5
nm thick"), and the plausibility check then calls an honest sentence implausible. The words that
say so stand right before or right after the number, so a rule lists them:

    not_followed_by: ['(?:thick|deep|below|into)\\b']   # matched right after the quantity
    not_preceded_by: ['\\bdepth\\s+of']                   # matched right before it

A quantity with such a neighbour has no subject for the rule, so no check reports it and it is
no earlier figure for a contradiction.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..document import Document
from .quantity_extract import Quantity
from .scan import compile_any, compile_pattern

#: how far back, in characters, the words before a quantity are read
_BEFORE = 80


@dataclass(frozen=True)
class Context:
    after: regex.Pattern | None  # anchored after the quantity and the spaces that follow it
    before: regex.Pattern | None  # must end right before the quantity (spaces allowed)

    def excludes(self, text: str, q: Quantity, timeout: float | None) -> bool:
        if self.after is not None and self.after.match(text, q.end, len(text), timeout=timeout):
            return True
        return self.before is not None and self.before.search(
            text, max(0, q.start - _BEFORE), q.start, timeout=timeout) is not None

    def filtered(self, doc: Document, found: list[Quantity], subject: Callable[[int], str | None],
                 timeout: float | None) -> Callable[[int], str | None]:
        """`subject`, but None for a quantity whose neighbours say it measures something else."""
        text = doc.match_text

        def of(i: int) -> str | None:
            return None if self.excludes(text, found[i], timeout) else subject(i)
        return of


def compile_context(after: list[str], before: list[str]) -> Context | None:
    """The rule's `not_followed_by` and `not_preceded_by`, or None when it has neither."""
    a = compile_any(after, ("not_followed_by",))
    b = compile_any(before, ("not_preceded_by",))
    if a is None and b is None:
        return None
    return Context(
        compile_pattern(r"[^\S\n]*(?:" + a.pattern + ")", ignorecase=True, key=("not_followed_by",)) if a else None,
        compile_pattern(r"(?:" + b.pattern + r")[^\S\n]*\Z", ignorecase=True, key=("not_preceded_by",)) if b else None)
