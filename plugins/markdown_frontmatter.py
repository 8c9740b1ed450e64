"""YAML front matter of a Markdown file: where it ends, what it says, and where its prose values sit.

pulldown-cmark's own metadata option is not used: it takes any `---` / `---` pair as metadata,
even in the middle of a page, and the prose between would be lost. Only a block at the very top
is front matter here. A value becomes prose only when the text found in the source decodes to
exactly what YAML parsed; a value that cannot be mapped exactly is skipped, never mapped wrongly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


# One piece of a prose value: (source_start, source_end, text or None when verbatim).
Piece = tuple[int, int, str | None]

_OPEN = re.compile(r"\ufeff?---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_KEY = re.compile(r"(?<=[\r\n])([A-Za-z_][\w.-]*)[ \t]*:[ \t]+([^\r\n]*)")
_DQ = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*(?:#.*)?\Z')
_SQ = re.compile(r"'((?:[^']|'')*)'[ \t]*(?:#.*)?\Z")
_DQ_PIECE = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|[^\\]+')
_SQ_PIECE = re.compile(r"''|[^']+")
_PLAIN_COMMENT = re.compile(r"[ \t]+#")
_DQ_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}


@dataclass
class FrontMatter:
    end: int  # code-point offset just past the closing line
    data: dict | None  # None when the YAML is malformed
    values: list[tuple[str, list[Piece]]] = field(default_factory=list)


def split_front_matter(source: str, keys: frozenset[str]) -> FrontMatter | None:
    """The front matter at the top of `source`, or None when the page has none.

    A top block whose YAML is not a mapping (e.g. a thematic break above a lone line of prose)
    is left to Markdown; malformed YAML is still front matter, just unreadable.
    """
    m = _OPEN.match(source)
    if not m:
        return None
    body_start = m.end()
    close = _CLOSE.search(source, body_start - 1)
    if not close:
        return None
    body_end = close.start()
    import yaml  # here, not at import: a warm run whose files are all cached never reads YAML

    try:
        # libyaml's loader where PyYAML was built with it: the pure-Python one cost a tenth of the
        # whole Markdown parse on pages with front matter; both build the same safe types
        data = yaml.load(source[body_start:body_end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return FrontMatter(close.end(), None)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None
    fm = FrontMatter(close.end(), data)
    if keys:
        for k in _KEY.finditer(source, body_start - 1, body_end):
            key = k.group(1)
            want = data.get(key)
            if key in keys and isinstance(want, str) and want:
                pieces = _locate(k.group(2), k.start(2), want)
                if pieces:
                    fm.values.append((key, pieces))
    return fm


def _locate(raw: str, at: int, want: str) -> list[Piece] | None:
    """Map one scalar written on a single line; None unless it decodes to exactly `want`."""
    raw = raw.rstrip(" \t")
    pieces: list[Piece] = []
    q = raw[:1]
    if q == '"' and (m := _DQ.match(raw)):
        base = at + 1
        for p in _DQ_PIECE.finditer(m.group(1)):
            s, e = base + p.start(), base + p.end()
            esc = p.group(1)
            if esc is None:
                pieces.append((s, e, None))
            elif len(esc) > 1:
                pieces.append((s, e, chr(int(esc[1:], 16))))
            elif esc in _DQ_ESCAPES:
                pieces.append((s, e, _DQ_ESCAPES[esc]))
            else:
                return None
    elif q == "'" and (m := _SQ.match(raw)):
        base = at + 1
        for p in _SQ_PIECE.finditer(m.group(1)):
            s, e = base + p.start(), base + p.end()
            pieces.append((s, e, "'" if p.group() == "''" else None))
    elif q and q not in "\"'|>[{&*!%@`":
        c = _PLAIN_COMMENT.search(raw)
        value = (raw[: c.start()] if c else raw).rstrip(" \t")
        pieces.append((at, at + len(value), None))
        if value != want:
            return None
        return pieces
    else:
        return None
    got = "".join(raw[s - at:e - at] if t is None else t for s, e, t in pieces)
    return pieces if got == want else None


def mask(source: str, end: int) -> str:
    """`source` with its first `end` code points blanked, keeping every UTF-8 byte offset.

    Blank lines (spaces only) are nothing to Markdown, and each character is replaced by as many
    spaces as it has UTF-8 bytes, so the parser's byte ranges still index the original source.
    """
    head = re.sub(r"[^\r\n]+", lambda m: " " * len(m.group().encode("utf-8", "surrogatepass")),
                  source[:end])
    return head + source[end:]
