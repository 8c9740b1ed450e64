"""One word index per document, shared by the prefilter and the kinds: same occurrences as one pass."""
from __future__ import annotations

import random

import ahocorasick
from exolint.plugins.text import parse

from exolint import wordindex
from exolint.wordindex import WordIndex


def test_index_in_pieces_equals_one_pass(monkeypatch):
    rng = random.Random(7)
    words = ("abc", "bcd", "abcabc", "cab", "c a b")
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    low = "".join(rng.choice("abcd \n—") for _ in range(3000))
    one_pass: dict[str, list[int]] = {}
    for end, w in automaton.iter(low):
        one_pass.setdefault(w, []).append(end)
    reach = max(map(len, words)) - 1
    for chunk in (1, 5, 64, 10_000):  # pieces shorter than, around and longer than the words
        monkeypatch.setattr(wordindex, "_CHUNK", chunk)
        assert {w: list(ends) for w, ends in wordindex._scan(low, automaton, reach).items()} == one_pass


def test_index_follows_a_growing_vocabulary():
    doc = parse("Zyxwv serum. The QWERTZ peel, then zyxwv again.", "t.txt", {})
    WordIndex.register(["zyxwv"])
    first = WordIndex.of(doc)  # end offsets of each occurrence
    assert list(first["zyxwv"]) == [4, 39] and "qwertz" not in first
    assert WordIndex.of(doc) is first  # made once per document while the vocabulary stays
    WordIndex.register(["qwertz"])
    again = WordIndex.of(doc)
    assert list(again["qwertz"]) == [22] and list(again["zyxwv"]) == [4, 39]
