"""`quantity_extract`: the anchored scan must find exactly what the grammar's own `finditer` finds."""
from __future__ import annotations

import random

import pytest

from exolint.kinds.quantity_extract import UNITS, _anchors, _finditer, ascii_digits_only, compile_extractor

UNIT_SETS = [["nm", "µm", "mm"], ["days", "weeks", "months", "sessions", "treatments"], list(UNITS)]
PIECES = list("0123456789 .,-–—<>=≤≥%µnmuabdkswy\n") + [
    "between ", "under ", "up to ", "no more than ", "max. ", "at least ", " and ", " to ", "thunder ",
    "..", "nm", "µm", "mm", "days", "weeks", "sessions", "percent", "per cent", "ſ", "İ", "K", "٣", "৫", "é"]


def spans_slow(ex, text, a, b):
    return [m.span() for m in ex.pattern.finditer(text, a, b)]


def spans_fast(ex, text, a, b):
    return [m.span() for m in _finditer(ex, text, a, b, 1.0)]


@pytest.mark.parametrize("text", [
    "between 30 nm and 150 nm", "thunder 30 nm", "sizes of 30-100 nm, 40–160 nm or 0.03-0.15 µm",
    "no more than 200 nm; at least 30nm", "max. 150 nm", "up to .5 µm", "1 nm 2 nm 3 nm 4 nm",
    "46 weeks apart, 23 sessions", "30 nm5", "a30 nm", "30\n\nnm", "between 30 and 40 days",
])
@pytest.mark.parametrize("units", UNIT_SETS)
def test_same_matches_as_the_grammar_on_written_cases(text, units):
    ex = compile_extractor(units)
    assert spans_fast(ex, text, 0, len(text)) == spans_slow(ex, text, 0, len(text))


def _random_cases(seed: int, n: int):
    """Texts made of PIECES, each with a random range inside it."""
    rnd = random.Random(seed)
    for _ in range(n):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 30)))
        a = rnd.randint(0, len(text))
        yield text, a, rnd.randint(a, len(text))


@pytest.mark.parametrize("units", UNIT_SETS)
def test_same_matches_as_the_grammar_on_random_texts_and_ranges(units):
    ex = compile_extractor(units)
    for text, a, b in _random_cases(7, 3000):
        assert spans_fast(ex, text, 0, len(text)) == spans_slow(ex, text, 0, len(text)), text
        assert spans_fast(ex, text, a, b) == spans_slow(ex, text, a, b), (text, a, b)


@pytest.mark.parametrize("text, only_ascii", [
    ("", True), ("30-150 nm", True), ("30–150 nm, “exosomes”", True), ("٣٠ nm", False),
    ("sizes: 30 nm … ৫ nm", False), ("é" * 100 + " 30 nm", True),
    # too much non-ASCII text to look through cheaply: not known to be ASCII digits only
    (" ".join(["экзосомы"] * 100), False),
])
def test_ascii_digits_only(text, only_ascii):
    assert ascii_digits_only(text, 0, len(text)) is only_ascii


def test_ascii_digits_only_reads_only_its_range():
    text = "٣ nm then 30 nm"
    assert ascii_digits_only(text, 1, len(text)) and not ascii_digits_only(text, 0, len(text))


@pytest.mark.parametrize("units", UNIT_SETS)
def test_anchors_are_those_of_the_anchor_pattern_with_any_digits(units):
    """The `[0-9]` anchor stands in for the `\\d` one only where that finds the same places."""
    ex = compile_extractor(units)
    for text, a, b in _random_cases(3, 2000):
        assert list(_anchors(ex, text, a, b, 1.0)) == [m.start() for m in ex.anchor.finditer(text, a, b)], text


@pytest.mark.parametrize("text,strict", [
    ("less than 1 µm", True), ("smaller than 200 nm", True), ("under 200 nm", True), ("below 0.2 µm", True),
    ("<200 nm", True), ("<=200 nm", False), ("≤200 nm", False), ("up to 200 nm", False),
    ("at most 200 nm", False), ("no more than 200 nm", False), ("30-150 nm", False), ("100 nm", False),
])
def test_strict_upper_bounds_are_told_from_bounds_that_are_reached(text, strict):
    from exolint.kinds.quantity_extract import extract

    (q,) = extract(compile_extractor(["nm", "µm"]), text, 0, len(text), None)
    assert q.strict is strict
