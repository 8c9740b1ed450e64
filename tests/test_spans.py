"""`spans.Cover` answers "inside one of these ranges?" by bisection, exactly as a scan of every range does."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exolint.spans import Cover

_range = st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_range, max_size=12), st.integers(0, 70), st.integers(0, 20))
def test_cover_holds_a_span_exactly_when_some_range_contains_it(ranges, start, length):
    """Ranges may overlap, nest, touch or be empty, and come in any order."""
    end = start + length
    assert Cover(ranges).holds(start, end) == any(a <= start and end <= b for a, b in ranges)


def test_an_empty_cover_is_false_and_holds_nothing():
    assert not Cover([])
    assert not Cover([]).holds(0, 0)
    assert Cover([(3, 9)]) and Cover([(3, 9)]).holds(3, 9) and not Cover([(3, 9)]).holds(2, 9)
