"""`script`: words that hide Cyrillic or Greek look-alike letters among Latin ones.

    kind: script
    scripts: [Cyrillic, Greek]   # which look-alike scripts this rule reports; default both
    mixed_only: false            # true: only words that also contain Latin letters (skip a lone "а")
    aggregate_above: 5           # more affected runs than this in one document: one finding; null: never
    message: "Look-alike {scripts} letters in '{match}'"   # {match}, {fixed}, {scripts}, {count}
    aggregate_message: "..."     # the one document-level finding; adds {runs} and {total}

Look-alikes defeat search, screen readers and keyword filters (an "аpprоvеd" written with Cyrillic
а/о/е is invisible to a rule that looks for "approved"). The letters are found with the Unicode
confusables data (`exolint.confusables`, from the `confusable-homoglyphs` package), never a
hand-typed table.

Not reported:
- whole words in Cyrillic or Greek among other such words (a Russian sentence);
- letters with no Latin look-alike (ж, λ), and so the words that contain them;
- Greek letters used as scientific symbols: TGF-β, NF-κB, α-SMA, IL-1β, IFN-γ, TGFα, 5 μg, µm.

One finding per run of affected words: adjacent affected words in one sentence (only spaces and
punctuation between them) are one finding spanning the first to the last. The fix replaces the
disguised letters with the Latin letters they imitate; it is safe, since the text reads the same.
Pure-ASCII prose is skipped without scanning, so the rule runs on every document (no triggers).

A page disguised throughout (hundreds of runs) would otherwise bury every other finding, and one
finding says all a reader needs: this page hides its words. So when a document has more than
`aggregate_above` affected runs (default 5), the rule reports ONE finding: its span is the first
run, every other run is a related location ("look-alike letters here too"), and its safe fix
replaces the letters of all runs at once. `aggregate_message` words it ({runs}: number of runs,
{total}: number of letters, plus the placeholders of `message` for the first run); without it the
kind appends the count to `message`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..confusables import LookalikeWord, lookalike_table, lookalike_words
from ..document import Document
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from .scan import scope_ranges

SCHEMA = {
    "properties": {
        "scripts": {"type": "array", "items": {"enum": ["Cyrillic", "Greek"]}, "minItems": 1},
        "mixed_only": {"type": "boolean"},
        "aggregate_above": {"type": ["integer", "null"], "minimum": 1},
        "aggregate_message": {"type": "string", "minLength": 1},
    },
}

# What may stand between two affected words of one run: spaces and punctuation, no letters.
_GAP = regex.compile(r"[^\p{L}\p{N}\n]{0,4}")
DEFAULT_AGGREGATE_ABOVE = 5
RELATED_MESSAGE = "look-alike letters here too"


@dataclass
class ScriptRule:
    rule: Rule
    scripts: frozenset[str]
    mixed_only: bool
    aggregate_above: int | None = DEFAULT_AGGREGATE_ABOVE
    aggregate_message: str | None = None
    triggers: tuple[str, ...] = ()

    def _words(self, doc: Document) -> list[LookalikeWord]:
        return [w for w in _lookalikes(doc, self.rule.scope)
                if (w.scripts & self.scripts) and not (self.mixed_only and not w.mixed)
                and not _quoted_letter(doc.text, w)]

    def _runs(self, doc: Document, words: list[LookalikeWord]) -> list[list[LookalikeWord]]:
        """Adjacent affected words of one sentence, grouped."""
        runs: list[list[LookalikeWord]] = []
        for w in words:
            if runs:
                last = runs[-1][-1]
                # the gap first: sentence windows are only worth computing for neighbouring words
                if _GAP.fullmatch(doc.text, last.end, w.start) and (
                        doc.window(last.start, last.end, "sentence") == doc.window(w.start, w.end, "sentence")):
                    runs[-1].append(w)
                    continue
            runs.append([w])
        return runs

    def _fix_run(self, doc: Document, run: list[LookalikeWord]) -> tuple[int, int, str, int, list[str]]:
        """The run's span, its text with the disguised letters replaced, the letter count and scripts."""
        table = lookalike_table()
        a, b = run[0].start, run[-1].end
        chars = list(doc.text[a:b])
        count = 0
        for w in run:
            for p in w.positions:
                chars[p - a] = table[doc.text[p]]
                count += 1
        scripts = sorted(set().union(*(w.scripts for w in run)) & self.scripts)
        return a, b, "".join(chars), count, scripts

    def check(self, doc: Document) -> Iterable[Hit]:
        if doc.text.isascii():
            return
        fixed_runs = [self._fix_run(doc, run) for run in self._runs(doc, self._words(doc))]
        if self.aggregate_above is not None and len(fixed_runs) > self.aggregate_above:
            yield self._aggregate(doc, fixed_runs)
            return
        for a, b, fixed, count, scripts in fixed_runs:
            msg = fill(self.rule.message, match=doc.text[a:b], fixed=fixed, count=count,
                       scripts=" and ".join(scripts))
            yield Hit(a, b, msg, fix=[(a, b, fixed)], fix_safe=True)

    def _aggregate(self, doc: Document, fixed_runs: list[tuple[int, int, str, int, list[str]]]) -> Hit:
        """One document-level finding: the first run carries it, the others are related, one fix for all."""
        a, b, fixed, count, _ = fixed_runs[0]
        all_scripts = sorted(set().union(*(set(r[4]) for r in fixed_runs)))
        values = dict(match=doc.text[a:b], fixed=fixed, count=count, scripts=" and ".join(all_scripts),
                      runs=len(fixed_runs), total=sum(r[3] for r in fixed_runs))
        if self.aggregate_message:
            msg = fill(self.aggregate_message, **values)
        else:
            msg = (fill(self.rule.message, **values)
                   + f" Look-alike letters occur in {len(fixed_runs)} places in this document.")
        related = [(ra, rb, RELATED_MESSAGE) for ra, rb, *_ in fixed_runs[1:]]
        fix = [(ra, rb, rfixed) for ra, rb, rfixed, *_ in fixed_runs]
        return Hit(a, b, msg, related=related, fix=fix, fix_safe=True)


