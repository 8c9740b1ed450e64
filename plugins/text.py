"""Plain text: paragraphs are separated by blank lines.

A file without any blank line has one paragraph per line, because text exports of web pages
look like that. A line that starts with `#` and a space is a heading (`##` is level 2).
Line breaks inside a paragraph become spaces in the prose (same length, so the map stays exact).

A table drawn with pipes, or aligned with spaces under a header underlined with dashes, is read
cell by cell, as the Markdown and HTML plugins read theirs (`text_tables`).
"""
from __future__ import annotations

import re  # not `regex`: these patterns need none of it, and every start imports this plugin

from exolint.document import Document, DocumentBuilder
from exolint.hookspecs import hookimpl
from exolint.segments import MAX_COLUMN

from .text_tables import Cell, table_at

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING = re.compile(r"(#{1,6})[ \t]+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def _lines(source: str):
    """(start, end_without_newline, newline_length) for every line."""
    for m in _LINE.finditer(source):
        if m.start() == len(source) and m.end() == m.start():
            break
        line = m.group()
        body = line.rstrip("\r\n")
        yield m.start(), m.start() + len(body), len(line) - len(body)


def _add_rows(b: DocumentBuilder, rows: list[list[Cell]]) -> None:
    """Each cell a block of scope "table" with its column as the level; a cell's pieces from
    several lines joined by a space."""
    for row in rows:
        for k, pieces in enumerate(row):
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
        if para_open is False or one_per_line:
            table = table_at(source, lines, i)
            if table is not None:
                _add_rows(b, table[1])
                skip_to = i + table[0]
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
