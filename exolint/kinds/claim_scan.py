"""Finding predicate matches without trying the predicate pattern at every position of a page.

Why: a claim rule's predicate pattern (word boundaries, a dozen case-insensitive alternatives) run
with `finditer` over a whole page cost more than everything else the kind does. Every match starts
with one of a few literal prefixes ("approv", "licen", a phrase's first word), so the pattern is
tried only where one of them occurs in the lower-cased text, left to right, skipping what a match
consumed: the same matches as `finditer`. Lower-casing agrees with the regex module's
case-insensitive matching for ASCII prefixes except at U+0130 (İ, which lower-cases to two
characters) and U+017F (ſ, which matches "s" but does not lower-case to it); pages holding either
are scanned the slow way.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator

import regex

from ..document import Document
from .candidates import lower_text


def _lowered(doc: Document) -> str | None:
    """The lower-cased match text, once per document; None when lower-casing is not exact here."""
    key = ("claim", "lowered")
    if key not in doc.memo:
        text = doc.match_text
        low = None if ("\u0130" in text or "\u017f" in text) else lower_text(doc)
        doc.memo[key] = low if low is not None and len(low) == len(text) else None
    return doc.memo[key]


def _occurrences(doc: Document, low: str, word: str) -> array:
    """Where `word` starts in the lower-cased text; rules sharing a predicate share the search."""
    key = ("claim", "occurrences", word)
    found = doc.memo.get(key)
    if found is None:
        found, i = array("q"), low.find(word)  # packed: kept for the document's lifetime
        while i >= 0:
            found.append(i)
            i = low.find(word, i + 1)
        doc.memo[key] = found
    return found


def predicate_matches(pattern: regex.Pattern, prefixes: tuple[str, ...] | None, doc: Document,
                      a: int, b: int, timeout: float) -> Iterator[regex.Match]:
    """`pattern.finditer(doc.match_text, a, b)` for a pattern whose matches start with `prefixes`."""
    text = doc.match_text
    low = _lowered(doc) if prefixes else None
    if low is None:
        yield from pattern.finditer(text, a, b, timeout=timeout)
        return
    starts: set[int] = set()
    for w in prefixes:
        at = _occurrences(doc, low, w)
        starts.update(at[bisect_left(at, a):bisect_left(at, b - len(w) + 1)])
    last = a
    for p in sorted(starts):
        if p < last:
            continue
        m = pattern.match(text, p, b, timeout=timeout)
        if m is not None:
            last = m.end()
            yield m
