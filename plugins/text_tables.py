"""Tables drawn in plain text, read cell by cell.

Why: read line by line, a table's columns interleave into sentences that no one wrote ('"100% safe"
/ "no side  Untrue for any procedure. Our  list the common'), and a quotation in one column runs
on into the next. The text plugin hands such lines here and emits each cell as a block of scope
"table" with its column as the level, as the Markdown and HTML plugins do.

Two layouts are read:
- drawn with pipes: a grid with "+----+" rules first and last, whose rows may wrap over several
  lines, or one row per line ("| a | b |", a "|---|" rule under the header);
- aligned with spaces under a header underlined by groups of dashes ("AVOID   WHY" over "-----
  -----"): the dash groups give the columns. A line that starts in its first column with a
  capital, a digit or a quotation mark starts a row; a line whose first column is empty or starts
  in lower case goes on with the row above (a wrapped cell), and a blank line ends a row. The
  table ends at the first line that does not fit the columns (less indented than the first
  column, or with a word across a column's start, give or take two characters).
"""
from __future__ import annotations

import re

#: (start, end without the newline, newline length) of a line, as the text plugin splits them
Line = tuple[int, int, int]
#: the source ranges of one cell's pieces (one per line it covers)
Cell = list[tuple[int, int]]

#: a table's rule line ("+------+----+", "|---|:--:|") and a row line ("| cell | cell |")
_RULE_LINE = re.compile(r"[ \t]*[+|][-=:+| ]*[-=]{3}[-=:+| ]*$")
_ROW_LINE = re.compile(r"[ \t]*\|.*\|[ \t]*$")
_PIPE_CELL = re.compile(r"[^|]+")
#: the underline of an aligned table's header: two or more groups of dashes
_DASHES = re.compile(r"[ \t]*-{3,}(?:[ \t]{2,}-{3,})+[ \t]*$")
_DASH_GROUP = re.compile(r"-{3,}")
#: a header cell: words separated by single spaces, cells by two or more
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")


def table_at(source: str, lines: list[Line], i: int) -> tuple[int, list[list[Cell]]] | None:
    """The table that starts at line `i`: how many lines it takes and its rows (each a list of
    cells by column, an empty cell an empty list); None when no table starts there."""
    start, end, _ = lines[i]
    if "|" in source[start:end] or source[start:end].lstrip().startswith("+"):
        n = _pipe_table_lines(source, lines, i)
        if n:
            return n, _pipe_rows(source, lines[i:i + n])
    if i + 1 < len(lines):
        return _aligned_table(source, lines, i)
    return None


# -- pipes -----------------------------------------------------------------------------------------
def _pipe_table_lines(source: str, lines: list[Line], i: int) -> int:
    """How many lines from `i` on form a pipe table (at least two, one of them a row of two or
    more cells), or 0."""
    j, rows, wide = i, 0, False
    while j < len(lines):
        start, end, _ = lines[j]
        if _RULE_LINE.match(source, start, end):
            pass
        elif _ROW_LINE.match(source, start, end):
            rows += 1
            wide = wide or source.count("|", start, end) >= 3
        else:
            break
        j += 1
    return j - i if j - i >= 2 and rows and wide else 0


def _pipe_rows(source: str, lines: list[Line]) -> list[list[Cell]]:
    """A grid (rule lines first and last) joins the lines between two rules into one row;
    otherwise each line is a row."""
    grid = (_RULE_LINE.match(source, lines[0][0], lines[0][1]) is not None
            and _RULE_LINE.match(source, lines[-1][0], lines[-1][1]) is not None)
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end, _ in lines:
        if _RULE_LINE.match(source, start, end):
            if current:
                groups.append(current)
                current = []
            continue
        current.append((start, end))
        if not grid:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    rows = []
    for group in groups:
        row: list[Cell] = []
        for start, end in group:
            first = source.index("|", start, end) + 1
            last = source.rindex("|", start, end)
            for k, m in enumerate(_PIPE_CELL.finditer(source, first, last)):
                _put(row, k, source, m.start(), m.end())
        rows.append(row)
    return rows


# -- aligned with spaces ---------------------------------------------------------------------------
def _aligned_table(source: str, lines: list[Line], i: int) -> tuple[int, list[list[Cell]]] | None:
    hs, he, _ = lines[i]
    us, ue, _ = lines[i + 1]
    if not _DASHES.match(source, us, ue):
        return None
    starts = [m.start() - us for m in _DASH_GROUP.finditer(source, us, ue)]
    heads = [m.start() - hs for m in _ALIGNED_CELL.finditer(source, hs, he)]
    if len(heads) < 2 or any(h not in starts for h in heads) or heads[0] != starts[0]:
        return None  # the header's cells stand over the dash groups
    head = _bounds(source, hs, he, starts)
    if head is None:
        return None
    rows: list[list[Cell]] = [_aligned_cells(source, head, he)]
    row: list[Cell] | None = None
    j = i + 2
    taken = j
    while j < len(lines):
        start, end, _ = lines[j]
        if not source[start:end].strip():
            row = None  # a blank line ends the row
            j += 1
            continue
        bounds = _bounds(source, start, end, starts)
        if bounds is None:
            break
        cells = _aligned_cells(source, bounds, end)
        first = source[start + starts[0]:start + starts[0] + 1]
        if row is None or first.strip() and not first.islower():
            row = cells
            rows.append(row)
        else:  # a wrapped line: its pieces go on with the row's cells
            for k, pieces in enumerate(cells):
                while len(row) <= k:
                    row.append([])
                row[k] += pieces
        j += 1
        taken = j
    return (taken - i, rows) if len(rows) > 1 else None


def _bounds(source: str, start: int, end: int, starts: list[int]) -> list[int] | None:
    """Where the line's cells begin (source offsets), one per column, or None when the line does not
    belong to the table: less indented than the first column, or a word across a column's start
    (one written a character or two off its column, as hand-aligned tables have, is let through)."""
    line = source[start:end]
    if len(line) - len(line.lstrip()) < starts[0]:
        return None
    out = [start + starts[0]]
    for k in starts[1:]:
        if k >= len(line) or line[k - 1] == " ":
            out.append(start + min(k, len(line)))
            continue
        near = [j for j in range(k - 2, k + 3) if 0 < j < len(line) and line[j - 1] == " " and line[j] != " "]
        if not near:
            return None
        out.append(start + min(near, key=lambda j: abs(j - k)))
    return out


def _aligned_cells(source: str, bounds: list[int], end: int) -> list[Cell]:
    row: list[Cell] = []
    edges = bounds + [end]
    for k in range(len(bounds)):
        _put(row, k, source, min(edges[k], end), min(edges[k + 1], end))
    return row


def _put(row: list[Cell], k: int, source: str, a: int, z: int) -> None:
    """Add the stripped range [a, z) to cell `k` of the row (nothing when it is blank)."""
    while a < z and source[a] in " \t":
        a += 1
    while z > a and source[z - 1] in " \t":
        z -= 1
    while len(row) <= k:
        row.append([])
    if a < z:
        row[k].append((a, z))


__all__ = ["Cell", "Line", "table_at"]
