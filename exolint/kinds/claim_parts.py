"""Finding the parts of a claim in its clause: the matches of a part (an agent, an object), the
one nearest the predicate, and whether the predicate describes a later noun instead.

Why a module of its own: every claim rule reads the same clauses the same way, so the searches are
shared through `Document.memo`, and the claim kind keeps to what a claim is (`claim`) and how it is
worded (`claim_vocab`, `claim_polarity`).
"""
from __future__ import annotations

from bisect import bisect_left

import regex

from ..document import Document
from .claim_scan import predicate_matches

_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|,")
#: a copula and an article right before the predicate: the noun after it names what the subject is
_COMPLEMENT = regex.compile(r"\b(?:is|are|was|were|be|been|remains?)\s+(?:a|an|the|one)\s+\Z", regex.I)
#: words that may follow a predicate said of an earlier object ("exosomes approved BY the FDA")
_FUNCTION = frozenset("""by for in as and or to under within across since on at of with from
    throughout worldwide globally nationwide already now today yet too also both either since
    before after until when while because so if but then during once unless
    last this earlier recently previously ago""".split())


def found(doc: Document, pattern: regex.Pattern, starts: tuple[tuple[str, ...], tuple[str, ...]] | None,
          clause: tuple[int, int], timeout: float | None) -> list[regex.Match]:
    """The pattern's matches in a clause, tried only where `starts` occur when there are any;
    rules with the same agents or objects (most claim rules share the object list) look at
    the same clauses, so they share the search."""
    key = ("claim", "found", pattern.pattern, pattern.flags, clause)
    got = doc.memo.get(key)
    if got is None:
        if starts is None:
            got = list(pattern.finditer(doc.match_text, clause[0], clause[1], timeout=timeout))
        else:
            got = list(predicate_matches(pattern, starts[0], doc, clause[0], clause[1], timeout, starts[1]))
        doc.memo[key] = got
    return got


def nearest(doc: Document, pattern: regex.Pattern, starts: tuple[tuple[str, ...], tuple[str, ...]] | None,
            clause: tuple[int, int], core: tuple[int, int], taken: list[tuple[int, int]], max_words: int,
            timeout: float | None) -> regex.Match | None:
    """The match of `pattern` in the clause nearest `core` (within `max_words`; the first of the
    nearest in the clause), not overlapping the parts already `taken`.

    The matches do not overlap, so the words between one and the core only grow as the matches
    move away from it: the search walks outwards from the core on both sides and stops at the
    first match too far away. A clause can be a whole page of unpunctuated text with thousands of
    matches, and measuring every one from every predicate made such a page take minutes."""
    text = doc.match_text
    ms = found(doc, pattern, starts, clause, timeout)
    if not ms:
        return None
    at = _match_starts(doc, pattern, clause, ms)
    i = bisect_left(at, core[0])
    best: tuple[int, int] | None = None  # (words, index)
    for side in (range(i, len(ms)), range(i - 1, -1, -1)):
        for j in side:
            m = ms[j]
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue  # overlaps the predicate or the agent
            d = gap(text, m.span(), core, max_words) if not (core[0] <= m.start() and m.end() <= core[1]) else 0
            if d > max_words:
                break
            if best is None or (d, j) < best:
                best = (d, j)
    return ms[best[1]] if best else None


def _match_starts(doc: Document, pattern: regex.Pattern, clause: tuple[int, int],
                  ms: list[regex.Match]) -> list[int]:
    key = ("claim", "found-at", pattern.pattern, pattern.flags, clause)
    got = doc.memo.get(key)
    if got is None:
        got = doc.memo[key] = [m.start() for m in ms]
    return got


def gap(text: str, x: tuple[int, int], y: tuple[int, int], cap: int | None = None) -> int:
    """Words between two spans (0 when they touch or overlap). With `cap`, counting stops after
    `cap + 1` words: the caller only needs to know that there are more than `cap`."""
    a, b = (x[1], y[0]) if x[1] <= y[0] else (y[1], x[0])
    if b <= a:
        return 0
    if cap is None or b - a <= _SHORT_GAP:
        return len(_TOKEN.findall(text, a, b))
    n = 0
    for _ in _TOKEN.finditer(text, a, b):
        n += 1
        if n > cap:
            break
    return n


#: a gap this long or shorter is counted in full (one call); a longer one word by word, up to the cap
_SHORT_GAP = 400


def modifies_other(text: str, core: tuple[int, int], obj: regex.Match, clause: tuple[int, int],
                   objects: regex.Pattern, timeout: float | None) -> bool:
    """True when the predicate is an adjective of a later noun ("... after the approved device"),
    so an object before it is not what it is said of; but not when that noun is the object's
    complement ("exosome injections are a safe and effective option")."""
    if _COMPLEMENT.search(text, obj.end(), core[0], timeout=timeout):
        return False
    nxt = _TOKEN.search(text, core[1], clause[1], timeout=timeout)
    if nxt is None or nxt.group().lower() in _FUNCTION or nxt.group() == ",":
        return False
    return not objects.match(text, nxt.start(), clause[1], timeout=timeout)


#: a perfect-tense auxiliary right before a predicate ("have approved", "has been cleared")
_PERFECT = regex.compile(r"\b(?:have|has|had)\s+(?:been\s+)?\Z", regex.I)
_COMMA = regex.compile(r"[^\S\n]*,")


def comma_ends_verb(text: str, clause: tuple[int, int], pred: tuple[int, int], core: tuple[int, int],
                    obj: regex.Match) -> bool:
    """True when the predicate is a verb in the perfect tense, a comma follows it (or the agent
    after it: `core`), and the object stands after that comma: the comma closes the clause the verb
    ends ("dermal fillers that UK regulators have approved, exosome serums have no licence"), so
    what follows is not what was approved. An adjective ("our FDA-approved, exosome-rich serum")
    is not a verb in that tense."""
    return (obj.start() >= core[1] and _COMMA.match(text, core[1], obj.start()) is not None
            and _PERFECT.search(text, clause[0], pred[0]) is not None)


def next_word(text: str, at: int, end: int) -> int:
    """The offset of the first non-space character at or after `at` (before `end`)."""
    while at < end and text[at].isspace():
        at += 1
    return at
