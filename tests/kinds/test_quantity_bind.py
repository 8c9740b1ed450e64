"""Binding quantities to subjects: the fast mention scan must equal the plain pattern scan."""
from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds import quantity, quantity_bind
from exolint.kinds.quantity_bind import (
    CASE_TRAPS,
    Binder,
    Earlier,
    ascii_first_words,
    conflict_ratio,
    lazy_subjects,
    nearest_mentions,
)
from exolint.kinds.quantity_extract import Quantity, compile_extractor, extract
from exolint.plugins.text import parse

OURS = ["exosome", "exosomes", "small EVs", "small extracellular vesicles", "sEVs"]
OTHER = ["extracellular vesicles", "EVs", "cell", "cells", "stem cells", "microvesicles"]
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[,;]")


def binder(ours=OURS, other=OTHER, max_words=25) -> Binder:
    pattern = quantity._subject_pattern(list(ours), list(other))
    return Binder(pattern, max_words, quantity._mention_pattern(list(ours)),
                  ascii_first_words(list(ours) + list(other)))


def plain(b: Binder, text: str, a: int, e: int) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), m.group("ours") is not None) for m in b.subjects.finditer(text, a, e)]


def reference_bound(b: Binder, doc, q) -> str | None:
    """The binding as first written: the plain pattern scan over the quantity's sentence."""
    text = doc.match_text
    a, e = doc.window(q.start, q.end, "sentence")
    best_before = best_after = None
    for m in b.subjects.finditer(text, a, e):
        mine = m.group("ours") is not None
        if m.start() < q.end and m.end() > q.start:
            return doc.text[m.start():m.end()] if mine else None
        if m.end() <= q.start:
            d = len(_TOKEN.findall(text, m.end(), q.start))
            if d <= b.max_words and (best_before is None or d <= best_before[0]):
                best_before = (d, mine, m)
        elif m.start() >= q.end:
            d = len(_TOKEN.findall(text, q.end, m.start()))
            if d <= b.max_words and (best_after is None or d < best_after[0]):
                best_after = (d, mine, m)
    pick = best_before or best_after
    return None if pick is None or not pick[1] else doc.text[pick[2].start():pick[2].end()]


def test_case_traps_are_all_the_characters_lowering_misses():
    """Every character that matches an ASCII letter case-blind either lower-cases to that letter
    in place or is listed in CASE_TRAPS (so the str.find shortcut never misses a match)."""
    chars = "".join(chr(i) for i in range(128, sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    traps = set()
    for c in regex.findall(r"(?i)[a-z0-9_]", chars, flags=regex.V0):
        letter = next(x for x in "abcdefghijklmnopqrstuvwxyz0123456789_" if regex.fullmatch(f"(?i){x}", c))
        if c.lower() != letter:
            traps.add(c)
    assert traps == set(CASE_TRAPS)


def test_first_words_leave_out_words_a_shorter_one_finds():
    assert ascii_first_words(["cell", "cells", "stem cells", "small EVs", "sEVs"]) == ("cell", "sevs", "small", "stem")
    assert ascii_first_words(["exosome", "Exosomen"]) == ("exosome",)
    assert ascii_first_words(["exosome", "экзосомы"]) is None
    assert ascii_first_words([]) is None


@pytest.mark.parametrize("text", [
    "Small extracellular vesicles (sEVs) and extracellular vesicles from stem cells and cells.",
    "SMALL EVS, Exosomes, exosome-derived smaller cellular EVs; smallEVs cellsEVs.",
    "Exo\u017fomes and \u017fEVs are small EV\u017f; \u0130 cells \u212aelvin cells, théry cells.",
    "exosomes\n\nsmall\nEVs small  EVs",
    "",
])
def test_mentions_equal_the_pattern_scan(text):
    b = binder()
    for a in range(0, len(text) + 1, 7):
        for e in (len(text), max(a, len(text) - 5)):
            assert b.mentions(text, a, e, None) == plain(b, text, a, e)


def test_non_ascii_phrases_scan_with_the_pattern():
    b = binder(ours=["экзосомы", "exosomes"], other=["клетки"])
    text = "Экзосомы и клетки; exosomes, ЭКЗОСОМЫ."
    assert b.first_words is None
    assert b.mentions(text, 0, len(text), None) == plain(b, text, 0, len(text))


_WORDS = ["exosome", "Exosomes", "small", "EVs", "sEVs", "extracellular", "vesicles", "cell", "cells", "stem",
          "smaller", "exosomes-derived", "about", "30-150", "nm", "20100", "nm", "\u017fEVs", "\u0130", "théry",
          "microvesicles", "e.g.", "Dr.", "were", "measured", "at", "200", "µm"]
_SEPS = [" ", " ", " ", ", ", ". ", "; ", " (", ") ", "! ", "\n\n", "-", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), min_size=1, max_size=40),
       st.integers(min_value=0, max_value=25))
def test_binding_equals_the_plain_sentence_scan(parts, max_words):
    text = "".join(w + s for w, s in parts)
    doc = parse(text, "x.txt")
    b = binder(max_words=max_words)
    ex = compile_extractor(["nm", "µm", "mm"])
    t = doc.match_text
    assert b.mentions(t, 0, len(t), None) == plain(b, t, 0, len(t))
    for q in extract(ex, t, 0, len(t), 1.0):
        assert b.bound(doc, q, None) == reference_bound(b, doc, q)


