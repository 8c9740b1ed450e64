"""Plain text: paragraphs are separated by blank lines.

A file without any blank line has one paragraph per line, because text exports of web pages
look like that. A line that starts with `#` and a space is a heading (`##` is level 2).
Line breaks inside a paragraph become spaces in the prose (same length, so the map stays exact).

A table drawn with pipes is read cell by cell, as the Markdown and HTML plugins read theirs
(scope "table", the column as the level): a grid with "+----+" borders, whose rows may wrap over
several lines, or one row per line ("| a | b |", a "|---|" rule under the header). Read line by
line, its columns would interleave into sentences that no one wrote.
"""
from __future__ import annotations

import re  # not `regex`: these patterns need none of it, and every start imports this plugin

from exolint.document import Document, DocumentBuilder
from exolint.hookspecs import hookimpl
from exolint.segments import MAX_COLUMN

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING = re.compile(r"(#{1,6})[ \t]+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
#: a table's rule line ("+------+----+", "|---|:--:|") and a row line ("| cell | cell |")
_RULE_LINE = re.compile(r"[ \t]*[+|][-=:+| ]*[-=]{3}[-=:+| ]*$")
_ROW_LINE = re.compile(r"[ \t]*\|.*\|[ \t]*$")
_CELL = re.compile(r"[^|]+")


def _lines(source: str):
    """(start, end_without_newline, newline_length) for every line."""
    for m in _LINE.finditer(source):
        if m.start() == len(source) and m.end() == m.start():
            break
        line = m.group()
        body = line.rstrip("\r\n")
        yield m.start(), m.start() + len(body), len(line) - len(body)


def _table_at(source: str, lines: list[tuple[int, int, int]], i: int) -> int:
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


def _add_table(b: DocumentBuilder, source: str, lines: list[tuple[int, int, int]]) -> None:
    """A pipe table's cells, row by row: a grid (rule lines first and last) joins the lines between
    two rules into one row, a cell's wrapped lines with a space; otherwise each line is a row."""
    grid = (_RULE_LINE.match(source, lines[0][0], lines[0][1]) is not None
            and _RULE_LINE.match(source, lines[-1][0], lines[-1][1]) is not None)
    rows: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end, _ in lines:
        if _RULE_LINE.match(source, start, end):
            if current:
                rows.append(current)
                current = []
            continue
        current.append((start, end))
        if not grid:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    for row in rows:
        columns: list[list[tuple[int, int]]] = []
        for start, end in row:
            first = source.index("|", start, end) + 1
            last = source.rindex("|", start, end)
            for k, m in enumerate(_CELL.finditer(source, first, last)):
                text = m.group()
                a = m.start() + len(text) - len(text.lstrip())
                z = m.end() - (len(text) - len(text.rstrip()))
                while len(columns) <= k:
                    columns.append([])
                if a < z:
                    columns[k].append((a, z))
        for k, pieces in enumerate(columns):
            if not pieces:
                continue
            b.open_block("table", min(k, MAX_COLUMN))
            for n, (a, z) in enumerate(pieces):
                if n:
                    b.add_break(" ", pieces[n - 1][1])
                b.add(a, z)


def parse(source: str, path: str, options: dict | None = None) -> Document:
    b = DocumentBuilder(path, source, "text")
    one_per_line = not _BLANK_LINE.search(source)
    para_open = False
    prev_end = 0
    lines = list(_lines(source))
    skip_to = 0
    for i, (start, end, _nl) in enumerate(lines):
        if i < skip_to:
            continue
        if (para_open is False or one_per_line) and ("|" in source[start:end]
                                                     or source[start:end].lstrip().startswith("+")):
            n = _table_at(source, lines, i)
            if n:
                _add_table(b, source, lines[i:i + n])
                skip_to = i + n
                para_open = False
                continue
        line = source[start:end]
        stripped = line.strip()
        if not stripped:
            para_open = False
            continue
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + len(line.rstrip())
        h = _HEADING.match(source, s, e)
        if h:
            b.open_block("heading", len(h.group(1)))
            b.add(h.end(), e)
            para_open = False
            prev_end = e
            continue
        if para_open and not one_per_line:
            b.add(prev_end, s, " ")  # the line break (and indentation) reads as one space
            b.add(s, e)
        else:
            b.open_block("paragraph")
            b.add(s, e)
            para_open = True
        prev_end = e
    return b.build()


@hookimpl
def register_formats(register) -> None:
    register("text", parse, extensions=(".txt", ".text"), description="plain text")
