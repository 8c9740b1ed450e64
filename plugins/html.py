"""The HTML format: the prose a reader (or a search engine) sees, and where each character came from.

Built on the stdlib `html.parser` so it needs nothing installed and never fails on broken markup.
The parser only finds the markup; the text between tags is re-read from the source by
`html_text.ProseEmitter`, so offsets are exact code points whatever the entities or line endings
(HTMLParser counts only "\\n" in `getpos()`, so a file with bare CR line endings would be one line
to it; the raw offsets used here do not care).

`convert_charrefs=True` on purpose: with `False`, CPython 3.11 turns everything after the second
malformed `&#` reference (as in `&#x;`) into text, tags included. The data it hands us is ignored
anyway: entities are decoded from the source, with `html.unescape` semantics.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from exolint.document import Comment, Document, DocumentBuilder
from exolint.hookspecs import hookimpl
from exolint.segments import MAX_COLUMN

from .html_attrs import attr_spans
from .html_elements import (AUTO_CLOSE, BLOCKS, CLOSES_P, HEAD_TAGS, HEADINGS, META_NAMES, P, P_STOP, SCOPES,
                            SKIP, TRACKED)
from .html_jsonld import jsonld_strings
from .html_text import ProseEmitter

_COMMENT_END = re.compile(r"--\s*>")
_NO_ELEMENT = ("", "paragraph", 0, False)  # what the stack's top says of text outside any element


class _Walker(HTMLParser):
    """Tracks the open elements that matter (blocks, links, skipped content) and emits prose."""

    def __init__(self, builder: DocumentBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.src = builder.source
        self.em = ProseEmitter(builder)
        self.stack: list[tuple[str, str, int, bool]] = []  # (tag, scope, level, skipped)
        self.open: dict[str, int] = {}  # how many of each tag are on the stack: no deep searches
        self.columns: list[int] = [0]  # the next cell's column in each open row (a table may hold a table)
        self.skip = 0
        self.in_head = False
        self.body_started = False  # a <head> after this is ignored, as browsers do
        self.hidden = False
        self.dead = False  # an unclosed comment swallowed the rest of the file
        self.pos = 0  # source offset of the item being reported
        self.base = 0  # source offset of the parser's `rawdata[0]`
        self.tstart = -1  # start of the text run not yet emitted
        self.jsonld = -1  # start of an open JSON-LD script's body
        self.quotes = 0  # open <q> elements: a browser shows their quotation marks

    def run(self) -> None:
        self.feed(self.src)
        self.base = len(self.src) - len(self.rawdata)
        self.close()
        self.flush()
        if self.jsonld >= 0:  # unclosed: the rest of the file is the script
            self._emit_jsonld(self.jsonld, len(self.src))
        self.em.finish()

    def updatepos(self, i: int, j: int) -> int:  # noqa: D102 - the parser reports raw offsets here
        self.pos = self.base + j
        return j

    # -- state -----------------------------------------------------------------------------
    def flush(self) -> None:
        a = self.tstart
        if a < 0:
            return
        self.tstart = -1
        if self.dead:
            return
        if self.hidden:
            if self.skip or not self.in_head or not self.src[a:self.pos].strip(" \t\n\r\f"):
                return
            self.in_head = False  # visible text in <head> means the body has begun
            self._refresh()
        self.em.text(a, self.pos)

    def _refresh(self) -> None:
        top = self.stack[-1] if self.stack else _NO_ELEMENT
        self._scope_is(top[1], top[2])

    def _scope_is(self, scope: str, level: int) -> None:
        """Text now has this scope, that of the innermost open element (`_refresh` reads it off the stack)."""
        self.em.set_scope(scope, level)
        self.hidden = self.skip > 0 or (self.in_head and scope != "title")

    def _push(self, tag: str) -> None:
        stack = self.stack
        got = SCOPES.get(tag)
        if got is not None:
            scope, level = got
        elif stack:
            top = stack[-1]
            scope, level = top[1], top[2]
        else:
            scope, level = "paragraph", 0
        if tag == "td" or tag == "th":
            level = min(self.columns[-1], MAX_COLUMN)  # a cell's level is its column
            self.columns[-1] += 1
        elif tag == "tr":
            self.columns.append(0)
        skipped = tag in SKIP
        stack.append((tag, scope, level, skipped))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skip += skipped
        if tag in BLOCKS:
            self.em.boundary()
        elif tag == "a":
            self.em.new_segment()
        self._scope_is(scope, level)

    def _pop_to(self, idx: int) -> None:
        stack, open_, em = self.stack, self.open, self.em
        for tag, _, _, skipped in stack[idx:]:
            open_[tag] -= 1
            self.skip -= skipped
            if tag == "tr" and len(self.columns) > 1:
                self.columns.pop()
            if tag in BLOCKS:
                em.boundary()
        del stack[idx:]
        self._refresh()

    def _close_open(self, names: frozenset[str], stops: frozenset[str]) -> None:
        if not any(map(self.open.get, names)):  # no generator: this runs for most start tags
            return
        stack = self.stack
        for idx in range(len(stack) - 1, -1, -1):
            tag = stack[idx][0]
            if tag in names:
                self._pop_to(idx)
                return
            if tag in stops:
                return

    # -- parser callbacks ------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.src.startswith("<", self.pos) and not self.cdata_elem and self._markup_left():
            # Markup HTMLParser could not finish (an unclosed tag or comment): not prose.
            self.flush()
            if self.dead:
                return
            if self.src.startswith("<!--", self.pos):
                self.dead = True  # a browser treats the rest of the file as the comment
                self.builder.comments.append(Comment(self.src[self.pos + 4:], self.pos, len(self.src)))
            elif len(data) == 1:
                self.dead = True  # a browser drops a tag cut off by the end of the file
            return
        if self.tstart < 0:
            self.tstart = self.pos

    def _markup_left(self) -> bool:
        """Data that is really markup HTMLParser could not finish; text never starts with "<x"."""
        nxt = self.src[self.pos + 1:self.pos + 2]
        return nxt.isascii() and (nxt.isalpha() or nxt in ("/", "!", "?"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        if self.dead:
            return
        if tag not in HEAD_TAGS:
            self.body_started = True
            if self.in_head:
                self.in_head = False
                self._refresh()
        if tag in TRACKED:
            if tag == "html" and self.builder.lang is None:
                self._lang(attrs)
            if tag in AUTO_CLOSE:
                self._close_open(*AUTO_CLOSE[tag])
            if tag in CLOSES_P:
                if tag in HEADINGS and self.stack and self.stack[-1][0] in HEADINGS:
                    self._pop_to(len(self.stack) - 1)  # <h2> right inside an open <h1> closes it
                self._close_open(P, P_STOP)
            self._push(tag)
            if tag == "script" and self.skip == 1:
                kind = next((v for k, v in attrs if k == "type"), None)
                if kind and kind.strip().lower() == "application/ld+json":
                    self.jsonld = self.pos + len(self.get_starttag_text() or "")
        elif self.skip:
            return
        elif tag == "q":
            # shown as “...” (‘...’ inside another), so the prose holds the marks a reader sees
            end = self.pos + len(self.get_starttag_text() or "<q>")
            if not self.hidden:
                self.em.put(self.pos, end, "“" if self.quotes % 2 == 0 else "‘")
            self.quotes += 1
        elif tag == "br":
            self.em.space(self.pos, self.pos + len(self.get_starttag_text() or "<br>"))
        elif tag == "img" or tag == "area":
            if any(k == "alt" and v for k, v in attrs):
                self._side("alt", "alt")
        elif tag == "meta":
            names = {(v or "").strip().lower() for k, v in attrs if k in ("name", "property")}
            if names & META_NAMES:
                self._side("meta", "content")
        elif tag == "head" and not self.body_started:
            self.in_head = True
            self._refresh()

    def _lang(self, attrs: list[tuple[str, str | None]]) -> None:
        lang = next((v for k, v in attrs if k in ("lang", "xml:lang") and v and v.strip()), None)
        if lang:
            self.builder.lang = lang.strip()

    def _side(self, scope: str, attr: str) -> None:
        span = attr_spans(self.get_starttag_text() or "", self.pos).get(attr)
        if span and span[1] > span[0]:
            self.em.add_side(scope, [(span[0], span[1], None)])

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if self.dead:
            return
        if tag == "head":
            self.in_head = False
            self._refresh()
            return
        if tag == "br":  # a browser reads </br> as <br>
            if not self.skip:
                self.em.space(self.pos, self.src.find(">", self.pos) + 1)
            return
        if tag == "q":
            if self.quotes and not self.skip:
                self.quotes -= 1
                if not self.hidden:
                    self.em.put(self.pos, self.src.find(">", self.pos) + 1, "”" if self.quotes % 2 == 0 else "’")
            return
        if not self.open.get(tag):
            if tag == "p":  # a stray </p> is an empty paragraph to a browser
                self.em.boundary()
            return
        stack = self.stack
        for idx in range(len(stack) - 1, -1, -1):
            if stack[idx][0] == tag:
                if tag == "script" and self.jsonld >= 0:
                    self._emit_jsonld(self.jsonld, self.pos)
                self._pop_to(idx)
                return

    def _emit_jsonld(self, a: int, b: int) -> None:
        self.jsonld = -1
        for pieces in jsonld_strings(self.src[a:b], a):
            self.em.add_side("jsonld", pieces)

    def handle_comment(self, data: str) -> None:
        self.flush()
        if self.dead:
            return
        start = self.pos
        m = _COMMENT_END.match(self.src, start + 4 + len(data))
        if self.src.startswith("<!--", start) and m:
            end = m.end()
        else:  # a bogus comment such as <!x> or </ x>
            end = start + 2 + len(data) + 1
        self.builder.comments.append(Comment(data, start, end))

    def handle_decl(self, decl: str) -> None:
        self.flush()

    def handle_pi(self, data: str) -> None:
        self.flush()

    def unknown_decl(self, data: str) -> None:
        self.flush()

    def parse_html_declaration(self, i: int) -> int:  # noqa: D102
        # Some Pythons assert on a marked section they do not know ("<![0"); browsers read any
        # "<![" that is not CDATA as a bogus comment up to the next ">", and so do we.
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            j = self.rawdata.find(">", i + 3)
            if j < 0:
                j = len(self.rawdata) - 1
            self.flush()
            return j + 1


def parse(source: str, path: str, options: dict) -> Document:
    """Build the prose of an HTML page; never raises on malformed markup."""
    builder = DocumentBuilder(path, source, "html")
    _Walker(builder).run()
    return builder.build()


@hookimpl
def register_formats(register) -> None:
    register(
        "html", parse, extensions=(".html", ".htm", ".xhtml"),
        description="HTML pages: visible text, <title>, meta and og:description, alt text, JSON-LD",
    )
