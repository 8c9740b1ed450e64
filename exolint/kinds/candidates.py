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
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import chain

from ..document import Document
from ..wordindex import WordIndex

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
#: characters that an ignore-case pattern matches as an ASCII letter but that `str.lower()` does
#: not turn into that letter (İ becomes two characters, ſ stays ſ); tests/kinds/test_prefix.py
#: recomputes this from the `regex` module. A page holding one is scanned in full.
CASE_ODD = "\u0130\u017f"
_ODD = re.compile("[" + CASE_ODD + "]")


def lower_text(doc: Document) -> str:
    """`doc.match_text.lower()`, made once per document (`Document.lower_text`); whether its
    offsets can be used is each caller's own test."""
    return doc.lower_text


_EMPTY = array("q")
#: per set of words a rule asks for: (word, word without its condition spaces)
_PLANS: dict[frozenset[str], tuple[tuple[str, str], ...]] = {}


class Candidates:
    """Where rules' literal prefixes occur in a document, shared by all rules through `doc.memo`.

    Prefixes of three or more letters are looked up in the document's `WordIndex` (one
    Aho-Corasick pass, shared with the prefilter); each rule's words join its vocabulary the
    first time the rule asks, and `register` lets a compiled rule add them up front. One- and
    two-letter prefixes ("a", "as", "no") occur too often for that pass to list every occurrence,
    so each is searched on its own with its word-start and whitespace conditions built in.
    """

    @staticmethod
    def register(words: Iterable[str]) -> None:
        """Add a rule's words to the shared vocabulary before the first page (see `WordIndex`)."""
        WordIndex.register(w.strip(" ") for w in words if len(w.strip(" ")) > 2)

    @classmethod
    def starts(cls, doc: Document, words: frozenset[str]) -> Sequence[int] | None:
        """Sorted start offsets of any of `words` in the prose (an `array`, not to be changed);
        None: scan this document in full."""
        low = cls._usable(doc)
        if low is None:
            return None
        positions = doc.memo[("scan", "lower")][1]
        plan = _PLANS.get(words)
        if plan is None:
            plan = _PLANS[words] = tuple((w, w.strip(" ")) for w in words)
            WordIndex.register([core for _, core in plan if len(core) > 2])
        index = None
        found: list[array] = []
        for w, core in plan:
            got = positions.get(w)
            if got is None:
                if len(core) > 2:
                    # most words of most rules are absent from a page: one look in the index
                    if index is None:
                        index = WordIndex.of(doc)
                    if core not in index:
                        positions[w] = _EMPTY
                        continue
                got = positions[w] = cls._positions(doc, low, w)
            if got:
                found.append(got)
        if not found:
            return _EMPTY
        if len(found) == 1:
            return found[0]  # shared with the memo: callers only read it
        if sum(map(len, found)) < 4096:
            return array("q", sorted(set(chain.from_iterable(found))))
        # merged without a set of every offset (a 50 MB page has millions of them)
        out = array("q")
        last = -1
        for p in sorted(chain.from_iterable(found)):
            if p != last:
                out.append(p)
                last = p
        return out

    @staticmethod
    def _usable(doc: Document) -> str | None:
        """The lower-cased prose when its offsets are the prose's (else None), made once per page."""
        lower = doc.memo.get(("scan", "lower"))
        if lower is None:
            text = doc.match_text
            low = lower_text(doc)
            usable = len(low) == len(text) and (text.isascii() or not _ODD.search(text))
            lower = doc.memo[("scan", "lower")] = (low if usable else None, {})
        return lower[0]

    @classmethod
    def holds_any(cls, doc: Document, words: frozenset[str]) -> bool | None:
        """Whether the prose holds any of `words` (three letters or more, no condition spaces);
        None: this page cannot tell (see `starts`)."""
        low = cls._usable(doc)
        if low is None:
            return None
        if words not in _PLANS:
            _PLANS[words] = tuple((w, w) for w in words)
            WordIndex.register(words)
        index = WordIndex.of(doc)
        return any(w in index for w in words)

    @classmethod
    def _positions(cls, doc: Document, low: str, word: str) -> array:
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
            return array("q", [m.start() for m in _short(body).finditer(low)])
        ends = WordIndex.of(doc).get(core)
        if not ends:
            return array("q")
        found = array("q")
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
