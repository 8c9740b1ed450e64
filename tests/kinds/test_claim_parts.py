"""`kinds.claim_parts.nearest`: walking outwards from the predicate finds the match that measuring
every match of the clause found."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds import claim_parts
from exolint.plugins.text import parse

_PATTERN = regex.compile(r"\b(?:FDA|MHRA|the\s+agency)\b", regex.I)


def _every_match(text, ms, core, taken, max_words):
    """The search as first written: every match measured, the first of the nearest kept."""
    best = None
    for m in ms:
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        inside = core[0] <= m.start() and m.end() <= core[1]
        d = 0 if inside else claim_parts.gap(text, m.span(), core)
        if d <= max_words and (best is None or d < best[0]):
            best = (d, m)
    return best[1] if best else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["FDA", "mhra", "the agency", "approved", "exosomes", "it", ",", "-"]),
                min_size=1, max_size=40),
       st.data(), st.integers(0, 6))
def test_nearest_is_the_nearest_of_every_match(words, data, max_words):
    text = " ".join(words)
    doc = parse(text, "x.txt")
    clause = (0, len(doc.match_text))
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    a = data.draw(st.sampled_from(starts))
    b = data.draw(st.integers(a + 1, min(len(text), a + 12)))
    core = (a, b)
    others = [(s, s + 3) for s in starts if s + 3 <= len(text)]
    taken = [core] + ([data.draw(st.sampled_from(others))] if others and data.draw(st.booleans()) else [])
    ms = list(_PATTERN.finditer(doc.match_text, *clause))
    got = claim_parts.nearest(doc, _PATTERN, None, clause, core, taken, max_words, None)
    want = _every_match(doc.match_text, ms, core, taken, max_words)
    assert (got.span() if got else None) == (want.span() if want else None)


def test_a_capped_gap_counts_up_to_one_past_the_cap():
    text = "word " * 500
    last = (len(text) - 5, len(text) - 1)
    assert claim_parts.gap(text, (0, 4), last) == 498
    assert claim_parts.gap(text, (0, 4), last, 8) == 9
    assert claim_parts.gap(text, (0, 4), (30, 34), 8) == 5  # a short gap is counted in full
