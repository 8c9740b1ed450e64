"""Near-duplicate paragraphs by shingling: each paragraph becomes the set of its word 5-grams, and
two paragraphs are duplicates when the Jaccard similarity of their sets is high.

Content farms pad pages by pasting the same paragraph (or a lightly reworded one) again; comparing
shingle sets catches both, where comparing whole strings catches only exact copies. A page has
few long paragraphs, so they are compared pair by pair with C-level set operations; only a page
with more than `MAX_SHARED` of them goes through an inverted index of shingles (a shingle shared
by more paragraphs than that is boilerplate and does not make its paragraphs candidates).
"""
from __future__ import annotations

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
SHINGLE = 5
MAX_SHARED = 50


# ASCII bytes that are not letters or digits become spaces; these common non-ASCII symbols (none a
# letter or digit) become spaces first, so most paragraphs are split in C without the regex
_ASCII_SEP = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_SYMBOLS = "’‘“”–—…•·«»×°£€©®™§¶"


def _words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Lower-cased `[\\p{L}\\p{N}]+` words of text[start:end]."""
    chunk = text[start:end]
    if not chunk.isascii():
        for c in _SYMBOLS:
            if c in chunk:
                chunk = chunk.replace(c, " ")
        if not chunk.isascii():
            words = _WORD.findall(text, start, len(text) if end is None else end)
            return " ".join(words).lower().split(" ") if words else []
    return chunk.encode("ascii").translate(_ASCII_SEP).lower().decode("ascii").split()


def _shingle_set(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(SHINGLE))))


def shingles(text: str) -> set[tuple[str, ...]]:
    return _shingle_set(_words(text))


def duplicate_groups(text: str, paragraphs: list[tuple[int, int]], min_words: int,
                     threshold: float) -> list[list[int]]:
    """Groups of paragraph indexes (each in text order, groups ordered by first member) whose
    members are near-duplicates of each other (single link: A~B and B~C put A, B, C together)."""
    sets: dict[int, set[tuple[str, ...]]] = {}
    for i, (a, b) in enumerate(paragraphs):
        words = _words(text, a, b)
        if len(words) >= min_words:
            sets[i] = _shingle_set(words)
    if len(sets) < 2:
        return []
    parent = {i: i for i in sets}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def similar(x: int, y: int) -> bool:
        sa, sb = sets[x], sets[y]
        small, large = sorted((len(sa), len(sb)))
        if not small or small < threshold * large * (1 - 1e-9):  # Jaccard <= small / large
            return False
        inter = len(sa & sb)
        return inter > 0 and inter / (len(sa) + len(sb) - inter) >= threshold

    for x, y in _candidate_pairs(sets):
        if similar(x, y):
            parent[find(y)] = find(x)
    groups: dict[int, list[int]] = {}
    for i in sets:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _candidate_pairs(sets: dict[int, set[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Pairs that share a shingle held by at most MAX_SHARED paragraphs. With no more paragraphs than
    that, every pair is a candidate (a pair sharing nothing is then rejected by its similarity)."""
    keys = list(sets)
    if len(keys) <= MAX_SHARED:
        return [(keys[x], keys[y]) for x in range(len(keys)) for y in range(x + 1, len(keys))]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, sh in sets.items():
        for h in sh:
            index.setdefault(h, []).append(i)
    pairs: dict[tuple[int, int], None] = {}
    for members in index.values():
        if 2 <= len(members) <= MAX_SHARED:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs[(members[x], members[y])] = None
    return list(pairs)
