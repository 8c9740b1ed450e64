"""Near-duplicate paragraphs by shingling: each paragraph becomes the set of its word 5-grams, and
two paragraphs are duplicates when the Jaccard similarity of their sets is high.

Content farms pad pages by pasting the same paragraph (or a lightly reworded one) again; comparing
shingle sets catches both, where comparing whole strings catches only exact copies. A page has
few long paragraphs, so they are compared pair by pair with C-level set operations: first their
word sets, which rule out nearly every pair (`shingle_bound`), then the shingle sets of the pairs
left, made only for the paragraphs in them. Only a page with more than `MAX_SHARED` paragraphs
goes through an inverted index of shingles (a shingle shared by more paragraphs than that is
boilerplate and does not make its paragraphs candidates).

A shingle is kept as the `hash()` of its word tuple, not the tuple: a 50 MB page holds millions of
shingles, and a tuple of five strings (which also keeps its paragraph's words alive) costs several
times an int. Two different 5-grams of one page sharing a 64-bit hash is negligibly unlikely, and
would change one Jaccard similarity by one shingle at most.
"""
from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator

import regex

from .shingle_bound import SHINGLE, candidate_pairs

_WORD = regex.compile(r"[\p{L}\p{N}]+")
MAX_SHARED = 50


# Latin-1 bytes that are not `[\p{L}\p{N}]` (by the regex module itself) become spaces; these common
# non-Latin-1 symbols (none a letter or digit) become spaces first, so most paragraphs are split in C
# without the regex. Below 128 the table agrees with `str.isalnum`, which `_words` reads ASCII with.
_L1_SEP = bytes(c if _WORD.fullmatch(chr(c)) else 32 for c in range(256))
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
    and decodes, and a paragraph with one accented letter goes through the regex; a page has dozens
    of paragraphs. `low` is `text.lower()` (`Document.lower_text`); when it has text's length every
    character lower-cases to one character, so a paragraph that is Latin-1 in `low` once the
    symbols are spaces reads the same words as `_words` would: a character that lower-cases into
    Latin-1 is a letter or digit exactly when its lower case is (the only non-Latin-1 ones, such as
    the Kelvin sign, are letters), and the one lower-casing that depends on context, of a final
    sigma, has no Latin-1 result. Any other paragraph goes through `_words` itself."""
    if low is None or len(low) != len(text):
        return [_words(text, a, b) for a, b in paragraphs]
    clean = low
    if not clean.isascii():
        for c in _SYMBOLS:
            if c in clean:
                clean = clean.replace(c, " ")
    try:
        flat = clean.encode("latin-1").translate(_L1_SEP).decode("latin-1")
    except UnicodeEncodeError:
        # every other character becomes one "?" (a separator): right where no "?" was added
        raw = clean.encode("latin-1", "replace")
        flat = raw.translate(_L1_SEP).decode("latin-1")
        count = clean.count
        return [flat[a:b].split() if raw.count(b"?", a, b) == count("?", a, b) else _words(text, a, b)
                for a, b in paragraphs]
    return [flat[a:b].split() for a, b in paragraphs]


def _shingle_set(words: list[str]) -> set[int]:
    return set(map(hash, zip(*[words[i:] for i in range(SHINGLE)], strict=False)))


def duplicate_groups(text: str, paragraphs: list[tuple[int, int]], min_words: int,
                     threshold: float, low: str | None = None, word_threshold: float | None = None) -> list[list[int]]:
    """Groups of paragraph indexes (each in text order, groups ordered by first member) whose
    members are near-duplicates of each other (single link: A~B and B~C put A, B, C together).
    `low`, when given, is `text.lower()` (see `paragraph_words`). With `word_threshold`, two
    paragraphs of nearly equal length whose word sets are that similar are duplicates too
    (`reworded_pairs`; on a page of more than `MAX_SHARED` paragraphs only shingles count)."""
    if len(paragraphs) > MAX_SHARED:
        return _long_page_groups(text, paragraphs, min_words, threshold)
    # words are separated, so fewer than 2 * min_words - 1 characters cannot hold min_words of them
    shortest = 2 * min_words - 1
    idx = [i for i, (a, b) in enumerate(paragraphs) if b - a >= shortest]
    if len(idx) < 2:
        return []
    words = paragraph_words(text, [paragraphs[i] for i in idx], low)
    long = [(i, w) for i, w in zip(idx, words, strict=True) if len(w) >= min_words]
    del words
    if len(long) < 2:
        return []  # nothing to compare: no shingles needed
    word_lists = [w for _, w in long]
    word_sets = [set(w) for w in word_lists]  # made once for both tests
    pairs = candidate_pairs(word_lists, threshold, word_sets)
    reworded = reworded_pairs(word_lists, word_threshold, word_sets) if word_threshold is not None else []
    if not pairs and not reworded:
        return []
    shingled = {x: _shingle_set(long[x][1]) for x in sorted({x for pair in pairs for x in pair})}
    parent = {x: x for x in sorted(set(shingled).union(*reworded))}

    for x, y in pairs:
        rx, ry = _root(parent, x), _root(parent, y)
        if rx != ry and _similar(shingled[x], shingled[y], threshold):
            parent[ry] = rx
    for x, y in reworded:
        rx, ry = _root(parent, x), _root(parent, y)
        if rx != ry:
            parent[ry] = rx
    keys = list(parent)
    return _components([long[x][0] for x in keys], [_root(parent, x) for x in keys])


#: paragraphs compared by their word sets differ in length (words) by at most this factor
LENGTH_RATIO = 0.8


def reworded_pairs(long: list[list[str]], threshold: float,
                   word_sets: list[set[str]] | None = None) -> list[tuple[int, int]]:
    """Pairs (x, y), x < y, of paragraphs (word lists) of nearly equal length (`LENGTH_RATIO`)
    whose word sets have a Jaccard similarity of `threshold` or more.

    Why besides shingles: a paragraph respun with a synonym every few words ("our team" ->
    "our staff", "carried out" -> "performed") keeps nearly every word but breaks most of its
    5-grams (about 0.4 against the 0.6 that a pasted copy scores), while two different paragraphs
    of a page share far fewer words (under 0.3 on the test corpus). Lengths sorted first: a
    paragraph meets only partners of nearly its own length."""
    order = sorted(range(len(long)), key=lambda i: len(long[i]))
    sets = word_sets if word_sets is not None else [set(w) for w in long]
    out = []
    for k, x in enumerate(order):
        nx, sx = len(long[x]), sets[x]
        for y in order[k + 1:]:
            if nx < LENGTH_RATIO * len(long[y]):
                break  # this partner and every later (longer) one are too long for x
            sy = sets[y]
            common = len(sx & sy)
            if common >= threshold * (len(sx) + len(sy) - common):
                out.append((x, y) if x < y else (y, x))
    out.sort()
    return out


def _root(parent, x: int) -> int:
    """The representative of x's group (union-find with path halving; `parent` a dict or list)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _sizes_allow(na: int, nb: int, threshold: float) -> bool:
    """Whether sets of these sizes can be similar at all: Jaccard <= small / large, and an empty
    set shares nothing."""
    small, large = (na, nb) if na <= nb else (nb, na)
    return small > 0 and small >= threshold * large * (1 - 1e-9)


