"""The map from prose offsets to source offsets that every `Document` carries.

Kept as runs, not per character, so memory grows with the number of markup boundaries rather than
with the size of the text: an identity run says that a stretch of prose is the source verbatim, a
replaced run that its prose came from the whole source range (an entity, an escape). Format
plugins never fill it directly; `DocumentBuilder` merges runs and hands them over in batches.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from struct import pack
from typing import Iterator

# Run kinds of the offset map.
_IDENTITY = 0  # prose[p:p+n] == source[s:s+n]
_REPLACED = 1  # every prose char of the run came from the whole source range (an entity, an escape)


class OffsetMap:
    """Maps prose offsets to source offsets, run by run."""

    __slots__ = ("_p", "_s", "_m", "_k")

    def __init__(self, narrow: bool = False) -> None:
        # `narrow`: every offset fits 32 bits (the builder knows from the source's length), which
        # halves the map of a long page
        code = "i" if narrow else "q"
        self._p = array(code)  # prose start of each run
        self._s = array(code)  # source start of each run
        self._m = array(code)  # source length of each run
        self._k = array("b")  # run kind

    def add(self, prose_start: int, prose_len: int, source_start: int, source_len: int) -> None:
        if prose_len <= 0:
            return
        kind = _IDENTITY if prose_len == source_len else _REPLACED
        if kind == _IDENTITY and self._k and self._k[-1] == _IDENTITY:
            i = len(self._p) - 1
            if (self._p[i] + self._m[i] == prose_start and self._s[i] + self._m[i] == source_start):
                self._m[i] += source_len  # extend a contiguous identity run
                return
        self._p.append(prose_start)
        self._s.append(source_start)
        self._m.append(source_len)
        self._k.append(kind)

    def extend(self, runs: list[int]) -> None:
        """Append runs given flat, `[prose_start, source_start, source_len, replaced (0/1), ...]`,
        already merged as `add` merges them: `DocumentBuilder` merges runs itself and hands them
        over in batches, since four array appends a run cost more than all its other work. `add`
        stays the plain definition of a map, which the builder is tested against."""
        if not runs:
            return
        # struct makes machine words of the ints at a third of array.extend's cost
        code = self._p.typecode
        words = memoryview(pack(f"{len(runs)}{code}", *runs)).cast(code)  # type: ignore[arg-type]  # "i" or "q"
        self._p.frombytes(words[0::4].tobytes())
        self._s.frombytes(words[1::4].tobytes())
        self._m.frombytes(words[2::4].tobytes())
        self._k.frombytes(bytes(runs[3::4]))

    def __len__(self) -> int:
        return len(self._p)

    def _run(self, p: int) -> int:
        i = bisect_right(self._p, p) - 1
        return max(i, 0)

    def char_range(self, p: int) -> tuple[int, int]:
        """Source range of the prose character at `p`."""
        if not self._p:
            return (0, 0)
        i = self._run(p)
        s, m = self._s[i], self._m[i]
        if self._k[i] == _IDENTITY:
            off = min(p - self._p[i], max(m - 1, 0))
            return (s + off, s + off + (1 if m else 0))
        return (s, s + m)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source range of the prose range [start, end): first char's start to last char's end."""
        if end <= start:
            a = self.char_range(start)[0]
            return (a, a)
        a = self.char_range(start)[0]
        b = self.char_range(end - 1)[1]
        return (a, max(a, b))

    def runs(self) -> Iterator[tuple[int, int, int, bool]]:
        """(prose_start, source_start, source_len, identity) for every run; for tests and tools."""
        for i in range(len(self._p)):
            yield self._p[i], self._s[i], self._m[i], self._k[i] == _IDENTITY


__all__ = ["OffsetMap"]
