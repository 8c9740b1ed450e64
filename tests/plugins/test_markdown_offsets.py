"""The byte-to-code-point cursor of the Markdown walker: whatever the mix of ASCII and multi-byte
characters, and whichever way offsets move, it must give the code point a decode gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.plugins.markdown_offsets import NEVER, Utf8Offsets, cursor, point, span, utf8

# mostly ASCII with the odd 2-, 3- and 4-byte character, or dense non-ASCII
TEXT = st.text(st.sampled_from("ab \n#*é€😀ж"), max_size=300)


def _boundaries(text: str) -> list[int]:
    """Byte offset of every code point (and of the end) of `text`."""
    out, b = [], 0
    for ch in text:
        out.append(b)
        b += len(ch.encode("utf-8"))
    return out + [b]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data(), st.integers(0, 50))
def test_ranges_in_order_convert_as_a_decode_does(text: str, data: st.DataObject, base: int):
    raw, _ = utf8(text, text)
    offsets = None if raw is None else Utf8Offsets(raw)
    bounds = _boundaries(text)
    picks = sorted(data.draw(st.lists(st.integers(0, len(bounds) - 1), max_size=12)))
    lb, delta, nxt = cursor(offsets, base)
    for i, j in zip(picks[::2], picks[1::2], strict=False):  # ranges in source order, as events come
        s, e, lb, delta, nxt = span(offsets, lb, delta, nxt, bounds[i], bounds[j])
        assert (s, e) == (base + i, base + j)
        # the stretch the cursor claims holds only ASCII after `lb`, and starts right
        if nxt != NEVER:
            assert raw is not None and raw[nxt] >= 0x80 and raw[lb:nxt].isascii()
            assert point(offsets, lb, delta, nxt, nxt) == base + bounds.index(nxt)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_points_before_the_cursor_convert_too(text: str, data: st.DataObject):
    raw, _ = utf8(text, text)
    offsets = None if raw is None else Utf8Offsets(raw)
    bounds = _boundaries(text)
    k = data.draw(st.integers(0, len(bounds) - 1))
    lb, delta, nxt = cursor(offsets, 0)
    _, _, lb, delta, nxt = span(offsets, lb, delta, nxt, bounds[k], bounds[k])
    for i in range(len(bounds)):  # backwards, inside and past the stretch
        assert point(offsets, lb, delta, nxt, bounds[i]) == i


def test_an_ascii_piece_needs_no_bytes():
    assert utf8("plain", "plain") == (None, "plain")
    assert cursor(None, 7) == (0, -7, NEVER)
    assert span(None, 0, -7, NEVER, 3, 5) == (10, 12, 0, -7, NEVER)


def test_lone_surrogates_keep_their_offsets():
    raw, text = utf8("a\ud800b", "a\ud800b")
    assert text == "a\ufffdb" and len(raw) == len(text.encode("utf-8"))
    lb, delta, nxt = cursor(Utf8Offsets(raw), 0)
    assert span(Utf8Offsets(raw), lb, delta, nxt, 4, 5)[:2] == (2, 3)
