"""Code-point offsets for the UTF-8 byte offsets pyromark reports.

pulldown-cmark gives every event a byte range in the UTF-8 of what it parsed; a Document counts
code points. Pages that are not ASCII are still mostly ASCII (a few accented letters, dashes and
quotes), and between two non-ASCII characters a byte offset and a code-point offset differ by a
constant. So the walker keeps a cursor `(lb, delta, nxt)`: every byte offset `y` with
`lb <= y <= nxt` is code point `y - delta` of the source, `nxt` being the next non-ASCII byte.
Converting an offset inside that stretch costs a comparison and a subtraction; only one past it
decodes the bytes in between (from the last offset converted, so one pass over the page in all)
and looks for the next non-ASCII byte. Without `raw` (an ASCII piece) the stretch never ends.
"""
from __future__ import annotations

import re

_MARKS = bytes(range(128)) + b"\x80" * 128  # every non-ASCII byte as 0x80
_WINDOW, _MAX_WINDOW = 64, 1 << 16
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: `nxt` of a cursor whose stretch never ends.
NEVER = 1 << 62

#: (lb, delta, nxt), see the module docstring.
Cursor = tuple[int, int, int]


def utf8(source: str, text: str) -> tuple[bytes | None, str]:
    """The UTF-8 the parser's byte offsets index, or None when they are code points already.

    Lone surrogates (from a lenient decode) cannot reach the parser; they become U+FFFD, which
    has the same length in code points and in bytes, so no offset moves.
    """
    if source.isascii():
        return None, text
    try:
        return source.encode("utf-8"), text
    except UnicodeEncodeError:
        return source.encode("utf-8", "surrogatepass"), _SURROGATE.sub("\ufffd", text)


class Utf8Offsets:
    """Moves a cursor over the UTF-8 `raw` of a piece that is not all ASCII."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def cursor(self, base: int) -> Cursor:
        """The cursor at byte 0 of a piece that starts at code point `base` of the source."""
        return 0, -base, self._next(0)

    def _next(self, x: int) -> int:
        """The first non-ASCII byte at or after `x`, looked for in windows that double: `isascii`
        skips an ASCII window, `translate` marks a window's non-ASCII bytes for `find` (memchr);
        a regex search for [\x80-\xff] costs several times both, and a translation of the whole
        page would double its bytes in memory."""
        raw = self.raw
        n, w = len(raw), _WINDOW
        while x < n:
            window = raw[x:x + w]
            if not window.isascii():
                return x + window.translate(_MARKS).find(b"\x80")
            x += w
            w = min(2 * w, _MAX_WINDOW)
        return NEVER

    def point(self, lb: int, delta: int, nxt: int, x: int) -> int:
        """Code point of byte `x` (a character boundary); the cursor is left where it was."""
        if lb <= x <= nxt:
            return x - delta
        if x > lb:  # decode from the end of the stretch, whose code point is known
            return nxt - delta + len(self.raw[nxt:x].decode("utf-8", "surrogatepass"))
        return lb - delta - len(self.raw[x:lb].decode("utf-8", "surrogatepass"))

    def span(self, lb: int, delta: int, nxt: int, s: int, e: int) -> tuple[int, int, int, int, int]:
        """Code points of the byte range [s, e), and the cursor moved to `e`: `(start, end, lb,
        delta, nxt)`. The walker calls this only for a range that leaves the stretch."""
        cs = self.point(lb, delta, nxt, s)
        ce = cs + len(self.raw[s:e].decode("utf-8", "surrogatepass"))
        return cs, ce, e, e - ce, self._next(e)


def cursor(offsets: Utf8Offsets | None, base: int) -> Cursor:
    """The cursor at byte 0 of a piece starting at code point `base`; without `offsets` (an ASCII
    piece: bytes are code points) its stretch never ends."""
    return (0, -base, NEVER) if offsets is None else offsets.cursor(base)


def span(offsets: Utf8Offsets | None, lb: int, delta: int, nxt: int, s: int, e: int) -> tuple[int, int, int, int, int]:
    """`Utf8Offsets.span`, also for a range in the stretch or an ASCII piece (no `offsets`)."""
    if lb <= s and e <= nxt:
        return s - delta, e - delta, lb, delta, nxt
    return offsets.span(lb, delta, nxt, s, e)  # type: ignore[union-attr]  # set off the stretch


def point(offsets: Utf8Offsets | None, lb: int, delta: int, nxt: int, x: int) -> int:
    """`Utf8Offsets.point`, also for an offset in the stretch or an ASCII piece (no `offsets`)."""
    if lb <= x <= nxt:
        return x - delta
    return offsets.point(lb, delta, nxt, x)  # type: ignore[union-attr]  # set off the stretch
