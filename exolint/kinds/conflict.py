r"""`conflict`: two statements in one document that cannot both be true.

    kind: conflict
    window: document                 # where the two statements must both stand
    first:                           # one side: phrases and/or regexes, with polarity exceptions
      patterns: [cannot be legally injected]
      regex: ['\bnot\s+(?:legal|lawful)\b']
      exceptions: ['\bwas\s+once\b'] # a match is cancelled when one of these is in its sentence
    second:
      patterns: [safe and effective option]
    order: first-then-second         # or any: the two may come in either order
    topic: ['inject\w*']             # optional: both sentences must mention the topic
    apart: false                     # true: the two must stand in different sentences (leave the
                                     # same-sentence case to a sentence-window `pattern` rule)
    once: false                      # true: one finding per document, on the first `second`
                                     # statement; the other `second` statements are related locations
    message: "'{match}' contradicts '{other}' earlier on the page"

The finding is on every `second` statement that has a `first` statement in its window (before it,
for `first-then-second`); its related location is the nearest such `first` statement. So the
later statement carries the finding when the order is fixed, and the `second` side (the claim to
correct: "non-invasive") carries it when the order is `any`.

`once: true` suits page-level defects that a page repeats (a clinic page describing its injections in
five places promotes one unlicensed use): one finding, every other occurrence listed beside it.

Exceptions are the polarity and attribution cases: "minimally invasive" is not "non-invasive",
"no needles" is not an injection, "non-invasive treatments such as peels" is about other treatments.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import regex

from ..document import Document
from ..tables import row_span
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from .pattern import compile_alternation, compile_exceptions
from .scan import finditer, phrase_triggers

#: the blank lines between a table row's cells in the prose
_CELL_BREAK = regex.compile(r"\n+")

_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SIDE = {"type": "object", "properties": {"patterns": _STRINGS, "regex": _STRINGS, "exceptions": _STRINGS},
         "additionalProperties": False}
SCHEMA = {
    "properties": {
        "first": _SIDE,
        "second": _SIDE,
        "order": {"enum": ["first-then-second", "any"]},
        "topic": _STRINGS,
        "apart": {"type": "boolean"},
        "once": {"type": "boolean"},
        "ignorecase": {"type": "boolean"},
    },
    "required": ["first", "second"],
}


@dataclass
class Side:
    pattern: regex.Pattern
    exceptions: regex.Pattern | None


@dataclass
class ConflictRule:
    rule: Rule
    first: Side
    second: Side
    order: str
    topic: regex.Pattern | None
    apart: bool
    triggers: tuple[str, ...]
    timeout: float | None
    once: bool = False

    def _matches(self, doc: Document, side: Side) -> list[tuple[int, int]]:
        """The side's non-empty matches, in order, that its exceptions and the topic let stand."""
        return [m for m in self._candidates(doc, side) if self._stands(doc, side, m)]

    def _candidates(self, doc: Document, side: Side) -> list[tuple[int, int]]:
        """The side's non-empty matches, in order, before exceptions and topic are looked at."""
        return [(m.start(), m.end()) for m in finditer(side.pattern, doc, self.rule.scope, self.timeout)
                if m.end() != m.start()]

    def _stands(self, doc: Document, side: Side, m: tuple[int, int]) -> bool:
        """Whether no exception of the side, and the topic if any, is in the match's sentence (in a
        table, its row: "| Cleanser and sunscreen | No (non-invasive) |" is one statement)."""
        if side.exceptions is None and self.topic is None:
            return True
        text = doc.match_text
        sa, sb = doc.window(m[0], m[1], "sentence")
        row = row_span(doc, m[0])
        if row is not None:  # the row's cells as one line, so a pattern may read across them
            text = _CELL_BREAK.sub(" | ", text[row[0]:row[1]])
            sa, sb = 0, len(text)
        if side.exceptions is not None and side.exceptions.search(text, sa, sb, timeout=self.timeout):
            return False
        return self.topic is None or bool(self.topic.search(text, sa, sb, timeout=self.timeout))

    def check(self, doc: Document) -> Iterable[Hit]:
        hits = self._hits(doc)
        if not self.once:
            yield from hits
            return
        first = next(hits, None)
        if first is not None:
            first.related = [*first.related, *((h.start, h.end, "also here") for h in hits)]
            yield first

    def _hits(self, doc: Document) -> Iterator[Hit]:
        seconds = self._matches(doc, self.second)
        if not seconds:
            return
        # the first side is only judged (exceptions, topic) where a second-side match looks for
        # its partner, the few matches next to it: a page can have thousands
        firsts = self._candidates(doc, self.first)
        if not firsts:
            return
        starts = [a for a, _ in firsts]
        verdicts: dict[int, bool] = {}

        def stands(i: int) -> bool:
            ok = verdicts.get(i)
            if ok is None:
                ok = verdicts[i] = self._stands(doc, self.first, firsts[i])
            return ok

        for s, e in seconds:
            other = self._nearest_first(doc, firsts, starts, s, e, stands)
            if other is None:
                continue
            msg = fill(self.rule.message, match=doc.text[s:e], other=doc.text[other[0]:other[1]])
            rel = (other[0], other[1], f"'{doc.text[other[0]:other[1]]}' stated here")
            yield Hit(s, e, msg, related=[rel])

    def _nearest_first(self, doc: Document, firsts: list[tuple[int, int]], starts: list[int],
                       s: int, e: int, stands: Callable[[int], bool] | None = None) -> tuple[int, int] | None:
        """The first-side match nearest to the second-side match (s, e) (by start; the earlier
        one on a tie) that may pair with it: inside its window, not overlapping it, before it
        for `first-then-second`, outside its sentence for `apart`, and standing (`stands(i)`:
        no exception or missing topic cancels `firsts[i]`; without `stands`, all stand).

        Walked outwards from (s, e), so a page-wide window costs the few matches next to each
        second-side match, not all of them: a 50 MB page has thousands on each side. `firsts`
        come from one left-to-right scan, so their starts and their ends both increase; dropping
        the ones that do not stand would not change the order of the walk over the others.
        """
        wa, wb = doc.window(s, e, self.rule.window)
        sent = doc.window(s, e, "sentence") if self.apart else None
        left = bisect_left(starts, s) - 1
        right = left + 1 if self.order != "first-then-second" else len(firsts)
        while True:
            if left >= 0 and firsts[left][0] < wa:
                left = -1  # every earlier one starts before the window too
            if right < len(firsts) and firsts[right][1] > wb:
                right = len(firsts)  # every later one ends after the window too
            if left < 0 and right >= len(firsts):
                return None
            if right >= len(firsts) or (left >= 0 and s - firsts[left][0] <= firsts[right][0] - s):
                i = left
                left -= 1
            else:
                i = right
                right += 1
            f = firsts[i]
            if f[1] > wb or f[0] < wa or (f[0] < e and s < f[1]):
                continue
            if self.order == "first-then-second" and f[1] > s:
                continue
            if sent is not None and sent[0] <= f[0] and f[1] <= sent[1]:
                continue
            if stands is not None and not stands(i):
                continue
            return f


def _side(rule: Rule, key: str, ic: bool) -> Side:
    spec = rule.options.get(key) or {}
    phrases, regexes = list(spec.get("patterns", [])), list(spec.get("regex", []))
    if not phrases and not regexes:
        raise RuleSpecError(f"{key} needs patterns or regex", (key,))
    pat = compile_alternation(rule, phrases, regexes, ignorecase=ic, word_boundary=True,
                              phrase_key=key, regex_key=key)
    return Side(pat, compile_exceptions(list(spec.get("exceptions", [])), ic))


def compile(rule: Rule, ctx: CompileContext) -> ConflictRule:
    o = rule.options
    ic = o.get("ignorecase", True)
    first, second = _side(rule, "first", ic), _side(rule, "second", ic)
    topic = compile_exceptions(list(o.get("topic", [])), ic)
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ()))
    spec2 = o["second"]
    if not triggers and not spec2.get("regex"):
        triggers = phrase_triggers(list(spec2.get("patterns", [])))
    return ConflictRule(rule, first, second, o.get("order", "first-then-second"), topic,
                        bool(o.get("apart", False)), triggers, ctx.regex_timeout, bool(o.get("once", False)))
