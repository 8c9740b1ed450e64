r"""`density`: phrases repeated far beyond what the text needs, doorway-link lists, duplicated paragraphs.

    kind: density
    mode: repeated-phrase            # or link-list, duplicate-paragraphs
    # repeated-phrase: candidates come from `phrase` (a regex whose group `phrase` is the phrase) or
    # from word n-grams (ngram: [2, 4]); a candidate is then counted wherever it occurs, any case.
    phrase: '\b(?:near|around)\s+(?P<phrase>...)'
    count: matches                   # or: count only where `phrase` matches (a town after a
                                     # treatment word, not every mention of the town)
    ngram: [2, 4]
    min_count: 5                     # at least this many occurrences, and
    per_1000_words: 3.0              # at least this rate per 1,000 words of prose, or
    min_headings: 2                  # present in at least this many headings
    ignore: [exosome therapy]        # phrases never reported (compared lower-case)
    # link-list: short blocks (list items, links, one-line paragraphs) that match `item` (a regex
    # with groups `topic` and `place`) and stand near each other form a doorway-link list when there
    # are at least `min_items` of them with different topics or places.
    item: '(?P<topic>...)\s+near\s+(?P<place>...)'
    requires: '\s(?:near|in)\s'     # optional, for speed: a regex that matches inside every `phrase`
                                     # or `item` match; only the lines (blocks) where it matches are
                                     # searched, so a phrase never spans a blank line
    min_items: 3
    max_gap: 2                       # blocks allowed between two items of one list
    # duplicate-paragraphs: paragraphs of at least `min_words` words whose word 5-gram shingle sets
    # have a Jaccard similarity of at least `similarity`, or (optional) whose lengths are within 20%
    # and whose word sets have a Jaccard similarity of at least `word_similarity` (a respun copy).
    min_words: 25
    similarity: 0.8
    word_similarity: 0.65

Every mode reports once per document: the span is one occurrence (the first heading occurrence of
a stuffed phrase, the first list item, the first sentence of the first duplicated paragraph, at most
200 characters) and every other occurrence is a `related` location.

Not reported: n-grams made only of function words, or containing an acronym such as "FDA" (a
regulator's name is repeated on a page about that regulator for good reason).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

import regex

from ..document import Document
from ..rule import CompileContext, Hit, Rule, fill
from ..reported import not_own
from ..ruleset import RuleSpecError
from .density_scan import blocks_at, phrase_occurrences, whitespace_candidates, whitespace_led_words
from .scan import compile_pattern, finditer
from .shingles import duplicate_groups

SCHEMA = {
    "properties": {
        "mode": {"enum": ["repeated-phrase", "link-list", "duplicate-paragraphs"]},
        "phrase": {"type": "string", "minLength": 1},
        "ngram": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6},
                  "minItems": 2, "maxItems": 2},
        "min_count": {"type": "integer", "minimum": 2},
        "per_1000_words": {"type": "number", "minimum": 0},
        "min_headings": {"type": "integer", "minimum": 1},
        "ignore": {"type": "array", "items": {"type": "string"}},
        "item": {"type": "string", "minLength": 1},
        "requires": {"type": "string", "minLength": 1},
        "min_items": {"type": "integer", "minimum": 2},
        "max_gap": {"type": "integer", "minimum": 0},
        "min_words": {"type": "integer", "minimum": 5},
        "similarity": {"type": "number", "minimum": 0, "maximum": 1},
        "word_similarity": {"type": "number", "minimum": 0, "maximum": 1},
        "count": {"enum": ["occurrences", "matches"]},
    },
    "required": ["mode"],
}

_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
STOPWORDS = frozenset("""a an the and or of to in on at by for from with as is are was were be been it its this that
these those your our my their his her you we they i he she not no can may will would should could do does
did has have had than then there here which who what when where how all any some more most such into
about over after before also only just so if but very up out""".split())
MAX_SPAN = 200
_MAX_ITEM = 160
_PARAGRAPH_SCOPES = frozenset(("paragraph", "list", "blockquote"))


def _heading_ranges(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.segments if s.scope in ("heading", "title")]


def _in_headings(occ: list[tuple[int, int]], heads: list[tuple[int, int]],
                 starts: list[int]) -> tuple[list[tuple[int, int]], int]:
    """The occurrences that start inside a heading, and how many headings hold one. Headings are
    found by bisection (`starts`: where each begins): a large page can have a hundred thousand of each."""
    inside: list[tuple[int, int]] = []
    which: set[int] = set()
    for o in occ:
        i = bisect_right(starts, o[0]) - 1
        if i >= 0 and o[0] < heads[i][1]:
            inside.append(o)
            which.add(i)
    return inside, len(which)


def _word_count(doc: Document) -> int:
    """Words of the prose, counted a piece at a time: a list of every word of a 50 MB page would
    take half a gigabyte. Pieces end at whitespace, so no word is counted twice. Counted once a
    page for all the rules of this kind."""
    key = ("density", "words")
    got = doc.memo.get(key)
    if got is None:
        got = doc.memo[key] = _count_words(doc.text)
    return got


def _count_words(text: str) -> int:
    if len(text) <= _COUNT_PIECE:
        return len(_WORDS.findall(text))
    n, a = 0, 0
    while a < len(text):
        m = _SPACE.search(text, min(len(text), a + _COUNT_PIECE))
        b = m.end() if m else len(text)
        n += len(_WORDS.findall(text, a, b))
        a = b
    return n


_COUNT_PIECE = 1 << 16
_SPACE = regex.compile(r"\s")


def _first_sentence(doc: Document, start: int, end: int) -> tuple[int, int]:
    a, b = doc.window(start, start, "sentence")
    b = min(b, end, start + MAX_SPAN)
    if b - start >= MAX_SPAN:
        cut = doc.text.rfind(" ", start, b)
        b = cut if cut > start else b
    return start, b


@dataclass
class DensityRule:
    rule: Rule
    mode: str
    phrase: regex.Pattern | None
    ngram: tuple[int, int]
    min_count: int
    per_1000: float
    min_headings: int
    ignore: frozenset[str]
    item: regex.Pattern | None
    min_items: int
    max_gap: int
    min_words: int
    similarity: float
    timeout: float | None
    triggers: tuple[str, ...] = ()
    requires: regex.Pattern | None = None
    #: literal words that follow the whitespace every `requires` match starts with (see density_scan)
    requires_words: frozenset[str] | None = None
    #: count a phrase where `phrase` matched it, not wherever its words occur (`count: matches`)
    count_matches: bool = False
    #: duplicate-paragraphs: also paragraphs of nearly equal length whose word sets are this similar
    word_similarity: float | None = None

    # -- repeated phrases ----------------------------------------------------------------------------
    def _lines(self, text: str) -> list[tuple[int, int]]:
        """Where phrases are searched: the lines in which `requires` matches, or the whole text."""
        if self.requires is None:
            return [(0, len(text))]
        lines: dict[int, int] = {}
        end = -1  # the end of the line last added: a match before it lies in that line
        for m in self.requires.finditer(text, timeout=self.timeout):
            if m.start() < end:
                continue
            a = text.rfind("\n", 0, m.start()) + 1
            if a not in lines:
                b = text.find("\n", m.start())
                lines[a] = end = len(text) if b < 0 else b
        return sorted(lines.items())

    def _candidates(self, doc: Document, words: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Candidate phrases (lower-cased), each with the spans `phrase` matched it at (none for
        n-grams)."""
        text = doc.match_text
        if self.phrase is not None:
            out: dict[str, list[tuple[int, int]]] = {}
            named = "phrase" in self.phrase.groupindex
            if self.requires is None:
                # tried only where the phrase's literal first words occur (kinds.scan), per block
                found: Iterable[regex.Match] = finditer(self.phrase, doc, None, self.timeout)
            else:
                found = (m for a, b in self._lines(text)
                         for m in self.phrase.finditer(text, a, b, timeout=self.timeout))
            for m in found:
                span = m.span("phrase") if named else m.span()
                if span[1] > span[0]:
                    out.setdefault(" ".join(text[span[0]:span[1]].lower().split()), []).append(span)
            return out
        counts: dict[str, int] = {}
        lo, hi = self.ngram
        toks = words
        for n in range(lo, hi + 1):
            for i in range(len(toks) - n + 1):
                gram = toks[i:i + n]
                if gram[0].lower() in STOPWORDS or gram[-1].lower() in STOPWORDS:
                    continue
                if any(len(t) > 1 and t.isupper() for t in gram):
                    continue  # an acronym (FDA, MHRA): a name, not stuffing
                key = " ".join(gram).lower()
                counts[key] = counts.get(key, 0) + 1
        return {k: [] for k, c in counts.items() if c >= self.min_count}

    def _repeated(self, doc: Document) -> Iterable[Hit]:
        if self.phrase is not None:
            # the early exit on a page with fewer words than min_count is taken below, when counted
            words: int | None = None  # counted once a candidate is frequent enough
            cands = self._candidates(doc, [])
        else:
            tokens = _WORDS.findall(doc.text)
            words = len(tokens)
            if words < self.min_count:
                return
            cands = self._candidates(doc, tokens)
        if not cands:
            return
        heads = _heading_ranges(doc)
        head_starts = [a for a, _ in heads]
        best = None
        for cand, matched in cands.items():
            if cand in self.ignore:
                continue
            occ = matched if self.count_matches else phrase_occurrences(doc, cand, self.timeout)
            if len(occ) < self.min_count:
                continue
            if self.rule.reported_quotes == "skip":
                # what the page quotes as someone else's words is not its own repetition
                quoted = not_own(doc)
                if quoted:
                    occ = [o for o in occ if not quoted.holds(o[0], o[1])]
                    if len(occ) < self.min_count:
                        continue
            if words is None:
                words = _word_count(doc)
                if words < self.min_count:
                    return  # as if checked first: too short a page to be stuffed
            rate = len(occ) * 1000.0 / words
            in_heads, heading_count = _in_headings(occ, heads, head_starts)
            if rate < self.per_1000 and heading_count < self.min_headings:
                continue
            # prefer the phrase most repeated; ties: the longer phrase
            score = (len(occ), len(cand))
            if best is None or score > best[0]:
                best = (score, cand, occ, in_heads, rate, heading_count)
        if best is None:
            return
        _, cand, occ, in_heads, rate, heading_count = best
        anchor = in_heads[0] if in_heads else occ[0]
        related = [(a, b, f"'{doc.text[a:b]}' again") for a, b in occ if (a, b) != anchor]
        msg = fill(self.rule.message, match=doc.text[anchor[0]:anchor[1]], count=len(occ),
                   rate=f"{rate:.1f}", headings=heading_count)
        yield Hit(anchor[0], anchor[1], msg, related=related)

    # -- doorway-link lists -----------------------------------------------------------------------------
    def _link_list(self, doc: Document) -> Iterable[Hit]:
        assert self.item is not None  # `compile` requires it in this mode
        text = doc.match_text
        # a doorway link is a short block: at most _MAX_ITEM characters
        spans = blocks_at(doc, whitespace_candidates(self.requires_words, doc), _MAX_ITEM)
        items: list[tuple[int, int, int, str, str]] = []  # block, start, end, topic, place
        for block, a, b in spans:
            if self.requires is not None and not self.requires.search(text, a, b, timeout=self.timeout):
                continue
            m = self.item.search(text, a, b, timeout=self.timeout)
            if m:
                items.append((block, m.start(), m.end(), m.group("topic").lower(), m.group("place").lower()))
        groups: list[list[tuple[int, int, int, str, str]]] = []
        for it in items:
            if groups and it[0] - groups[-1][-1][0] <= self.max_gap + 1:
                groups[-1].append(it)
            else:
                groups.append([it])
        found = [g for g in groups
                 if len(g) >= self.min_items and len({(t, p) for _, _, _, t, p in g}) >= self.min_items]
        if not found:
            return
        members = [it for g in found for it in g]
        first = members[0]
        related = [(s, e, f"sibling doorway link '{doc.text[s:e]}'") for _, s, e, _, _ in members[1:]]
        msg = fill(self.rule.message, match=doc.text[first[1]:first[2]], count=len(members))
        yield Hit(first[1], first[2], msg, related=related)

    # -- duplicated paragraphs ------------------------------------------------------------------------
    def _duplicates(self, doc: Document) -> Iterable[Hit]:
        paras = [(s.start, s.end) for s in doc.segments if s.scope in _PARAGRAPH_SCOPES]
        groups = duplicate_groups(doc.match_text, paras, self.min_words, self.similarity, doc.lower_text,
                                  self.word_similarity)
        if not groups:
            return
        spans = [_first_sentence(doc, *paras[i]) for g in groups for i in g]
        first = spans[0]
        related = [(a, b, "repeats the paragraph above") for a, b in spans[1:]]
        msg = fill(self.rule.message, match=doc.text[first[0]:first[1]],
                   count=sum(len(g) for g in groups), groups=len(groups))
        yield Hit(first[0], first[1], msg, related=related)

    def check(self, doc: Document) -> Iterable[Hit]:
        if self.mode == "repeated-phrase":
            return self._repeated(doc)
        if self.mode == "link-list":
            return self._link_list(doc)
        return self._duplicates(doc)


