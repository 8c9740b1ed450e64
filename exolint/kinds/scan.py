"""Scanning the prose a rule selects: its scopes, its windows, and phrase-to-regex translation.

Every kind matches on `Document.match_text` (look-alike letters folded), so the offsets it reports
are prose offsets that the engine maps back to the source.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import regex

from ..document import Document
from ..ruleset import RuleSpecError
from ..tables import column_below
from .candidates import Candidates
from .prefix import literal_prefixes, required_terms, required_words

# Inside one block the prose has no newlines (breaks are spaces), so whitespace in a phrase never
# matches across blocks, which are separated by a blank line.
_WS = r"[^\S\n]+"


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase whose spaces match any run of spaces (a phrase wrapped over lines still matches)."""
    words = phrase.split()
    return _WS.join(regex.escape(w, special_only=True) for w in words)


def bounded(body: str) -> str:
    """Word boundaries that also work next to non-word characters at either end of the pattern."""
    return r"(?<![\p{L}\p{N}_])(?:" + body + r")(?![\p{L}\p{N}_])"


def compile_pattern(body: str, *, ignorecase: bool, key: tuple = ()) -> regex.Pattern:
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(body, flags)
    except regex.error as exc:
        raise RuleSpecError(f"invalid regular expression: {exc}", key) from None


def compile_any(items: list[str], key: tuple, *, ignorecase: bool = True) -> regex.Pattern | None:
    """One alternation of `items`, or None without any; each is compiled on its own first, so an
    error names its index under `key` (file:line:col of that item)."""
    if not items:
        return None
    for i, r in enumerate(items):
        compile_pattern(r, ignorecase=ignorecase, key=(*key, i))
    return compile_pattern("|".join(f"(?:{r})" for r in items), ignorecase=ignorecase, key=key)


def phrase_triggers(phrases: list[str]) -> tuple[str, ...]:
    """One literal word per phrase (its longest), lower-cased: the prefilter's evidence that the phrase may occur."""
    out = []
    for p in phrases:
        words = [w for w in regex.split(r"\W+", p.lower()) if w]
        if not words:
            return ()
        out.append(max(words, key=len))
    return tuple(dict.fromkeys(out))


CHUNK = 1 << 16


def _chunks(text: str) -> list[tuple[int, int]]:
    n = len(text)
    if n <= CHUNK:
        return [(0, n)] if n else []
    out, a = [], 0
    while a < n:
        b = min(n, a + CHUNK)
        if b < n:
            cut = text.rfind("\n\n", a, b)
            if cut > a:
                b = cut
        out.append((a, b))
        a = b
    return out


def scope_ranges(doc: Document, scope: frozenset[str] | None) -> list[tuple[int, int]]:
    """Prose ranges of the selected scopes, adjacent segments merged.

    The whole prose comes in chunks of at most `CHUNK` characters cut between blocks: matches
    never cross blocks anyway, and the regex timeout then bounds the work on one chunk, so a
    large file does not stop a correct rule just by being large.
    """
    if scope is None:
        key = ("scan", "chunks")
        chunks = doc.memo.get(key)
        if chunks is None:
            chunks = doc.memo[key] = _chunks(doc.text)
        return chunks
    out: list[tuple[int, int]] = []
    for s in doc.segments:
        if s.scope in scope:
            if out and out[-1][1] == s.start:
                out[-1] = (out[-1][0], s.end)
            else:
                out.append((s.start, s.end))
    return out


