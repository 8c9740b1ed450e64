"""The human-readable strings of a JSON-LD block, with the source range of every character.

Search engines show `description`, `name`, `headline`, `text` and `reviewBody` from JSON-LD as
snippets and rich results, so they are prose a health-claims linter has to see. `json.loads`
decides whether the block is valid at all; a small tokenizer of our own then walks it again,
because `json` reports values but not where they are.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # there, though typeshed leaves it out

from .html_text import Piece

#: Keys whose string values (directly, or in an array under the key) are prose.
KEYS = frozenset({"description", "text", "name", "headline", "reviewBody"})

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(
    r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null|NaN|-?Infinity"
)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
# FAQ and HowTo plugins put HTML inside JSON-LD strings; the markup is not prose.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->", re.S)
_BREAK_TAGS = frozenset(
    "br p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article hr dd dt".split()
)


def jsonld_strings(body: str, base: int) -> list[list[Piece]]:
    """Pieces of each prose string in `body` (found at source offset `base`); [] if malformed."""
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return []
    out = []
    for a, b in _value_strings(body):
        pieces = _strip_tags(_string_pieces(body, a, b, base))
        if pieces:
            out.append(pieces)
    return out


def _value_strings(body: str):
    """(start, end) of the raw content of every string value under one of `KEYS`."""
    stack: list[list] = []  # per open container: [is_object, current key, expecting a key]
    i, n = 0, len(body)
    ws = _WS.match
    while True:
        i = ws(body, i).end()  # type: ignore[union-attr]  # `*`: always matches
        if i >= n:
            return
        c = body[i]
        if c == '"':
            value, end = scanstring(body, i + 1, True)
            if stack:
                top = stack[-1]
                if top[0] and top[2]:
                    top[1], top[2] = value, False
                elif top[1] in KEYS:
                    yield i + 1, end - 1
            i = end
        elif c == "{":
            stack.append([True, None, True])
            i += 1
        elif c == "[":
            stack.append([False, stack[-1][1] if stack else None, False])
            i += 1
        elif c == "}" or c == "]":
            stack.pop()
            i += 1
        elif c == ",":
            if stack[-1][0]:
                stack[-1][2] = True
            i += 1
        elif c == ":":
            i += 1
        else:
            m = _SCALAR.match(body, i)
            if m is None:
                return
            i = m.end()


def _string_pieces(body: str, a: int, b: int, base: int) -> list[tuple[int, int, str]]:
    """Decoded pieces of the JSON string content body[a:b]: verbatim runs and single escapes."""
    out: list[tuple[int, int, str]] = []
    pos = a
    while pos < b:
        j = body.find("\\", pos, b)
        if j < 0:
            j = b
        if j > pos:
            out.append((base + pos, base + j, body[pos:j]))
        if j >= b:
            break
        c = body[j + 1]
        if c == "u":
            cp, k = int(body[j + 2:j + 6], 16), j + 6
            if 0xD800 <= cp <= 0xDBFF and body.startswith("\\u", k):
                lo = int(body[k + 2:k + 6], 16)
                if 0xDC00 <= lo <= 0xDFFF:
                    cp, k = 0x10000 + ((cp - 0xD800) << 10 | (lo - 0xDC00)), k + 6
            ch = "\ufffd" if 0xD800 <= cp <= 0xDFFF else chr(cp)  # a lone surrogate is unprintable
        else:
            ch, k = _ESCAPES[c], j + 2
        out.append((base + j, base + k, ch))
        pos = k
    return out


def _strip_tags(pieces: list[tuple[int, int, str]]) -> list[Piece]:
    """Drop HTML tags from the decoded string; block tags and `<br>` become collapsible space."""
    decoded = "".join(t for _, _, t in pieces)
    cuts = []
    if "<" in decoded:
        for m in _TAG.finditer(decoded):
            name = m.group(2)
            cuts.append((m.start(), m.end(), bool(name) and name.lower() in _BREAK_TAGS))
    out: list[Piece] = []
    d = ci = 0
    for s, e, t in pieces:
        d0 = d
        d1 = d = d0 + len(t)
        ident = e - s == len(t)
        x = d0
        while x < d1:
            while ci < len(cuts) and cuts[ci][1] <= x:
                ci += 1
            if ci < len(cuts) and cuts[ci][0] <= x:
                y = min(cuts[ci][1], d1)
                if cuts[ci][2]:
                    out.append((s + x - d0, s + y - d0, " ") if ident else (s, e, " "))
            else:
                y = min(d1, cuts[ci][0]) if ci < len(cuts) else d1
                out.append((s + x - d0, s + y - d0, None) if ident else (s, e, t))
            x = y
    return out