def compile(rule: Rule, ctx: CompileContext) -> DensityRule:
    o = rule.options
    mode = o["mode"]
    phrase = compile_pattern(o["phrase"], ignorecase=True, key=("phrase",)) if "phrase" in o else None
    item = None
    if mode == "link-list":
        if "item" not in o:
            raise RuleSpecError("mode link-list needs 'item' (a regex with groups topic and place)", ("mode",))
        item = compile_pattern(o["item"], ignorecase=True, key=("item",))
        if not {"topic", "place"} <= set(item.groupindex):
            raise RuleSpecError("item needs named groups 'topic' and 'place'", ("item",))
    if mode == "repeated-phrase" and phrase is None and "ngram" not in o:
        raise RuleSpecError("mode repeated-phrase needs 'phrase' or 'ngram'", ("mode",))
    lo, hi = o.get("ngram", [2, 4])
    if lo > hi:
        raise RuleSpecError("ngram is [shortest, longest]", ("ngram",))
    return DensityRule(
        rule, mode, phrase, (lo, hi), o.get("min_count", 5), float(o.get("per_1000_words", 3.0)),
        o.get("min_headings", 2), frozenset(x.lower() for x in o.get("ignore", [])), item,
        o.get("min_items", 3), o.get("max_gap", 2), o.get("min_words", 25), float(o.get("similarity", 0.8)),
        ctx.regex_timeout, tuple(t.lower() for t in rule.raw.get("triggers", ())),
        compile_pattern(o["requires"], ignorecase=True, key=("requires",)) if "requires" in o else None,
        whitespace_led_words(o["requires"]) if "requires" in o else None, o.get("count") == "matches",
        float(o["word_similarity"]) if "word_similarity" in o else None)
