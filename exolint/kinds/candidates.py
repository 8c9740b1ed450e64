"""Where the literal prefixes of rules' patterns occur in a document (see `prefix`), found once per
document and shared by every rule through `doc.memo`.

Offsets are those of the lower-cased prose, which has the prose's length unless the page holds a
character that lower-casing lengthens or does not fold to the ASCII letter an ignore-case pattern
matches it as (`CASE_ODD`); such a page is scanned in full. Word-start and whitespace conditions
are read from the ASCII characters around an occurrence, which is exact: a `\\b` before a letter
cannot hold after an ASCII letter, digit or "_", and whitespace is none of them.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping, MutableSequence, Sequence
from functools import cache
from itertools import chain
from typing import NamedTuple

from ..document import Document
from ..wordindex import WordIndex

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
#: characters that an ignore-case pattern matches as an ASCII letter but that `str.lower()` does
#: not turn into that letter (İ becomes two characters, ſ stays ſ); tests/kinds/test_prefix.py
#: recomputes this from the `regex` module. A page holding one is scanned in full.
CASE_ODD = "\u0130\u017f"


def usable_lower(doc: Document) -> str | None:
    """The lower-cased prose where searching it finds what case-insensitive matching of ASCII
    words finds, at the prose's offsets: None on a page where lower-casing changes the length or
    that holds a character of `CASE_ODD`. Made once per page; the candidate finders of the pattern,
    claim and density kinds all read it."""
    lower = doc.memo.get(("scan", "lower"))
    if lower is None:
        text = doc.match_text
        low = lower_text(doc)
        # two finds of one character are much cheaper than a search for a class of two
        usable = len(low) == len(text) and (text.isascii() or not any(c in text for c in CASE_ODD))
        lower = doc.memo[("scan", "lower")] = (low if usable else None, {})
    return lower[0]


def lower_text(doc: Document) -> str:
    """`doc.match_text.lower()`, made once per document (`Document.lower_text`); whether its
    offsets can be used is each caller's own test."""
    return doc.lower_text


#: pages shorter than this keep their offsets in lists (faster to read from Python than an
#: array, whose every read makes a new int); longer pages in packed arrays, so that a 50 MB page
#: with millions of occurrences does not hold 36 bytes for each
SMALL = 1 << 16


def _present(cores: frozenset[str], index: Mapping[str, Sequence[int]]) -> Iterable[str]:
    """The words of `cores` that `index` holds, found from the smaller side (a page's index holds
    a few dozen words, a rule asks for one to thirty)."""
    if len(cores) < len(index):
        return [c for c in cores if c in index]
    return [w for w in index if w in cores]


class _Plan(NamedTuple):
    """A rule's words, sorted for the lookup: the short ones are searched on their own, the others
    are found in the word index, which answers "which of them occur here" with one set operation."""

    short: tuple[str, ...]  # one- and two-letter prefixes, with their condition spaces
    cores: frozenset[str]  # the longer words without their condition spaces
    by_core: dict[str, tuple[str, ...]]  # core -> the words (with condition spaces) that have it
    disjoint: bool  # no two of the words can occur at the same offset: merging needs no set


#: per set of words a rule asks for
_PLANS: dict[frozenset[str], _Plan] = {}


def _covers(a: str, b: str) -> bool:
    """Whether every occurrence of word `b` is one of word `a` at the same offset (" no" covers
    " no " and " now"; "exosom" covers " exosome"): then `b` need not be looked for."""
    ca, cb = a.strip(" "), b.strip(" ")
    return (cb.startswith(ca) and (a[0] != " " or b[0] == " ")
            and (a[-1] != " " or (ca == cb and b[-1] == " ")))


def _overlap(a: str, b: str) -> bool:
    """Whether words `a` and `b` can occur at the same offset: the core of `a` begins that of
    `b`, and if it is shorter, `a` does not have to end a word there (" do " and " don" cannot)."""
    ca, cb = a.strip(" "), b.strip(" ")
    return cb.startswith(ca) and (ca == cb or a[-1] != " ")


def _plan(words: frozenset[str]) -> _Plan:
    plan = _PLANS.get(words)
    if plan is None:
        kept = sorted(w for w in words if not any(o != w and _covers(o, w) for o in words))
        cores = [w.strip(" ") for w in kept]
        disjoint = not any(_overlap(a, b) for a in kept for b in kept if a != b)
        by_core: dict[str, tuple[str, ...]] = {}
        short = []
        for w, core in zip(kept, cores, strict=True):
            if len(core) > 2:
                by_core[core] = (*by_core.get(core, ()), w)
            else:
                short.append(w)
        plan = _PLANS[words] = _Plan(tuple(short), frozenset(by_core), by_core, disjoint)
        WordIndex.register(by_core)
    return plan


