"""The Markdown format plugin: what is prose, which scope it gets, and where it came from."""
from __future__ import annotations

import pytest

from exolint.document import Document
from prose_source import src_of
from exolint.plugins.markdown import parse, register_formats


def md(source: str, **options) -> Document:
    return parse(source, "page.md", options)


def scopes(doc: Document) -> list[tuple[str, str, int]]:
    return [(doc.text[s.start:s.end], s.scope, s.level) for s in doc.segments]


def blocks(doc: Document) -> list[str]:
    """The prose of each block, segments of one block joined."""
    out: dict[int, str] = {}
    for s in doc.segments:
        out[s.block] = out.get(s.block, "") + doc.text[s.start:s.end]
    return list(out.values())


# -- registration ---------------------------------------------------------------------------------

def test_registers_the_markdown_format():
    calls = []
    register_formats(lambda *a, **k: calls.append((a, k)))
    (name, fn), kw = calls[0]
    assert name == "markdown" and fn is parse
    assert set(kw["extensions"]) == {".md", ".markdown", ".mdown", ".mkd"}
    assert kw["description"]


def test_document_basics():
    doc = md("Hello *world*.\n")
    assert doc.format == "markdown" and doc.path == "page.md"
    assert doc.text == "Hello world."
    assert md("").text == "" and md("").segments == []


# -- headings -------------------------------------------------------------------------------------

def test_atx_headings_have_their_level_and_no_markers():
    doc = md("# One\n\n## Two ##\n\n###### Six &amp; more\n\nBody text.\n")
    assert scopes(doc) == [
        ("One", "heading", 1), ("Two", "heading", 2), ("Six & more", "heading", 6),
        ("Body text.", "paragraph", 0),
    ]
    assert src_of(doc, "Two") == "Two"
    assert src_of(doc, "Six & more") == "Six &amp; more"


def test_setext_headings():
    doc = md("Botox results\n=============\n\nFillers\nthat last\n---------\n")
    assert scopes(doc) == [("Botox results", "heading", 1), ("Fillers that last", "heading", 2)]
    assert src_of(doc, "Fillers that last") == "Fillers\nthat last"


def test_escaped_hash_is_not_a_heading():
    doc = md("\\# not a heading\n")
    assert scopes(doc) == [("# not a heading", "paragraph", 0)]
    assert src_of(doc, "#") == "\\#"


# -- inline markup ----------------------------------------------------------------------------------

def test_emphasis_markers_are_dropped_but_spans_cover_them():
    doc = md("A *very* **safe** ~~cure~~ treatment.\n")
    assert doc.text == "A very safe cure treatment."
    assert src_of(doc, "safe") == "safe"
    assert src_of(doc, "very safe cure") == "very* **safe** ~~cure"


def test_code_is_not_prose():
    doc = md("Run `cure --all` now.\n\n```python\ncures = 'everything'\n```\n\n    indented cures\n\nEnd.\n")
    assert "cure" not in doc.text
    assert blocks(doc) == ["Run  now.", "End."]


def test_escapes_are_decoded_and_map_to_the_escape():
    doc = md("Price \\*not\\* 100\\% \\[guaranteed\\].\n")
    assert doc.text == "Price *not* 100% [guaranteed]."
    assert src_of(doc, "%") == "\\%"
    assert src_of(doc, "*not*") == "\\*not\\*"
    assert src_of(doc, "[guaranteed]") == "\\[guaranteed\\]"


@pytest.mark.parametrize("entity, char", [
    ("&amp;", "&"), ("&#169;", "\u00a9"), ("&#x2014;", "\u2014"), ("&nbsp;", "\u00a0"),
    ("&eacute;", "\u00e9"), ("&#x1F600;", "\U0001F600"),
])
def test_entities_are_decoded_and_map_to_the_entity(entity, char):
    doc = md(f"Lips {entity} cheeks\n")
    assert doc.text == f"Lips {char} cheeks"
    i = doc.text.index(char)
    a, b = doc.map.char_range(i)
    assert doc.source[a:b] == entity
    assert src_of(doc, "cheeks") == "cheeks"  # offsets after the entity are still exact


@pytest.mark.parametrize("entity", ["&#10;", "&#xA;", "&#13;", "&NewLine;"])
def test_a_line_break_written_as_a_reference_is_a_space_in_the_prose(entity):
    # the prose of a block has no line break: blocks are told apart by them
    doc = md(f"# Exosome{entity}facials\n\nLips{entity}and cheeks\n")
    assert doc.text == "Exosome facials\n\nLips and cheeks"
    i = doc.text.index(" and")
    a, b = doc.map.char_range(i)
    assert doc.source[a:b] == entity


