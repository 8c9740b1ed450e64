r"""`pattern`: phrases or regular expressions that flag what they match.

    kind: pattern
    patterns: [absolutely safe, no side effects]   # literal phrases, case-insensitive by default
    regex: ['\b100\s?% safe\b']                      # regular expressions (the `regex` module)
    ignorecase: true                                 # default true
    word_boundary: true                              # phrases match whole words; default true
    exceptions: ['not (?:absolutely|completely) safe']  # a match is cancelled when one of these
                                                     # matches in the rule's window around it (for
                                                     # a table's header: or in the cells below it)
    once: false                                      # true: one finding per document (see below)
    question: ['\bside[\s-]?effects?\b']             # only in FAQ answers to a question matching one
    list_items:                                      # more patterns for the list items of pages whose
      title: '\bexosomes?\b'                          # title matches: what a bullet leaves out
      regex: ['\brepairs?\s+damaged\s+organs\b']
    message: "'{match}' ..."                         # {match} is the matched text

`once: true` is for page-level properties (an anonymous "as an expert in the field" voice, a badge):
saying it five times is one defect, so the first match is the finding and the later matches are
its related locations ("also here"). Exceptions still cancel single matches first.

`question:` is for claims an FAQ splits between a question and its answer: "Are there any side
effects?" / "None whatsoever." The patterns are searched only in answer blocks (the block right
after a one-sentence block ending with "?", see `exolint.questions`) whose question matches one of
these regexes, and `(?<![^\n])` in a pattern anchors it at the start of the answer.

`list_items:` is for product pages, whose bullets leave out what they are about: under "Exosome
IV Therapy", a bullet "Repairs damaged organs" makes a claim about exosomes that the rule's own
patterns, which look for the product in the same sentence, cannot see. Its `regex` patterns are
searched in the list items of a page whose title (`Document.title_span`: the HTML title, else the
first level-1 heading) matches `title`; `exceptions` apply to them too.

Patterns are compiled once per run into one alternation. A pattern that backtracks
catastrophically is stopped after the run's regex timeout and reported as an error of the rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import regex

from ..document import Document
from ..questions import answers
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from .citation_entries import reference_index
from .scan import bounded, compile_any, compile_pattern, kept_matches, phrase_to_regex, phrase_triggers

SCHEMA = {
    "properties": {
        "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "regex": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "ignorecase": {"type": "boolean"},
        "word_boundary": {"type": "boolean"},
        "exceptions": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "once": {"type": "boolean"},
        "question": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "list_items": {"type": "object", "additionalProperties": False, "required": ["title", "regex"],
                       "properties": {"title": {"type": "string", "minLength": 1},
                                      "regex": {"type": "array", "minItems": 1,
                                                "items": {"type": "string", "minLength": 1}}}},
    },
}


def compile_alternation(rule: Rule, phrases: list[str], regexes: list[str], *, ignorecase: bool,
                        word_boundary: bool, phrase_key: str = "patterns", regex_key: str = "regex") -> regex.Pattern:
    """One compiled alternation; each part is checked on its own first so an error names its key."""
    parts = []
    for p in phrases:
        body = phrase_to_regex(p)
        parts.append(bounded(body) if word_boundary else body)
    for i, r in enumerate(regexes):
        compile_pattern(r, ignorecase=ignorecase, key=(regex_key, i))
        parts.append("(?:" + r + ")")
    if not parts:
        raise RuleSpecError(f"a rule of kind {rule.kind!r} needs '{phrase_key}' or '{regex_key}'", ())
    return compile_pattern("|".join(parts), ignorecase=ignorecase, key=(regex_key,))


def compile_exceptions(items: list[str], ignorecase: bool = True) -> regex.Pattern | None:
    return compile_any(items, ("exceptions",), ignorecase=ignorecase)


@dataclass
class PatternRule:
    rule: Rule
    pattern: regex.Pattern
    exceptions: regex.Pattern | None
    triggers: tuple[str, ...]
    timeout: float | None
    once: bool = False
    question: regex.Pattern | None = None
    #: (title, patterns) of `list_items`
    list_items: tuple[regex.Pattern, regex.Pattern] | None = None

    def check(self, doc: Document) -> Iterable[Hit]:
        hits = self._matches(doc)
        if not self.once:
            return hits
        return _first_with_related(hits)

    def _matches(self, doc: Document) -> Iterable[Hit]:
        r = self.rule
        if self.question is not None:
            found: Iterable[regex.Match] = self._answer_matches(doc)
        else:
            found = kept_matches(self.pattern, self.exceptions, doc, r.scope, r.window, self.timeout)
        if self.list_items is not None:
            found = _merged(found, self._list_matches(doc))
        refs = None
        for m in found:
            if r.reported_quotes == "skip":
                # a cited work's title is what the page cites, not what it claims ("... Cases Applying
                # Human Cell-Derived Exosomes for Use in Cosmetics. 21 March 2024.")
                refs = refs or reference_index(doc)
                if refs.inside_entry(m.start(), m.end()):
                    continue
            yield Hit(m.start(), m.end(), fill(self.rule.message, match=doc.text[m.start():m.end()]))

    def _list_matches(self, doc: Document) -> list[regex.Match]:
        """Matches of `list_items` patterns in the list items of a page whose title matches."""
        assert self.list_items is not None
        title_re, items = self.list_items
        title = doc.title_span()
        text = doc.match_text
        if title is None or not title_re.search(text, *title, timeout=self.timeout):
            return []
        out: list[regex.Match] = []
        last = None
        for s in doc.segments:
            if s.scope != "list":
                continue
            block = doc.window(s.start, s.start, "paragraph")  # the whole item, links in it included
            if block == last:
                continue
            last = block
            out += self._kept_in(doc, items, *block)
        return out

    def _answer_matches(self, doc: Document) -> Iterator[regex.Match]:
        """Matches in the answers to the questions `question` names (a page has a few answers,
        so they are searched directly: the rule costs nothing on a page without an FAQ)."""
        assert self.question is not None
        text, r = doc.match_text, self.rule
        for a, b, (qa, qb) in answers(doc):
            seg = doc.segment_at(a)
            if r.scope is not None and (seg is None or seg.scope not in r.scope):
                continue
            if self.question.search(text, qa, qb, timeout=self.timeout):
                yield from self._kept_in(doc, self.pattern, a, b)

    def _kept_in(self, doc: Document, pattern: regex.Pattern, a: int, b: int) -> Iterator[regex.Match]:
        """Non-empty matches of `pattern` in the block [a, b) that no exception cancels (as
        `scan.kept_matches` keeps them over a whole scope)."""
        text, window = doc.match_text, self.rule.window
        for m in pattern.finditer(text, a, b, timeout=self.timeout):
            if m.end() == m.start():
                continue
            if self.exceptions is not None:
                wa, wb = doc.window(m.start(), m.end(), window)
                if self.exceptions.search(text, wa, wb, timeout=self.timeout):
                    continue
            yield m


def _merged(found: Iterable[regex.Match], more: list[regex.Match]) -> list[regex.Match]:
    """Both sets of matches in text order, a span found by both only once."""
    out = list(found)
    if not more:
        return out
    spans = {m.span() for m in out}
    return sorted(out + [m for m in more if m.span() not in spans], key=lambda m: m.span())


ALSO_HERE = "also here"


def _first_with_related(hits: Iterable[Hit]) -> list[Hit]:
    """One document-level finding: the first hit, the later ones as its related locations."""
    items = list(hits)
    if not items:
        return []
    first = items[0]
    first.related = [*first.related, *((h.start, h.end, ALSO_HERE) for h in items[1:])]
    return [first]


def compile(rule: Rule, ctx: CompileContext) -> PatternRule:
    o = rule.options
    phrases, regexes = list(o.get("patterns", [])), list(o.get("regex", []))
    ic = o.get("ignorecase", True)
    pattern = compile_alternation(rule, phrases, regexes, ignorecase=ic, word_boundary=o.get("word_boundary", True))
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ()))
    if not triggers and not regexes:
        triggers = phrase_triggers(phrases)
    question = compile_any(list(o.get("question", [])), ("question",), ignorecase=ic)
    list_items = None
    if "list_items" in o:
        spec = o["list_items"]
        items = compile_any(list(spec["regex"]), ("list_items", "regex"), ignorecase=ic)
        assert items is not None  # the schema asks for at least one
        list_items = (compile_pattern(spec["title"], ignorecase=ic, key=("list_items", "title")), items)
    return PatternRule(rule, pattern, compile_exceptions(o.get("exceptions", []), ic), triggers, ctx.regex_timeout,
                       bool(o.get("once", False)), question, list_items)

