"""`exolint.kinds.citation_entries`: the shortcuts of the reference-list parser (which blocks can
open a list, when a block reads as prose, how blocks are merged) must decide what the full regexes
and the plain merge decide."""
from __future__ import annotations


import pytest
from exolint.plugins.text import parse

from exolint.document import Segment
from exolint.kinds import citation_entries as ce

HEADS = ["References", "references:", "  Sources", "SOURCES:", "Bibliography", "Citations: Smith J. A title. 2020",
         "Works cited", "Literature", "Further reading", "Footnotes", "ſources", "\u00a0References", "Reference: x",
         "Referral", "Sourced from", "Liter", "Footnote", "Clinic", "  ", "", "Ref", "Σources", "\x1cReferences"]


@pytest.mark.parametrize("text", HEADS)
def test_may_head_never_hides_a_heading_or_inline_list(text):
    if ce._REF_HEADING.match(text) or ce._INLINE_LIST.match(text):
        assert ce.may_head(text.lstrip())


def test_may_head_rejects_ordinary_starts():
    assert not ce.may_head("Clinics offer exosome facials.")
    assert not ce.may_head("Safety comes first.")
    assert not ce.may_head("Before and after photos.")


def test_blocks_merge_segments_in_any_order():
    doc = parse("One [link] here.\n\nTwo.", "x.txt")
    in_order = ce._blocks(doc)
    assert in_order == ce._blocks_in_any_order(doc)
    shuffled = list(doc.segments)
    shuffled.append(Segment(shuffled[0].start, shuffled[0].end, "link", shuffled[0].block, 0))
    doc.segments = shuffled[::-1]
    assert sorted(ce._blocks(doc)) == sorted(ce._blocks_in_any_order(doc))


def test_index_of_a_page_with_inline_list_and_numbered_entries():
    text = ("Collagen rose by 30% (1).\n\nReferences: Journal of Skin, 2019; Lee K, Park J. Exosomes in "
            "dermal repair. Skin Res 2021\n\n(1) Journal of Skin, 2019\n\n(2) Lee K, Park J. Exosomes in "
            "dermal repair. Skin Res 2021")
    idx = ce.reference_index(parse(text, "x.txt"))
    assert [(e.number, e.complete, e.inline_list is not None) for e in idx.entries] == [
        (None, False, True), (None, True, True), (1, False, False), (2, True, False)]


def test_a_source_column_header_does_not_open_a_reference_list():
    from exolint.plugins.markdown import parse as parse_md

    table = ("| Particle | Diameter | Source |\n|---|---|---|\n| Exosomes | 40-160 nm | Kalluri and LeBleu, 2020 |\n"
             "| Apoptotic bodies | about 500-2000 nm | widely quoted in reviews |\n")
    assert ce.reference_index(parse_md(table, "x.md")).entries == []
    listed = table + "\n## Sources\n\n1. Kalluri R, LeBleu VS. The biology of exosomes. Science. 2020;367:eaau6977.\n"
    assert [(e.number, e.complete) for e in ce.reference_index(parse_md(listed, "x.md")).entries] == [(1, True)]


def test_an_item_that_reads_as_prose_keeps_the_numbers_of_the_items_after_it():
    from exolint.plugins.markdown import parse as parse_md

    page = ("## References\n\n1. Kalluri R, LeBleu VS. The biology of exosomes. Science. 2020;367:eaau6977.\n"
            "2. Our clinic's own notes, which are kept on file and can be shown to patients who ask.\n"
            "3. Okafor B, Lund M. Vesicles in skin repair. Skin Res. 2021;9:12-20.\n")
    idx = ce.reference_index(parse_md(page, "x.md"))
    assert [(e.number, e.text[:6]) for e in idx.entries] == [(1, "Kallur"), (3, "Okafor")]


def test_words_in_a_link_do_not_make_an_entry_read_as_prose():
    from exolint.plugins.markdown import parse as parse_md

    page = ("## Sources\n\n1. Lab Guides Ltd. What are vesicles? https://example.org/what-are-vesicles/\n"
            "2. Okafor B, Lund M. Vesicles in skin repair. Skin Res. 2021;9:12-20.\n")
    assert [e.number for e in ce.reference_index(parse_md(page, "x.md")).entries] == [1, 2]


def test_entry_starts_after_agrees_with_a_scan_of_every_entry():
    """The bisection that tells an entry's own number from a citation marker finds what checking
    every entry found: an entry starting within eight characters after the offset."""
    text = ("## References\n\n1. Smith J, Okafor N. Growth factors in skin. J Skin. 2020;1:2-9.\n\n"
            "2. Lee K. Vesicles and hair. Hair Res. 2021;3:4-5.\n\n[3] Patel R. A third paper. 2019.")
    idx = ce.reference_index(parse(text, "x.txt"))
    assert len(idx.entries) == 3
    for offset in range(len(text)):
        expected = any(e.start - 8 <= offset < e.start for e in idx.entries)
        assert idx.entry_starts_after(offset, 8) == expected


@pytest.mark.parametrize("note", [
    "Competing interests: the review authors declared no funding from manufacturers in 2023.\n\n"
    "Funding: none received for this summary.",
    "© 2024 Example Skin Ltd. For professional use only.",
    # the next numbered section of a plain-text release, its title alone on a line
    "7. Contact\n   Press Office, press@example.ac.uk, available for interview on 17 November 2026.",
])
def test_a_note_after_the_list_ends_it(note):
    text = f"## References\n\n1. Smith J, Okafor N. Growth factors in skin. J Skin. 2020;1:2-9.\n\n{note}\n"
    idx = ce.reference_index(parse(text, "x.txt"))
    assert [e.text[:5] for e in idx.entries] == ["Smith"]