def test_unknown_entity_stays_verbatim():
    doc = md("a &bogus; b &amp c\n")
    assert doc.text == "a &bogus; b &amp c"
    assert src_of(doc, "&bogus;") == "&bogus;"


# -- links and images ----------------------------------------------------------------------------------

def test_inline_link_text_is_a_link_segment_in_the_paragraph_block():
    doc = md('See [our *clinic* results](https://ex.com/r "Results title") today.\n')
    assert doc.text == "See our clinic results today."
    assert "https" not in doc.text and "Results title" not in doc.text
    assert [(t, s) for t, s, _ in scopes(doc)] == [
        ("See ", "paragraph"), ("our clinic results", "link"), (" today.", "paragraph"),
    ]
    assert len({s.block for s in doc.segments}) == 1
    assert src_of(doc, "clinic results") == "clinic* results"
    # a paragraph window around the link covers the whole paragraph
    i = doc.text.index("clinic")
    assert doc.window(i, i + 6, "paragraph") == (0, len(doc.text))


def test_reference_collapsed_and_shortcut_links():
    doc = md("Try [full][ref], [Collapsed][] and [Shortcut].\n\n"
             "[ref]: /a \"A title\"\n[collapsed]: /b\n[shortcut]: /c\n")
    assert doc.text == "Try full, Collapsed and Shortcut."
    links = [doc.text[s.start:s.end] for s in doc.segments if s.scope == "link"]
    assert links == ["full", "Collapsed", "Shortcut"]
    assert src_of(doc, "Shortcut") == "Shortcut"


def test_autolink_and_email_urls_are_not_prose():
    doc = md("Visit <https://clinic.example/cure> or <info@clinic.example> now.\n")
    assert doc.text == "Visit  or  now."
    assert not [s for s in doc.segments if s.scope == "link"]


def test_image_alt_text_is_an_alt_segment():
    doc = md('Before ![Patient &amp; *result*](img/after.png "Title") after.\n')
    assert doc.text == "Before Patient & result after."
    assert ("Patient & result", "alt", 0) in scopes(doc)
    assert src_of(doc, "Patient & result") == "Patient &amp; *result"
    assert "after.png" not in doc.text and "Title" not in doc.text


def test_image_inside_link_then_link_text_again():
    doc = md("[![logo alt](l.png) Clinic name](https://x.example)\n")
    assert [(t, s) for t, s, _ in scopes(doc)] == [("logo alt", "alt"), (" Clinic name", "link")]
    assert src_of(doc, "Clinic") == "Clinic"


def test_link_in_heading_keeps_heading_level_after_it():
    doc = md("## See [this](u) offer\n")
    assert scopes(doc) == [("See ", "heading", 2), ("this", "link", 0), (" offer", "heading", 2)]
    assert len({s.block for s in doc.segments}) == 1


# -- lists, blockquotes, tables, footnotes ------------------------------------------------------------

def test_nested_lists_are_list_scope_one_block_per_item():
    doc = md("- Tight *one*\n- Two\n  - Nested [link](u)\n    1. Deeper\n\n"
             "1. Loose para\n\n   Second para\n")
    assert blocks(doc) == ["Tight one", "Two", "Nested link", "Deeper", "Loose para", "Second para"]
    assert {s.scope for s in doc.segments} == {"list", "link"}
    assert src_of(doc, "Deeper") == "Deeper"
    assert src_of(doc, "Second para") == "Second para"


def test_blockquote_paragraphs_and_nesting():
    doc = md("> Doctors agree\n> it works\nlazy line\n>\n> - quoted item\n>\n> > inner quote\n")
    assert scopes(doc) == [
        ("Doctors agree it works lazy line", "blockquote", 0),
        ("quoted item", "list", 0),
        ("inner quote", "blockquote", 0),
    ]
    assert src_of(doc, "agree it works") == "agree\n> it works"
    assert src_of(doc, "inner quote") == "inner quote"


def test_list_in_blockquote_and_blockquote_in_list():
    doc = md("- item\n\n  > quoted in item\n")
    assert scopes(doc) == [("item", "list", 0), ("quoted in item", "blockquote", 0)]


def test_table_cells_are_separate_table_blocks():
    doc = md("| Treatment | Claim |\n|---|:--:|\n| Filler &amp; Botox | 100&#37; safe |\n"
             "| `code` | a \\| b |\n")
    assert blocks(doc) == ["Treatment", "Claim", "Filler & Botox", "100% safe", "a | b"]
    assert {s.scope for s in doc.segments} == {"table"}
    assert len({s.block for s in doc.segments}) == 5
    assert src_of(doc, "Filler & Botox") == "Filler &amp; Botox"
    assert src_of(doc, "%") == "&#37;"
    assert src_of(doc, "a | b") == "a \\| b"


