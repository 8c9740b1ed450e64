"""Runs a compiled `RuleSet` over one `Document`: prefilter, rules, findings sorted by position.

The prefilter reads the document's word index (one Aho-Corasick pass over the folded, lower-cased
prose, `exolint.wordindex`) to tell which rules can fire at all; a rule whose trigger words are
absent costs nothing.
"""
from __future__ import annotations

import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from . import deadline
from .document import Document
from .finding import FileError, Finding, Fix, Position, Related, Replacement
from .reported import not_own
from .rule import CompiledRule, Hit
from .ruleset import RuleSet
from .wordindex import WordIndex


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass
class Timings:
    """Seconds spent per stage and per rule, summed over a run (`--timings`)."""

    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    rules: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    kinds: dict[str, float] = field(default_factory=lambda: defaultdict(float))


class Prefilter:
    """Which rules can fire on a document, from their literal trigger words.

    The triggers join the process-wide `WordIndex` vocabulary, so the pass that finds them is the
    same one that tells the kinds where rules' literal prefixes occur; choosing the rules is then
    a loop over the distinct words present, not over every occurrence.
    """

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        self.always: list[CompiledRule] = []
        self.by_trigger: dict[str, list[CompiledRule]] = defaultdict(list)
        for c in rules:
            trig = tuple(t.lower() for t in getattr(c, "triggers", ()) if t)
            if not trig:
                self.always.append(c)
            for t in trig:
                self.by_trigger[t].append(c)
        # each triggered rule is one bit; a trigger's value is the mask of its rules
        self.triggered: list[CompiledRule] = list({id(c): c for cs in self.by_trigger.values() for c in cs}.values())
        bit = {id(c): 1 << i for i, c in enumerate(self.triggered)}
        self.masks: dict[str, int] = {}
        for t, cs in self.by_trigger.items():
            mask = 0
            for c in cs:
                mask |= bit[id(c)]
            self.masks[t] = mask
        WordIndex.register(self.masks)
        # every rule in id order with its bit; rules without triggers share one bit that is always set
        self._always_bit = 1 << len(self.triggered)
        by_id = {id(c): c for c in [*self.always, *self.triggered]}
        self._ordered = sorted(((c, bit.get(id(c), self._always_bit)) for c in by_id.values()),
                               key=lambda cb: cb[0].rule.id)

    def active(self, doc: Document) -> list[CompiledRule]:
        mask = self._always_bit
        masks = self.masks
        if masks:
            index = WordIndex.of(doc)
            # the smaller side drives the loop: a page holds a few dozen of the vocabulary's words
            if len(index) <= len(masks):
                for w in index:
                    mask |= masks.get(w, 0)
            else:
                for w, m in masks.items():
                    if w in index:
                        mask |= m
        return [c for c, b in self._ordered if b & mask]


def _normalise(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).lower().split())