_OPENING_QUOTES = frozenset("\"“‘'«")
_CLOSING_QUOTES = frozenset("\"”’'»")


def _quoted_letter(text: str, w: LookalikeWord) -> bool:
    """A lone letter in quotation marks is named, not disguised: 'the Cyrillic "а" looks like a Latin a'."""
    return (not w.mixed and w.end - w.start == 1 and w.start > 0
            and text[w.start - 1] in _OPENING_QUOTES and text[w.end:w.end + 1] in _CLOSING_QUOTES)


def _lookalikes(doc: Document, scope: frozenset[str] | None) -> list[LookalikeWord]:
    """Every look-alike word in the scope's ranges, in prose offsets; computed once per document
    and scope and shared by all `script` rules (one per script) through `doc.memo`."""
    key = ("script", "words", scope)
    found = doc.memo.get(key)
    if found is not None:
        return found
    found = []
    for a, b in scope_ranges(doc, scope):
        chunk = doc.text[a:b]
        if chunk.isascii():
            continue
        for w in lookalike_words(chunk):
            found.append(LookalikeWord(w.start + a, w.end + a, tuple(p + a for p in w.positions), w.scripts, w.mixed))
    doc.memo[key] = found
    return found


def compile(rule: Rule, ctx: CompileContext) -> ScriptRule:
    scripts = frozenset(rule.options.get("scripts", ["Cyrillic", "Greek"]))
    if not scripts:
        raise RuleSpecError("scripts needs at least one of Cyrillic, Greek", ("scripts",))
    above = rule.options.get("aggregate_above", DEFAULT_AGGREGATE_ABOVE)
    if above is not None and (isinstance(above, bool) or not isinstance(above, int) or above < 1):
        raise RuleSpecError("aggregate_above must be a whole number >= 1 or null", ("aggregate_above",))
    return ScriptRule(rule, scripts, bool(rule.options.get("mixed_only", False)), above,
                      rule.options.get("aggregate_message"))
