"""Table rows: the first cell says what the other cells of the row are about, and a source in one
cell backs a figure in another.

Why: a product page's specification table puts the subject in one cell and the figure in the
next ("Exosome diameter | 800-1,200 nm"), so the figure's own cell never names what it measures.
Format plugins record each table cell's column as its segment's `level` (0 for a row's first
cell); a rule that binds a figure to its subject asks here for the row's first cell when the
figure's own cell names nothing, and the evidence kind reads a figure's whole row for its source.
"""
from __future__ import annotations

from collections.abc import Sequence

from .document import Document
from .segments import Segment

#: segments that live inside a cell's block without being the cell (a link's text, an image's alt)
_INLINE = frozenset({"link", "alt"})


def row_header(doc: Document, pos: int) -> tuple[int, int] | None:
    """The prose range of the first cell of the table row whose later cell holds prose offset
    `pos`; None outside tables, in a first cell, or when the row's first cell is empty."""
    i = doc.segment_index(pos)
    if i is None:
        return None
    cell = _cell_of(doc.segments, i)
    if cell is None or doc.segments[cell].level == 0:
        return None
    first = _row_start(doc.segments, cell)
    if first is None:
        return None
    start = doc.segments[first].start
    return doc.window(start, start, "paragraph")


def row_span(doc: Document, pos: int) -> tuple[int, int] | None:
    """The prose range from the first to the last cell of the table row holding prose offset
    `pos` (a source in the row's "Source" cell backs a figure in its "Result" cell); None outside
    tables or when the row's first cell is empty."""
    i = doc.segment_index(pos)
    if i is None:
        return None
    segs = doc.segments
    cell = _cell_of(segs, i)
    if cell is None:
        return None
    first = _row_start(segs, cell)
    if first is None:
        return None
    column, last = 0, first
    for k in range(first + 1, len(segs)):
        s = segs[k]
        if s.scope in _INLINE or s.block == segs[last].block:
            last = k  # a link in a cell, or the cell's text after it
            continue
        if s.scope != "table" or s.level <= column:
            break  # the next row, or the table has ended
        column, last = s.level, k
    return segs[first].start, segs[last].end


def column_below(doc: Document, pos: int, limit: int = 200) -> list[tuple[int, int]]:
    """The prose ranges of the cells below a header cell (a cell of a table's first row) that
    holds prose offset `pos`, in the same column, at most `limit` of them; [] elsewhere.

    A column header names what the cells below it hold, so it is read with them: "Human-derived
    exosome cosmetics" above "Prohibited ingredient" is the heading of a ban, not an offer."""
    i = doc.segment_index(pos)
    if i is None:
        return []
    segs = doc.segments
    cell = _cell_of(segs, i)
    if cell is None:
        return []
    first = _row_start(segs, cell)
    if first is None:
        return []
    k = first - 1
    while k >= 0 and segs[k].scope in _INLINE:
        k -= 1
    if k >= 0 and segs[k].scope == "table":
        return []  # a row below another: not the header
    column, block = segs[cell].level, segs[cell].block
    out: list[tuple[int, int]] = []
    for k in range(cell + 1, len(segs)):
        s = segs[k]
        if s.scope in _INLINE or s.block == block:
            continue
        if s.scope != "table":
            break  # the table has ended
        block = s.block
        if s.level == column:
            out.append(doc.window(s.start, s.start, "paragraph"))
            if len(out) >= limit:
                break
    return out


def _row_start(segs: Sequence[Segment], cell: int) -> int | None:
    """The index of the first cell of the row of table segment `cell`: walking back, the columns
    must fall at every step; a column that does not is in an earlier row, so the row's own first
    cell had no text (None)."""
    column, block = segs[cell].level, segs[cell].block
    if column == 0:
        return _first_of_block(segs, cell)
    for k in range(cell - 1, max(cell - 4 * column - 16, -1), -1):
        s = segs[k]
        if s.scope in _INLINE or s.block == block:
            continue  # a link in a cell, or the same cell's text before a link
        if s.scope != "table" or s.level >= column:
            return None
        if s.level == 0:
            return _first_of_block(segs, k)
        column, block = s.level, s.block
    return None


def _first_of_block(segs: Sequence[Segment], k: int) -> int:
    """The first segment of segment k's block (a cell that starts with a link)."""
    while k > 0 and segs[k - 1].block == segs[k].block:
        k -= 1
    return k


def _cell_of(segs: Sequence[Segment], i: int) -> int | None:
    """The index of the table segment of segment i's cell: i itself, or for a link or an alt text
    (which carry no column), a table segment of the same block; None outside tables and for a
    cell that is all link."""
    if segs[i].scope == "table":
        return i
    if segs[i].scope not in _INLINE:
        return None
    block = segs[i].block
    for k in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= k < len(segs) and segs[k].block == block and segs[k].scope == "table":
            return k
    return None