def test_footnotes_definition_is_prose_reference_is_not():
    doc = md("Clinically proven[^1].\n\n[^1]: Study of 12 patients.\n")
    assert blocks(doc) == ["Clinically proven.", "Study of 12 patients."]
    assert all(s.scope == "paragraph" for s in doc.segments)
    assert src_of(doc, "12 patients") == "12 patients"


# -- HTML ------------------------------------------------------------------------------------------------

def test_html_comments_are_collected_block_and_inline():
    src = ("<!-- exolint-disable-next-line EXO101 -- ref 3 -->\n"
           "Cures acne <!-- inline\nspanning --> fast.\n\n"
           "<div><!-- inside html --> raw</div>\n\n"
           "> quote <!--q-->\n\n"
           "`<!-- not a comment, code -->`\n")
    doc = md(src)
    texts = [c.text for c in doc.comments]
    assert texts == [
        "<!-- exolint-disable-next-line EXO101 -- ref 3 -->",
        "<!-- inline\nspanning -->",
        "<!-- inside html -->",
        "<!--q-->",
    ]
    for c in doc.comments:
        assert doc.source[c.start:c.end] == c.text
    assert "exolint" not in doc.text and "inline" not in doc.text and "spanning" not in doc.text


def test_several_comments_in_one_html_block():
    doc = md("<!-- one -->\n<!-- two\n\nstill two -->\n\nText\n")
    assert [c.text for c in doc.comments] == ["<!-- one -->", "<!-- two\n\nstill two -->"]
    assert blocks(doc) == ["Text"]


def test_raw_html_is_skipped_but_markdown_between_inline_tags_is_prose():
    doc = md("<div class=\"x\">\nraw block cure\n</div>\n\nA <span title=\"t\">real</span> claim.\n")
    assert "raw" not in doc.text and "span" not in doc.text and "title" not in doc.text
    assert doc.text == "A real claim."
    assert src_of(doc, "real") == "real"


# -- front matter ------------------------------------------------------------------------------------------

FRONT = (
    "---\n"
    "title: Safe fillers &amp; you\n"
    "description: \"It's \\\"clinically\\\" proven\"  # a comment\n"
    "author: Dr Smith\n"
    "tags: [botox, fillers]\n"
    "lang: fr-CA\n"
    "---\n"
    "# Body heading\n"
)


def test_front_matter_values_are_prose_with_exact_offsets():
    doc = md(FRONT)
    assert scopes(doc)[:2] == [
        ("Safe fillers &amp; you", "frontmatter", 0),  # YAML, not HTML: no entity decoding
        ('It\'s "clinically" proven', "frontmatter", 0),
    ]
    assert scopes(doc)[2] == ("Body heading", "heading", 1)
    assert len({s.block for s in doc.segments}) == 3
    assert src_of(doc, "Safe fillers") == "Safe fillers"
    assert src_of(doc, '"clinically"') == '\\"clinically\\"'
    assert src_of(doc, "proven") == "proven"
    for word in ("Dr Smith", "botox", "author", "title", "fr-CA"):
        assert word not in doc.text


def test_front_matter_meta_and_lang():
    doc = md(FRONT)
    assert doc.meta["frontmatter"]["author"] == "Dr Smith"
    assert doc.meta["frontmatter"]["tags"] == ["botox", "fillers"]
    assert doc.lang == "fr-CA"
    assert md("---\nlanguage: de\n---\nText\n").lang == "de"
    assert md("Text\n").lang is None


def test_front_matter_single_quoted_and_custom_keys():
    src = "---\ntitle: 'It''s safe'\nsummary: Works fast\ndescription: Not wanted\n---\nBody\n"
    doc = md(src, frontmatter_keys=("title", "summary"))
    assert blocks(doc) == ["It's safe", "Works fast", "Body"]
    assert src_of(doc, "It's") == "It''s"
    assert src_of(doc, "Works fast") == "Works fast"


def test_front_matter_values_that_cannot_be_mapped_are_skipped():
    src = "---\ntitle: >\n  Folded\n  title\ndescription: first\n  continued\n---\nBody\n"
    doc = md(src)
    assert doc.meta["frontmatter"]["title"] == "Folded title\n"
    assert blocks(doc) == ["Body"]


def test_malformed_front_matter_is_not_prose_and_not_an_error():
    doc = md("---\ntitle: [unclosed\nkey: : :\n---\nBody text\n")
    assert "frontmatter" not in doc.meta
    assert blocks(doc) == ["Body text"]


