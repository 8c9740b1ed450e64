"""The HTML format plugin: what is prose, which scope it gets, and where each character came from."""
from __future__ import annotations

import pytest

from exolint.document import Document
from prose_source import src_of
from exolint.plugins.html import parse, register_formats
from exolint.plugins.html_attrs import attr_spans


def page(source: str) -> Document:
    return parse(source, "page.html", {})


def seg_texts(doc: Document, scope: str | None = None) -> list[str]:
    return [doc.text[s.start:s.end] for s in doc.segments if scope is None or s.scope == scope]


def scope_of(doc: Document, word: str) -> str:
    seg = doc.segment_at(doc.text.index(word))
    assert seg is not None
    return seg.scope


# -- prose and scopes ----------------------------------------------------------------------
def test_paragraphs_and_headings_become_separate_blocks() -> None:
    doc = page("<h1>Botox guide</h1>\n<p>Results vary.</p>\n<h3>Risks</h3><p>Bruising is common.</p>")
    assert doc.text == "Botox guide\n\nResults vary.\n\nRisks\n\nBruising is common."
    assert [(s.scope, s.level) for s in doc.segments] == [
        ("heading", 1), ("paragraph", 0), ("heading", 3), ("paragraph", 0)]
    assert len({s.block for s in doc.segments}) == 4
    assert doc.format == "html"


def test_q_elements_show_their_quotation_marks_as_a_browser_does() -> None:
    source = "<p>The pack says <q>boosts collagen by 47%</q>. She said <q>it is <q>fine</q></q>.</p>"
    doc = page(source)
    assert doc.text == "The pack says “boosts collagen by 47%”. She said “it is ‘fine’”."
    # each mark comes from its tag
    i = doc.text.index("“")
    assert source[slice(*doc.source_span(i, i + 1))] == "<q>"
    j = doc.text.index("”")
    assert source[slice(*doc.source_span(j, j + 1))] == "</q>"
    # hidden text shows none: a <q> inside <script> is no prose at all
    assert page("<script>var a = '<q>x</q>';</script><p>Hi</p>").text == "Hi"


def test_list_table_and_blockquote_scopes() -> None:
    doc = page(
        "<ul><li>Fewer lines</li><li><p>No downtime</p></li></ul>"
        "<table><tr><th>Price</th><td>200 euro</td></tr></table>"
        "<blockquote><p>It changed my life</p></blockquote>"
        "<div>Plain div text</div>"
    )
    assert seg_texts(doc, "list") == ["Fewer lines", "No downtime"]
    assert seg_texts(doc, "table") == ["Price", "200 euro"]
    assert seg_texts(doc, "blockquote") == ["It changed my life"]
    assert seg_texts(doc, "paragraph") == ["Plain div text"]


def test_innermost_scoping_element_wins() -> None:
    doc = page("<blockquote><ul><li>item in quote</li></ul></blockquote><li><blockquote>quote in item")
    assert scope_of(doc, "item in quote") == "list"
    assert scope_of(doc, "quote in item") == "blockquote"


def test_link_is_its_own_segment_in_the_same_block() -> None:
    doc = page('<p>Book a <a href="/c">free consultation</a> today.</p>')
    assert doc.text == "Book a free consultation today."
    para1, link, para2 = doc.segments
    assert (para1.scope, link.scope, para2.scope) == ("paragraph", "link", "paragraph")
    assert para1.block == link.block == para2.block
    assert doc.text[link.start:link.end] == "free consultation"
    assert doc.text[para2.start:para2.end] == "today."
    assert doc.window(link.start, link.end, "paragraph") == (0, len(doc.text))
    assert src_of(doc, "free consultation") == "free consultation"


def test_adjacent_and_unclosed_links_are_separate_segments() -> None:
    doc = page("<p>See <a href=1>one</a><a href=2>two</a> and <a>three <a>four</a></p>")
    assert doc.text == "See onetwo and three four"
    assert seg_texts(doc, "link") == ["one", "two", "three", "four"]


def test_link_inside_heading_keeps_the_heading_block() -> None:
    doc = page('<h2>Read <a href="#">our study</a></h2><p>next</p>')
    head, link, _ = doc.segments
    assert (head.scope, head.level, link.scope) == ("heading", 2, "link")
    assert head.block == link.block


