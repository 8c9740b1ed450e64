"""`DocumentBuilder`: what a format plugin uses to emit prose while keeping the offset map exact.

A plugin opens blocks and segments and adds text with the source range it came from; the
builder records the map run by run as it goes, so the map is built once, at extraction time.
"""
from __future__ import annotations

from .document import Comment, Document, OffsetMap
from .segments import Segment, SegmentList, new_segment

#: Pieces of prose kept apart before they are joined: a long page adds millions of small strings,
#: and freed in one go at the end they would leave the allocator's pools full of holes that
#: interleaved segments pin, hundreds of megabytes on a 50 MB page.
JOIN_EVERY = 4096
#: Sources shorter than this (code points) have every offset, prose ones included, fit 32 bits.
NARROW_SOURCE = 1 << 29
#: Sources longer than this keep their segments in a SegmentList (arrays), shorter ones in a list,
#: which rules iterate faster.
COMPACT_SOURCE = 1 << 20


class DocumentBuilder:
    """What a format plugin uses to emit prose; it keeps the offset map exact as it goes.

    Its methods run for every piece of markup of every page, so the common path is written flat,
    without calls into other methods: the map's runs are merged here as `OffsetMap.add` would
    merge them and handed to the map a batch at a time.
    """

    def __init__(self, path: str, source: str, format: str) -> None:
        self.path = path
        self.source = source
        self.format = format
        self._parts: list[str] = []  # the latest pieces of prose, joined into _done now and then
        self._done: list[str] = []
        self._len = 0
        self._map = OffsetMap(narrow=len(source) < NARROW_SOURCE)
        # runs not in the map yet, flat: prose start, source start, source length, replaced (0/1)
        self._runs: list[int] = []
        self._pend = -1  # prose end of the last run if it is an identity run (it may grow), else -1
        self._send = 0  # source end of the last run: where a block separator stands
        self._segments: list[Segment] | SegmentList = (
            SegmentList(wide=len(source) >= NARROW_SOURCE) if len(source) > COMPACT_SOURCE else [])
        self._open: tuple[int, str, int, int] | None = None
        self._block = -1
        self.lang: str | None = None
        self.meta: dict = {}
        self.comments: list[Comment] = []

    # -- blocks and segments -------------------------------------------------------------------
    def new_block(self) -> None:
        """Start a new block (paragraph, heading, list item, cell): prose is separated by a blank line."""
        self._start_block()

    def open_block(self, scope: str, level: int = 0) -> None:
        """`new_block` then `open_segment(scope, level)`, as most blocks begin, in one call."""
        self._open = (self._start_block(), scope, self._block, level)

    def _start_block(self) -> int:
        """Close the open segment, put a blank line before the new block and count it; the prose
        length, where the block starts."""
        if self._open is not None:
            self.close_segment()
        n = self._len
        if n and not self._parts[-1].endswith("\n\n"):
            self._runs += (n, self._send, 0, 1)
            self._pend = -1
            self._parts.append("\n\n")
            n = self._len = n + 2
        self._block += 1
        return n

    def open_segment(self, scope: str, level: int = 0) -> None:
        if self._open is not None:
            self.close_segment()
        if self._block < 0:
            self._block = 0
        self._open = (self._len, scope, self._block, level)

    def close_segment(self) -> None:
        if self._open is None:
            return
        start, scope, block, level = self._open
        self._open = None
        end = self._len
        if end <= start:
            return
        if self._parts[-1].endswith("\n"):  # trim trailing break characters from the segment
            text = self._tail(end - start)
            while end > start and text and text[-1] in "\n":
                text = text[:-1]
                end -= 1
            if end <= start:
                return
        self._segments.append(new_segment(start, end, scope, block, level))

    # -- text -----------------------------------------------------------------------------------
    def add(self, source_start: int, source_end: int, text: str | None = None) -> None:
        """Prose `text` that the source range produced. Without `text` the source is copied verbatim."""
        if text is None:
            text = self.source[source_start:source_end]
        if not text:
            return
        if self._open is None:
            self.open_segment("paragraph")
        n = len(text)
        p = self._len
        self._map_run(p, n, source_start, source_end - source_start)
        parts = self._parts
        parts.append(text)
        self._len = p + n
        if len(parts) > JOIN_EVERY:
            self._collapse()

    def add_break(self, text: str, at: int, end: int | None = None) -> None:
        """A separator inside a segment (soft line break, collapsed space) standing at source `at`,
        or covering the source range [at, end) when the separator stands for some markup."""
        if not text:
            return
        p = self._len
        self._map_run(p, len(text), at, 0 if end is None else end - at)
        self._parts.append(text)
        self._len = p + len(text)

    def _map_run(self, p: int, n: int, s: int, m: int) -> None:
        """`OffsetMap.add(p, n, s, m)` into the runs not handed over yet; `n` is not 0."""
        if n == m:  # an identity run, or more of the last one
            if p == self._pend and s == self._send:
                self._runs[-2] += m
            else:
                self._runs += (p, s, m, 0)
            self._pend = p + n
        else:
            self._runs += (p, s, m, 1)
            self._pend = -1
        self._send = s + m

    def _collapse(self) -> None:
        """Join all pieces but the last (which `new_block` and `_tail` look at), and hand all runs
        but the last (which may still grow) to the map."""
        parts = self._parts
        self._done.append("".join(parts[:-1]))
        del parts[:-1]
        runs = self._runs
        self._map.extend(runs[:-4])
        del runs[:-4]

    def _tail(self, n: int) -> str:
        out: list[str] = []
        k = 0
        for parts in (self._parts, self._done):
            for part in reversed(parts):
                out.append(part[-(n - k):] if n - k < len(part) else part)
                k += len(out[-1])
                if k >= n:
                    break
            if k >= n:
                break
        s = "".join(reversed(out))
        return s[len(s) - n:] if n else ""

    def _text(self) -> str:
        done, parts = self._done, self._parts
        self._done, self._parts = [], []
        if done:
            done.append("".join(parts))
            del parts
            return "".join(done)
        return "".join(parts)

    def build(self) -> Document:
        self.close_segment()
        self._map.extend(self._runs)
        self._runs = []
        return Document(
            path=self.path, source=self.source, text=self._text(),
            segments=self._segments, map=self._map, format=self.format,
            lang=self.lang, meta=self.meta, comments=self.comments,
        )
