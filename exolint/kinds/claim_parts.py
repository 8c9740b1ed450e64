"""Finding the parts of a claim in its clause: the matches of a part (an agent, an object), the
one nearest the predicate, and whether the predicate describes a later noun instead.

Why a module of its own: every claim rule reads the same clauses the same way, so the searches are
shared through `Document.memo`, and the claim kind keeps to what a claim is (`claim`) and how it is
worded (`claim_vocab`, `claim_polarity`).
"""
from __future__ import annotations

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
    """The match of `pattern` in the clause nearest `core` (within `max_words`), not
    overlapping the parts already `taken`."""
    text = doc.match_text
    best = None
    for m in found(doc, pattern, starts, clause, timeout):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue  # overlaps the predicate or the agent
        d = gap(text, m.span(), core) if not (core[0] <= m.start() and m.end() <= core[1]) else 0
        if d <= max_words and (best is None or d < best[0]):
            best = (d, m)
    return best[1] if best else None


def gap(text: str, x: tuple[int, int], y: tuple[int, int]) -> int:
    """Words between two spans (0 when they touch or overlap)."""
    a, b = (x[1], y[0]) if x[1] <= y[0] else (y[1], x[0])
    return len(_TOKEN.findall(text, a, b)) if b > a else 0


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


def next_word(text: str, at: int, end: int) -> int:
    """The offset of the first non-space character at or after `at` (before `end`)."""
    while at < end and text[at].isspace():
        at += 1
    return at
