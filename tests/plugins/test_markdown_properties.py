"""Properties of the Markdown plugin's offset map, on generated Markdown.

Whatever the markup, every prose character must slice back to the source that produced it:
itself, or the entity, escape or (for a break) whitespace that decodes to it.
"""
from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolint.document import SCOPES, Document
from exolint.plugins.markdown import parse
from exolint.segments import MAX_COLUMN

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- a Markdown generator ----------------------------------------------------------------------------

# any printable character, astral ones included; no control characters or surrogates
UNI = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
MARKUP = "*_`[]()<>!#&\\|~-=+:;\"' "
word = st.one_of(
    st.text(UNI, min_size=1, max_size=8),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=8),
    st.text(st.sampled_from("abcéüæ日本😀𝐀" + MARKUP), min_size=1, max_size=6),
    st.sampled_from(["Botox", "filler", "crème", "😀", "𝐀𝐁", "日本語", "lèvres", "\u00a0"]),
)
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&copy;", "&nbsp;", "&eacute;", "&NotEqualTilde;",
            "&#169;", "&#x2014;", "&#X1F600;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "&amp"]
entity = st.one_of(st.sampled_from(ENTITIES),
                   st.integers(1, 0x10FFFF).map(lambda n: f"&#{n};" if n % 2 else f"&#x{n:x};"))