def finditer(pattern: regex.Pattern, doc: Document, scope: frozenset[str] | None,
             timeout: float | None) -> Iterator[regex.Match]:
    """The pattern's matches in the scope, as `pattern.finditer` finds them, never across blocks.

    When every match must contain one of a few literal words (`prefix.required_words`), a page
    without any of them costs one look in the page's word index; so does a page on which no
    alternative of the pattern finds a word of each of its required sets (`prefix.required_terms`).
    When every match must start with one of a few literal words (`prefix.literal_prefixes`), the
    pattern is tried only where those words occur. The matches are the same, found much faster.
    """
    if not may_match(pattern, doc):
        return
    text = doc.match_text
    words = _reading(pattern).prefixes
    starts = Candidates.starts(doc, words) if words is not None else None
    for a, b in scope_ranges(doc, scope):
        if starts is None:
            found: Iterable[regex.Match] = pattern.finditer(text, a, b, timeout=timeout)
        else:
            found = _finditer_at(pattern, text, a, b, starts, timeout)
        for m in found:
            if "\n" not in text[m.start():m.end()]:  # never across blocks (a rule's `\s+` could)
                yield m


class _Reading(NamedTuple):
    """What `prefix` reads from a pattern: where its matches start, and which words they hold."""

    prefixes: frozenset[str] | None
    required: frozenset[str] | None
    terms: tuple[tuple[frozenset[str], ...], ...] | None


_READINGS: dict[tuple[str, int], _Reading] = {}


def _reading(pattern: regex.Pattern) -> _Reading:
    key = (pattern.pattern, pattern.flags)
    got = _READINGS.get(key)
    if got is None:
        p = pattern.pattern
        got = _READINGS[key] = _Reading(literal_prefixes(p), required_words(p), required_terms(p))
    return got


def may_match(pattern: regex.Pattern, doc: Document) -> bool:
    """False when the page lacks words that every match of `pattern` contains: all of its
    `prefix.required_words`, or, for every alternative, all the words of one of its required sets
    (`prefix.required_terms`). A few look-ups in the page's word index; kinds that search a
    pattern their own way call it before they start."""
    reading = _reading(pattern)
    if reading.required is not None and Candidates.holds_any(doc, reading.required) is False:
        return False
    return reading.terms is None or Candidates.holds_terms(doc, reading.terms) is not False


def _finditer_at(pattern: regex.Pattern, text: str, a: int, b: int, starts: Sequence[int],
                 timeout: float | None) -> list[regex.Match]:
    """`pattern.finditer(text, a, b)`, trying the pattern only at `starts` (a superset of the
    positions where a match can start): leftmost first, each search going on after the last match."""
    out = []
    pos = a
    match = pattern.match
    # the timeout goes by position (after `concurrent` and `partial`): the `regex` module parses a
    # `timeout=` keyword at a third of a failing attempt's cost, even when it is None
    # the starts inside [a, b) only: a large page is scanned in many chunks, and skipping to a
    # chunk's first start one by one (`islice`) made the scan grow with the page squared
    i = bisect_left(starts, a) if a else 0
    j = bisect_left(starts, b, i)
    for p in starts[i:j] if i or j < len(starts) else starts:
        if p < pos:
            continue
        m = match(text, p, b, None, False, timeout)
        if m is None:
            continue
        if m.end() == m.start():  # empty matches step on in finditer's own way: let it do that
            return list(pattern.finditer(text, a, b, timeout=timeout))
        out.append(m)
        pos = m.end()
    return out



def kept_matches(pattern: regex.Pattern, exceptions: regex.Pattern | None, doc: Document,
                 scope: frozenset[str] | None, window: str, timeout: float | None) -> Iterator[regex.Match]:
    """Non-empty matches of a rule's pattern that no exception cancels: an exception cancels a
    match when it occurs anywhere in the rule's window around it (Vale's `exceptions`, scoped), or,
    for a match in a table's header row, in the cells of its column (`tables.column_below`)."""
    text = doc.match_text
    for m in finditer(pattern, doc, scope, timeout):
        if m.end() == m.start():
            continue
        if exceptions is not None:
            a, b = doc.window(m.start(), m.end(), window)
            if exceptions.search(text, a, b, None, False, timeout):
                continue
            if any(exceptions.search(text, ca, cb, None, False, timeout) for ca, cb in column_below(doc, m.start())):
                continue
        yield m
