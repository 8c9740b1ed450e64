r"""Where an `evidence` rule's claims can match, so that its claim alternation runs on little of a page.

A claim alternation (a verb of improvement, up to six words, then a percentage) costs the `regex`
module about a hundred nanoseconds a character when it is tried at every position, and claims
are rare. Two shortcuts, each exact (the same matches, in the same order, as `finditer`):

- anchors: a rule promises that one of its `claims.anchors` matches inside every claim, so only
  the lines (blocks) that hold an anchor are searched. A literal anchor ('%', 'studies') is found
  with `str.find`; the lines of each anchor are shared by every rule that names it.
- start candidates: most parts of an alternation start with literal words (`prefix.literal_prefixes`:
  "increas", "boost", "according to"). Where those words begin is found with one plain-string
  scan; the other parts are searched together on their own; the alternation is then matched only
  at the leftmost of those positions and the walk goes on after its match, as `finditer` does.
  Whichever part wins at a position, it is the alternation's own match there.

Both work on the lower-cased prose, which keeps offsets unless a character changes length or
matches an ASCII letter only under case folding ("ſ", "İ"); such a page is searched in full.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

import regex

from ..document import Document
from .candidates import Candidates
from .prefix import literal_prefixes, required_terms

# letters that match another letter only under case folding, so lower-cased text would hide them
_FOLD_ONLY = "\u017f\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1fbe\u0345\u1e9b"
_META = frozenset(".^$*+?{}[]|()\n")
_GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)|\\G")


def lowered(doc: Document) -> str | None:
    """The match text lower-cased (offsets kept), shared by the rules; None when lower-casing would
    move offsets or hide a match that case folding finds (then anchors are not used)."""
    key = ("evidence", "lowered")
    if key not in doc.memo:
        low: str | None  # declared apart from the assignment, so that it is a str until set to None
        low = doc.lower_text
        if len(low) != len(doc.match_text) or (not low.isascii() and any(c in low for c in _FOLD_ONLY)):
            low = None
        doc.memo[key] = low
    return doc.memo[key]


def literal(pattern: str) -> str | None:
    """The one string a pattern matches when it is a plain literal (punctuation may be escaped)."""
    if pattern not in _LITERALS:
        _LITERALS[pattern] = _literal(pattern)
    return _LITERALS[pattern]


_LITERALS: dict[str, str | None] = {}


def _literal(pattern: str) -> str | None:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1:i + 2]
            if not nxt or nxt.isalnum() or nxt == "\n":
                return None
            out.append(nxt)
            i += 2
            continue
        if c in _META:
            return None
        out.append(c)
        i += 1
    return "".join(out) or None


def _lines_of(doc: Document, low: str, anchor: regex.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the lines in which an anchor matches, in order; one list per anchor and document."""
    key = ("evidence", "anchor", anchor.pattern)
    got = doc.memo.get(key)
    if got is not None:
        return got
    out: list[tuple[int, int]] = []
    word = literal(anchor.pattern)
    if word is not None:
        i = low.find(word)
        while i >= 0:
            end = low.find("\n", i + len(word))
            end = len(low) if end < 0 else end
            out.append((low.rfind("\n", 0, i) + 1, end))
            i = low.find(word, end + 1)
    else:
        m = anchor.search(low)
        while m:
            end = low.find("\n", m.end())
            end = len(low) if end < 0 else end
            out.append((low.rfind("\n", 0, m.start()) + 1, end))
            m = anchor.search(low, end + 1)
    doc.memo[key] = out
    return out


def anchor_lines(doc: Document, anchors: Sequence[regex.Pattern]) -> list[tuple[int, int]] | None:
    """The lines (prose has newlines only between blocks) in which an anchor matches, in order;
    None when the document cannot be searched that way (then every line is searched)."""
    low = lowered(doc)
    if low is None:
        return None
    if len(anchors) == 1:
        return _lines_of(doc, low, anchors[0])
    key = ("evidence", "lines", tuple(a.pattern for a in anchors))
    got = doc.memo.get(key)
    if got is None:
        found = [lines for lines in (_lines_of(doc, low, rx) for rx in anchors) if lines]
        if len(found) <= 1:
            got = found[0] if found else []
        else:
            merged: dict[int, int] = {}
            for lines in found:
                merged.update(lines)
            got = sorted(merged.items())
        doc.memo[key] = got
    return got


def intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlaps of two sorted lists of disjoint ranges."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


