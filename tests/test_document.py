from hypothesis import given
from hypothesis import strategies as st

from exolint.document import DocumentBuilder, OffsetMap
from exolint.plugins.text import parse as parse_text


def test_offset_map_identity_and_replacement_runs():
    m = OffsetMap()
    m.add(0, 4, 10, 4)      # "abcd" copied from source 10..14
    m.add(4, 1, 14, 5)      # "&" from "&amp;" at 14..19
    m.add(5, 3, 19, 3)
    assert m.char_range(0) == (10, 11)
    assert m.char_range(3) == (13, 14)
    assert m.char_range(4) == (14, 19)
    assert m.char_range(5) == (19, 20)
    assert m.span(2, 6) == (12, 20)
    assert m.span(4, 5) == (14, 19)


def test_contiguous_identity_runs_are_merged():
    m = OffsetMap()
    m.add(0, 3, 0, 3)
    m.add(3, 2, 3, 2)
    assert len(m) == 1


def test_builder_blocks_segments_and_map():
    src = "Title\n\nBody &amp; more"
    b = DocumentBuilder("x", src, "test")
    b.new_block()
    b.open_segment("heading", level=1)
    b.add(0, 5)
    b.new_block()
    b.open_segment("paragraph")
    b.add(7, 12)
    b.add(12, 17, "&")
    b.add(17, 22)
    doc = b.build()
    assert doc.text == "Title\n\nBody & more"
    assert [(s.scope, doc.text[s.start:s.end]) for s in doc.segments] == [
        ("heading", "Title"), ("paragraph", "Body & more")]
    i = doc.text.index("&")
    assert doc.source[slice(*doc.source_span(i, i + 1))] == "&amp;"
    j = doc.text.index("more")
    assert doc.source[slice(*doc.source_span(j, j + 4))] == "more"


def test_line_col_counts_code_points_and_all_newline_styles():
    src = "a\r\nb\rc\nd😀e"
    doc = parse_text(src, "x.txt")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(src.index("b")) == (2, 1)
    assert doc.line_col(src.index("c")) == (3, 1)
    assert doc.line_col(src.index("e")) == (4, 3)


def test_text_format_paragraphs_headings_and_one_per_line():
    doc = parse_text("# Heading one\nline two\nline three\n", "x.txt")
    assert [(s.scope, s.level, doc.text[s.start:s.end]) for s in doc.segments] == [
        ("heading", 1, "Heading one"), ("paragraph", 0, "line two"), ("paragraph", 0, "line three")]
    doc = parse_text("first line\nstill first\n\n## Second\n\nthird  \n", "y.txt")
    assert [(s.scope, doc.text[s.start:s.end]) for s in doc.segments] == [
        ("paragraph", "first line still first"), ("heading", "Second"), ("paragraph", "third")]
    # the space that joins the two lines maps to the line break in the source
    i = doc.text.index(" still")
    a, b = doc.source_span(i, i + 1)
    assert doc.source[a:b] == "\n"


def test_windows_sentence_paragraph_section_document():
    src = "# A\n\nOne claim here. Second sentence.\n\nNext para.\n\n# B\n\nOther section."
    doc = parse_text(src, "x.txt")
    i = doc.text.index("Second")
    assert doc.text[slice(*doc.window(i, i + 6, "sentence"))] == "Second sentence."
    assert doc.text[slice(*doc.window(i, i + 6, "paragraph"))] == "One claim here. Second sentence."
    sec = doc.text[slice(*doc.window(i, i + 6, "section"))]
    assert sec.startswith("A") and "Next para." in sec and "Other" not in sec
    assert doc.window(i, i + 6, "document") == (0, len(doc.text))


def test_match_text_folds_lookalikes_and_keeps_length():
    doc = parse_text("The FDA-\u0430ppr\u043ev\u0435d serum. "
                     "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440.", "x.txt")
    assert len(doc.match_text) == len(doc.text)
    assert "FDA-approved" in doc.match_text
    assert "\u041f\u0440\u0438\u0432\u0435\u0442" in doc.match_text  # a Russian word stays Russian


def test_a_link_does_not_split_its_sentence():
    from exolint.plugins.markdown import parse as parse_md

    doc = parse_md("According to [the 2020 notice](https://example.org), it is allowed. Next one.\n", "x.md", {})
    assert [doc.text[a:b] for a, b in doc.sentences] == [
        "According to the 2020 notice, it is allowed.", "Next one."]
    i = doc.text.index("allowed")
    assert doc.text[slice(*doc.window(i, i + 7, "sentence"))] == "According to the 2020 notice, it is allowed."


def test_extended_runs_read_as_added_ones_and_add_continues_them():
    added, extended = OffsetMap(narrow=True), OffsetMap(narrow=True)
    for run in ((0, 4, 10, 4), (4, 1, 14, 5), (5, 3, 19, 3)):
        added.add(*run)
    extended.extend([0, 10, 4, 0, 4, 14, 5, 1, 5, 19, 3, 0])  # flat; the fourth of a run: replaced
    assert list(extended.runs()) == list(added.runs())
    assert extended.char_range(4) == (14, 19) and extended.span(2, 6) == (12, 20)
    for m in (added, extended):
        m.add(8, 2, 22, 2)  # contiguous with the last identity run: it grows
        m.add(10, 1, 30, 0)
    assert list(extended.runs()) == list(added.runs()) and len(extended) == 4


def test_title_span_is_the_html_title_else_the_first_level_one_heading():
    from exolint.plugins.html import parse as parse_html
    from exolint.plugins.markdown import parse as parse_markdown

    page = "<html><head><title>Lumen Exosome Ampoule</title></head><body><h1>Ampoule</h1></body></html>"
    doc = parse_html(page, "p.html", {})
    assert doc.text[slice(*doc.title_span())] == "Lumen Exosome Ampoule"
    doc = parse_markdown("## Prices\n\n# Exosome facials\n\nText.\n", "p.md")
    assert doc.text[slice(*doc.title_span())] == "Exosome facials"
    assert parse_markdown("Just a paragraph.\n", "p.md").title_span() is None


@given(st.lists(st.sampled_from(["a", "bc", "\n", "\n\n", " ", "x y"]), max_size=20), st.data())
def test_prose_line_is_what_searching_for_the_newlines_finds(parts, data):
    doc = parse_text("".join(parts), "x.txt")
    text = doc.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    hi = text.find("\n", end)
    assert doc.prose_line(start, end) == (text.rfind("\n", 0, start) + 1, len(text) if hi < 0 else hi)
