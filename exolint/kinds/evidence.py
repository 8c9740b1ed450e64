r"""`evidence`: claims that need a specific source, and citations that are too vague to be one.

    kind: evidence
    mode: unsupported-claim          # or vague-citation, reference-entry, reference-marker,
                                     # incomplete-marker
    window: paragraph                # where a source must stand (sentence, paragraph, section, document)
    claims:                          # what needs a source (unsupported-claim, vague-citation)
      patterns: [studies have shown] # literal phrases, whole words, case-insensitive
      regex: ['\b(?:increas|boost)\w*\s+...\d+\s?%']
      anchors: ['%', cent]           # optional, for speed: regexes, one of which matches inside EVERY
                                     # claim match once it is lower-cased; only the blocks where one
                                     # matches are searched (phrases: their own words, automatically)
    evidence:                        # what counts as a source inside the window
      builtin: [author-year, et-al, doi, pmid, nct, study-link, reference-marker]   # also: link
      regex: ['\bdata on file\b']
    exceptions: ['\b(?:off|save|discount)\b']   # a claim with one of these near it is not a claim
    exception_reach: 30              # characters either side of the claim searched for exceptions;
                                     # default: the whole window
    message: "'{match}' has no specific source"   # {match}; entries: {entry}, {number}

Modes:
- `unsupported-claim`: every claim match with no evidence in its window is a finding on the claim
  words. Claims inside reference-list entries are skipped (a percentage in a cited title is not a
  claim of the page). In a table,
  the window holds the claim's whole row: a "Source" cell backs the figure in the "Result" cell.
- `vague-citation`: the same, but what is matched is the vague citation itself ("a study published
  in the Journal of X", "studies have shown"); a specific source beside it makes it fine.
- `reference-entry`: reference-list entries that name no author together with a title, and no
  identifier (DOI, PMID, NCT, link). "(1) Journal of X, 2019" is one: a journal and a year match
  hundreds of papers. A "References: A; B; C" line is one finding (its first incomplete item), the
  other incomplete items are related locations.
- `reference-marker`: citation markers — (3), [3], [2-4], ³ — whose number has no entry in the page.
- `incomplete-marker`: citation markers whose entries all exist but none is complete ("... (3)" with
  "(3) Journal of X, 2018"). `reference-entry` reports the entry once; this reports each claim that
  leans on it, because that claim is unsourced however sourced it looks. The span is the citing
  clause (from the sentence start, or the last ';', ':', dash or earlier marker, to the marker);
  the entry is a related location. `exceptions` matched in the clause skip it (e.g. clauses that a
  vague-citation rule already reports, "a study published in the Journal of X (3)").

Built-in evidence (`exolint.kinds.citations`): `author-year` (Smith et al., 2021; (Smith, 2020);
Smith and Jones 2019; Smith (2021)), `et-al`, `doi` (10.xxxx/...), `pmid` (PMID, PMC, PubMed link),
`nct` (NCT, ISRCTN, EudraCT), `study-link` (doi.org, PubMed, ClinicalTrials.gov and major journal
sites), `reference-marker` (a marker that resolves to a complete reference entry). A year alone
("in 2019") or a journal name alone is not evidence. `link` (not in the default list) counts a
hyperlink in the window: a guidance document named by its linked title is identified, which
matters for HTML and Markdown pages whose URLs are not part of the prose.

Decisions: discounts ("20% off", "save 15%"), prices, market, sales and survey figures are not
efficacy claims (rules list them as exceptions); "100% natural" is a composition claim, not an
efficacy one, and is not matched by the shipped claim patterns.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..document import Document
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from ..tables import row_span
from . import citations as cit
from .citation_entries import Entry, reference_index
from .citation_sources import EVIDENCE_PATTERNS, find_evidence
from .evidence_search import StartPlan, claim_matches
from .pattern import compile_alternation
from .scan import (
    bounded,
    compile_pattern,
    may_match,
    phrase_to_regex,
    phrase_triggers,
    scope_ranges,
)

MODES = ("unsupported-claim", "vague-citation", "reference-entry", "reference-marker", "incomplete-marker")
DEFAULT_BUILTIN = tuple(EVIDENCE_PATTERNS) + ("reference-marker",)
BUILTIN = DEFAULT_BUILTIN + ("link",)
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}

SCHEMA = {
    "properties": {
        "mode": {"enum": list(MODES)},
        "claims": {"type": "object", "properties": {"patterns": _STRINGS, "regex": _STRINGS, "anchors": _STRINGS},
                   "additionalProperties": False},
        "evidence": {"type": "object", "properties": {"builtin": {"type": "array", "items": {"enum": list(BUILTIN)}},
                                                      "regex": _STRINGS},
                     "additionalProperties": False},
        "exceptions": _STRINGS,
        "exception_reach": {"type": "integer", "minimum": 0},
        "ignorecase": {"type": "boolean"},
    },
    "required": ["mode"],
}
MAX_SPAN = 200


def _has_builtin(doc: Document, name: str, a: int, b: int, timeout: float | None) -> bool:
    """Built-in evidence in a window, searched once per document for all rules that ask."""
    key = ("evidence", "builtin", name, a, b)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = find_evidence(doc.match_text, a, b, [name], timeout) is not None
    return found


def _clip(doc: Document, start: int, end: int) -> int:
    """End of a span of at most MAX_SPAN characters, cut at a word boundary."""
    if end - start <= MAX_SPAN:
        return end
    cut = doc.text.rfind(" ", start, start + MAX_SPAN)
    return cut if cut > start else start + MAX_SPAN


@dataclass
class EvidenceRule:
    rule: Rule
    mode: str
    claims: regex.Pattern | None
    evidence_names: list[str]
    evidence_rx: regex.Pattern | None
    use_markers: bool
    use_links: bool
    exceptions: regex.Pattern | None
    reach: int | None
    triggers: tuple[str, ...]
    timeout: float | None
    anchors: tuple[regex.Pattern, ...] = ()
    plan: StartPlan | None = None  # where the claims can start (evidence_search)

    # -- claims --------------------------------------------------------------------------------------
    def _has_evidence(self, doc: Document, a: int, b: int) -> bool:
        # regex calls here pass the timeout by position (after `concurrent` and `partial`): as a
        # keyword it costs several times more than the search of a short window
        text = doc.match_text
        if any(_has_builtin(doc, n, a, b, self.timeout) for n in self.evidence_names):
            return True
        if self.evidence_rx is not None and self.evidence_rx.search(text, a, b, None, False, self.timeout):
            return True
        if self.use_links and cit.link_in(doc, a, b):
            return True
        return self.use_markers and cit.supported_by_marker(doc, a, b, self.timeout)

    def _excepted(self, doc: Document, start: int, end: int, wa: int, wb: int) -> bool:
        if self.exceptions is None:
            return False
        if self.reach is not None:
            wa, wb = max(wa, start - self.reach), min(wb, end + self.reach)
        return bool(self.exceptions.search(doc.match_text, wa, wb, None, False, self.timeout))

    def _claim_matches(self, doc: Document) -> Iterable[regex.Match]:
        """Claim matches, searched only in the lines that hold an anchor (all of them without anchors),
        on pages that hold the words every claim needs (`scan.may_match`)."""
        assert self.claims is not None  # the modes that read claims have them
        if not may_match(self.claims, doc):
            return ()
        return claim_matches(self.claims, self.plan, self.anchors, doc, scope_ranges(doc, self.rule.scope),
                             self.timeout)

    def _claims(self, doc: Document) -> Iterable[Hit]:
        idx = None  # the page's reference list is read only once a claim is found
        sourced: dict[tuple[int, int], bool] = {}  # many claims share a window: search it once
        for m in self._claim_matches(doc):
            s, e = m.start(), m.end()
            if e == s:
                continue
            if idx is None:
                idx = reference_index(doc)
            if idx.inside_entry(s, e):
                continue
            wa, wb = doc.window(s, e, self.rule.window)
            if self.rule.window in ("sentence", "paragraph"):
                row = row_span(doc, s)  # a table row is one statement: its "Source" cell counts
                if row is not None:
                    wa, wb = min(wa, row[0]), max(wb, row[1])
            if self._excepted(doc, s, e, wa, wb):
                continue
            if (wa, wb) not in sourced:
                sourced[(wa, wb)] = self._has_evidence(doc, wa, wb)
            if sourced[(wa, wb)]:
                continue
            e = _clip(doc, s, e)
            yield Hit(s, e, fill(self.rule.message, match=doc.text[s:e]))

    # -- reference lists -------------------------------------------------------------------------------
    def _entries(self, doc: Document) -> Iterable[Hit]:
        idx = reference_index(doc)
        lists: dict[int, list[Entry]] = {}
        for e in idx.entries:
            if e.complete:
                continue
            if e.inline_list is not None:
                lists.setdefault(e.inline_list, []).append(e)
                continue
            end = _clip(doc, e.start, e.end)
            yield Hit(e.start, end, fill(self.rule.message, match=doc.text[e.start:end], entry=e.text,
                                         number=e.number if e.number is not None else ""))
        for items in lists.values():
            first = items[0]
            end = _clip(doc, first.start, first.end)
            related = [(x.start, _clip(doc, x.start, x.end), f"another reference without author or identifier: "
                        f"'{doc.text[x.start:_clip(doc, x.start, x.end)]}'") for x in items[1:]]
            yield Hit(first.start, end, fill(self.rule.message, match=doc.text[first.start:end], entry=first.text,
                                             number=""), related=related)

    def _markers(self, doc: Document) -> Iterable[Hit]:
        idx = reference_index(doc)
        for a, b in scope_ranges(doc, self.rule.scope):
            for s, e, nums in cit.markers(doc, a, b, self.timeout):
                missing = [n for n in nums if n not in idx.by_number]
                if missing:
                    yield Hit(s, e, fill(self.rule.message, match=doc.text[s:e],
                                         number=", ".join(map(str, missing))))

    def _incomplete_markers(self, doc: Document) -> Iterable[Hit]:
        """Claims that cite only incomplete entries: the citing clause, with the entry as related."""
        idx = reference_index(doc)
        for a, b in scope_ranges(doc, self.rule.scope):
            for s, e, nums in cit.markers(doc, a, b, self.timeout):
                entries = [idx.by_number[n] for n in nums if n in idx.by_number]
                if not entries or len(entries) < len(nums) or any(x.complete for x in entries):
                    continue  # a missing number is reference-marker's finding; a complete one is a source
                start = cit.citing_clause(doc, s, MAX_SPAN)
                if start >= s or (self.exceptions is not None
                                  and self.exceptions.search(doc.match_text, start, e, timeout=self.timeout)):
                    continue
                first = entries[0]
                entry_end = _clip(doc, first.start, first.end)
                related = [(x.start, _clip(doc, x.start, x.end), f"reference {x.number}: "
                            f"'{doc.text[x.start:_clip(doc, x.start, x.end)]}'") for x in entries]
                yield Hit(start, e, fill(self.rule.message, match=doc.text[start:e],
                                         entry=doc.text[first.start:entry_end], number=", ".join(map(str, nums))),
                          related=related)

    def check(self, doc: Document) -> Iterable[Hit]:
        if self.mode in ("unsupported-claim", "vague-citation"):
            return self._claims(doc)
        if self.mode == "reference-entry":
            return self._entries(doc)
        if self.mode == "incomplete-marker":
            return self._incomplete_markers(doc)
        return self._markers(doc)


def compile(rule: Rule, ctx: CompileContext) -> EvidenceRule:
    o = rule.options
    mode = o["mode"]
    ic = o.get("ignorecase", True)
    claims = None
    plan = None
    phrases: list[str] = []
    anchors: tuple[regex.Pattern, ...] = ()
    if mode in ("unsupported-claim", "vague-citation"):
        spec = o.get("claims") or {}
        phrases, regexes = list(spec.get("patterns", [])), list(spec.get("regex", []))
        if not phrases and not regexes:
            raise RuleSpecError(f"mode {mode!r} needs claims: patterns or regex", ("claims",))
        claims = compile_alternation(rule, phrases, regexes, ignorecase=ic, word_boundary=True,
                                     phrase_key="claims", regex_key="claims")
        # the parts of the alternation as compile_alternation joins them (StartPlan checks that it did)
        plan = StartPlan.build(claims, [bounded(phrase_to_regex(p)) for p in phrases]
                               + ["(?:" + r + ")" for r in regexes])
        anchors = tuple(compile_pattern(a, ignorecase=False, key=("claims", "anchors", i))
                        for i, a in enumerate(spec.get("anchors", [])))
        if regexes:
            phrases = []
        elif not anchors:  # each phrase contains its own longest word
            anchors = tuple(compile_pattern(regex.escape(w), ignorecase=False) for w in phrase_triggers(phrases))
    ev = o.get("evidence") or {}
    names = list(ev.get("builtin", [] if "evidence" in o else list(DEFAULT_BUILTIN)))
    ev_regex = list(ev.get("regex", []))
    for i, r in enumerate(ev_regex):
        compile_pattern(r, ignorecase=True, key=("evidence", "regex", i))
    ev_rx = compile_pattern("|".join(f"(?:{r})" for r in ev_regex), ignorecase=True) if ev_regex else None
    exc = o.get("exceptions", [])
    for i, r in enumerate(exc):
        compile_pattern(r, ignorecase=ic, key=("exceptions", i))
    exc_rx = compile_pattern("|".join(f"(?:{r})" for r in exc), ignorecase=ic) if exc else None
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ()))
    if not triggers and phrases:
        triggers = phrase_triggers(phrases)
    return EvidenceRule(
        rule, mode, claims, [n for n in names if n not in ("reference-marker", "link")], ev_rx,
        "reference-marker" in names, "link" in names, exc_rx, o.get("exception_reach"), triggers, ctx.regex_timeout,
        anchors, plan)
