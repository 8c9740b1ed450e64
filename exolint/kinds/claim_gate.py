"""Cheap necessary conditions for a claim: literal words that every agent or classification match
holds, looked up instead of running the patterns.

Why: a claim rule turns most predicate matches into nothing ("approved" with no regulator of the
rule's own in the paragraph: the EMA rule on a page that names only the FDA), yet finding that out
costs the sentence split of the block, the clause limits and an alternation search per clause.
Every match of an agent name or an `as` phrase holds the longest word of its phrase, so when none
of those words occurs in the page, or in the paragraph of a predicate (which holds its clause),
the claim cannot be made and the rest is skipped. Objects are not checked this way: a page about
exosomes names them in nearly every paragraph, and the check cost more than it saved.

Words of case-insensitive phrases are looked up in the page's shared word index or its lower-cased
text (`candidates.usable_lower`), which agree with the regex module's case-insensitive matching for
ASCII words on the pages where they are available; all-capital agent names match case-sensitively
(`claim_vocab.name_regex`) and are looked up in the match text as they are.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..document import Document
from .candidates import Candidates
from .claim_scan import DIRECT, lowered, occurrences


@dataclass(frozen=True)
class Words:
    """Literal words one of which every match of a pattern contains: `lower` in the lower-cased
    text, `exact` in the match text."""

    lower: tuple[str, ...]
    exact: tuple[str, ...]
    #: `lower` for the shared word index, when every word is long enough for it
    indexed: frozenset[str] | None = field(default=None, init=False, compare=False)

    def __post_init__(self) -> None:
        if self.lower and all(len(w) > 2 for w in self.lower):
            object.__setattr__(self, "indexed", frozenset(self.lower))

    def anywhere(self, doc: Document) -> bool | None:
        """Whether one of the words occurs in the page; None when it cannot be told. Words of
        three letters or more are looked up in the page's shared word index (`Candidates`);
        scans of the text stop at the first occurrence."""
        text = doc.match_text
        if any(w in text for w in self.exact):
            return True
        if not self.lower:
            return False
        if self.indexed:
            return Candidates.holds_any(doc, self.indexed)
        low = lowered(doc)
        if low is None:
            return None
        return any(w in low for w in self.lower)

    def within(self, doc: Document, a: int, b: int) -> bool | None:
        """Whether one of the words starts in text[a:b]; None when it cannot be told. A short range
        is searched directly; a long one (a page that is one long paragraph) through the words'
        positions, found once per page, so that many predicates in it do not each scan it."""
        low = lowered(doc) if self.lower else ""
        if low is None:
            return None
        text = doc.match_text
        if b - a <= DIRECT:
            return (any(text.find(w, a, b + len(w) - 1) >= 0 for w in self.exact)
                    or any(low.find(w, a, b + len(w) - 1) >= 0 for w in self.lower))
        for words, within, case in ((self.exact, text, "exact"), (self.lower, low, "lower")):
            for w in words:
                at = occurrences(doc, within, w, case)
                i = bisect_left(at, a)
                if i < len(at) and at[i] < b:
                    return True
        return False


def phrase_words(phrases: list[str], exact_capitals: bool = False) -> Words | None:
    """The longest word of each phrase (`scan.phrase_to_regex` keeps a phrase's words literal, and
    a long word is rare in prose), or None when a phrase gives none to rely on (empty, or a
    non-ASCII word matched case-insensitively). With `exact_capitals`, a phrase without lower-case
    letters is matched case-sensitively."""
    lower: list[str] = []
    exact: list[str] = []
    for p in phrases:
        words = p.split()
        if not words:
            return None
        word = max(words, key=len)
        if exact_capitals and not any(c.islower() for c in p):
            exact.append(word)
        elif word.isascii():
            lower.append(word.lower())
        else:
            return None
    if not lower and not exact:
        return None
    return Words(_shortest(lower), _shortest(exact))


def _shortest(words: list[str]) -> tuple[str, ...]:
    """The words that hold no other of them: "exosome-based" occurs only where "exosome" does."""
    unique = sorted(set(words), key=lambda w: (len(w), w))
    return tuple(w for i, w in enumerate(unique) if not any(v in w for v in unique[:i]))
