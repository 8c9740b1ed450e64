"""Which pairs of a page's long paragraphs can be near-duplicates, told from their word sets before
any shingle is made.

Why: building a paragraph's set of word 5-gram hashes is the dearest step of `duplicate_groups`
(a tuple and a hash per word), yet on most pages no two paragraphs come near each other. One
C-level intersection of two word sets rules out nearly every pair (on the benchmark corpus 503
of 46,306 pairs pass), so 5-grams are made only for paragraphs in a passing pair, and only passing
pairs are compared.

The bound. Let A and B be paragraphs of words, S(.) their sets of 5-grams, W(.) their sets of
words, n(A) the number of 5-gram positions of A (words - 4), and m(A, B) = |W(A) - W(B)| the
distinct words of A missing from B.
- |S(A) & S(B)| <= n(A) - m(A, B): a 5-gram holding a missing word is not one of B's, and m
  distinct words stand at m distinct positions, which lie in at least min(m, n(A)) different
  5-gram positions (a run of positions lies in at least as many windows as it is long, or in all).
- |S(A)| >= |W(A)| - 4: each word first seen at position p >= 4 ends the 5-gram starting at p - 4,
  and those 5-grams differ in their last word.
Jaccard(S(A), S(B)) >= t needs |S(A) & S(B)| >= t * |S(A) | S(B)| >= t * max(|S(A)|, |S(B)|), so
min(n(A) - m(A, B), n(B) - m(B, A)) >= t * (max(|W(A)|, |W(B)|) - 4), and it must be positive
(`duplicate_groups` joins no pair without a shared 5-gram). A pair failing that is not similar, so
leaving it out changes no group. (5-grams are compared as 64-bit hashes; as there, a collision
between two 5-grams of one page is negligibly unlikely.)
"""
from __future__ import annotations

from bisect import bisect_right

SHINGLE = 5


def candidate_pairs(long: list[list[str]], threshold: float,
                    word_sets: list[set[str]] | None = None) -> list[tuple[int, int]]:
    """The pairs (x, y), x < y, of `long` (word lists of at least SHINGLE words) whose 5-gram sets
    may have a Jaccard similarity of `threshold` or more: every other pair is proven below it by
    the bound in the module docstring, from one C-level intersection of word sets.

    Fewest distinct words first: a pair needs threshold * (distinct words - 4) of the larger
    paragraph, which the smaller one cannot give beyond its 5-gram positions, so each paragraph
    is intersected only with the partners up to the first whose need exceeds them (the needs grow
    with the distinct words), and most pairs are ruled out without an intersection. `word_sets`:
    the paragraphs' word sets, when the caller has made them."""
    sets = word_sets if word_sets is not None else [set(w) for w in long]
    order = sorted(range(len(long)), key=lambda i: len(sets[i]))
    sets = [sets[i] for i in order]
    # |S(x) & S(y)| <= n(x) - m(x, y) = slack(x) + common: slack is 5-gram positions less distinct
    # words, common the words x and y share; need is threshold * (distinct words - 4)
    positions = [len(long[i]) - (SHINGLE - 1) for i in order]
    slack = [n - len(s) for n, s in zip(positions, sets, strict=True)]
    needs = [threshold * (len(s) - (SHINGLE - 1)) * (1 - 1e-9) for s in sets]
    out = []
    for x in range(len(sets) - 1):
        lx = slack[x]
        # common + slack <= x's positions: a partner needing more, and every later one, fails
        stop = bisect_right(needs, positions[x], x + 1)
        # the intersections of x with its possible partners, in one C-level pass
        for y, common in enumerate(map(len, map(sets[x].intersection, sets[x + 1:stop])), x + 1):
            good = common + (lx if lx < slack[y] else slack[y])
            if good > 0 and good >= needs[y]:  # needs[y] >= needs[x]: sorted
                a, b = order[x], order[y]
                out.append((a, b) if a < b else (b, a))
    out.sort()
    return out
