"""Folding of Cyrillic and Greek look-alike letters to Latin, from the Unicode confusables data.

The data comes from the maintained `confusable-homoglyphs` package (Unicode's confusables.txt),
not from a table typed by hand. Folding keeps the text's length, so prose offsets stay valid.

Two kinds of non-Latin letters are left alone because they are not disguises:
- whole words in Cyrillic or Greek that stand among other non-Latin words (a Russian sentence);
- Greek letters used as scientific symbols (TGF-β, α-SMA, IL-1β, IFN-γ, TGFα, 5 μg): a Greek-only
  word, or a Greek letter at a word's edge next to a hyphen or digit or after capitals.
`lookalike_words` is the single place that decides this; `fold_mixed_script` and the `script`
rule kind both use it, so what is folded for matching is exactly what is reported.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_WORD_BACK = regex.compile(r"[\p{L}\p{M}]+", regex.REVERSE)  # the word ending at a position
_LATIN = regex.compile(r"\p{Script=Latin}")
_GREEK = regex.compile(r"\p{Script=Greek}")
_SYMBOL_NEIGHBOUR = frozenset("-‐‑–0123456789")
_CYRILLIC_OR_GREEK = regex.compile(r"[\p{Script=Cyrillic}\p{Script=Greek}]")


@lru_cache(maxsize=1)
def lookalike_table() -> dict[str, str]:
    """Cyrillic or Greek letter -> the single ASCII Latin letter it is confusable with.

    The confusables data maps some capitals to a lower-case prototype (Cyrillic І and Greek Ι to
    "l"); a fix must keep the letter's case, so such capitals take the capital of what their own
    lower-case form maps to (І -> I), which is also what a reader sees.
    """
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii() or not _CYRILLIC_OR_GREEK.match(char):
            continue
        for entry in entries:
            latin = entry["c"]
            if len(latin) == 1 and latin.isascii() and latin.isalpha():
                table[char] = latin
                break
    for char, latin in list(table.items()):
        if char.isupper() and latin.islower():
            lower = table.get(char.lower())
            table[char] = lower.upper() if lower else latin.upper()
    return table


@dataclass(frozen=True)
class LookalikeWord:
    """A word that carries look-alike letters: its range and the offsets of the disguised letters."""

    start: int
    end: int
    positions: tuple[int, ...]
    scripts: frozenset[str]  # "Cyrillic" and/or "Greek"
    mixed: bool  # the word also has Latin letters (a lone "а" between English words has none)


def _is_symbol(text: str, w: str, k: int, start: int) -> bool:
    """A Greek letter used as a scientific symbol rather than a disguise."""
    c = w[k]
    if not _GREEK.match(c):
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[start + len(w)] if start + len(w) < len(text) else " "
    if k == 0 and before in _SYMBOL_NEIGHBOUR:
        return True
    if k == len(w) - 1 and (after in _SYMBOL_NEIGHBOUR or (k > 0 and w[:k].isupper())):
        return True
    return False


@lru_cache(maxsize=1)
def _lookalike_letter() -> re.Pattern[str]:
    """Any letter of the look-alike table that can stand inside a word (symbols such as 𝈍 cannot).

    A set of literal characters, so the standard `re` module finds it: its set search is several
    times faster than `regex`'s, and this runs over every non-ASCII page.
    """
    letters = sorted(c for c in lookalike_table() if _WORD.fullmatch(c))
    return re.compile("[" + "".join(re.escape(c) for c in letters) + "]")


def lookalike_words(text: str) -> Iterator[LookalikeWord]:
    """Words whose Cyrillic or Greek letters stand in for Latin ones, in text order.

    Only a word holding a letter of the table can be a look-alike, so the scan jumps from one such
    letter to the next and looks at that word and its two neighbours (their Latin-ness decides a
    lone "а"), instead of walking every word of a page that is almost always plain Latin.
    """
    if text.isascii():
        return
    table = lookalike_table()
    find = _lookalike_letter().search
    pos = 0
    while True:
        h = find(text, pos)
        if h is None:
            return
        # the whole word around the letter: `h` is a letter of `_WORD`, so both matches exist
        start = _WORD_BACK.match(text, 0, h.end()).start()  # type: ignore[union-attr]
        m: regex.Match[str] = _WORD.match(text, start)  # type: ignore[assignment]
        pos = m.end()
        w = m.group()
        prev = _WORD_BACK.search(text, 0, start)
        nxt = _WORD.search(text, pos)
        found = _lookalike(text, m, table, bool(_LATIN.search(w)),
                           prev is not None and bool(_LATIN.search(prev.group())),
                           nxt is not None and bool(_LATIN.search(nxt.group())))
        if found is not None:
            yield found


def _lookalike(text: str, m: regex.Match[str], table: dict, latin: bool, prev_latin: bool,
               next_latin: bool) -> LookalikeWord | None:
    w = m.group()
    if w.isascii():
        return None
    hits = [k for k, c in enumerate(w) if c in table]
    if not hits:
        return None
    if any(not c.isascii() and c not in table for c in w):
        return None  # a letter with no Latin look-alike: a real foreign word or a symbol
    if not latin:
        if _GREEK.match(w) and all(_GREEK.match(c) for c in w) and len(w) == 1:
            return None  # a lone Greek letter among Latin words is a symbol (α, γ)
        if not (prev_latin or next_latin):
            return None
    hits = [k for k in hits if not _is_symbol(text, w, k, m.start())]
    if not hits:
        return None
    scripts = frozenset("Greek" if _GREEK.match(w[k]) else "Cyrillic" for k in hits)
    return LookalikeWord(m.start(), m.end(), tuple(m.start() + k for k in hits), scripts, latin)


def fold_mixed_script(text: str) -> str:
    """Fold look-alikes inside words that mix them with Latin letters.

    A whole word in Cyrillic or Greek is folded only when the words around it are Latin (a lone
    "а" in an English sentence), so Russian or Greek text is left as it is.
    """
    if text.isascii():
        return text
    table = lookalike_table()
    parts: list[str] = []  # slices between folded letters, not a list of every character
    last = 0
    for w in lookalike_words(text):
        for p in w.positions:
            parts.append(text[last:p])
            parts.append(table[text[p]])
            last = p + 1
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
