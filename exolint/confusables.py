"""Folding of Cyrillic and Greek look-alike letters to Latin, from the Unicode confusables data.

The data comes from the maintained `confusable-homoglyphs` package (Unicode's confusables.txt),
not from a table typed by hand. Folding keeps the text's length, so prose offsets stay valid.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LATIN = regex.compile(r"\p{Script=Latin}")


@lru_cache(maxsize=1)
def lookalike_table() -> dict[str, str]:
    """Cyrillic or Greek letter -> the single ASCII Latin letter it is confusable with."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or not regex.match(r"[\p{Script=Cyrillic}\p{Script=Greek}]", char):
            continue
        for entry in entries:
            latin = entry["c"]
            if len(latin) == 1 and latin.isascii() and latin.isalpha():
                table[char] = latin
                break
    return table


def is_latin_word(word: str) -> bool:
    return bool(_LATIN.search(word))


def fold_word(word: str, table: dict[str, str] | None = None) -> str:
    table = table or lookalike_table()
    return "".join(table.get(c, c) for c in word)


def fold_mixed_script(text: str) -> str:
    """Fold look-alikes inside words that mix them with Latin letters.

    A whole word in Cyrillic or Greek is folded only when the words around it are Latin (a lone
    "а" in an English sentence), so Russian or Greek text is left as it is.
    """
    if text.isascii():
        return text
    table = lookalike_table()
    chars = list(text)
    words = list(_WORD.finditer(text))
    latin = [bool(_LATIN.search(m.group())) for m in words]
    changed = False
    for i, m in enumerate(words):
        w = m.group()
        if w.isascii():
            continue
        hits = [k for k, c in enumerate(w) if c in table]
        if not hits:
            continue
        others = [c for c in w if not c.isascii() and c not in table]
        if others:
            continue  # a letter with no Latin look-alike: a real foreign word
        if not latin[i]:
            prev_latin = i > 0 and latin[i - 1]
            next_latin = i + 1 < len(words) and latin[i + 1]
            if not (prev_latin or next_latin):
                continue
        for k in hits:
            chars[m.start() + k] = table[w[k]]
        changed = True
    return "".join(chars) if changed else text
