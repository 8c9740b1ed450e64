"""`DocumentBuilder`: what a format plugin uses to emit prose while keeping the offset map exact.

A plugin opens blocks and segments and adds text with the source range it came from; the
builder records the map run by run as it goes, so the map is built once, at extraction time.
"""
from __future__ import annotations

from .document import Comment, Document, OffsetMap
from .segments import Segment, SegmentList

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
    """What a format plugin uses to emit prose; it keeps the offset map exact as it goes."""

    def __init__(self, path: str, source: str, format: str) -> None:
        self.path = path
        self.source = source
        self.format = format
        self._parts: list[str] = []  # the latest pieces of prose, joined into _done now and then
        self._done: list[str] = []
        self._len = 0
        self._map = OffsetMap(narrow=len(source) < NARROW_SOURCE)
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
        self.close_segment()
        if self._len and not self._ends_with_break():
            self._emit_break("\n\n")
        self._block += 1

    def open_segment(self, scope: str, level: int = 0) -> None:
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
        # trim trailing break characters from the segment
        if end > start and self._parts[-1].endswith("\n"):
            text = self._tail(end - start)
            while end > start and text and text[-1] in "\n":
                text = text[:-1]
                end -= 1
        if end > start:
            self._segments.append(Segment(start, end, scope, block, level))

    # -- text -----------------------------------------------------------------------------------
    def add(self, source_start: int, source_end: int, text: str | None = None) -> None:
        """Prose `text` that the source range produced. Without `text` the source is copied verbatim."""
        if text is None:
            text = self.source[source_start:source_end]
        if not text:
            return
        if self._open is None:
            self.open_segment("paragraph")
        self._map.add(self._len, len(text), source_start, source_end - source_start)
        self._parts.append(text)
        self._len += len(text)
        if len(self._parts) > JOIN_EVERY:
            self._collapse()

    def add_break(self, text: str, at: int, end: int | None = None) -> None:
        """A separator inside a segment (soft line break, collapsed space) standing at source `at`,
        or covering the source range [at, end) when the separator stands for some markup."""
        if not text:
            return
        self._map.add(self._len, len(text), at, 0 if end is None else end - at)
        self._parts.append(text)
        self._len += len(text)

    def _emit_break(self, text: str) -> None:
        at = self._last_source_end()
        self._map.add(self._len, len(text), at, 0)
        self._parts.append(text)
        self._len += len(text)

    def _last_source_end(self) -> int:
        m = self._map
        if not len(m):
            return 0
        i = len(m) - 1
        return m._s[i] + m._m[i]

    def _collapse(self) -> None:
        """Join all pieces but the last (which `_ends_with_break` and `_tail` look at most)."""
        parts = self._parts
        self._done.append("".join(parts[:-1]))
        del parts[:-1]

    def _ends_with_break(self) -> bool:
        return bool(self._parts) and self._parts[-1].endswith("\n\n")

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
        return Document(
            path=self.path, source=self.source, text=self._text(),
            segments=self._segments, map=self._map, format=self.format,
            lang=self.lang, meta=self.meta, comments=self.comments,
        )