def test_front_matter_with_crlf_and_non_ascii():
    src = "---\r\ntitle: Café 😀 lèvres\r\n---\r\n\r\nÉté 😀 **peau**\r\n"
    doc = md(src)
    assert blocks(doc) == ["Café 😀 lèvres", "Été 😀 peau"]
    assert src_of(doc, "lèvres") == "lèvres"
    assert src_of(doc, "peau") == "peau"


def test_only_a_top_block_is_front_matter():
    doc = md("Intro.\n\n---\ntitle: x\n---\n\nEnd.\n")
    # a thematic break, then a setext heading: Markdown, not metadata
    assert scopes(doc) == [("Intro.", "paragraph", 0), ("title: x", "heading", 2), ("End.", "paragraph", 0)]
    assert "frontmatter" not in doc.meta


def test_top_thematic_break_over_prose_is_not_front_matter():
    doc = md("---\nJust a sentence.\n---\n")
    assert "frontmatter" not in doc.meta
    assert scopes(doc) == [("Just a sentence.", "heading", 2)]


# -- characters and line endings ----------------------------------------------------------------------

def test_non_ascii_offsets_are_code_points():
    src = "# Été 😀\n\nCrème 😀😀 anti-âge *efficace* &amp; 日本語 [lien ü](u) fin\n"
    doc = md(src)
    assert doc.text == "Été 😀\n\nCrème 😀😀 anti-âge efficace & 日本語 lien ü fin"
    for word in ("Été", "😀😀", "anti-âge", "efficace", "日本語", "lien ü", "fin"):
        assert src_of(doc, word) == word
    assert src_of(doc, "&") == "&amp;"


def test_crlf_line_endings():
    src = "# Title\r\n\r\nLine one\r\nline two  \r\nline three\\\r\nend\r\n\r\n- item\r\n"
    doc = md(src)
    assert blocks(doc) == ["Title", "Line one line two line three end", "item"]
    assert src_of(doc, "one line") == "one\r\nline"
    assert src_of(doc, "end") == "end"
    assert doc.line_col(doc.source_span(doc.text.index("end"), doc.text.index("end") + 3)[0]) == (6, 1)


def test_wrapped_paragraph_break_is_one_space_at_the_newline():
    src = "Our wrinkle\nfree   \nformula works\n"
    doc = md(src)
    assert doc.text == "Our wrinkle free formula works"
    i = doc.text.index("wrinkle free") + len("wrinkle")
    assert doc.map.char_range(i) == (11, 11)  # a separator: zero-width, at the newline
    assert src_of(doc, "wrinkle free") == "wrinkle\nfree"
    assert src_of(doc, "free formula") == "free   \nformula"


def test_byte_order_mark_is_ignored():
    doc = md("\ufeff# Title\n\nBody\n")
    assert scopes(doc) == [("Title", "heading", 1), ("Body", "paragraph", 0)]
    assert src_of(doc, "Title") == "Title"


def test_lone_surrogates_do_not_crash():
    doc = md("Bad \udcff byte here\n")
    assert doc.text.startswith("Bad ") and src_of(doc, "here") == "here"


def test_segments_are_ordered_and_within_text():
    doc = md(FRONT + "\n| a | b |\n|---|---|\n| [x](u) | ![y](v) |\n\n> q [l](u) r\n")
    prev = 0
    for s in doc.segments:
        assert prev <= s.start < s.end <= len(doc.text)
        prev = s.end
    assert [s.block for s in doc.segments] == sorted(s.block for s in doc.segments)


def test_front_matter_keys_option_edge_cases():
    src = "---\ntitle: Hello\nlang: 3\nlanguage: es\n---\nBody\n"
    assert blocks(md(src, frontmatter_keys="title")) == ["Hello", "Body"]
    assert blocks(md(src, frontmatter_keys=None)) == ["Body"]
    assert blocks(md(src, frontmatter_keys=[])) == ["Body"]
    assert md(src).lang == "es"  # a non-string `lang` is ignored
    assert parse(src, "p.md", None).text.startswith("Hello")


def test_comments_are_what_the_suppression_parser_reads():
    from exolint.suppress import parse_directives

    doc = md("Intro.\n\n<!-- exolint-disable-next-line EXO421 -- cited in ref 2 -->\nNo risk at all.\n")
    (d,) = parse_directives(doc.comments)
    assert d.action == "disable-next-line" and d.selectors == ("EXO421",) and d.reason == "cited in ref 2"
    assert doc.line_col(d.comment.start) == (3, 1)
