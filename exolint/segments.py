"""`Segment`, and the compact list of them that a long page gets.

A `Segment` object with its three integers costs about 180 bytes; a 50 MB page has over half a
million of them, 100 MB that stays alive while every rule runs. `SegmentList` keeps the same
information in arrays (14 bytes a segment) and makes `Segment` objects only when one is read.
It is a read-only sequence equal to the list it stands for, so rules see no difference.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Iterator, overload


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of prose with one structural scope, e.g. one paragraph, one heading or one alt text.

    `block` numbers the block the segment belongs to: a link inside a paragraph is its own
    `link` segment but shares the paragraph's block, so paragraph windows still see it.
    `level` is a heading's level (1-6) and a table cell's column (0 for a row's first cell, which
    names what the row is about: `exolint.tables`); 0 otherwise.
    """

    start: int
    end: int
    scope: str
    block: int
    level: int = 0


#: the highest column a table cell's `level` records (`SegmentList` keeps levels in a signed byte)
MAX_COLUMN = 100

_new = object.__new__
# the slots' descriptors, which the type checker takes for the fields' values (an int or a str)
_set_start, _set_end, _set_scope, _set_block, _set_level = (
    Segment.start.__set__, Segment.end.__set__, Segment.scope.__set__,  # type: ignore[attr-defined, misc]
    Segment.block.__set__, Segment.level.__set__)  # type: ignore[attr-defined, misc]


def new_segment(start: int, end: int, scope: str, block: int, level: int = 0) -> Segment:
    """`Segment(start, end, scope, block, level)` at half the cost: a frozen dataclass's `__init__`
    goes through `object.__setattr__` by name for every field, while this writes the slots
    directly. Format plugins make one Segment per block and link of every page."""
    seg = _new(Segment)
    _set_start(seg, start)
    _set_end(seg, end)
    _set_scope(seg, scope)
    _set_block(seg, block)
    _set_level(seg, level)
    return seg


class SegmentList(Sequence):
    """Segments in arrays. `starts`, `ends` and `blocks` are read directly where a whole pass over
    the segments needs only those (bisecting starts, spans of blocks), without making Segments."""

    __slots__ = ("starts", "ends", "blocks", "_level", "_scope", "_scopes", "_ids")

    def __init__(self, wide: bool = False) -> None:
        code = "q" if wide else "i"
        self.starts = array(code)
        self.ends = array(code)
        self.blocks = array(code)
        self._level = array("b")
        self._scope = array("B")
        self._scopes: list[str] = []  # scope names, in order of first use
        self._ids: dict[str, int] = {}

    def append(self, seg: Segment) -> None:
        sid = self._ids.get(seg.scope)
        if sid is None:
            sid = self._ids[seg.scope] = len(self._scopes)
            self._scopes.append(seg.scope)
        self.starts.append(seg.start)
        self.ends.append(seg.end)
        self.blocks.append(seg.block)
        self._level.append(seg.level)
        self._scope.append(sid)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Segment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Segment]: ...

    def __getitem__(self, i: int | slice) -> Segment | list[Segment]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return new_segment(self.starts[i], self.ends[i], self._scopes[self._scope[i]], self.blocks[i], self._level[i])

    def __iter__(self) -> Iterator[Segment]:
        names = self._scopes
        for s, e, sc, b, lv in zip(self.starts, self.ends, self._scope, self.blocks, self._level, strict=True):
            yield new_segment(s, e, names[sc], b, lv)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it stands for

    def __repr__(self) -> str:
        return f"SegmentList({list(self)!r})"
