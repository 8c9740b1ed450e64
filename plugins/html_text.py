"""Turns raw HTML text into prose the way a browser shows it, keeping every offset exact.

Whitespace collapsing and entity decoding live here, in one place, so the tag walker in `html.py`
never reasons about either, and the offset map stays exact whatever markup surrounds the text.
Text is always re-read from the source, never taken from the parser's (already unescaped) data:
that is what keeps each decoded character tied to the entity that produced it.
"""
from __future__ import annotations

import re
from html import unescape
from html.entities import html5

from exolint.document import DocumentBuilder

#: ASCII whitespace as HTML defines it; a browser collapses runs of these (not U+00A0) to one space.
ASCII_WS = " \t\n\r\f"

# Whitespace that cannot stay verbatim in the prose: any run of two or more, or one that is not " ".
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_ALL_WS = re.compile(r"[ \t\n\r\f]*").match
# Where a match of _COLLAPSE may begin: before the first of these, text has only single spaces.
_COLLAPSIBLE = ("\n", "  ", "\t", "\r", "\f")
# The character-reference grammar of `html.unescape` (CPython's `html._charref`), reproduced so
# that the decoded text is exactly what `html.unescape` gives while the source range stays known.
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")

#: A piece of side-block text: `(start, end, text)`; `text=None` means the raw source range.
Piece = tuple[int, int, "str | None"]


def decode_entity(name: str) -> tuple[int, str] | None:
    """Decode the reference `&name` as `html.unescape` would.

    Returns the number of source characters the reference really uses (a legacy name without `;`
    may use only a prefix, as in `&eacutex`) and the decoded text, or None if it stays literal.
    """
    if name[0] == "#":
        return 1 + len(name), unescape("&" + name)
    if name in html5:
        return 1 + len(name), html5[name]
    for x in range(len(name) - 1, 1, -1):  # longest legacy prefix, as the standard says
        if name[:x] in html5:
            return 1 + x, html5[name[:x]]
    return None