def test_text_outside_any_block_is_paragraph_prose() -> None:
    doc = page("<body>Loose text <b>with bold</b><div>in div</div>after div</body>")
    assert seg_texts(doc) == ["Loose text with bold", "in div", "after div"]
    assert {s.scope for s in doc.segments} == {"paragraph"}
    assert page("just text, no markup").text == "just text, no markup"


def test_br_is_a_space_within_the_block() -> None:
    doc = page("<p>Line one<br>Line two<br/>\n  three</p>")
    assert doc.text == "Line one Line two three"
    assert len(doc.segments) == 1
    i = doc.text.index(" Line two")
    assert doc.source_span(i, i + 1) == (11, 15)  # the space stands for the <br>


def test_inline_tags_do_not_add_spaces() -> None:
    assert page("<p>un<em>believ</em>able <span>results</span>!</p>").text == "unbelievable results!"


# -- entities --------------------------------------------------------------------------------
def test_entities_are_decoded_and_mapped_to_the_whole_reference() -> None:
    doc = page("<p>Botox &amp; fillers&nbsp;&#8212; caf&eacute au lait &#x1F600; &lt;3</p>")
    assert doc.text == "Botox & fillers\xa0— café au lait 😀 <3"
    assert src_of(doc, "&") == "&amp;"
    assert src_of(doc, "\xa0") == "&nbsp;"
    assert src_of(doc, "—") == "&#8212;"
    assert src_of(doc, "é") == "&eacute"
    assert src_of(doc, "café") == "caf&eacute"
    assert src_of(doc, "😀") == "&#x1F600;"
    assert src_of(doc, "fillers\xa0— café") == "fillers&nbsp;&#8212; caf&eacute"


def test_entity_edge_cases_follow_html_unescape() -> None:
    doc = page("<p>&eacutex &notit; &bogus; &#0; &#x110000; &#128; &AMP &#65x &#x; a&b</p>")
    assert doc.text == "éx ¬it; &bogus; \ufffd \ufffd € & Ax &#x; a&b"
    assert src_of(doc, "éx") == "&eacutex"
    assert src_of(doc, "¬") == "&not"
    assert src_of(doc, "€") == "&#128;"


@pytest.mark.parametrize("body, shown", [
    ("0 &#x1;", "0"), ("&#1; a", "a"), ("a &#x1; b", "a b"), ("a&#1;b", "ab"), ("a &#1;&#1; b", "a b"),
])
def test_a_reference_that_shows_nothing_leaves_no_space_behind(body: str, shown: str) -> None:
    # html.unescape drops references to C0 controls; the spaces around one collapse as usual
    doc = page(f'<meta name="description" content="{body}"><p>{body}</p>')
    assert seg_texts(doc) == [shown, shown]
    assert src_of(doc, shown[-1]) == shown[-1]


@pytest.mark.parametrize("body, shown", [
    ("a &#9 b", "a b"), ("a&#10;b", "a b"), ("x &#32;&#9; y&#9;", "x y"), ("&Tab;lead", "lead"), ("a&NewLine;b", "a b"),
])
def test_a_reference_to_whitespace_collapses_like_whitespace(body: str, shown: str) -> None:
    # a tab or newline written as a reference is whitespace to a browser; a newline kept in the
    # prose would also split the block (found by the property test with meta content "&#9")
    doc = page(f'<meta name="description" content="{body}"><p>{body}</p>')
    assert seg_texts(doc) == [shown, shown]
    assert "\n" not in doc.text.strip("\n").replace("\n\n", "")


def test_malformed_char_references_do_not_swallow_the_markup_after_them() -> None:
    # With HTMLParser(convert_charrefs=False) everything after the 2nd `&#x;` would become text.
    doc = page("<p>a &#x; b</p><p>c &#q; d</p><p>e &#; f</p><h2>Title</h2>")
    assert seg_texts(doc) == ["a &#x; b", "c &#q; d", "e &#; f", "Title"]
    assert doc.segments[-1].scope == "heading"


