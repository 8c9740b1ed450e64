"""`exolint.kinds.citations` helpers used by the evidence kind: the clause a citation marker closes
and hyperlinks as identification."""
from __future__ import annotations

from exolint.kinds.citations import citing_clause, link_in, markers
from exolint.plugins.text import parse
from exolint.registry import get_registry


def _clause(text: str, marker: str) -> str:
    doc = parse(text, "x.txt")
    m = text.index(marker)
    return text[citing_clause(doc, m):m]


def test_clause_starts_at_sentence_start():
    assert _clause("Intro here. Swelling settles in a day (2).", "(2)") == "Swelling settles in a day "


def test_clause_starts_after_semicolon_or_colon():
    assert _clause("Swelling settles in a day; bruising is rare (2).", "(2)") == "bruising is rare "
    assert _clause("Two findings: bruising is rare (2).", "(2)") == "bruising is rare "


def test_clause_starts_after_an_earlier_marker_of_the_sentence():
    assert _clause("Swelling settles (1) and bruising is rare (2).", "(2)") == "and bruising is rare "


def test_clause_is_clipped_to_max_len_at_a_word():
    text = "It " + "works well " * 40 + "(2)."
    doc = parse(text, "x.txt")
    m = text.index("(2)")
    start = citing_clause(doc, m, 50)
    assert m - start <= 50 and text[start - 1] == " "


def test_link_in_finds_link_segments_only_in_range():
    html = '<p>Read <a href="https://example.org">the guidance</a> first. Then book.</p>'
    doc = get_registry().formats["html"].parse(html, "x.html", {})
    g = doc.text.index("the guidance")
    assert link_in(doc, 0, g + 3)
    assert not link_in(doc, doc.text.index("Then"), len(doc.text))


def found(text: str) -> list[str]:
    """The citation markers of a plain-text page."""
    doc = parse(text, "x.txt")
    return [text[s:e] for s, e, _ in markers(doc, 0, len(text), 1.0)]


def test_a_numbered_list_inside_a_sentence_holds_no_citation():
    assert found("Bring (1) your ID and (2) a list of your medicines.") == []
    assert found("Bring (1) your ID, (2) your medicines and (3) a friend.") == []
    # citations after the claims they support, and a (1) with no second item after it
    assert found("Exosomes smoothed skin (1) and reduced lines (2).") == ["(1)", "(2)"]
    assert found("Results improved (1) in most patients.") == ["(1)"]
    assert found("Markers improved in published trials [4][7], we read.") == ["[4]", "[7]"]
    # the second item must be in the same block
    assert found("Bring (1) your ID.\n\nAnd (2) a list follows.") == ["(1)"]


def test_a_marker_in_words_names_its_references():
    doc = parse("Some studies show a benefit (references 2 and 4), others none (see ref. 3).", "x.txt")
    assert [(doc.text[a:b], n) for a, b, n in markers(doc, 0, len(doc.text), None)] == [
        ("(references 2 and 4)", [2, 4]), ("(see ref. 3)", [3])]
    assert found("Ask about our referral scheme (refer 2 friends).") == []


def test_counts_in_brackets_on_a_page_with_no_reference_list_are_no_markers():
    counts = "Sources were fat cells (6 studies), cord cells (2), plant material (4), milk (1) and not stated (1)."
    assert found(counts) == []
    # markers that rise in the order they are cited stay markers, even three in a row
    assert found("Collagen rose (1), lines fell (2) and hydration improved (3) in the trial.") == ["(1)", "(2)", "(3)"]


def test_telephone_area_codes_and_counters_are_no_markers():
    assert found("Book online or call (03) 9555 0176 today.") == []
    assert found("Questions? Call us on (480) 555-0147.") == []
    assert found("Basket (0) | Wishlist (0)") == []
    assert found("Your basket (2) is waiting.") == []
    assert found("It broke section 351(a)(1) of the Act and rule 12(b)(2) too.") == []
    # a count after a share, on a page with no reference list
    assert found("Of 58 clients, 69% (40) felt more hydrated and 22% (13) saw no difference.") == []
    # a marker before a full stop or a space and a word still is one
    assert found("Collagen rose in a small trial (3). Results varied (4) across ages.") == ["(3)", "(4)"]
