"""`script`: words that hide Cyrillic or Greek look-alike letters among Latin ones.

    kind: script
    scripts: [Cyrillic, Greek]   # which look-alike scripts this rule reports; default both
    mixed_only: false            # true: only words that also contain Latin letters (skip a lone "а")
    message: "Look-alike {scripts} letters in '{match}'"   # {match}, {fixed}, {scripts}, {count}

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
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

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
    },
}

# What may stand between two affected words of one run: spaces and punctuation, no letters.
_GAP = regex.compile(r"[^\p{L}\p{N}\n]{0,4}")


@dataclass
class ScriptRule:
    rule: Rule
    scripts: frozenset[str]
    mixed_only: bool
    triggers: tuple[str, ...] = ()

    def _words(self, doc: Document) -> list[LookalikeWord]:
        out = []
        for a, b in scope_ranges(doc, self.rule.scope):
            chunk = doc.text[a:b]
            if chunk.isascii():
                continue
            for w in lookalike_words(chunk):
                if not (w.scripts & self.scripts) or (self.mixed_only and not w.mixed):
                    continue
                out.append(LookalikeWord(w.start + a, w.end + a, tuple(p + a for p in w.positions), w.scripts, w.mixed))
        return out

    def _runs(self, doc: Document, words: list[LookalikeWord]) -> list[list[LookalikeWord]]:
        """Adjacent affected words of one sentence, grouped."""
        runs: list[list[LookalikeWord]] = []
        for w in words:
            if runs:
                last = runs[-1][-1]
                gap = doc.text[last.end:w.start]
                same_sentence = doc.window(last.start, last.end, "sentence") == doc.window(w.start, w.end, "sentence")
                if _GAP.fullmatch(gap) and same_sentence:
                    runs[-1].append(w)
                    continue
            runs.append([w])
        return runs

    def check(self, doc: Document) -> Iterable[Hit]:
        if doc.text.isascii():
            return
        table = lookalike_table()
        for run in self._runs(doc, self._words(doc)):
            a, b = run[0].start, run[-1].end
            chars = list(doc.text[a:b])
            count = 0
            for w in run:
                for p in w.positions:
                    chars[p - a] = table[doc.text[p]]
                    count += 1
            fixed = "".join(chars)
            scripts = sorted(set().union(*(w.scripts for w in run)) & self.scripts)
            msg = fill(self.rule.message, match=doc.text[a:b], fixed=fixed, count=count,
                       scripts=" and ".join(scripts))
            yield Hit(a, b, msg, fix=[(a, b, fixed)], fix_safe=True)


def compile(rule: Rule, ctx: CompileContext) -> ScriptRule:
    scripts = frozenset(rule.options.get("scripts", ["Cyrillic", "Greek"]))
    if not scripts:
        raise RuleSpecError("scripts needs at least one of Cyrillic, Greek", ("scripts",))
    return ScriptRule(rule, scripts, bool(rule.options.get("mixed_only", False)))
