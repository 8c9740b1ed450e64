"""Finding predicate matches without trying the predicate pattern at every position of a page.

Why: a claim rule's predicate pattern (word boundaries, a dozen case-insensitive alternatives) run
with `finditer` over a whole page cost more than everything else the kind does. Every match starts
with one of a few literal prefixes ("approv", "licen", a phrase's first word), so the pattern is
tried only where one of them occurs in the lower-cased text, left to right, skipping what a match
consumed: the same matches as `finditer`. Lower-casing agrees with the regex module's
case-insensitive matching for ASCII prefixes except at U+0130 (İ, which lower-cases to two
characters) and U+017F (ſ, which matches "s" but does not lower-case to it); pages holding either
are scanned the slow way. Agent names and objects are found the same way inside a clause: every
match starts with a phrase's first word, and trying the pattern at those few places costs much less
than scanning the clause with an alternation of dozens of phrases.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator

import regex

from ..document import Document
from .candidates import usable_lower as lowered  # the pattern kind's candidates use it too


def occurrences(doc: Document, text: str, word: str, case: str = "lower") -> array:
    """Where `word` starts in `text` (the page's lower-cased text, or its match text when `case` is
    "exact"), overlapping occurrences included; once per page and word, shared by every claim rule."""
    key = ("claim", "occurrences", case, word)
    found = doc.memo.get(key)
    if found is None:
        found, i = array("q"), text.find(word)  # packed: kept for the document's lifetime
        while i >= 0:
            found.append(i)
            i = text.find(word, i + 1)
        doc.memo[key] = found
    return found


#: a range up to this long (a clause, a paragraph) is searched for words directly; a longer one (a
#: page that is one long paragraph) through their positions in the page, found once and shared by
#: the rules (`occurrences`); `claim_gate` uses the same bound
DIRECT = 2048


def predicate_matches(pattern: regex.Pattern, prefixes: tuple[str, ...] | None, doc: Document,
                      a: int, b: int, timeout: float | None, exact: tuple[str, ...] = ()) -> Iterator[regex.Match]:
    """`pattern.finditer(doc.match_text, a, b)` for a pattern whose matches start with one of
    `prefixes` (lower-cased) or of `exact` (as written, for case-sensitive parts)."""
    text = doc.match_text
    low = lowered(doc) if prefixes else None
    if low is None and (prefixes or not exact):
        yield from pattern.finditer(text, a, b, timeout=timeout)
        return
    starts: set[int] = set()
    # (`low` is None only where there are no prefixes, so it is never searched then)
    if b - a <= DIRECT:
        for words, within in ((prefixes or (), low), (exact, text)):
            for w in words:
                i = within.find(w, a, b)  # type: ignore[union-attr]
                while i >= 0:
                    starts.add(i)
                    i = within.find(w, i + 1, b)  # type: ignore[union-attr]
    else:
        for w in prefixes or ():
            at = occurrences(doc, low, w)  # type: ignore[arg-type]
            starts.update(at[bisect_left(at, a):bisect_left(at, b - len(w) + 1)])
        for w in exact:
            at = occurrences(doc, text, w, "exact")
            starts.update(at[bisect_left(at, a):bisect_left(at, b - len(w) + 1)])
    last = a
    for p in sorted(starts):
        if p < last:
            continue
        m = pattern.match(text, p, b, timeout=timeout)
        if m is not None:
            last = m.end()
            yield m


def phrase_starts(phrases: list[str], exact_capitals: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The literal words that every match of an alternation of `phrases` (`scan.phrase_to_regex`,
    matched case-insensitively) starts with, as (lower-cased, exact); None when there are none to
    rely on (an empty phrase, a non-ASCII first word). With `exact_capitals` a phrase without
    lower-case letters is matched case-sensitively (`claim_vocab.name_regex`): its first word as
    written. A word that starts with another is left out: it occurs only where that one does."""
    lower: set[str] = set()
    exact: set[str] = set()
    for p in phrases:
        words = p.split()
        if not words:
            return None
        if exact_capitals and not any(c.islower() for c in p):
            exact.add(words[0])
        elif words[0].isascii():
            lower.add(words[0].lower())
        else:
            return None
    if not lower and not exact:
        return None
    return _first(lower), _first(exact)


def _first(words: set[str]) -> tuple[str, ...]:
    """The words that start with no other of them, in a fixed order."""
    return tuple(w for w in sorted(words) if not any(w != v and w.startswith(v) for v in words))