#: the terms whose words have joined the word index's vocabulary
_TERMS_KNOWN: set[tuple[tuple[frozenset[str], ...], ...]] = set()


class Candidates:
    """Where rules' literal prefixes occur in a document, shared by all rules through `doc.memo`.

    Prefixes of three or more letters are looked up in the document's `WordIndex` (one
    Aho-Corasick pass, shared with the prefilter); each rule's words join its vocabulary the
    first time the rule asks. One- and two-letter prefixes ("a", "as", "no") occur too often for
    that pass to list every occurrence, so each is searched on its own with its word-start and
    whitespace conditions built in.
    """

    @classmethod
    def starts(cls, doc: Document, words: frozenset[str]) -> Sequence[int] | None:
        """Sorted start offsets of any of `words` in the prose (a list, or on a long page an
        `array`; not to be changed); None: scan this document in full."""
        low = usable_lower(doc)
        if low is None:
            return None
        positions = doc.memo[("scan", "lower")][1]
        plan = _plan(words)
        found: list[Sequence[int]] = []
        for w in plan.short:
            got = positions.get(w)
            if got is None:
                got = positions[w] = cls._positions(doc, low, w)
            if got:
                found.append(got)
        # most words of most rules are absent from a page: only those present are looked at
        for core in _present(plan.cores, WordIndex.of(doc)):
            for w in plan.by_core[core]:
                got = positions.get(w)
                if got is None:
                    got = positions[w] = cls._positions(doc, low, w)
                if got:
                    found.append(got)
        if not found:
            return ()
        if len(found) == 1:
            return found[0]  # shared with the memo: callers only read it
        if sum(map(len, found)) < 4096:
            # each list is sorted: the sort merges runs
            return sorted(chain.from_iterable(found) if plan.disjoint else set(chain.from_iterable(found)))
        # merged without a set of every offset (a 50 MB page has millions of them)
        out = array("q")
        last = -1
        for p in sorted(chain.from_iterable(found)):
            if p != last:
                out.append(p)
                last = p
        return out

    @classmethod
    def holds_any(cls, doc: Document, words: frozenset[str]) -> bool | None:
        """Whether the prose holds any of `words` (three letters or more, no condition spaces);
        None: this page cannot tell (see `starts`)."""
        if usable_lower(doc) is None:
            return None
        cores = _plan(words).cores  # first: it may grow the vocabulary, which renews the index
        return not WordIndex.of(doc).keys().isdisjoint(cores)

    @classmethod
    def holds_terms(cls, doc: Document, terms: tuple[tuple[frozenset[str], ...], ...]) -> bool | None:
        """Whether, for some term, the prose holds a word of each of its sets (`prefix.required_terms`:
        words of three letters or more, no spaces); None: this page cannot tell."""
        if terms not in _TERMS_KNOWN:
            WordIndex.register(w for term in terms for words in term for w in words)
            _TERMS_KNOWN.add(terms)
        if usable_lower(doc) is None:
            return None
        keys = WordIndex.of(doc).keys()
        for term in terms:
            for words in term:
                if keys.isdisjoint(words):
                    break
            else:
                return True
        return False

    @classmethod
    def _positions(cls, doc: Document, low: str, word: str) -> Sequence[int]:
        core = word.strip(" ")
        n = len(core)
        if n <= 2:
            # "a", "as", "no": everywhere inside words ("has", "know"), so the conditions go into
            # one C-level search; the literal comes first so that `re` looks for it directly
            body = re.escape(core)
            if word[0] == " ":
                body += f"(?<![a-z0-9_]{body})"
            if word[-1] == " ":
                body += "(?![a-z0-9_])"
            found: MutableSequence[int] = [m.start() for m in _short(body).finditer(low)]  # a list or an array
            return found if len(low) < SMALL else array("q", found)
        ends = WordIndex.of(doc).get(core)
        if not ends:
            return []
        found = [] if len(low) < SMALL else array("q")
        add = found.append
        before, after = word[0] == " ", word[-1] == " "
        for e in ends:
            p = e - n + 1
            # at the start of a word: no ASCII letter, digit or "_" before it
            if before and p and low[p - 1] in _WORD_CHARS:
                continue
            if after and low[p + n:p + n + 1] in _WORD_CHARS:
                continue
            add(p)
        return found


@cache
def _short(body: str) -> re.Pattern[str]:
    return re.compile(body)