def _similar(sa: set[int], sb: Collection[int], threshold: float) -> bool:
    """Jaccard(sa, sb) >= threshold, and at least one shingle shared (`sb` holds distinct hashes)."""
    na, nb = len(sa), len(sb)
    if not _sizes_allow(na, nb, threshold):
        return False
    inter = len(sa.intersection(sb))
    return inter > 0 and inter / (na + nb - inter) >= threshold


def _all_pairs_groups(shingled: dict[int, set[int]], threshold: float) -> list[list[int]]:
    """The groups among a few shingle sets (a long page's, when at most `MAX_SHARED` of its
    paragraphs are long): every pair whose sizes allow it is compared.

    Smallest sets first: a set too small for one partner is too small for every larger one, so each
    paragraph meets only the partners its size allows (components do not depend on the order pairs
    are joined in)."""
    keys = sorted(shingled, key=lambda i: (len(shingled[i]), i))
    sets = [shingled[k] for k in keys]
    sizes = [len(s) for s in sets]
    parent = list(range(len(keys)))

    n = len(keys)
    for x in range(n):
        for y in range(x + 1, n):
            if not _sizes_allow(sizes[x], sizes[y], threshold):
                break  # this partner and every later (larger) one are too large for x
            rx, ry = _root(parent, x), _root(parent, y)
            if rx != ry and _similar(sets[x], sets[y], threshold):
                parent[ry] = rx
    return _components(keys, [_root(parent, x) for x in range(n)])


def _components(keys: list[int], roots: list[int]) -> list[list[int]]:
    """The groups of more than one key sharing a root, each sorted, ordered by first member."""
    groups: dict[int, list[int]] = {}
    for k, r in zip(keys, roots, strict=True):
        groups.setdefault(r, []).append(k)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _long_page_groups(text: str, paragraphs: list[tuple[int, int]], min_words: int,
                      threshold: float) -> list[list[int]]:
    """`duplicate_groups` of a page with more than `MAX_SHARED` paragraphs: one paragraph's words
    at a time (all of a 50 MB page's words at once, as strings, would cost several hundred MB), each
    paragraph's shingles kept as a packed array (8 bytes a shingle, where a set of ints costs ~90);
    a set is rebuilt only for a paragraph being compared."""
    packed: dict[int, _Packed] = {}
    for i, (a, b) in enumerate(paragraphs):
        words = _words(text, a, b)
        if len(words) >= min_words:
            packed[i] = _pack(_shingle_set(words))
    if len(packed) < 2:
        return []
    if len(packed) <= MAX_SHARED:
        return _all_pairs_groups({i: set(p[0]) for i, p in packed.items()}, threshold)
    parent = {i: i for i in packed}

    cached: list = [None, None]  # the paragraph whose set was built last, and that set

    def similar(x: int, y: int) -> bool:
        sa, sb = packed[x][0], packed[y][0]
        if not _sizes_allow(len(sa), len(sb), threshold):
            return False  # before a set is built for x
        if cached[0] != x:
            cached[0], cached[1] = x, set(sa)
        return _similar(cached[1], sb, threshold)

    rejected: set[tuple[int, int]] = set()
    for x, y in _indexed_pairs(packed):
        if (x, y) in rejected or _root(parent, x) == _root(parent, y):
            continue  # already compared, or already in one group (a union would change nothing)
        if similar(x, y):
            parent[_root(parent, y)] = _root(parent, x)
        else:
            rejected.add((x, y))
    keys = list(packed)
    return _components(keys, [_root(parent, i) for i in keys])


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
                else:  # a list (`type(...) is int` narrows only one way, for subclasses of int)
                    got.append(i)  # type: ignore[union-attr]
        for members in index.values():
            if type(members) is list and len(members) <= MAX_SHARED:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        yield members[x], members[y]
        del index
