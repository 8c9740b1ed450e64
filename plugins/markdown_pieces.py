"""Where a very long Markdown page may be cut so that its pieces parse exactly as the whole page does.

pyromark hands back every event of what it parses at once, about three bytes of parser memory per
byte of Markdown, and the UTF-8 copy it reads stays attached to the string it was given. A 50 MB
page parsed whole costs several hundred megabytes before any rule runs; parsed a megabyte at a
time it costs a few.

A cut is only made where CommonMark starts afresh: at a line that begins with a letter or `#`,
after a blank line. At that point every paragraph, table, list, blockquote, indented code block
and HTML block of kinds 6 and 7 has ended, whatever came before: the line is not indented, so it
continues no list item or code block, and after a blank line nothing continues lazily. Two things
can still run across it, and both are handled:

- a top-level fenced code block or an HTML block of kinds 1 to 5 (`<!--`, `<pre>`, ...) that
  closes later, or never: the walker checks every such block it meets against the end of the
  piece and, when the block reaches past the piece's last blank line, stops before it, so the
  next piece starts with that block and is made longer (`Pieces.retry`);
- link reference definitions and footnotes, which refer across the whole page: a page with
  `]:` or `[^` anywhere is parsed whole.
"""
from __future__ import annotations

import re

#: Code points per piece; a piece ends at the first possible cut after this many.
PIECE = 1 << 20
_CUT = re.compile(r"\n[ \t]*\r?\n(?=[A-Za-z#])")


def splittable(source: str) -> bool:
    """Whether nothing on the page refers across pieces (reference definitions, footnotes)."""
    return "]:" not in source and "[^" not in source


class Pieces:
    """The successive pieces of a page, as (start, end, limit) in code points of the source.

    `limit` is where the blank line before the cut begins: a top-level code or HTML block of the
    piece that reaches past it might go on in the next piece (None for the last piece, which
    ends the page).
    """

    def __init__(self, source: str, head: int, size: int = PIECE) -> None:
        self.source, self.n, self.size = source, len(source), size
        self.head = head  # the first piece goes at least this far (front matter, BOM)
        self.start = 0
        self._grow = size

    def next(self) -> tuple[int, int, int | None] | None:
        if self.start >= self.n:
            return None
        a = self.start
        want = max(a + self._grow, self.head)
        m = _CUT.search(self.source, want - 1) if want < self.n else None
        if m is None:
            return a, self.n, None
        c = m.end()
        return a, c, m.start() + 1

    def done(self, end: int) -> None:
        """The piece up to `end` was walked completely."""
        self.start, self._grow = end, self.size

    def retry(self, at: int) -> None:
        """The walk stopped before a block starting on the line at `at` that may run past the piece.

        If the piece walked something first, the next piece starts at that block; if the block
        opened the piece, the piece is doubled, so an unclosed block costs linear time in all.
        """
        if at > self.start:
            self.start, self._grow = at, self.size
        else:
            self._grow *= 2
