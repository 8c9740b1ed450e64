"""Property tests of the HTML plugin: the offset map is exact and the prose is what a browser shows.

Two generators: tag soup (anything, malformed included), checked for map and segment invariants,
and well-formed pages built from a tree, whose visible text per scope is known in advance.
"""
from __future__ import annotations

import html
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.document import SCOPES, Document
from exolint.plugins.html import parse

WS = " \t\n\r\f"
_BLANKISH = re.compile(r"<[a-zA-Z/](?:\"[^\"]*\"|'[^']*'|[^'\">])*>|\\[nrtf]|\\u00(?:20|0[9aAcCdD])"
                       r"|&#(?:0*(?:9|1[023]|32)|[xX]0*(?:9|[aAcCdD]|20))(?![0-9a-fA-F]);?|&(?:Tab|NewLine);")
_JSON_KEYS = ("description", "text", "name", "headline", "reviewBody")

# Entities a page may hold; none decodes to ASCII whitespace, so collapsing can be checked exactly.
ENTITIES = [
    "&amp;", "&amp", "&nbsp;", "&#8212;", "&#x2014;", "&#X1F600;", "&eacute", "&eacutex",
    "&eacute;", "&notin;", "&notit;", "&#0;", "&#xD800;", "&#x110000;", "&#128;", "&lt", "&gt;",
    "&NotEqualTilde;", "&bogus;", "&#;", "&#x;", "&", "&#", "&#65", "&copy2", "&#x1;",
]
_chars = st.one_of(
    st.sampled_from(list("abc xyz  \t\n\r\n\r.,;:!?'\"é\xa0😀𝔘ß中=/#")),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&\x00"),
)
raw_text = st.lists(st.one_of(st.text(_chars, max_size=8), st.sampled_from(ENTITIES)), max_size=5).map(
    "".join
)
attr_text = raw_text.map(lambda s: s.replace('"', "'"))


def ws_free(s: str) -> str:
    return "".join(c for c in s if c not in WS)


def blankish(frag: str) -> bool:
    return not _BLANKISH.sub("", frag).strip(WS)


def check_invariants(doc: Document, collapsed: bool = True) -> None:
    """Map, segment and comment invariants that must hold for any input."""
    src, text = doc.source, doc.text
    for i, c in enumerate(text):
        a, b = doc.map.char_range(i)
        assert 0 <= a <= b <= len(src), (i, c, a, b)
        frag = src[a:b]
        if frag == c:
            continue
        if c == "\n" and a == b:
            continue  # the break between two blocks
        if c == " " and ((a == b and (a == len(src) or src[a] in WS + "<")) or (frag and blankish(frag))):
            continue  # collapsed whitespace (or a <br>)
        if frag.startswith("&") and c in html.unescape(frag) and frag != html.unescape(frag):
            continue  # the entity that produced it
        if frag.startswith("\\") and (c in json.loads(f'"{frag}"') or c == "\ufffd"):
            continue  # a JSON-LD escape
        raise AssertionError(f"prose {i} {c!r} maps to {frag!r} at {a}:{b}")
    prev_end, prev_block = 0, 0
    for seg in doc.segments:
        assert 0 <= prev_end <= seg.start < seg.end <= len(text), seg
        assert seg.block >= prev_block and seg.scope in SCOPES
        prev_end, prev_block = seg.end, seg.block
        a, b = doc.source_span(seg.start, seg.end)
        assert 0 <= a <= b <= len(src)
        if collapsed:
            body = text[seg.start:seg.end]
            assert body == body.strip(WS) and "  " not in body, (seg, body)
    for c in doc.comments:
        assert 0 <= c.start < c.end <= len(src)
        assert src.startswith(("<!", "</"), c.start) and c.text in src[c.start:c.end]


# -- tag soup ------------------------------------------------------------------------------
_names = st.sampled_from(
    "p div li ul h1 h3 a em span td tr table blockquote pre code script style title head body "
    "html noscript svg section br img meta b".split()
)
_attrs = st.sampled_from(
    ['', ' class="x"', ' lang="de"', ' href="/a"', ' alt="A &amp; b"', " alt='x y'", " alt=bare",
     ' name="description" content="Meta &eacute;x"', ' property="og:description" content="og"',
     ' type="application/ld+json"', ' alt="\r\n  spaced\r\n"', ' data-x="<p>"', " /"]
)
_tokens = st.one_of(
    raw_text,
    st.builds(lambda n, a: f"<{n}{a}>", _names, _attrs),
    st.builds(lambda n: f"</{n}>", _names),
    raw_text.map(lambda t: f"<!--{t.replace('-', '')}-->"),
    st.sampled_from(["\r\n", "\r", "\n\n", "<", "<!", "</", "<?x?>", "<!DOCTYPE html>", "<![CDATA[x]]>",
                     '{"name": "N\\u00e9 \\ud83d\\ude00", "text": "a\\nb <br> c"}', "</p >", "<p/>"]),
)


@settings(deadline=None, max_examples=300)
@given(st.lists(_tokens, max_size=25).map("".join))
def test_tag_soup_keeps_the_map_exact(source: str) -> None:
    check_invariants(parse(source, "soup.html", {}))


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=60))
def test_any_text_parses(source: str) -> None:
    check_invariants(parse(source, "fuzz.html", {}), collapsed=False)