class ProseEmitter:
    """Feeds a `DocumentBuilder`, opening blocks and segments lazily and collapsing whitespace.

    Blocks open only when their first visible character arrives, so empty elements leave no trace.
    A collapsed space waits in `pending` until a word follows in the same block; that is how
    leading and trailing whitespace of a block disappear without any look-ahead.
    Side blocks (alt text, meta descriptions, JSON-LD strings) met in the middle of a block are
    queued and emitted after it, so the surrounding paragraph stays one block.
    """

    __slots__ = ("b", "src", "scope", "level", "key", "cur", "need_block", "has_text", "pending",
                 "side")

    def __init__(self, builder: DocumentBuilder) -> None:
        self.b = builder
        self.src = builder.source
        self.scope = "paragraph"
        self.level = 0
        self.key: tuple[str, int] = ("paragraph", 0)
        self.cur: tuple[str, int] | None = None  # scope of the builder's open segment
        self.need_block = True
        self.has_text = False
        self.pending: tuple[int, int] | None = None
        self.side: list[tuple[str, list[Piece]]] = []

    def set_scope(self, scope: str, level: int = 0) -> None:
        if scope != self.scope or level != self.level:
            self.scope, self.level, self.key = scope, level, (scope, level)

    def new_segment(self) -> None:
        """The next prose opens a segment of its own even if its scope is unchanged (a new link)."""
        self.cur = None

    def boundary(self) -> None:
        """A block element starts or ends here."""
        self.need_block = True
        self.pending = None
        if self.side:
            self._flush_side()

    # -- text ------------------------------------------------------------------------------
    def text(self, a: int, b: int, entities: bool = True) -> None:
        """The raw source text `source[a:b]`, shown as a browser would."""
        src = self.src
        # `_ALL_WS` always matches (its pattern is `[...]*`), which the type checker cannot tell
        if (self.need_block or not self.has_text) and _ALL_WS(src, a, b).end() == b:  # type: ignore[union-attr]
            return  # indentation between tags: the commonest text run of all
        # Most text holds nothing to collapse: a few `find`s (memchr) tell so at a fraction of
        # the cost of the regex scan, which starts only where whitespace to collapse may begin.
        first = b
        for ws in _COLLAPSIBLE:
            i = src.find(ws, a, first)
            if i >= 0:
                first = i
        if first == b:
            if a < b:
                self._words(a, b, entities)
            return
        if first > a and src[first - 1] == " ":
            first -= 1  # " \n": a space just before the first find begins the run
        pos = a
        for m in _COLLAPSE.finditer(src, first, b):
            s, e = m.span()
            if s > pos:
                self._words(pos, s, entities)
            self.space(s, e)
            pos = e
        if pos < b:
            self._words(pos, b, entities)

    def _words(self, p: int, q: int, entities: bool) -> None:
        # source[p:q] holds no whitespace but single spaces; only its ends may need collapsing
        src = self.src
        if src[p] == " ":
            self.space(p, p + 1)
            p += 1
            if p == q:
                return
        trail = src[q - 1] == " "
        if trail:
            q -= 1
        if not entities or src.find("&", p, q) < 0:
            self.put(p, q)
        else:
            self._entities(p, q)
        if trail:
            self.space(q, q + 1)

    def _entities(self, p: int, q: int) -> None:
        pos = p
        for m in _ENTITY.finditer(self.src, p, q):
            got = decode_entity(m.group(1))
            if got is None:
                continue
            s = m.start()
            n, decoded = got
            if not decoded:
                # a reference that shows nothing (`&#x1;`): the text on either side meets, so a
                # space next to it is collapsible like any other (none is left at a block's end)
                if s > pos:
                    self._words(pos, s, False)
                if s + n < q:
                    self._words(s + n, q, True)
                return
            if not decoded.strip(ASCII_WS):
                # `&#9;`, `&#10;`, `&Tab;`: whitespace like any other to a browser, collapsed with the
                # spaces around it; kept as it is, a newline would split the block's prose
                a, e = s, s + n
                while a > pos and self.src[a - 1] == " ":
                    a -= 1
                while e < q and self.src[e] == " ":
                    e += 1
                if a > pos:
                    self.put(pos, a)
                self.space(a, e)
                pos = e
                continue
            if s > pos:
                self.put(pos, s)
            self.put(s, s + n, decoded)
            pos = s + n
        if pos < q:
            self.put(pos, q)

    def space(self, s: int, e: int) -> None:
        """Collapsible whitespace (or a `<br>`) at `source[s:e]`."""
        if self.need_block or not self.has_text:
            return  # leading whitespace of a block
        pend = self.pending
        if pend is None:
            self.pending = (s, e)
        elif pend[1] == s:
            self.pending = (pend[0], e)

    def put(self, p: int, q: int, text: str | None = None) -> None:
        """Visible prose that `source[p:q]` produced (the source itself when `text` is None)."""
        if text == "":
            return
        b = self.b
        if self.need_block:
            b.open_block(self.scope, self.level)
            self.need_block = False
            self.has_text = False
            self.pending = None
            self.cur = self.key
        elif self.cur != self.key:
            if self.pending is not None:
                # The space between two segments belongs to neither of them.
                b.close_segment()
                b.add_break(" ", self.pending[0])
                self.pending = None
            b.open_segment(self.scope, self.level)
            self.cur = self.key
        elif self.pending is not None:
            s, e = self.pending
            b.add(s, e, " ")
            self.pending = None
        b.add(p, q, text)
        self.has_text = True

    # -- side blocks -----------------------------------------------------------------------
    def add_side(self, scope: str, pieces: list[Piece]) -> None:
        """A block of its own (alt, meta, jsonld) met at this point of the source."""
        self.side.append((scope, pieces))
        if self.need_block:
            self._flush_side()

    def _flush_side(self) -> None:
        items, self.side = self.side, []
        scope, level = self.scope, self.level
        for side_scope, pieces in items:
            self.need_block = True
            self.pending = None
            self.set_scope(side_scope)
            for s, e, t in pieces:
                if t is None:
                    self.text(s, e, entities=side_scope != "jsonld")
                elif len(t) == 1 and t in ASCII_WS:
                    self.space(s, e)
                else:
                    self.put(s, e, t)
        self.set_scope(scope, level)
        self.need_block = True
        self.pending = None

    def finish(self) -> None:
        self.boundary()
