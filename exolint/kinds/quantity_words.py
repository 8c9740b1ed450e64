"""Lengths written with number words: "roughly three micrometres", "around five thousand
nanometres", "less than one micron".

Why its own pass: the digit grammar (`quantity_extract`) is anchored on a digit before a unit,
which is what makes it fast, and copywriters spell sizes out. Only lengths are read, where a
spelled-out unit is rare enough to look for with `str.find` before any regex runs; counts of
sessions, weeks or months in words ("three sessions", "two weeks") are everyday prose.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from .quantity_extract import ABOVE, BELOW, STRICT, UNITS, Extractor, Quantity, unit_name

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_SMALL.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = frozenset([*_SMALL, *_SCALES])
_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_WORD_NUMBER = rf"(?:(?:a|{_WORD})(?:[\s-]+(?:and[\s-]+)?{_WORD})*)"
#: spelled-out length units, lower-cased, found with `str.find` before any regex runs
_SPELLED = {"nm": ("nanomet",), "µm": ("micron", "micromet"), "mm": ("millimet",)}
_WORD_QUANTITY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}-])(?:(?i:between)\s+(?P<blo>{_WORD_NUMBER})\s+(?i:and)\s+(?P<bhi>{_WORD_NUMBER})"
    rf"|(?i:{BELOW})\s*(?P<bval>{_WORD_NUMBER})|(?i:{ABOVE})\s*(?P<aval>{_WORD_NUMBER})"
    rf"|(?P<lo>{_WORD_NUMBER})(?i:\s+to\s+|\s+[-–—]\s+|[–—])(?P<hi>{_WORD_NUMBER})|(?P<one>{_WORD_NUMBER}))\s+\Z",
    regex.I | regex.V0)
_WORD_REACH = 80


def word_value(words: str) -> float | None:
    """The number a run of number words names ("five thousand", "two hundred and fifty", "a
    hundred"), or None when it is not one ("a")."""
    total = current = 0
    seen = False
    for w in regex.split(r"[\s-]+", words.lower()):
        if w in _SMALL:
            current += _SMALL[w]
            seen = True
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            seen = True
        elif w == "a":
            current = current or 1
    return float(total + current) if seen else None


def spelled_words(ex: Extractor) -> frozenset[str]:
    """The lower-case starts of the spelled-out units of the extractor's lengths ("nanomet", ...)."""
    return frozenset(w for name in ex.key for w in _SPELLED.get(name, ()))


def word_quantities(ex: Extractor, text: str, start: int, end: int, timeout: float | None,
                    low: str | None = None, at: Sequence[int] | None = None) -> list[Quantity]:
    """Lengths written with number words in text[start:end] ("three micrometres", "two to five
    microns"), found from the spelled-out unit backwards (`with_word_quantities` merges them with
    the figures read from digits). `low` is `text.lower()` and `at` the sorted starts of
    `spelled_words(ex)` in it, if the caller has them (`Document.lower_text`, the word index)."""
    words = spelled_words(ex)
    if not words:
        return []
    if low is None:
        low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would drift
        return []
    if at is None:
        at = sorted(i for w in words for i in _occurrences(low, w, start, end))
    out: list[Quantity] = []
    for i in at:
        if i < start or i >= end or not _number_word_before(low, start, i):
            continue  # "30-150 nanometres", "in microns", "microneedling": no regex
        u = ex.unit.match(text, i, end)
        m = _WORD_QUANTITY.search(text, max(start, i - _WORD_REACH), i, timeout=timeout) if u else None
        if m is not None and u is not None:
            q = _word_quantity(text, m, u)
            if q is not None:
                out.append(q)
    return out


def _occurrences(low: str, w: str, start: int, end: int) -> Iterator[int]:
    i = low.find(w, start, end)
    while i >= 0:
        yield i
        i = low.find(w, i + len(w), end)


def _number_word_before(low: str, start: int, at: int) -> bool:
    """Whether the word right before `at` (past spaces; its last part, for "twenty-five") is a
    number word: a cheap test before the grammar runs, as most spelled-out units follow digits."""
    j = at
    while j > start and low[j - 1].isspace():
        j -= 1
    k = j
    while k > start and low[k - 1].isalpha():
        k -= 1
    return j < at and low[k:j] in _NUMBER_WORDS


def _word_quantity(text: str, m: regex.Match, u: regex.Match) -> Quantity | None:
    """The quantity the number words `m` name before the unit `u`, or None when they name none."""
    g = {k: (word_value(v) if v else None) for k, v in m.groupdict().items()}
    if m.group("blo"):
        lo, hi = g["blo"], g["bhi"]
    elif m.group("bval"):
        lo, hi = None, g["bval"]
    elif m.group("aval"):
        lo, hi = g["aval"], None
    elif m.group("lo"):
        lo, hi = g["lo"], g["hi"]
    else:
        lo = hi = g["one"]
    if (lo is None and hi is None) or (m.group("lo") or m.group("blo")) and (lo is None or hi is None):
        return None
    unit = unit_name(u)
    factor = UNITS[unit][1]
    a, b = m.start(), u.end()
    strict = m.group("bval") is not None and STRICT.match(text, a, m.start("bval")) is not None
    return Quantity(a, b, text[a:b], lo * factor if lo is not None else None, hi * factor if hi is not None else None,
                    unit, UNITS[unit][0], strict=strict)


def with_word_quantities(found: list[Quantity], spelled: list[Quantity]) -> list[Quantity]:
    """The quantities read from digits and those read from words, in order; a figure both read
    (never expected: a number is digits or words) is kept once, as digits."""
    if not spelled:
        return found
    kept = [q for q in spelled if not any(p.start < q.end and q.start < p.end for p in found)]
    return sorted(found + kept, key=lambda q: q.start)
