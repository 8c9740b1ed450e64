"""Near-duplicate paragraphs by shingling: each paragraph becomes the set of its word 5-grams, and
two paragraphs are duplicates when the Jaccard similarity of their sets is high.

Content farms pad pages by pasting the same paragraph (or a lightly reworded one) again; comparing
shingle sets catches both, where comparing whole strings catches only exact copies. A page has
few long paragraphs, so they are compared pair by pair with C-level set operations; only a page
with more than `MAX_SHARED` of them goes through an inverted index of shingles (a shingle shared
by more paragraphs than that is boilerplate and does not make its paragraphs candidates).

A shingle is kept as the `hash()` of its word tuple, not the tuple: a 50 MB page holds millions of
shingles, and a tuple of five strings (which also keeps its paragraph's words alive) costs several
times an int. Two different 5-grams of one page sharing a 64-bit hash is negligibly unlikely, and
would change one Jaccard similarity by one shingle at most.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator

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


def paragraph_words(text: str, paragraphs: list[tuple[int, int]], low: str | None = None) -> list[list[str]]:
    """`[_words(text, a, b) for a, b in paragraphs]`, made from one translation of the whole page.

    Why: per paragraph, `_words` slices, scans for every symbol, encodes, translates, lower-cases
    and decodes; a page has dozens of paragraphs. `low` is `text.lower()` (`Document.lower_text`);
    when it has text's length every character lower-cases to one character, so a paragraph that is
    ASCII in `low` once the symbols are spaces reads the same words as `_words` would (the only
    non-ASCII characters that lower-case to ASCII, such as the Kelvin sign, are letters like their
    lower case); any other paragraph goes through `_words` itself."""
    if low is None or len(low) != len(text):
        return [_words(text, a, b) for a, b in paragraphs]
    clean = low
    if not clean.isascii():
        for c in _SYMBOLS:
            if c in clean:
                clean = clean.replace(c, " ")
    if clean.isascii():
        flat = clean.encode("ascii").translate(_ASCII_SEP).decode("ascii")
        return [flat[a:b].split() for a, b in paragraphs]
    # every non-ASCII character becomes one "?" (a separator): right for ASCII paragraphs only
    flat = clean.encode("ascii", "replace").translate(_ASCII_SEP).decode("ascii")
    return [flat[a:b].split() if clean[a:b].isascii() else _words(text, a, b) for a, b in paragraphs]


def _shingle_set(words: list[str]) -> set[int]:
    return set(map(hash, zip(*(words[i:] for i in range(SHINGLE)))))


def duplicate_groups(text: str, paragraphs: list[tuple[int, int]], min_words: int,
                     threshold: float, low: str | None = None) -> list[list[int]]:
    """Groups of paragraph indexes (each in text order, groups ordered by first member) whose
    members are near-duplicates of each other (single link: A~B and B~C put A, B, C together).
    `low`, when given, is `text.lower()` (see `paragraph_words`)."""
    # a long page keeps each paragraph's shingles as a packed array (8 bytes a shingle, where a set
    # of ints costs ~90); a set is rebuilt only for a paragraph being compared
    packed = len(paragraphs) > MAX_SHARED
    shingled: dict[int, set[int] | _Packed] = {}
    if packed:
        # a long page: one paragraph's words at a time (all of a 50 MB page's words at once, as
        # strings, would cost several hundred MB)
        for i, (a, b) in enumerate(paragraphs):
            words = _words(text, a, b)
            if len(words) >= min_words:
                shingled[i] = _pack(_shingle_set(words))
        if len(shingled) < 2:
            return []
    else:
        long = [(i, w) for i, w in enumerate(paragraph_words(text, paragraphs, low)) if len(w) >= min_words]
        if len(long) < 2:
            return []  # nothing to compare: no shingles needed
        for i, words in long:
            shingled[i] = _shingle_set(words)
        del long
    if packed and len(shingled) <= MAX_SHARED:
        packed = False
        shingled = {i: set(p[0]) for i, p in shingled.items()}  # type: ignore[union-attr]
    parent = {i: i for i in shingled}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    cached: list = [None, None]  # the paragraph whose set was built last, and that set

    def as_set(x: int) -> set[int]:
        if cached[0] != x:
            cached[0], cached[1] = x, set(shingled[x][0])  # type: ignore[index]
        return cached[1]

    def similar(x: int, y: int) -> bool:
        sa, sb = shingled[x], shingled[y]
        if packed:
            na, nb = len(sa[0]), len(sb[0])  # type: ignore[index]
        else:
            na, nb = len(sa), len(sb)
        small, large = sorted((na, nb))
        if not small or small < threshold * large * (1 - 1e-9):  # Jaccard <= small / large
            return False
        inter = len(as_set(x).intersection(sb[0])) if packed else len(sa & sb)  # type: ignore[index,operator]
        return inter > 0 and inter / (na + nb - inter) >= threshold

    if packed:
        rejected: set[tuple[int, int]] = set()
        for x, y in _indexed_pairs(shingled):  # type: ignore[arg-type]
            if (x, y) in rejected or find(x) == find(y):
                continue  # already compared, or already in one group (a union would change nothing)
            if similar(x, y):
                parent[find(y)] = find(x)
            else:
                rejected.add((x, y))
    else:
        # smallest sets first: a set too small for one partner is too small for every larger one,
        # so each paragraph meets only the partners its size allows (components do not depend on
        # the order pairs are joined in)
        sizes = {i: len(sh) for i, sh in shingled.items()}  # type: ignore[arg-type]
        order = sorted(shingled, key=lambda i: (sizes[i], i))
        for x in range(len(order)):
            kx = order[x]
            sx = sizes[kx]
            for y in range(x + 1, len(order)):
                ky = order[y]
                if sx < threshold * sizes[ky] * (1 - 1e-9):
                    break  # `similar`'s size bound, which every later (larger) partner fails too
                if find(kx) != find(ky) and similar(kx, ky):
                    parent[find(ky)] = find(kx)
    groups: dict[int, list[int]] = {}
    for i in shingled:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


#: the inverted index of a long page is built in this many parts, one hash bucket at a time, so
#: only a fraction of a page's distinct shingles is in the index at once
_PARTS = 8
_Packed = tuple  # (array('q') of distinct shingle hashes grouped by bucket, bucket bounds)


def _pack(sh: set[int]) -> _Packed:
    buckets: list[list[int]] = [[] for _ in range(_PARTS)]
    for h in sh:
        buckets[h % _PARTS].append(h)
    arr, bounds = array("q"), [0]
    for b in buckets:
        arr.extend(b)
        bounds.append(len(arr))
    return arr, tuple(bounds)


def _indexed_pairs(shingled: dict[int, _Packed]) -> Iterator[tuple[int, int]]:
    """Pairs (in text order) that share a shingle held by at most MAX_SHARED paragraphs; a pair may
    come more than once."""
    for part in range(_PARTS):
        # most shingles occur in one paragraph: their entry is that paragraph's number (an int
        # object shared by all its shingles), and only a shared shingle gets a list
        index: dict[int, int | list[int]] = {}
        get = index.get
        for i, (arr, bounds) in shingled.items():
            for h in arr[bounds[part]:bounds[part + 1]]:
                got = get(h)
                if got is None:
                    index[h] = i
                elif type(got) is int:
                    index[h] = [got, i]
                else:
                    got.append(i)
        for members in index.values():
            if type(members) is list and len(members) <= MAX_SHARED:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        yield members[x], members[y]
        del index