# -- whitespace ------------------------------------------------------------------------------
def test_whitespace_collapses_and_block_edges_are_trimmed() -> None:
    doc = page("<p>\n    Results \t\n  may   vary\n</p>\n\n<p>  next </p>")
    assert doc.text == "Results may vary\n\nnext"
    i = doc.text.index(" may")
    a, b = doc.source_span(i, i + 1)
    assert doc.source[a:b] == " \t\n  "
    assert src_of(doc, "Results may vary") == "Results \t\n  may   vary"


def test_space_between_segments_and_around_skipped_inline_code() -> None:
    doc = page("<p>Use <code>npm i</code> to <a href=x> install </a> it</p>")
    assert doc.text == "Use to install it"
    assert seg_texts(doc) == ["Use to", "install", "it"]


def test_nbsp_is_not_collapsed() -> None:
    assert page("<p>a&nbsp;&nbsp; b\xa0\xa0c</p>").text == "a\xa0\xa0 b\xa0\xa0c"


# -- skipped content -------------------------------------------------------------------------
@pytest.mark.parametrize("tag", ["script", "style", "noscript", "template", "code", "svg", "textarea",
                                 "select", "iframe", "math", "kbd", "samp"])
def test_skipped_elements(tag: str) -> None:
    doc = page(f"<p>before <{tag}>hidden <b>stuff</b> here</{tag}> after</p>")
    assert doc.text == "before after"


def test_pre_is_a_skipped_block() -> None:
    doc = page("<div>before<pre>  $ npm install\n  <b>x</b></pre>after</div>")
    assert seg_texts(doc) == ["before", "after"]


def test_head_content_is_skipped_except_title_and_meta() -> None:
    doc = page(
        "<html><head><title>Clinic &amp; Co</title><link rel=x><style>p{}</style>"
        "<script>var a = '<p>not prose</p>';</script><base href=/>"
        '<meta name="description" content="Safe, proven care">'
        '<meta property="og:description" content="Share text">'
        '<meta name="keywords" content="ignored words">'
        "</head><body><p>Body</p></body></html>"
    )
    assert seg_texts(doc) == ["Clinic & Co", "Safe, proven care", "Share text", "Body"]
    assert [s.scope for s in doc.segments] == ["title", "meta", "meta", "paragraph"]
    assert src_of(doc, "Clinic & Co") == "Clinic &amp; Co"
    assert src_of(doc, "Safe, proven care") == "Safe, proven care"
    assert src_of(doc, "Share text") == "Share text"


def test_text_in_an_unclosed_head_starts_the_body() -> None:
    doc = page("<head><title>T</title>Visible text<p>para</p>")
    assert seg_texts(doc) == ["T", "Visible text", "para"]
    assert page("<head><meta charset=utf-8><div>body div</div>").text == "body div"


def test_a_stray_head_in_the_body_hides_nothing() -> None:
    assert page("<p>one</p><head><p>two</p>").text == "one\n\ntwo"


def test_nested_skipped_elements_and_implicit_closing_keep_content_hidden() -> None:
    doc = page("<div><pre><code>x</code>still pre<div>pre div</div>code</pre>prose</div>")
    assert doc.text == "prose"
    doc = page("<p>a <code>hidden<div>still hidden</div>tail</code> b</p>")
    assert doc.text == "a\n\nb"  # the <div> ends the paragraph, as in a browser


# -- attributes: title, meta, alt ------------------------------------------------------------
def test_alt_text_is_its_own_block_with_exact_offsets() -> None:
    src = '<p>Before <img src="a.jpg" alt="Patient &amp; doctor,\n  smiling"> after.</p><p>Next</p>'
    doc = page(src)
    assert seg_texts(doc) == ["Before after.", "Patient & doctor, smiling", "Next"]
    para, alt, nxt = doc.segments
    assert alt.scope == "alt" and para.block < alt.block < nxt.block
    assert src_of(doc, "Patient & doctor, smiling") == "Patient &amp; doctor,\n  smiling"
    assert src_of(doc, "&") == "&amp;"


def test_alt_quoting_styles_and_empty_alt() -> None:
    doc = page("<img alt=bare><img alt='single q'><img alt=\"\"><img alt><img alt='  '><img src=x>")
    assert seg_texts(doc, "alt") == ["bare", "single q"]
    assert src_of(doc, "single q") == "single q"