class StartPlan:
    """Where an alternation of `parts` (joined by "|" into `pattern`) can start matching: at the
    literal prefixes of the parts that have them (run on the lower-cased prose), or where the
    other parts (`scanned`, one pattern) match.

    A part whose every match needs words a page lacks (`prefix.required_terms`) cannot match on
    that page, so its prefixes are not looked for there: "a landmark study proved" starts with "a",
    which every line holds, but needs "landmark" or a word like it, which few pages hold.
    """

    def __init__(self, starter: re.Pattern[str], scanned: regex.Pattern | None,
                 always: frozenset[str] = frozenset(),
                 gated: tuple[tuple[tuple[tuple[frozenset[str], ...], ...], frozenset[str]], ...] = ()) -> None:
        self.starter = starter  # every part's prefixes
        self.scanned = scanned
        self.always = always  # the prefixes of the parts that are never skipped
        self.gated = gated  # (required terms, prefixes) of the parts that may be
        self._starters: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    @classmethod
    def build(cls, pattern: regex.Pattern, parts: list[str]) -> StartPlan | None:
        """None when no part has literal prefixes (or the pattern is not plainly the alternation of
        its parts): then the pattern is searched as it is."""
        if pattern.pattern != "|".join(parts) or _GLOBAL_FLAGS.search(pattern.pattern):
            return None
        words: set[str] = set()
        always: set[str] = set()
        gated: list[tuple[tuple[tuple[frozenset[str], ...], ...], frozenset[str]]] = []
        rest: list[str] = []
        for part in parts:
            got = literal_prefixes(part)
            if got is None:
                rest.append(part)
                continue
            words |= got
            terms = required_terms(part)
            if terms is None:
                always |= got
            else:
                gated.append((terms, got))
        starter = _starter(words)
        if starter is None:
            return None
        scanned = regex.compile("|".join(rest), pattern.flags) if rest else None
        return cls(starter, scanned, frozenset(always), tuple(gated))

    def starter_for(self, doc: Document) -> re.Pattern[str] | None:
        """The prefix search for this page: without the prefixes of the parts it cannot hold a
        match of (None: no part with prefixes can match here)."""
        if not self.gated:
            return self.starter
        active = tuple(i for i, (terms, _) in enumerate(self.gated)
                       if Candidates.holds_terms(doc, terms) is not False)
        if len(active) == len(self.gated):
            return self.starter
        if active not in self._starters:
            words = set(self.always)
            for i in active:
                words |= self.gated[i][1]
            self._starters[active] = _starter(words)
        return self._starters[active]


def _starter(words: set[str]) -> re.Pattern[str] | None:
    cores = {w.lstrip(" ") for w in words}  # a trailing space stays: whitespace must follow
    if not cores or not all(c.strip(" ") for c in cores):
        return None
    body = trie_regex(cores)
    # every prefix starts with an ASCII letter or digit, and the prose is lower-cased: an ASCII
    # \b before it is "no ASCII letter, digit or _ before"; a prefix that may start inside a word
    # may also start inside another prefix's occurrence: a lookahead finds every position
    if all(w.startswith(" ") for w in words):
        return re.compile(rf"\b(?:{body})", re.ASCII)
    return re.compile(f"(?=(?:{body}))", re.ASCII)


def trie_regex(words: set[str]) -> str:
    """An alternation of literal words as a trie ("b(?:oost|righten)"): the stdlib engine then
    tries one branch per first letter at a position instead of every word. A word written with a
    trailing space must be followed by whitespace (`literal_prefixes`), so by no ASCII letter, digit
    or "_" ("a " does not start "and")."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"(?![a-z0-9_])" if ch == " " else re.escape(ch)) + emit(node[ch])
                    for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(root)


def walk(pattern: regex.Pattern, plan: StartPlan, starter: re.Pattern[str] | None, text: str, low: str,
         a: int, b: int, timeout: float | None) -> list[regex.Match]:
    """`pattern.finditer(text, a, b)`, trying the pattern only where one of its parts can start
    (`starter`: `plan.starter_for` the page): leftmost first, each search going on after the last
    match. The timeout is passed by position (`concurrent`, `partial` before it): as a keyword it
    costs more than most failed matches."""
    # where a prefix begins: a superset of where the parts with prefixes match
    starts = [] if starter is None else [m.start() for m in starter.finditer(low, a, b)]
    scanned = plan.scanned
    if not starts and scanned is None:
        return []
    out: list[regex.Match] = []
    pos, i, n = a, 0, len(starts)
    never = b + 1
    nxt = -1  # where `scanned` next matches at or after pos (never: nowhere)
    while True:
        if i < n and starts[i] < pos:
            i = bisect_left(starts, pos, i)
        p = starts[i] if i < n else never
        if scanned is not None:
            if nxt < pos:
                m = scanned.search(text, pos, b, None, False, timeout)
                nxt = m.start() if m else never
            p = min(p, nxt)
        if p >= never:
            return out
        m = pattern.match(text, p, b, None, False, timeout)
        if m is None:
            if i < n and starts[i] == p:
                i += 1  # a prefix that did not lead to a match
                continue
            m = pattern.search(text, p, b, timeout=timeout)  # not expected: let the pattern decide
            if m is None:
                return out
        if m.end() == m.start():  # empty matches step on in finditer's own way: let it do that
            return list(pattern.finditer(text, a, b, timeout=timeout))
        out.append(m)
        pos = m.end()


def claim_matches(pattern: regex.Pattern, plan: StartPlan | None, anchors: Sequence[regex.Pattern],
                  doc: Document, ranges: list[tuple[int, int]], timeout: float | None) -> Iterator[regex.Match]:
    """Matches of a claim alternation in `ranges` (a rule's scope), never across blocks: only in
    the lines that hold an anchor, and only where a part of it can start."""
    low = lowered(doc)
    if anchors:
        lines = anchor_lines(doc, anchors)
        if lines is not None:
            ranges = intersect(ranges, lines)
    text = doc.match_text
    starter = plan.starter_for(doc) if plan is not None and low is not None else None
    for a, b in ranges:
        if plan is not None and low is not None:
            found: Iterator[regex.Match] | list[regex.Match] = walk(pattern, plan, starter, text, low, a, b, timeout)
        else:
            found = pattern.finditer(text, a, b, timeout=timeout)
        for m in found:
            if "\n" not in text[m.start():m.end()]:
                yield m