escape = st.sampled_from(r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~""").map(lambda c: "\\" + c)


def _inline(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        children.map(lambda w: f"*{w}*"), children.map(lambda w: f"**{w}**"),
        children.map(lambda w: f"~~{w}~~"),
        st.tuples(children, word).map(lambda p: f"[{p[0]}](https://ex.com/{p[1]} \"t {p[1]}\")"),
        children.map(lambda w: f"[{w}][ref]"),
        st.tuples(children, word).map(lambda p: f"![{p[0]}](img/{p[1]}.png)"),
    )


leaf = st.one_of(
    word, word, word, entity, escape,
    word.map(lambda w: f"`{w}`"),
    st.just("<https://clinic.example/a?b=c>"), st.just("<info@clinic.example>"),
    word.map(lambda w: f"<!-- {w} -->"), st.just("<!-- exolint-disable-next-line EXO101 -- r -->"),
    word.map(lambda w: f"<span class=\"x\">{w}</span>"),
    st.sampled_from(["\n", "  \n", "\\\n", " ", "\t"]),
)
inline_piece = st.recursive(leaf, _inline, max_leaves=6)
inline = st.lists(inline_piece, min_size=1, max_size=10).map(lambda xs: " ".join(xs).strip("\n"))
line = inline.map(lambda s: s.replace("\n", " "))  # one line: headings and table cells

block = st.one_of(
    inline, inline,
    st.tuples(st.integers(1, 6), line).map(lambda p: "#" * p[0] + " " + p[1]),
    st.tuples(line, st.sampled_from("=-")).map(lambda p: p[0] + "\n" + p[1] * 3),
    st.lists(st.tuples(st.sampled_from(["- ", "* ", "1. ", "  - ", "    1. "]), line),
             min_size=1, max_size=4).map(lambda xs: "\n".join(m + t for m, t in xs)),
    st.lists(line, min_size=1, max_size=3).map(lambda xs: "\n".join("> " + x for x in xs)),
    st.tuples(st.integers(1, 3), st.lists(line, min_size=1, max_size=6)).map(
        lambda p: "| h | i |\n|---|:-:|\n" + "\n".join(
            "| " + " | ".join(p[1][j:j + 2]).replace("|", "\\|") + " |" for j in range(0, len(p[1]), 2))),
    word.map(lambda w: f"```\n{w} <!-- in code --> &amp;\n```"),
    word.map(lambda w: f"    indented {w}"),
    word.map(lambda w: f"<div>\n{w} &amp; <!-- c -->\n</div>"),
    word.map(lambda w: f"<!-- block\n{w}\n-->"),
    line.map(lambda s: f"[^1]: {s}"),
    st.just("---"), st.just("[ref]: /some/url \"Title\""),
)
FRONT_VALUES = st.one_of(
    st.text(st.sampled_from("abcdef éü😀"), min_size=1, max_size=12).map(str.strip).filter(bool),
    st.text(st.sampled_from("ab c'\"é😀\\"), max_size=10).map(
        lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.text(st.sampled_from("ab c'\"é"), max_size=10).map(lambda s: "'" + s.replace("'", "''") + "'"),
)
front = st.tuples(FRONT_VALUES, FRONT_VALUES).map(
    lambda p: f"---\ntitle: {p[0]}\nauthor: Dr X\ndescription: {p[1]}\nlang: en\n---\n")


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(block, min_size=1, max_size=8))
    text = "\n\n".join(parts) + draw(st.sampled_from(["", "\n"]))
    if draw(st.booleans()):
        text = draw(front) + text
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


# -- what a source range may decode to ---------------------------------------------------------------

_NUMERIC = re.compile(r"&#[xX]?([0-9a-fA-F]+);")


def decodes_to(src: str, prose: str) -> bool:
    """Whether the source text `src` legitimately produced `prose` (both non-empty). A line break
    written as a reference is a space: a block's prose has no line break."""
    if src == prose:
        return True
    m = _NUMERIC.fullmatch(src)
    if m:  # CommonMark: the code point itself, U+FFFD for 0, surrogates and beyond U+10FFFF
        n = int(m.group(1), 16 if src[2] in "xX" else 10)
        shown = chr(n) if 0 < n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else "\ufffd"
        return prose == (" " if shown in "\r\n" else shown)
    if src.startswith("&") and src.endswith(";"):
        shown = html.unescape(src)
        return prose == (" " if shown in ("\r", "\n") else shown)
    if len(src) == 2 and src[0] == "\\":  # Markdown backslash escape, YAML `\"` and `\\`
        return src[1] == prose
    if src == "''":  # YAML single-quoted escape
        return prose == "'"
    return prose.isspace() and src.isspace()


def runs(doc: Document) -> list[tuple[int, int, int, int, bool]]:
    """(prose_start, prose_end, source_start, source_end, identity) for each run of the map."""
    rs = list(doc.map.runs())
    out = []
    for k, (p, s, m, ident) in enumerate(rs):
        p_end = rs[k + 1][0] if k + 1 < len(rs) else len(doc.text)
        out.append((p, p_end, s, s + m, ident))
    return out


# -- properties ---------------------------------------------------------------------------------------

@SETTINGS
@given(documents())
def test_every_prose_char_slices_back_to_what_produced_it(source):
    doc = parse(source, "gen.md", {})
    assert doc.source == source
    for p, p_end, s, e, ident in runs(doc):
        chunk = doc.text[p:p_end]
        if e == s:  # a separator the builder inserted: a line break or a block boundary
            assert chunk in (" ", "\n\n"), (chunk, source)
            if chunk == " ":  # a line break stands at its line ending
                assert source[s] in "\r\n", (s, source)
            continue
        if ident:
            assert chunk == source[s:e], (chunk, source[s:e], source)
        else:
            assert decodes_to(source[s:e], chunk), (chunk, source[s:e], source)
        for i in range(p, p_end):  # the contract, char by char, through the public API
            a, b = doc.map.char_range(i)
            assert source[a:b] == doc.text[i] or doc.text[i] in chunk and decodes_to(source[a:b], chunk)


@SETTINGS
@given(documents())
def test_segments_are_sorted_disjoint_and_within_the_text(source):
    doc = parse(source, "gen.md", {})
    prev_end, prev_block = 0, 0
    for seg in doc.segments:
        assert prev_end <= seg.start < seg.end <= len(doc.text)
        assert seg.block >= prev_block and seg.scope in SCOPES
        # a heading's level is 1-6; a table cell's is its column; every other segment's is 0
        assert seg.level == 0 or seg.scope in ("heading", "table")
        assert (1 <= seg.level <= 6) if seg.scope == "heading" else (0 <= seg.level <= MAX_COLUMN)
        assert doc.text[seg.start] not in "\n" and doc.text[seg.end - 1] != "\n"
        prev_end, prev_block = seg.end, seg.block
    for c in doc.comments:
        assert source[c.start:c.end] == c.text
        assert c.text.startswith("<!--") and c.text.endswith(">")


@SETTINGS
@given(documents(), st.data())
def test_source_spans_lie_within_the_source(source, data):
    doc = parse(source, "gen.md", {})
    n = len(doc.text)
    ranges = [(s.start, s.end) for s in doc.segments]
    if n:
        for _ in range(20):
            i = data.draw(st.integers(0, n - 1))
            ranges.append((i, data.draw(st.integers(i, n))))
    for i, j in ranges:
        a, b = doc.source_span(i, j)
        assert 0 <= a <= b <= len(source)


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(UNI, st.sampled_from(MARKUP + "\r\n\t\x00\ufeff")), max_size=200))
def test_arbitrary_text_never_breaks_the_map(source):
    doc = parse(source, "any.md", {})
    for p, p_end, s, e, ident in runs(doc):
        assert 0 <= s <= e <= len(source)
        if ident:
            assert doc.text[p:p_end] == source[s:e]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.sampled_from("abcdefgh"), min_size=3, max_size=8), min_size=1, max_size=30),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from(["", "é ", "😀 "]))
def test_plain_words_are_all_prose_with_exact_spans(words, eol, prefix):
    """Wrapping, CRLF and astral characters before a word never move its span."""
    source = prefix + eol.join(words) + eol
    doc = parse(source, "w.md", {})
    assert doc.text == (prefix + " ".join(words)).strip()
    pos = 0
    for w in words:
        i = doc.text.index(w, pos)
        a, b = doc.source_span(i, i + len(w))
        assert source[a:b] == w
        pos = i + len(w)