def test_alt_of_images_in_skipped_content_is_ignored() -> None:
    assert page('<noscript><img alt="tracking pixel"></noscript><p>x</p>').text == "x"


def test_meta_content_entities_and_attribute_order() -> None:
    doc = page("<meta content='Caf&eacute; &#38; more' property=og:description>")
    assert seg_texts(doc, "meta") == ["Café & more"]
    assert src_of(doc, "é") == "&eacute;"
    assert src_of(doc, "&") == "&#38;"


def test_attr_spans_follow_html_parser_grammar() -> None:
    tag = '<img  src=a.png ALT = "x y" alt="second" data-q=\'v\'/>'
    spans = attr_spans(tag, 100)
    a, b = spans["alt"]
    assert tag[a - 100:b - 100] == "x y"
    a, b = spans["data-q"]
    assert tag[a - 100:b - 100] == "v"
    assert tag[spans["src"][0] - 100:spans["src"][1] - 100] == "a.png"


# -- JSON-LD ---------------------------------------------------------------------------------
JSONLD = r"""<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "FAQPage", "name": "Caf\u00e9 FAQ",
 "url": "https://example.com/not-prose",
 "mainEntity": [{"@type": "Question", "name": "Is it safe?",
   "acceptedAnswer": {"@type": "Answer", "text": "Yes.\nMostly <strong>safe<\/strong>. \ud83d\ude00"}}],
 "author": {"name": ["Dr. A", "Dr. B"]}, "description": 42}
</script>"""


def test_jsonld_strings_are_segments_with_exact_offsets() -> None:
    doc = page(JSONLD + "<p>Body</p>")
    assert seg_texts(doc, "jsonld") == [
        "Café FAQ", "Is it safe?", "Yes. Mostly safe. 😀", "Dr. A", "Dr. B"]
    assert src_of(doc, "é") == "\\u00e9"
    assert src_of(doc, "Café FAQ") == "Caf\\u00e9 FAQ"
    assert src_of(doc, "😀") == "\\ud83d\\ude00"
    assert src_of(doc, "Yes. Mostly") == "Yes.\\nMostly"
    assert src_of(doc, "safe.") == "safe<\\/strong>."
    assert len({s.block for s in doc.segments}) == len(doc.segments)


def test_malformed_or_other_scripts_are_skipped_without_error() -> None:
    bad = '<script type="application/ld+json">{"name": "broken",</script><p>ok</p>'
    assert page(bad).text == "ok"
    js = '<script>var x = {"name": "not ld"};</script><p>ok</p>'
    assert page(js).text == "ok"
    unclosed = '<p>a</p><script type="application/ld+json">{"headline": "Open"}'
    assert seg_texts(page(unclosed)) == ["a", "Open"]


def test_jsonld_in_the_middle_of_a_paragraph_does_not_split_it() -> None:
    doc = page('<p>one <script type="application/ld+json">{"name": "N"}</script>two</p>')
    assert seg_texts(doc) == ["one two", "N"]


# -- document-level data ---------------------------------------------------------------------
def test_lang_from_the_html_element() -> None:
    assert page('<!DOCTYPE html><html lang="de-AT"><p>Hallo</p></html>').lang == "de-AT"
    assert page("<html xml:lang=fr>").lang == "fr"
    assert page("<p lang=de>x</p>").lang is None


def test_comments_are_recorded_with_source_offsets() -> None:
    src = "<p>a</p><!-- exolint-disable claims -->\n<p>b<!--x--></p><!-- unclosed"
    doc = page(src)
    texts = [c.text for c in doc.comments]
    assert texts == [" exolint-disable claims ", "x", " unclosed"]
    for c in doc.comments:
        assert doc.source[c.start:c.end].startswith("<!--")
        assert c.text in doc.source[c.start:c.end]
    assert doc.source[doc.comments[0].start:doc.comments[0].end] == "<!-- exolint-disable claims -->"
    assert doc.comments[-1].end == len(src)
    assert doc.text == "a\n\nb"


