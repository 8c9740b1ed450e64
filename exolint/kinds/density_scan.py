r"""Where a density rule's `requires` pattern matches, and the blocks those matches fall in, found
without running the pattern over the whole page.

Why: `requires` exists to make link-list rules cheap, but a pattern such as
`\s(?:near|in)\s+(?-i:\p{Lu})` run over a whole page costs about 20 ns a character in the `regex`
module, more than everything else the rule does. A block is searched for it only when it is short
enough to be a list item and holds a place where a match can start: when the pattern is one
whitespace character followed by something whose literal starts `prefix.literal_prefixes` can read
("near", "in"), that is a whitespace character before one of those words in the lower-cased prose
(`Document.lower_text`), found with `str.find`. Lower-casing agrees with the regex module's
case-insensitive matching of ASCII words except at the characters in `candidates.CASE_ODD` and
where it changes the text's length; on such pages every short block is searched.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from ..document import Document
from ..segments import SegmentList
from .candidates import usable_lower
from .prefix import literal_prefixes


def whitespace_led_words(pattern: str) -> frozenset[str] | None:
    r"""For a pattern that starts with a single `\s`: lower-case ASCII words one of which every
    match has right after that whitespace character; None when there are none to rely on."""
    if not pattern.startswith(r"\s") or pattern[2:3] in ("+", "*", "?", "{"):
        return None
    words = literal_prefixes(pattern[2:])
    if not words:
        return None
    out = frozenset(w.strip(" ") for w in words)  # dropping word-boundary marks only widens the net
    return out if all(w and w.isascii() for w in out) else None


def whitespace_candidates(words: frozenset[str] | None, doc: Document) -> list[int] | None:
    """Sorted offsets of whitespace characters followed by one of `words` (from
    `whitespace_led_words`): every place a match can start. None: no such shortcut on this page."""
    low = usable_lower(doc) if words else None
    if low is None:
        return None
    found: set[int] = set()
    find = low.find
    for w in words:  # type: ignore[union-attr]
        i = find(w, 1)
        while i >= 0:
            if low[i - 1].isspace():  # str.isspace holds for every character `\s` matches
                found.add(i - 1)
            i = find(w, i + 1)
    return sorted(found)


def blocks_at(doc: Document, at: Sequence[int] | None, max_len: int | None = None) -> list[tuple[int, int, int]]:
    """(block, start, end) of each block holding one of the sorted offsets `at` (every block when
    None), by block; only those of at most `max_len` characters when it is given.

    Blocks are separated by a blank line, so an offset inside a segment lies in that segment's
    block and in no other, and a newline lies in none; any other offset outside every segment
    sends the page the long way (all blocks' ranges).

    Each offset is placed as `Document.segment_at` places it (in the last segment starting at or
    before it, or in none), but once one is placed, every later offset before the end of that
    segment and the start of the next is known to lie in the same segment and is skipped with one
    bisection; and a block is measured only when its segment is not already longer than `max_len`.
    """
    text = doc.match_text
    if at is not None:
        segments = doc.segments
        starts = segments.starts if isinstance(segments, SegmentList) else [s.start for s in segments]
        last = len(starts) - 1
        found: dict[int, tuple[int, int] | None] = {}
        k, n = 0, len(at)
        while k < n:
            h = at[k]
            i = bisect_right(starts, h) - 1
            seg = segments[i] if i >= 0 else None
            stop = max(seg.end, seg.start + 1) if seg is not None else 0
            if h >= stop:  # in no segment
                if text[h:h + 1] != "\n":
                    break
                k += 1
                continue
            if seg.block not in found:  # type: ignore[union-attr]
                too_long = max_len is not None and seg.end - seg.start > max_len  # type: ignore[union-attr]
                found[seg.block] = None if too_long else doc.window(h, h, "paragraph")  # type: ignore[union-attr]
            if i < last and starts[i + 1] < stop:
                stop = starts[i + 1]
            k = bisect_left(at, stop, k + 1)
        else:
            return [(k, span[0], span[1]) for k, span in sorted(found.items())
                    if span is not None and (max_len is None or span[1] - span[0] <= max_len)]
    blocks: dict[int, list[int]] = {}
    for s in doc.segments:
        cur = blocks.setdefault(s.block, [s.start, s.end])
        cur[0], cur[1] = min(cur[0], s.start), max(cur[1], s.end)
    out = [(k, a, b) for k, (a, b) in sorted(blocks.items()) if max_len is None or b - a <= max_len]
    if at is None:
        return out
    keep = []
    for k, a, b in out:
        i = bisect_left(at, a)
        if i < len(at) and at[i] < b:
            keep.append((k, a, b))
    return keep


_GAP = regex.compile(r"[^\S\n]+")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


def phrase_occurrences(doc: Document, phrase: str, timeout: float | None) -> list[tuple[int, int]]:
    r"""Where a lower-case phrase occurs in the prose: `(?<![\p{L}\p{N}])w1[^\S\n]+w2...(?![\p{L}\p{N}])`
    matched case-insensitively, as (start, end) in `finditer`'s order.

    Why not that regex: a repeated-phrase rule counts each of its candidates on every page that has
    some, and compiling a regex per candidate phrase (a new one on nearly every page of a site that
    stuffs its town names) cost more than the rest of the rule. An ASCII phrase is found in the
    lower-cased prose with `str.find`, which agrees with case-insensitive matching on pages where
    `candidates.usable_lower` says so; elsewhere the regex is compiled as before."""
    words = phrase.split()
    low = usable_lower(doc)
    if low is None or not phrase.isascii() or not words:
        body = r"[^\S\n]+".join(regex.escape(w) for w in words)
        rx = regex.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])", regex.I)
        return [(m.start(), m.end()) for m in rx.finditer(doc.match_text, timeout=timeout)]
    out = []
    pos = 0
    for i in _found_at(doc, low, words[0]):
        if i < pos:
            continue  # inside the occurrence found last
        end = _phrase_end(low, i, words)
        if end is not None:
            out.append((i, end))
            pos = end
    return out


def _found_at(doc: Document, low: str, word: str) -> list[int]:
    """Every position where `word` occurs in the lower-cased prose, shared by the candidates that
    start with it: a stuffed page has dozens of candidates ("best facial Leeds", "best peel Leeds")
    and one search of a large page per candidate made counting them grow with the page squared."""
    key = ("density", "found-at", word)
    got = doc.memo.get(key)
    if got is None:
        got = []
        i = low.find(word)
        while i >= 0:
            got.append(i)
            i = low.find(word, i + 1)
        doc.memo[key] = got
    return got


def _phrase_end(low: str, i: int, words: list[str]) -> int | None:
    """The end of the phrase `words` starting at `low[i]` (which holds its first word), or None."""
    if i and _WORD_CHAR.match(low, i - 1):
        return None
    j = i + len(words[0])
    for w in words[1:]:
        gap = _GAP.match(low, j)
        if gap is None or not low.startswith(w, gap.end()):
            return None
        j = gap.end() + len(w)
    return None if _WORD_CHAR.match(low, j) else j