class Engine:
    """A RuleSet prepared for running: the prefilter is built once, here, not per document."""

    def __init__(self, ruleset: RuleSet, *, prefilter: bool = True) -> None:
        self.ruleset = ruleset
        self.use_prefilter = prefilter
        self.prefilter = Prefilter(list(ruleset.rules))
        self._unguarded: dict[int, CompiledRule] = {}
        # the timer ticks at the shortest rule's limit; each rule may last as many ticks as its own
        self._shortest_timeout = min((getattr(c, "timeout", None) or ruleset.context.regex_timeout
                                      for c in ruleset.rules), default=ruleset.context.regex_timeout)

    def lint(self, doc: Document, timings: Timings | None = None) -> LintResult:
        result = LintResult()
        t0 = time.perf_counter()
        if self.use_prefilter:
            active = self.prefilter.active(doc)
        else:
            active = list(self.ruleset.rules)
        if timings is not None:
            timings.stages["prefilter"] += time.perf_counter() - t0
        if deadline.usable():
            with deadline.Alarm(deadline.limit(self._shortest_timeout, len(doc.text))) as alarm:
                self._run(doc, active, result, timings, alarm)
        else:
            self._run(doc, active, result, timings, None)
        result.findings.sort(key=lambda f: f.sort_key)
        return result

    def _run(self, doc: Document, active: list[CompiledRule], result: LintResult, timings: Timings | None,
             alarm: deadline.Alarm | None) -> None:
        lang = (doc.lang or "").split("-")[0].split("_")[0].lower() or None
        skipped_lang = 0
        chars = len(doc.text)
        for c in active:
            rule = c.rule
            if lang and rule.languages and lang not in rule.languages and "*" not in rule.languages:
                skipped_lang += 1
                continue
            # the rule's own timeout: it was compiled with it (CompileContext.regex_timeout)
            timeout = getattr(c, "timeout", None) or self.ruleset.context.regex_timeout
            if alarm is not None:
                c = self._unguarded_copy(c)
            t1 = time.perf_counter()
            try:
                if alarm is not None:
                    alarm.start(deadline.limit(timeout, chars))
                try:
                    hits = list(c.check(doc))
                finally:
                    if alarm is not None:
                        alarm.stop()
            except TimeoutError:
                result.errors.append(FileError(doc.path, (
                    f"rule {rule.id} ({rule.name}) was stopped: it ran longer than its time limit on this "
                    f"file ({timeout:g} s per 64K characters; catastrophic backtracking in a pattern?); "
                    "its findings for this file are missing"), rule=rule.id))
                hits = []
            except Exception as exc:  # noqa: BLE001 - a broken kind must not stop the run
                result.errors.append(FileError(doc.path, (
                    f"rule {rule.id} ({rule.name}) failed on this file: {type(exc).__name__}: {exc}"),
                    rule=rule.id))
                hits = []
            if timings is not None:
                dt = time.perf_counter() - t1
                timings.rules[rule.id] += dt
                timings.kinds[rule.kind] += dt
            if hits and rule.reported_quotes == "skip":
                # what the page reports or denies is not its own claim (exolint.reported, questions)
                quoted = not_own(doc)
                if quoted:
                    hits = [h for h in hits if not quoted.holds(h.start, h.end)]
            for h in hits:
                result.findings.append(self.to_finding(doc, c, h))
        if skipped_lang:
            result.notices.append(
                f"{doc.path}: page language is {doc.lang!r}; {skipped_lang} rule(s) for other languages were skipped")

    def _unguarded_copy(self, c: CompiledRule) -> CompiledRule:
        twin = self._unguarded.get(id(c))
        if twin is None:
            twin = self._unguarded[id(c)] = deadline.unguarded_copy(c)
        return twin

    @staticmethod
    def to_finding(doc: Document, c: CompiledRule, h: Hit) -> Finding:
        rule = c.rule
        a, b = doc.source_span(h.start, h.end)
        related = []
        for rs, re_, msg in h.related:
            ra, rb = doc.source_span(rs, re_)
            related.append(Related(msg, _pos(doc, ra), _pos(doc, rb)))
        fix = None
        if h.fix:
            reps = []
            for fs, fe, text in h.fix:
                fa, fb = doc.source_span(fs, fe)
                reps.append(Replacement(fa, fb, text))
            fix = Fix(tuple(reps), safe=h.fix_safe)
        # context stays inside the hit's own block, so an edit to a neighbouring paragraph or
        # heading does not change a baseline fingerprint (exolint.baseline)
        blk_a, blk_b = doc.window(h.start, h.end, "paragraph")
        ctx_a, ctx_b = max(blk_a, h.start - 40), min(blk_b, h.end + 40)
        return Finding(
            path=doc.path, rule=rule.id, name=rule.name, category=rule.category,
            severity=rule.severity, message=h.message, start=_pos(doc, a), end=_pos(doc, b),
            related=tuple(related), fix=fix, matched=_normalise(doc.text[h.start:h.end]),
            context=_normalise(doc.text[ctx_a:ctx_b]),
        )


def _pos(doc: Document, offset: int) -> Position:
    line, col = doc.line_col(offset)
    return Position(line, col, offset)


def lint(document: Document, ruleset: RuleSet) -> list[Finding]:
    """Findings of a RuleSet on one Document, sorted by position."""
    return Engine(ruleset).lint(document).findings
