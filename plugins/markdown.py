"""Markdown (CommonMark with GFM tables, strikethrough and footnotes), parsed by pyromark.

pulldown-cmark gives every event, text included, its byte range in the source, so the offset map
is read off the parser instead of being re-aligned by searching: verbatim text maps one to one,
and an entity or backslash escape maps its decoded character(s) to the whole source sequence.

Policy:
- Code (fenced, indented, inline) is not prose; neither are URLs, link titles, the URL shown
  by an autolink (`<https://...>`, `<a@b.c>`) or footnote reference marks.
- Raw HTML in Markdown is not linted as prose: HTML blocks are skipped whole and inline tags
  are dropped (Markdown text between inline tags still is prose). HTML comments are the exception:
  every `<!-- ... -->`, block or inline, goes to `Document.comments` with its source range and
  its text exactly as written, because suppression comments are read from there.
- Line breaks inside a block become one space, so a phrase wrapped across lines still matches.
- YAML front matter at the top is not prose, except the values of `frontmatter_keys`
  (see `markdown_frontmatter`).
- A page over a megabyte is parsed in pieces cut where CommonMark starts afresh, so memory stays
  bounded; the Document is exactly that of a whole-page parse (see `markdown_pieces`).
"""
from __future__ import annotations

import re
import string
from typing import Any, Callable

import pyromark

from exolint.document import Comment, Document, DocumentBuilder
from exolint.hookspecs import hookimpl
from exolint.segments import MAX_COLUMN

from .markdown_frontmatter import FrontMatter, mask, split_front_matter
from .markdown_offsets import Utf8Offsets, cursor, point, span, utf8
from .markdown_pieces import PIECE, Pieces, splittable

_O = pyromark.Options
_PARSER = pyromark.Markdown(options=_O.ENABLE_TABLES | _O.ENABLE_STRIKETHROUGH | _O.ENABLE_FOOTNOTES)
_HTML_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.S)
_PUNCT = frozenset(string.punctuation)
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
_CONTAINERS = {"Item": "list", "BlockQuote": "blockquote", "FootnoteDefinition": "paragraph"}
_SKIPPED_BLOCKS = frozenset(("CodeBlock", "HtmlBlock"))
_NOT_PROSE_LINKS = frozenset(("Autolink", "Email"))
DEFAULT_FRONTMATTER_KEYS = ("title", "description")


def parse(source: str, path: str, options: dict | None = None) -> Document:
    """Build the prose and its exact offset map; never raises on odd Markdown."""
    return _parse(source, path, options or {}, PIECE)


def _parse(source: str, path: str, options: dict, piece: int) -> Document:
    """`parse`, walking the page in pieces of about `piece` code points (see markdown_pieces)."""
    b = DocumentBuilder(path, source, "markdown")
    keys = options.get("frontmatter_keys", DEFAULT_FRONTMATTER_KEYS) or ()
    fm = split_front_matter(source, frozenset((keys,) if isinstance(keys, str) else keys))
    if fm is not None:
        _emit_front_matter(b, fm)
    bom = fm is None and source.startswith("\ufeff")
    if len(source) <= piece or not splittable(source):
        text = _head(source, fm, bom)
        if text is source and len(source) > piece and not source.isascii():
            text = source[:1] + source[1:]  # a copy to carry pyromark's UTF-8 copy, freed after
        _walk(b, source, source, text, 0, None)
        return b.build()
    pieces = Pieces(source, fm.end if fm is not None else 1, piece)
    while (got := pieces.next()) is not None:
        a, c, limit = got
        chunk = source[a:c]
        text = _head(chunk, fm, bom) if a == 0 else chunk
        stop = _walk(b, source, chunk, text, a, limit)
        del chunk, text  # each carries pyromark's UTF-8 copy of itself
        if stop is None:
            pieces.done(c)
        else:
            pieces.retry(stop)
    return b.build()


