"""`kinds.claim_polarity`: how far back a cue may stand, read from the end of the text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds import claim_polarity

_PIECES = ["not", "it's", "FDA", "x-y", "-", "'", "’", ",", " ", "  ", "9", "é", "a'b", "--", "approved"]


def _forward(text: str, lo: int, at: int, words: int) -> int:
    """The reach as first written: every word of the clause before `at`, then the one `words` back."""
    comma = text.rfind(",", lo, at)
    lo = max(lo, comma + 1) if comma >= 0 else lo
    starts = [m.start() for m in claim_polarity._TOKEN.finditer(text, lo, at)]
    return starts[-words] if len(starts) >= words else lo


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.data(), st.sampled_from([1, 2, 5, 8, 10_000]))
def test_reach_read_backwards_is_the_reach_read_forwards(parts, data, words):
    text = "".join(parts)
    lo = data.draw(st.integers(0, len(text)))
    at = data.draw(st.integers(lo, len(text)))
    assert claim_polarity._reach_start(text, lo, at, words) == _forward(text, lo, at, words)
