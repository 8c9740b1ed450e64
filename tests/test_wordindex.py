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


def test_an_index_brought_up_to_date_equals_one_made_afresh(monkeypatch):
    # the words added since an index was made are found by a pass of their own and merged; the
    # result is what one pass over the whole vocabulary finds, on a page scanned in pieces too
    monkeypatch.setattr(wordindex, "_CHUNK", 64)
    rng = random.Random(3)
    text = " ".join(rng.choice(["ploxa", "ploxam", "zentro", "amzen", "quib", "xam", "Ploxa."]) for _ in range(400))
    every_time, once = parse(text, "t.txt", {}), parse(text, "t.txt", {})
    WordIndex.of(once)  # made before any of these words, brought up to date only at the end
    batches = [["ploxa", "quib"], ["xam", "ploxam"], ["zentro", "amzen", "entro"]]
    for batch in batches:
        WordIndex.register(batch)
        WordIndex.of(every_time)  # brought up to date after each batch
    fresh = parse(text, "t.txt", {})
    words = {w for batch in batches for w in batch}
    want = {w: list(v) for w, v in WordIndex.of(fresh).items() if w in words}
    assert set(want) == words  # every word occurs, so the comparison covers them all
    for doc in (every_time, once):
        assert {w: list(v) for w, v in WordIndex.of(doc).items() if w in words} == want
