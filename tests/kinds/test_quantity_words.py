"""`exolint.kinds.quantity_words`: lengths written with number words, and the rules reading them."""
from __future__ import annotations

import pytest

from exolint.kinds.quantity_extract import UNITS, compile_extractor, extract
from exolint.kinds.quantity_words import with_word_quantities, word_quantities, word_value

LENGTHS = compile_extractor(["nm", "µm", "mm"])


def read(text, ex=LENGTHS):
    found = with_word_quantities(extract(ex, text, 0, len(text), 1.0), word_quantities(ex, text, 0, len(text), 1.0))
    return [(q.text, q.lo, q.hi, q.unit, q.strict) for q in found]


@pytest.mark.parametrize("words,value", [
    ("three", 3), ("twenty-five", 25), ("a hundred", 100), ("two hundred and fifty", 250), ("five thousand", 5000),
    ("one million", 1_000_000), ("a", None), ("thousand", 1000),
])
def test_word_value(words, value):
    assert word_value(words) == value


@pytest.mark.parametrize("text,want", [
    ("roughly three micrometres across", [("three micrometres", 3000, 3000, "µm", False)]),
    ("around five thousand nanometres", [("five thousand nanometres", 5000, 5000, "nm", False)]),
    ("between two and five microns", [("between two and five microns", 2000, 5000, "µm", False)]),
    ("two to five microns", [("two to five microns", 2000, 5000, "µm", False)]),
    ("less than one micron", [("less than one micron", None, 1000, "µm", True)]),
    ("up to two hundred nanometres", [("up to two hundred nanometres", None, 200, "nm", False)]),
    ("over two millimetres", [("over two millimetres", 2_000_000, None, "mm", False)]),
    ("30-150 nm, or about ninety nanometres", [("30-150 nm", 30, 150, "nm", False),
                                              ("ninety nanometres", 90, 90, "nm", False)]),
    ("a few nanometres", []),                  # not a number
    ("a millionth of a millimetre", []),       # "a" alone is not a number
    ("3 nm and nm", [("3 nm", 3, 3, "nm", False)]),
])
def test_lengths_in_words(text, want):
    assert read(text) == want


def test_only_lengths_are_read_in_words():
    every = compile_extractor(list(UNITS))
    assert read("three sessions, two weeks apart, for six months", every) == []
    assert [q[0] for q in read("three sessions and 30-150 nm, or two microns", every)] == ["30-150 nm", "two microns"]


def test_a_size_in_words_is_judged_like_one_in_digits():
    import exolint

    text = "Exosomes are tiny messengers. Each vesicle measures around three micrometres across."
    assert [(f.rule, f.matched) for f in exolint.lint_text(text, "text") if f.rule == "EXO101"] == [
        ("EXO101", "three micrometres")]
    assert [f.rule for f in exolint.lint_text("Exosomes are less than one micron across.", "text")] == []
