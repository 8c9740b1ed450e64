"""A long Markdown page parsed piece by piece must give exactly the Document of a whole-page parse.

The pieces are made tiny here (every possible cut is taken), so each generated page is cut in
many places, including inside fenced code and HTML blocks that run across blank lines.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolint.document import Document
from exolint.plugins.markdown import _parse, parse
from exolint.plugins.markdown_pieces import Pieces, splittable

from test_markdown_properties import block, front  # the same generator of Markdown blocks

WHOLE = 1 << 60  # a piece size no page reaches: the whole page in one parse

# Blocks that a cut might wrongly end or start: code and HTML running over blank lines (closed
# later or never), lists and quotes whose next line is not indented, setext underlines.
tricky = st.sampled_from([
    "```\ncode\n\nHeading in code\n\n# not a heading\n```",
    "```\nunclosed fence\n\nText after",
    "~~~~\nx\n\n~~~\nstill code\n\n~~~~",
    "  ```\nindented fence\n\nPlain\n  ```",
    "<!--\ncomment\n\nSpans a blank line\n-->",
    "<!-- unclosed comment\n\nText",
    "<pre>\npre\n\nText in pre\n</pre>",
    "<script>\nx\n\nvar y\n</script>",
    "<div>\nhtml six\n\nText",
    "- item\n\n  more of the item\n\nNot in the list",
    "- item\n- item two\n\nAfter the list",
    "1. one\n\n2. two\n\nAfter",
    "> quote\n\nAfter the quote",
    "> ```\n> code in quote\n\nOutside",
    "- ```\n  code in item\n\nOutside",
    "Title\n===\n\nBody",
    "Para one\n\n\n\n   \nPara two",
    "    indented code\n\n    more code\n\nPara",
    "| a | b |\n|---|---|\n| c | d |\n\nAfter table",
    "Line with trailing spaces  \n\nNext",
    "\\# escaped\n\n#heading-without-space\n\n## real",
])
pieces_block = st.one_of(block, tricky, tricky)


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(pieces_block, min_size=1, max_size=12))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n"]), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps, strict=True))
    if draw(st.booleans()):
        text = draw(front) + text
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


def snapshot(doc: Document) -> tuple:
    return (doc.text, doc.segments, list(doc.map.runs()),
            [(c.text, c.start, c.end) for c in doc.comments], doc.meta, doc.lang)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages(), st.sampled_from([1, 2, 7, 40]))
def test_pieces_parse_exactly_as_the_whole_page(source, size):
    assert snapshot(_parse(source, "p.md", {}, size)) == snapshot(_parse(source, "p.md", {}, WHOLE))


def test_a_long_page_is_really_cut_and_still_equal():
    section = ("# Heading é\n\nSome prose with *emphasis* and a [link](https://x.example) — "
               "and Cyrillic а.\n\n```\ncode\n\nmore code\n```\n\n- a\n- b\n\n<!-- note -->\n\n")
    source = section * 200
    cuts = []
    p = Pieces(source, 0, 1000)
    while (got := p.next()) is not None:
        cuts.append(got[1])
        p.done(got[1])
    assert len(cuts) > 20  # 26 KB in pieces of about 1,000 code points
    assert snapshot(_parse(source, "p.md", {}, 1000)) == snapshot(_parse(source, "p.md", {}, WHOLE))
    assert snapshot(parse(source, "p.md")) == snapshot(_parse(source, "p.md", {}, WHOLE))


def test_an_unclosed_fence_near_the_top_makes_the_rest_code():
    source = "Intro\n\n```\n" + "Code line\n\nStill code\n\n" * 300
    doc = _parse(source, "p.md", {}, 16)
    assert doc.text == "Intro"
    assert snapshot(doc) == snapshot(_parse(source, "p.md", {}, WHOLE))


def test_pages_with_references_or_footnotes_are_parsed_whole():
    assert splittable("# a\n\ntext\n\n# b\n")
    assert not splittable("see [x]\n\n[x]: https://x.example\n")
    assert not splittable("claim[^1]\n\n[^1]: a note\n")
    source = "[a][r]\n\n" + "Text é\n\n" * 50 + "[r]: https://r.example\n"
    doc = _parse(source, "p.md", {}, 4)
    assert doc.segments[0].scope == "link"
    assert snapshot(doc) == snapshot(_parse(source, "p.md", {}, WHOLE))