def _head(text: str, fm: FrontMatter | None, bom: bool) -> str:
    """What the parser reads of the page's first piece `text`: front matter and BOM blanked."""
    if fm is not None:
        return mask(text, fm.end)
    if bom:
        return "   " + text[1:]  # the BOM's three bytes as blanks: offsets keep, Markdown ignores
    return text


def _emit_front_matter(b: DocumentBuilder, fm: FrontMatter) -> None:
    if fm.data is None:
        return
    b.meta["frontmatter"] = fm.data
    for key in ("lang", "language"):
        lang = fm.data.get(key)
        if isinstance(lang, str) and lang.strip():
            b.lang = lang.strip()
            break
    for _key, pieces in fm.values:
        b.open_block("frontmatter")
        for s, e, t in pieces:
            b.add(s, e, t)


def _walk(b: DocumentBuilder, source: str, piece: str, text: str, base: int, limit: int | None) -> int | None:
    """Emit the prose of `piece`, the part of `source` from `base` on, which the parser reads as `text`.

    Returns None when the piece was walked to its end, or the start of the line on which a
    top-level code or HTML block begins that reaches past `limit` (a source offset) and so may
    go on after the piece; nothing of that block or after it was emitted.
    """
    raw, text = utf8(piece, text)
    utf = None if raw is None else Utf8Offsets(raw)
    lb, delta, nxt = cursor(utf, base)  # byte y of the piece is code point y - delta if lb <= y <= nxt
    if limit is not None:  # as a byte offset of the piece: the blank line before the cut is ASCII
        limit = limit - base if raw is None else len(raw) - (base + len(piece) - limit)
    add, open_block, open_segment, startswith = b.add, b.open_block, b.open_segment, source.startswith
    comments = b.comments
    containers: list[str] = []  # scope of each open list item, blockquote, footnote
    inline: list[str | None] = []  # open link ('link'), image ('alt'), autolink (None)
    in_block = False  # an inline container (paragraph, heading, cell, tight item) is open
    scope, level = "paragraph", 0  # of the open inline container
    column = 0  # of the next table cell in its row
    skip = 0  # inside code or an HTML block, or an autolink's URL
    last = 0  # byte end of the last leaf event: a backslash after it was consumed as an escape
    # pyromark types an event as a union of str and one-key TypedDicts; `ev.__class__ is str`, the
    # cheap test this loop makes, does not narrow that union for the type checker, so read it loosely
    ev: Any

    for ev, rng in _PARSER.events_with_range(text):
        if ev.__class__ is str:  # SoftBreak, HardBreak, Rule
            last = rng["end"]
            if ev == "Rule" or skip or not in_block:
                continue
            s, e = rng["start"], last
            if lb <= s and e <= nxt:
                s, e = s - delta, e - delta
            else:
                s, e, lb, delta, nxt = utf.span(lb, delta, nxt, s, e)  # type: ignore[union-attr]  # off the stretch
            if ev == "HardBreak":  # `  \n` or `\\\n`: the break stands at the line ending
                s = e - 2 if startswith("\r\n", e - 2) else e - 1
            b.add_break(" ", s)
            continue
        t = ev.get("Text")
        if t is not None:
            s, e = rng["start"], rng["end"]
            gap, last = s > last, e
            if skip:
                continue
            if lb <= s and e <= nxt:
                s, e = s - delta, e - delta
            else:
                s, e, lb, delta, nxt = utf.span(lb, delta, nxt, s, e)  # type: ignore[union-attr]  # off the stretch
            if not in_block:  # a tight list item has no paragraph events
                scope, level = (containers[-1] if containers else "paragraph"), 0
                open_block(scope)
                in_block = True
            # verbatim text (equal lengths) maps one to one; an entity or escape maps to its
            # whole source range. Passing `t` spares the builder a slice of the source.
            if gap and source[s - 1] == "\\" and t[0] in _PUNCT and startswith(t[0], s):
                add(s - 1, s + 1, t[0])  # a backslash escape: the escaped character owns both
                s, t = s + 1, t[1:]
            if e - s != len(t) and ("\n" in t or "\r" in t):
                t = t.replace("\r", " ").replace("\n", " ")  # `&#10;`: a block's prose has no line break
            add(s, e, t)
            continue
        tag = ev.get("Start")
        if tag is not None:
            if tag.__class__ is str:
                if tag == "Paragraph":
                    scope, level = (containers[-1] if containers else "paragraph"), 0
                    open_block(scope)
                    in_block = True
                elif tag == "TableCell":
                    scope, level = "table", min(column, MAX_COLUMN)  # a cell's level is its column
                    column += 1
                    open_block(scope, level)
                    in_block = True
                elif tag == "HtmlBlock":
                    s, e = rng["start"], rng["end"]
                    if limit is not None and e > limit and not containers:
                        return _line_start(source, base, point(utf, lb, delta, nxt, s))
                    skip += 1
                    in_block = False
                    s, e, lb, delta, nxt = span(utf, lb, delta, nxt, s, e)
                    for m in _HTML_COMMENT.finditer(source, s, e):
                        comments.append(Comment(m.group(), m.start(), m.end()))
                elif tag == "Item":
                    containers.append(_CONTAINERS[tag])
                    in_block = False
                elif tag not in ("Emphasis", "Strong", "Strikethrough"):
                    in_block = False  # TableHead, TableRow: no prose of their own
                    column = 0
                continue
            kind, data = next(iter(tag.items()))
            if kind == "Link" or kind == "Image":
                if kind == "Link" and data["link_type"] in _NOT_PROSE_LINKS:
                    inline.append(None)
                    skip += 1
                    continue
                inner = "link" if kind == "Link" else "alt"
                inline.append(inner)
                if not in_block:
                    scope, level = (containers[-1] if containers else "paragraph"), 0
                    in_block = True
                    open_block(inner)
                else:
                    open_segment(inner)
            elif kind == "Heading":
                scope, level = "heading", _LEVELS[data["level"]]
                open_block(scope, level)
                in_block = True
            elif kind in _CONTAINERS:
                containers.append(_CONTAINERS[kind])
                in_block = False
            else:
                if kind in _SKIPPED_BLOCKS:
                    if limit is not None and rng["end"] > limit and not containers:
                        return _line_start(source, base, point(utf, lb, delta, nxt, rng["start"]))
                    skip += 1
                in_block = False  # List, Table, code
            continue
        tag = ev.get("End")
        if tag is not None:
            if tag == "Link" or tag == "Image":
                if inline.pop() is None:
                    skip -= 1
                    continue
                top = inline[-1] if inline else None
                if top:
                    open_segment(top)
                else:
                    open_segment(scope, level)
            elif tag == "Paragraph" or tag == "TableCell" or tag == "Item" or tag == "FootnoteDefinition":
                b.close_segment()
                in_block = False
                if tag == "Item" or tag == "FootnoteDefinition":
                    containers.pop()
            elif tag.__class__ is dict:
                if "Heading" in tag:
                    b.close_segment()
                    in_block = False
                elif "BlockQuote" in tag:
                    b.close_segment()
                    containers.pop()
                    in_block = False
            elif tag in _SKIPPED_BLOCKS:
                skip -= 1
            continue
        last = rng["end"]  # Code, InlineHtml, Html, FootnoteReference
        t = ev.get("InlineHtml")
        if t is not None and t.startswith("<!--"):
            s, e, lb, delta, nxt = span(utf, lb, delta, nxt, rng["start"], rng["end"])
            comments.append(Comment(source[s:e], s, e))
    return None


def _line_start(source: str, base: int, at: int) -> int:
    """Source offset of the start of the line holding source offset `at` (never before `base`)."""
    return max(source.rfind("\n", base, at), source.rfind("\r", base, at)) + 1 or base


@hookimpl
def register_formats(register: Callable[..., None]) -> None:
    register(
        "markdown", parse, extensions=(".md", ".markdown", ".mdown", ".mkd"),
        description="Markdown (CommonMark + GFM tables): headings, paragraphs, lists, tables, "
                    "link text, alt text and front matter values; code and raw HTML skipped",
    )