def test_lazy_subjects_bind_on_first_ask_and_share_through_the_memo():
    text = "Exosomes are 30-150 nm. Cells are 10 µm. Exosomes of 200 nm."
    doc = parse(text, "x.txt")
    found = extract(compile_extractor(["nm", "µm", "mm"]), doc.match_text, 0, len(text), 1.0)
    b, calls = binder(), []
    real = b.bound
    b.bound = lambda d, q, timeout: calls.append(q.text) or real(d, q, timeout)
    first = lazy_subjects(doc, ("k",), found, b, None)
    assert first(2) == "Exosomes" and calls == ["200 nm"]
    again = lazy_subjects(doc, ("k",), found, b, None)  # another rule binding the same way
    assert again(2) == "Exosomes" and again(1) is None and again(1) is None
    assert calls == ["200 nm", "10 µm"]


def _q(top: float, dim: str = "length") -> Quantity:
    return Quantity(0, 1, "x", top, top, "nm", dim)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 1e-9, 0.5, 1, 3, 5, 7, 30, 100, 150, 151, 750, 1000, 1e4, 2e5, 1e300]),
                min_size=1, max_size=12),
       st.sampled_from([1.5, 5, 5.000001, 10]))
def test_may_conflict_exactly_when_some_earlier_figure_conflicts(tops, tolerance):
    """Checking the least and the greatest earlier upper end decides as checking them all does."""
    qs = [_q(t, "length" if i % 3 else "duration") for i, t in enumerate(tops)]
    earlier = Earlier(tolerance, qs, lambda i: "x")
    for i, q in enumerate(qs):
        every = any(p.dimension == q.dimension and p.top > 0 and q.top > 0
                    and max(p.top, q.top) / min(p.top, q.top) > tolerance for p in qs[:i])
        assert earlier.may_conflict(q) == every
        earlier.add(i, q)


_FIGURE = st.tuples(st.sampled_from([None, 0.0, 1e-9, 0.5, 3, 30, 100, 150, 1000, 2e5]),
                    st.sampled_from([0.0, 1e-9, 0.5, 1, 5, 30, 100, 151, 750, 1e4, 2e5, 1e300]),
                    st.booleans(), st.sampled_from(["length", "duration"]), st.booleans())


@settings(max_examples=400, deadline=None)
@given(st.lists(_FIGURE, min_size=1, max_size=14), st.sampled_from([1.5, 5, 5.000001, 10]))
def test_first_conflict_is_the_first_bound_figure_that_conflicts(figures, tolerance):
    """Reading the extremes of the bound figures first gives the figure a walk through all of
    them in order gives: ranges, single values, strict bounds, figures bound to another subject."""
    qs = [Quantity(i, i + 1, "x", lo, hi, "nm", dim, strict=strict)
          for i, (lo, hi, strict, dim, _) in enumerate(figures)]
    ours = {i for i, f in enumerate(figures) if f[4]}
    earlier = Earlier(tolerance, qs, lambda i: "x" if i in ours else None)
    for i, q in enumerate(qs):
        bound = [p for j, p in enumerate(qs[:i]) if j in ours]
        expected = next((p for p in bound if p.dimension == q.dimension and p.top > 0 and q.top > 0
                         and conflict_ratio(p, q) > tolerance), None)
        assert earlier.first_conflict(q) is expected
        earlier.add(i, q)


def _every_mention(text, mentions, start, end, max_words):
    """The choice as first written: every mention of the sentence measured from the quantity."""
    before = after = None
    for s, e, mine in mentions:
        if s < end and e > start:
            return (s, e, mine), None, None
        if e <= start:
            d = len(quantity_bind._TOKEN.findall(text, e, start))
            if d <= max_words and (before is None or d <= before[0]):
                before = (d, mine, s, e)
        elif s >= end:
            d = len(quantity_bind._TOKEN.findall(text, end, s))
            if d <= max_words and (after is None or d < after[0]):
                after = (d, mine, s, e)
    return None, before, after


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["exosomes", "cells", "are", "30-100", "nm", ",", "and", "vesicles", "x-y"]),
                min_size=1, max_size=30),
       st.data(), st.integers(0, 6))
def test_nearest_mentions_are_the_best_of_every_mention(words, data, max_words):
    text = " ".join(words)
    rx = regex.compile(r"\b(?:(?P<ours>exosomes|vesicles)|(?P<other>cells))\b")
    mentions = [(m.start(), m.end(), m.group("ours") is not None) for m in rx.finditer(text)]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    got = nearest_mentions(text, mentions, [e for _, e, _ in mentions], start, end, max_words)
    assert got == _every_mention(text, mentions, start, end, max_words)


def test_seen_binds_the_pending_figures_once_and_keeps_the_bound_ones_in_order():
    qs = [_q(t) for t in (30, 40, 50, 60)]
    asked = []
    earlier = Earlier(5, qs, lambda i: asked.append(i) or (None if i == 1 else "x"))
    for i in range(3):
        earlier.add(i, qs[i])
    assert earlier.seen() == [qs[0], qs[2]] and asked == [0, 1, 2]
    earlier.add(3, qs[3])
    assert earlier.seen() == [qs[0], qs[2], qs[3]] and asked == [0, 1, 2, 3]
