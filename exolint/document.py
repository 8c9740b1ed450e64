"""The `Document`: decoded source, the prose a format plugin extracted from it, and the map between them.

Every prose character knows the source range it came from, so a finding's location is always read
from the map and never re-searched in the source (the cause of Vale's wrong-position bugs).
The map (`exolint.offsetmap.OffsetMap`, importable from here too) is stored as runs, not per
character, so memory grows with the number of markup boundaries rather than with the size of the text.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .offsetmap import OffsetMap
from .segments import Segment, SegmentList

if TYPE_CHECKING:  # for the type checker only: at run time `__getattr__` below imports it lazily
    from .builder import DocumentBuilder as DocumentBuilder

#: Scopes a format plugin may give a segment; rules select among them with `scope:`.
SCOPES = (
    "heading", "paragraph", "list", "blockquote", "table", "link", "alt",
    "title", "meta", "frontmatter", "jsonld",
)

_LOWER_CHUNK = 1 << 18
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class Comment:
    """A markup comment (`<!-- ... -->`) with its source range; suppressions are read from these."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """A decoded file and its prose. Built once by a format plugin, read by every rule."""

    path: str
    source: str
    text: str
    segments: Sequence[Segment]  # a list, or a SegmentList on long pages (the same, read-only)
    map: OffsetMap
    format: str = "text"
    lang: str | None = None
    meta: dict = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    _line_starts: array | None = field(default=None, repr=False)
    _match_text: str | None = field(default=None, repr=False)
    _sentences: list[tuple[int, int]] | None = field(default=None, repr=False)
    _seg_starts: Sequence[int] | None = field(default=None, repr=False)
    # window() is called once per match: these keep it O(log n) instead of O(n) per call
    _block_spans: tuple[array, array] | None = field(default=None, repr=False)
    #: per-document analyses shared by rules (e.g. the quantities a kind extracted), so that several
    #: rules of one kind analyse a document once; keys start with the kind's name
    memo: dict = field(default_factory=dict, repr=False)

    # -- positions -------------------------------------------------------------------------
    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.map.span(start, end)

    @property
    def line_starts(self) -> array:
        if self._line_starts is None:
            starts = array("q", [0])
            src = self.source
            if "\r" not in src:  # the common case: one C-level find per line
                find = src.find
                i = find("\n")
                while i != -1:
                    starts.append(i + 1)
                    i = find("\n", i + 1)
            else:
                starts.extend(m.end() for m in _NEWLINE.finditer(src))
            self._line_starts = starts
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset (code points; \\n, \\r\\n and \\r end lines)."""
        starts = self.line_starts
        i = bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    # -- text used for matching --------------------------------------------------------------
    @property
    def match_text(self) -> str:
        """The prose with look-alike letters folded to Latin, same length as `text`.

        Rules match on this, so a word written with Cyrillic look-alikes is still caught.
        """
        if self._match_text is None:
            from .confusables import fold_mixed_script

            self._match_text = fold_mixed_script(self.text)
        return self._match_text

    @property
    def lower_text(self) -> str:
        """`match_text.lower()`, made once for the prefilter and every kind that searches lower-cased
        text: on a 50 MB page each copy costs 50 MB or more.

        For non-ASCII text CPython lower-cases through a buffer of 12 bytes a character, so a long
        text is lower-cased a block at a time, cut after a newline: a newline is neither cased nor
        case-ignorable, so no context-dependent mapping (final sigma) looks across it.
        """
        low = self.memo.get(("document", "lower"))
        if low is None:
            text = self.match_text
            if text.isascii() or len(text) <= _LOWER_CHUNK:
                low = text.lower()
            else:
                parts, a, n = [], 0, len(text)
                while a < n:
                    b = text.find("\n", a + _LOWER_CHUNK)
                    b = n if b < 0 else b + 1
                    parts.append(text[a:b].lower())
                    a = b
                low = "".join(parts)
            self.memo[("document", "lower")] = low
        return low

    # -- structure ---------------------------------------------------------------------------
    def prose_line(self, start: int, end: int) -> tuple[int, int]:
        """The line of prose around text[start:end] (prose has newlines only between blocks): from
        after the last newline before `start` to the first at or after `end`. Found by bisection in
        the page's newline offsets, not by scanning: one block can be megabytes long."""
        nl = self.memo.get(("document", "newlines"))
        if nl is None:
            nl, find = array("q"), self.text.find
            i = find("\n")
            while i >= 0:
                nl.append(i)
                i = find("\n", i + 1)
            self.memo[("document", "newlines")] = nl
        i = bisect_left(nl, start)
        j = bisect_left(nl, end, i)
        return (nl[i - 1] + 1 if i else 0), (nl[j] if j < len(nl) else len(self.text))

    def segment_at(self, offset: int) -> Segment | None:
        i = self.segment_index(offset)
        return None if i is None else self.segments[i]

    def segment_index(self, offset: int) -> int | None:
        """The index in `segments` of the segment holding prose offset `offset`, or None."""
        if self._seg_starts is None:
            segs = self.segments
            self._seg_starts = segs.starts if isinstance(segs, SegmentList) else [s.start for s in segs]
        i = bisect_right(self._seg_starts, offset) - 1
        if i >= 0 and self.segments[i].start <= offset < max(self.segments[i].end, self.segments[i].start + 1):
            return i
        return None

    def title_span(self) -> tuple[int, int] | None:
        """The prose range of the page's title: its `title` segment (an HTML `<title>`), else its
        first level-1 heading; None when it has neither. What a product page is about, which its
        bullet points leave out ("FDA-approved formula")."""
        key = ("document", "title")
        if key not in self.memo:
            segs = self.segments
            title = next((s for s in segs if s.scope == "title"), None) or next(
                (s for s in segs if s.scope == "heading" and s.level == 1), None)
            self.memo[key] = (title.start, title.end) if title is not None else None
        return self.memo[key]

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence ranges over the prose, never crossing a block boundary.

        A link is its own segment but part of its paragraph's sentence, so sentences are split
        per block (consecutive segments of one block), not per segment.
        """
        if self._sentences is None:
            from .sentences import split_sentences

            out: list[tuple[int, int]] = []
            run: list[int] | None = None  # [block, start, end]
            for seg in self.segments:
                if run is not None and seg.block == run[0]:
                    run[2] = max(run[2], seg.end)
                    continue
                if run is not None:
                    out.extend(split_sentences(self.text, run[1], run[2]))
                run = [seg.block, seg.start, seg.end]
            if run is not None:
                out.extend(split_sentences(self.text, run[1], run[2]))
            self._sentences = out
        return self._sentences

    def window(self, start: int, end: int, kind: str) -> tuple[int, int]:
        """The prose range of the `sentence`, `paragraph`, `section` or `document` around a match."""
        if kind == "document" or not self.segments:
            return (0, len(self.text))
        seg = self.segment_at(start)
        if seg is None:
            return (start, end)
        lo, hi = self._block_span(seg.block)
        if kind == "sentence":
            # split only the block around the match, once: most blocks never need sentences
            starts, sents = self._block_sentences(seg.block, lo, hi)
            i = bisect_right(starts, start) - 1
            if i >= 0 and sents[i][0] <= start <= sents[i][1]:
                j = i
                while j + 1 < len(sents) and sents[j][1] < end:
                    j += 1
                return (sents[i][0], max(sents[j][1], end))
            return (lo, max(hi, end))
        if kind == "paragraph":
            return (lo, max(hi, end))
        # section: from the heading at or before the match to the next heading
        heads = self.memo.get(("document", "headings"))
        if heads is None:
            heads = self.memo[("document", "headings")] = [sg.start for sg in self.segments if sg.scope == "heading"]
        i = bisect_right(heads, start)
        return (heads[i - 1] if i else 0, heads[i] if i < len(heads) else len(self.text))

    def _block_span(self, block: int) -> tuple[int, int]:
        if self._block_spans is None:
            # two arrays indexed by block number, not a dict of tuples: a long page has half a
            # million blocks; segments come in block order, so a block's last one ends it
            segs = self.segments
            rows = (zip(segs.starts, segs.ends, segs.blocks, strict=True) if isinstance(segs, SegmentList)
                    else ((sg.start, sg.end, sg.block) for sg in segs))
            lo, hi = array("q"), array("q")
            for start, end, b in rows:
                while len(lo) <= b:
                    lo.append(-1)
                    hi.append(-1)
                if lo[b] < 0 or start < lo[b]:
                    lo[b] = start
                if end > hi[b]:
                    hi[b] = end
            self._block_spans = (lo, hi)
        lo, hi = self._block_spans
        return lo[block], hi[block]

    def _block_sentences(self, block: int, lo: int, hi: int) -> tuple[list[int], list[tuple[int, int]]]:
        key = ("document", "sentences", block)
        got = self.memo.get(key)
        if got is None:
            from .sentences import split_sentences

            sents = split_sentences(self.text, lo, hi) or [(lo, hi)]
            got = self.memo[key] = ([a for a, _ in sents], sents)
        return got



def __getattr__(name: str) -> object:
    """The builder lives in its own module (which imports this one); format plugins import it from
    here, so it is re-exported lazily, and importing `exolint.builder` first works too."""
    if name == "DocumentBuilder":
        from .builder import DocumentBuilder

        return DocumentBuilder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