# -- malformed markup ------------------------------------------------------------------------
def test_unclosed_and_stray_tags() -> None:
    doc = page("<p>one<p>two <b>bold<li>item</p></div>three</p>four")
    assert seg_texts(doc) == ["one", "two bold", "item", "three", "four"]
    assert scope_of(doc, "item") == "list"


def test_list_items_and_cells_close_their_open_siblings() -> None:
    doc = page("<ul><li>a<li>b<ul><li>c</ul><li>d</ul><table><tr><td>x<td>y<tr><td>z</table>")
    assert seg_texts(doc) == ["a", "b", "c", "d", "x", "y", "z"]


def test_markup_cut_off_at_end_of_file_is_not_prose() -> None:
    assert page('<p>text</p><div class="a').text == "text"
    assert page("<p>text</p><!-- no end <p>hidden</p>").text == "text"
    assert page("<p>a < b and c<d</p>").text == "a < b and c"  # <d is a tag to a browser too
    assert page("<p>a < b</p><").text == "a < b\n\n<"


def test_headings_do_not_nest() -> None:
    doc = page("<h1>One<h2>Two</h2>after")
    assert [(s.scope, s.level) for s in doc.segments] == [("heading", 1), ("heading", 2), ("paragraph", 0)]


# -- offsets: line endings, non-ASCII ---------------------------------------------------------
@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_endings_keep_offsets_exact(nl: str) -> None:
    src = f"<html>{nl}<body>{nl}<p>First{nl}line</p>{nl}<p>Target word</p>{nl}</body>"
    doc = page(src)
    assert doc.text == "First line\n\nTarget word"
    i = doc.text.index("Target")
    a, b = doc.source_span(i, i + len("Target word"))
    assert src[a:b] == "Target word"
    assert doc.line_col(a) == (5, 4)


def test_astral_and_non_ascii_text_counts_code_points() -> None:
    src = "<p>𝔘𝔫𝔦 😀 Gesichtsbehandlung für Männer — 効果</p><p>Ende</p>"
    doc = page(src)
    assert doc.text == "𝔘𝔫𝔦 😀 Gesichtsbehandlung für Männer — 効果\n\nEnde"
    assert src_of(doc, "Männer") == "Männer"
    assert src_of(doc, "効果") == "効果"
    assert src_of(doc, "Ende") == "Ende"
    assert src.index("Ende") == doc.source_span(doc.text.index("Ende"), doc.text.index("Ende") + 4)[0]


def test_empty_and_markup_only_documents() -> None:
    for src in ("", "   ", "<html><body></body></html>", "<!DOCTYPE html>", "<?xml version='1.0'?>"):
        doc = page(src)
        assert doc.text.strip() == "" and doc.segments == []


# -- registration ----------------------------------------------------------------------------
def test_register_formats() -> None:
    calls = []
    register_formats(lambda *a, **kw: calls.append((a, kw)))
    (args, kwargs), = calls
    assert args[0] == "html" and args[1] is parse
    assert kwargs["extensions"] == (".html", ".htm", ".xhtml")
    assert kwargs["description"]


def test_unknown_marked_section_is_a_bogus_comment_not_a_crash():
    # CPython's parser asserts on "<![0"; browsers skip such a section up to the next ">"
    for src, prose in (("<![0", ""), ("<p>a</p><![foo[ x ]]><p>It is safe.</p>", "a\n\nIt is safe.")):
        doc = parse(src, "x.html", {})
        assert doc.text == prose


# Text is searched for collapsible whitespace with `find`s before any regex scan: a run that begins
# with a single space just before the first find must still collapse as one.
@pytest.mark.parametrize("inner, text, space_src", [
    ("a \nb", "a b", " \n"),
    ("a\t b", "a b", "\t "),
    ("a  \r\n b", "a b", "  \r\n "),
    ("one two \fthree", "one two three", " \f"),
    ("no collapse here", "no collapse here", " "),
])
def test_whitespace_runs_collapse_whole_wherever_they_start(inner: str, text: str, space_src: str) -> None:
    doc = page(f"<p>{inner}</p>")
    assert doc.text == text
    i = len(text) - len(text.split(" ")[-1]) - 1
    assert doc.source[slice(*doc.source_span(i, i + 1))] == space_src
