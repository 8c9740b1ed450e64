"""Near-duplicate paragraphs by shingling: each paragraph becomes the set of hashes of its word
5-grams, and two paragraphs are duplicates when the Jaccard similarity of their sets is high.

Content farms pad pages by pasting the same paragraph (or a lightly reworded one) again; comparing
shingle sets catches both, where comparing whole strings catches only exact copies. Candidate
pairs come from an inverted index of shingles, so unrelated paragraphs are never compared.
"""
from __future__ import annotations

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
SHINGLE = 5


def shingles(text: str) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(max(len(words) - SHINGLE + 1, 0))}


def duplicate_groups(text: str, paragraphs: list[tuple[int, int]], min_words: int,
                     threshold: float) -> list[list[int]]:
    """Groups of paragraph indexes (each in text order, groups ordered by first member) whose
    members are near-duplicates of each other (single link: A~B and B~C put A, B, C together)."""
    sets: dict[int, set[int]] = {}
    for i, (a, b) in enumerate(paragraphs):
        chunk = text[a:b]
        if len(_WORD.findall(chunk)) >= min_words:
            sets[i] = shingles(chunk)
    index: dict[int, list[int]] = {}
    for i, sh in sets.items():
        for h in sh:
            index.setdefault(h, []).append(i)
    parent = {i: i for i in sets}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2 or len(members) > 50:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair in seen:
                    continue
                seen.add(pair)
                sa, sb = sets[pair[0]], sets[pair[1]]
                if len(sa & sb) / len(sa | sb) >= threshold:
                    parent[find(pair[1])] = find(pair[0])
    groups: dict[int, list[int]] = {}
    for i in sets:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])
