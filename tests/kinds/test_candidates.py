"""The shared lower-cased text: one copy per document, equal to `str.lower` even when made in blocks."""
from __future__ import annotations

import random

import ahocorasick
from exolint.plugins.text import parse

from exolint import document
from exolint.kinds import candidates
from exolint.kinds.candidates import lower_text


def test_block_lowering_equals_str_lower(monkeypatch):
    monkeypatch.setattr(document, "_LOWER_CHUNK", 16)  # many blocks, cut inside Greek words' lines
    text = "\n".join(["ΟΔΟΣ ΚΑΙ ΣΑΣ Σ", "Ünïcode İstanbul ſ ẞ", "ΤΕΛΟΣ.", "plain ASCII line"] * 5) + "\nΣ"
    doc = parse(text, "t.txt", {})
    assert doc.lower_text == doc.match_text.lower()


def test_one_lowered_copy_per_document():
    doc = parse("Clinics say the FDA APPROVED it.\n\nΣΑΣ again.", "t.txt", {})
    low = lower_text(doc)
    assert low == doc.match_text.lower()
    assert lower_text(doc) is low


def test_index_in_pieces_equals_one_pass(monkeypatch):
    rng = random.Random(7)
    automaton = ahocorasick.Automaton()
    for w in ("abc", "bcd", "abcabc", "cab", "c a b"):
        automaton.add_word(w, w)
    automaton.make_automaton()
    low = "".join(rng.choice("abcd \n—") for _ in range(3000))
    one_pass: dict[str, list[int]] = {}
    for end, w in automaton.iter(low):
        one_pass.setdefault(w, []).append(end)
    for chunk in (1, 5, 64, 10_000):  # pieces shorter than, around and longer than the words
        monkeypatch.setattr(candidates, "_CHUNK", chunk)
        assert {w: list(ends) for w, ends in candidates._index(low, automaton).items()} == one_pass