# -- well-formed pages ---------------------------------------------------------------------
# Nodes: ("text", raw) | ("el", tag, children) | ("raw", html) for markup without visible text
# | ("img", alt).
_hidden = st.one_of(
    raw_text.map(lambda t: ("raw", f"<code>{t}</code>")),
    raw_text.map(lambda t: ("raw", f"<script>var s = '{t}' < 2;</script>")),
    raw_text.map(lambda t: ("raw", f"<style>p{{}}/* {t} */</style>")),
    raw_text.map(lambda t: ("raw", f"<!--{t.replace('-', '')}-->")),
    st.just(("raw", "<br>")), st.just(("raw", "<br/>")), st.just(("raw", '<img src="x.png">')),
)
_leaf = st.one_of(raw_text.map(lambda t: ("text", t)), attr_text.map(lambda a: ("img", a)), _hidden)
_inline = st.recursive(
    _leaf,
    lambda kids: st.tuples(st.just("el"), st.sampled_from(["em", "strong", "span", "b"]),
                           st.lists(kids, max_size=3)),
    max_leaves=6,
)
_link = st.tuples(st.just("el"), st.just("a"), st.lists(_inline, max_size=3))
_phrasing = st.lists(st.one_of(_inline, _link), max_size=4)
_block = st.recursive(
    st.one_of(
        st.tuples(st.just("el"), st.sampled_from(["p", "h1", "h2", "h4", "h6", "figcaption"]), _phrasing),
        raw_text.map(lambda t: ("raw", f"<pre>{t}\n<em>x</em></pre>")),
    ),
    lambda kids: st.one_of(
        st.tuples(st.just("el"), st.sampled_from(["div", "section", "blockquote"]),
                  st.lists(st.one_of(kids, _inline), max_size=3)),
        st.lists(st.lists(st.one_of(kids, _inline), max_size=3).map(lambda c: ("el", "li", c)),
                 min_size=1, max_size=3).map(lambda items: ("el", "ul", items)),
        st.lists(st.lists(st.one_of(kids, _inline), max_size=2).map(lambda c: ("el", "td", c)),
                 min_size=1, max_size=3).map(lambda cells: ("el", "table", [("el", "tr", cells)])),
    ),
    max_leaves=8,
)
_SCOPE_OF = {"a": "link", "li": "list", "td": "table", "blockquote": "blockquote",
             **{f"h{n}": "heading" for n in range(1, 7)}}


def merge_text(children: list) -> list:
    out: list = []
    for c in children:
        if c[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + c[1])
        else:
            out.append(c)
    return out


def render(nodes: list, expect: dict, alts: list, scope: tuple[str, int] = ("paragraph", 0)) -> str:
    parts = []
    for node in merge_text(nodes):
        kind = node[0]
        if kind == "text":
            parts.append(node[1])
            expect[scope] = expect.get(scope, "") + html.unescape(node[1])
        elif kind == "raw":
            parts.append(node[1])
        elif kind == "img":
            parts.append(f'<img src="i.png" alt="{node[1]}">')
            alts.append(html.unescape(node[1]))
        else:
            tag, kids = node[1], node[2]
            inner = scope
            if tag in _SCOPE_OF:
                inner = (_SCOPE_OF[tag], int(tag[1]) if _SCOPE_OF[tag] == "heading" else 0)
            attrs = ' href="/x"' if tag == "a" else ' class="c"'
            if tag == "tr":  # a cell's level is its column
                body = "".join(f'<td class="c">{render(cell[2], expect, alts, ("table", i))}</td>'
                               for i, cell in enumerate(kids))
            else:
                body = render(kids, expect, alts, inner)
            parts.append(f"<{tag}{attrs}>{body}</{tag}>")
    return "".join(parts)


_json_value = st.recursive(
    st.one_of(raw_text.map(lambda s: s.replace("<", "")), st.integers(), st.none()),
    lambda kids: st.one_of(
        st.lists(kids, max_size=3),
        st.dictionaries(st.sampled_from(_JSON_KEYS + ("@type", "url", "author")), kids, max_size=4),
    ),
    max_leaves=8,
)


def json_strings(value, key=None) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in json_strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v, key)]
    return [value] if isinstance(value, str) and key in _JSON_KEYS else []


@settings(deadline=None, max_examples=300)
@given(st.lists(st.one_of(_block, _inline), max_size=5), raw_text, attr_text, _json_value, st.booleans(),
       st.sampled_from(["\n", "\r\n", "\r", ""]))
def test_visible_text_per_scope(body, title, meta, ld, ascii_json, nl) -> None:
    expect: dict = {}
    alts: list = []
    ld_doc = {"@type": "Thing", "mainEntity": ld}
    page = (
        f'<!DOCTYPE html>{nl}<html lang="en">{nl}<head>{nl}<title>{title}</title>{nl}'
        f'<meta name="description" content="{meta}">{nl}'
        f'<script type="application/ld+json">{json.dumps(ld_doc, ensure_ascii=ascii_json)}</script>{nl}'
        f"</head>{nl}<body>{nl}{render(body, expect, alts)}{nl}</body></html>{nl}"
    )
    doc = parse(page, "page.html", {})
    check_invariants(doc)
    got: dict = {}
    for seg in doc.segments:
        got.setdefault(seg.scope, []).append((seg.level, doc.text[seg.start:seg.end]))
    for (scope, level), text in expect.items():
        prose = "".join(t for lv, t in got.get(scope, []) if lv == level)
        assert ws_free(prose) == ws_free(text), (scope, level)
    assert set(got) <= {s for s, _ in expect} | {"alt", "title", "meta", "jsonld"}
    assert [ws_free(t) for _, t in got.get("alt", [])] == [ws_free(a) for a in alts if ws_free(a)]
    assert ws_free("".join(t for _, t in got.get("title", []))) == ws_free(html.unescape(title))
    assert ws_free("".join(t for _, t in got.get("meta", []))) == ws_free(html.unescape(meta))
    want_ld = [ws_free(s) for s in json_strings(ld_doc) if ws_free(s)]
    assert [ws_free(t) for _, t in got.get("jsonld", [])] == want_ld
    assert doc.lang == "en"
