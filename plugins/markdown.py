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
"""
from __future__ import annotations

import re
import string
from typing import Callable

import pyromark

from exolint.document import Comment, Document, DocumentBuilder
from exolint.hookspecs import hookimpl

from .markdown_frontmatter import FrontMatter, mask, split_front_matter

_O = pyromark.Options
_PARSER = pyromark.Markdown(options=_O.ENABLE_TABLES | _O.ENABLE_STRIKETHROUGH | _O.ENABLE_FOOTNOTES)
_HTML_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.S)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PUNCT = frozenset(string.punctuation)
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
_CONTAINERS = {"Item": "list", "BlockQuote": "blockquote", "FootnoteDefinition": "paragraph"}
_SKIPPED_BLOCKS = frozenset(("CodeBlock", "HtmlBlock"))
_NOT_PROSE_LINKS = frozenset(("Autolink", "Email"))
DEFAULT_FRONTMATTER_KEYS = ("title", "description")


def parse(source: str, path: str, options: dict | None = None) -> Document:
    """Build the prose and its exact offset map; never raises on odd Markdown."""
    options = options or {}
    b = DocumentBuilder(path, source, "markdown")
    keys = options.get("frontmatter_keys", DEFAULT_FRONTMATTER_KEYS) or ()
    text = source
    fm = split_front_matter(source, frozenset((keys,) if isinstance(keys, str) else keys))
    if fm is not None:
        _emit_front_matter(b, fm)
        text = mask(source, fm.end)
    elif source.startswith("\ufeff"):
        text = "   " + source[1:]  # the BOM's three bytes as blanks: offsets keep, Markdown ignores
    _walk(b, source, text)
    return b.build()


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
        b.new_block()
        b.open_segment("frontmatter")
        for s, e, t in pieces:
            b.add(s, e, t)


def _utf8(source: str, text: str) -> tuple[bytes | None, str]:
    """The UTF-8 the parser's byte offsets index, or None when they are code points already.

    Lone surrogates (from a lenient decode) cannot reach the parser; they become U+FFFD, which
    has the same length in code points and in bytes, so no offset moves.
    """
    if source.isascii():
        return None, text
    try:
        return source.encode("utf-8"), text
    except UnicodeEncodeError:
        return source.encode("utf-8", "surrogatepass"), _SURROGATE.sub("\ufffd", text)


def _chars(raw: bytes, lb: int, lc: int, x: int) -> int:
    """Code-point offset of byte `x`, given that byte `lb` is code point `lc`.

    Events arrive in source order, so walking a cursor from one to the next decodes only the
    bytes in between: one pass over the text in all.
    """
    if x >= lb:
        return lc + len(raw[lb:x].decode("utf-8", "surrogatepass"))
    return lc - len(raw[x:lb].decode("utf-8", "surrogatepass"))


def _walk(b: DocumentBuilder, source: str, text: str) -> None:
    raw, text = _utf8(source, text)
    lb = lc = 0  # cursor: byte lb of the source is code point lc
    add, open_segment, startswith = b.add, b.open_segment, source.startswith
    comments = b.comments
    containers: list[str] = []  # scope of each open list item, blockquote, footnote
    inline: list[str | None] = []  # open link ('link'), image ('alt'), autolink (None)
    in_block = False  # an inline container (paragraph, heading, cell, tight item) is open
    scope, level = "paragraph", 0  # of the open inline container
    skip = 0  # inside code or an HTML block, or an autolink's URL
    last = 0  # byte end of the last leaf event: a backslash after it was consumed as an escape

    for ev, rng in _PARSER.events_with_range(text):
        if ev.__class__ is str:  # SoftBreak, HardBreak, Rule
            last = rng["end"]
            if ev == "Rule" or skip or not in_block:
                continue
            s, e = rng["start"], last
            if raw is not None:  # line endings, and the spaces or backslash before one, are ASCII
                cs = lc if s == lb else _chars(raw, lb, lc, s)
                lb, lc = e, cs + e - s
                s, e = cs, lc
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
            if raw is not None:
                cs = lc if s == lb else _chars(raw, lb, lc, s)
                # verbatim text is as long in bytes as in code points only when it is ASCII
                lc = cs + (len(t) if e - s == len(t) else len(raw[s:e].decode("utf-8", "surrogatepass")))
                lb, s, e = e, cs, lc
            if not in_block:  # a tight list item has no paragraph events
                b.new_block()
                scope, level = (containers[-1] if containers else "paragraph"), 0
                open_segment(scope)
                in_block = True
            # verbatim text (equal lengths) maps one to one; an entity or escape maps to its
            # whole source range. Passing `t` spares the builder a slice of the source.
            if gap and source[s - 1] == "\\" and t[0] in _PUNCT and startswith(t[0], s):
                add(s - 1, s + 1, t[0])  # a backslash escape: the escaped character owns both
                s, t = s + 1, t[1:]
            add(s, e, t)
            continue
        tag = ev.get("Start")
        if tag is not None:
            if tag.__class__ is str:
                if tag == "Paragraph" or tag == "TableCell":
                    b.new_block()
                    scope = "table" if tag == "TableCell" else (containers[-1] if containers else "paragraph")
                    level = 0
                    open_segment(scope)
                    in_block = True
                elif tag == "HtmlBlock":
                    skip += 1
                    in_block = False
                    s, e = rng["start"], rng["end"]
                    if raw is not None:
                        cs = _chars(raw, lb, lc, s)
                        lb, lc = e, _chars(raw, s, cs, e)
                        s, e = cs, lc
                    for m in _HTML_COMMENT.finditer(source, s, e):
                        comments.append(Comment(m.group(), m.start(), m.end()))
                elif tag == "Item":
                    containers.append(_CONTAINERS[tag])
                    in_block = False
                elif tag not in ("Emphasis", "Strong", "Strikethrough"):
                    in_block = False  # TableHead, TableRow: no prose of their own
                continue
            kind, data = next(iter(tag.items()))
            if kind == "Link" or kind == "Image":
                if kind == "Link" and data["link_type"] in _NOT_PROSE_LINKS:
                    inline.append(None)
                    skip += 1
                    continue
                if not in_block:
                    b.new_block()
                    scope, level = (containers[-1] if containers else "paragraph"), 0
                    in_block = True
                inline.append("link" if kind == "Link" else "alt")
                open_segment(inline[-1])
            elif kind == "Heading":
                b.new_block()
                scope, level = "heading", _LEVELS[data["level"]]
                open_segment(scope, level)
                in_block = True
            elif kind in _CONTAINERS:
                containers.append(_CONTAINERS[kind])
                in_block = False
            else:
                if kind in _SKIPPED_BLOCKS:
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
            s, e = rng["start"], rng["end"]
            if raw is not None:
                cs = _chars(raw, lb, lc, s)
                lb, lc = e, _chars(raw, s, cs, e)
                s, e = cs, lc
            comments.append(Comment(source[s:e], s, e))


@hookimpl
def register_formats(register: Callable[..., None]) -> None:
    register(
        "markdown", parse, extensions=(".md", ".markdown", ".mdown", ".mkd"),
        description="Markdown (CommonMark + GFM tables): headings, paragraphs, lists, tables, "
                    "link text, alt text and front matter values; code and raw HTML skipped",
    )
