"""kinds.antecedent: a plural pronoun standing for an FAQ question's subject or the sentence
before's, as the claim kind (EXO301) and the quantity kind (EXO101) read it."""
from __future__ import annotations

import pytest

from exolint.api import lint_text


def _found(text: str, rule: str, fmt: str = "markdown") -> list:
    return [f for f in lint_text(text, fmt, path="page.md", select=[rule]) if f.rule == rule]


def _span(text: str, f) -> str:
    return text[f.start.offset:f.end.offset]


def test_claim_in_an_faq_answer_is_about_the_question_subject():
    page = "## Are your exosome serums FDA approved?\n\nYes! They carry full FDA approval for facial use.\n"
    (f,) = _found(page, "EXO301")
    assert _span(page, f) == "They carry full FDA approval"
    assert "FDA approval" in f.message
    (rel,) = f.related
    assert page[rel.start.offset:rel.end.offset] == "exosome serums"
    assert "'They' stands for 'exosome serums'" in rel.message


def test_claim_about_the_subject_of_the_sentence_before():
    page = "Our exosomes are grown in a lab in Ohio. They are approved by the FDA for skin use.\n"
    (f,) = _found(page, "EXO301")
    assert _span(page, f) == "They are approved by the FDA"


def test_a_chain_of_they_goes_back_to_the_question():
    page = ("### What are exosome boosters?\n\nThey are tiny parcels from cultured cells. "
            "These have been cleared by the FDA.\n")
    (f,) = _found(page, "EXO301")
    assert _span(page, f) == "These have been cleared by the FDA"


@pytest.mark.parametrize("page", [
    # the answer denies it: a negated claim is not reported
    "## Are exosomes FDA approved?\n\nNo. They have not been approved by the FDA.\n",
    # the sentence before is about something else, so "they" is not the exosomes
    "We also stock exosome serums. Our retinol creams come from Ohio. They are approved by the FDA.\n",
    # the question is about something else
    "## Are your lasers safe?\n\nYes. They are cleared by the FDA as medical devices.\n",
    # an object pronoun is left alone: it may stand for any noun of its own sentence
    "## Do you sell exosomes?\n\nWe sell them, and the FDA approved them for our lab.\n",
])
def test_no_claim_without_a_resolved_subject(page):
    assert _found(page, "EXO301") == []


def test_size_in_an_faq_answer_is_about_the_question_subject():
    page = ("## What exactly are exosomes?\n\nThey are parcels that cells send to each other. "
            "Roughly 1 to 3 microns wide, they pass easily between skin cells.\n")
    (f,) = _found(page, "EXO101")
    assert _span(page, f) == "1 to 3 microns"


def test_ours_stands_for_the_subject_of_the_sentence_before():
    page = "Exosomes are tiny messengers made by cells. Ours are only 3 microns, small enough for pores.\n"
    (f,) = _found(page, "EXO101")
    assert _span(page, f) == "3 microns"
    page = "Our exosomes come from a lab in Texas. Ours are FDA approved.\n"
    (f,) = _found(page, "EXO301")
    assert _span(page, f) == "Ours are FDA approved"
    # the sentence before names exosomes, but not as its subject: "ours" is left unresolved
    assert _found("Many clinics use exosomes from donors. Ours are FDA approved.\n", "EXO301") == []


def test_each_one_after_an_exclamation_is_the_question_subject():
    page = "## How small are the exosomes?\n\nTiny! Each one is around 2-4 µm, so they absorb completely.\n"
    (f,) = _found(page, "EXO101")
    assert _span(page, f) == "2-4 µm"
    page = ("<p><b>Question:</b> How small are the exosomes?</p>\n"
            "<p><b>Answer:</b> Tiny! Each one is around 2-4 µm, so they absorb completely.</p>\n")
    (f,) = _found(page, "EXO101", "html")
    assert _span(page, f) == "2-4 µm"
    # a longer sentence before breaks the chain, as any sentence does
    page = "## How small are the exosomes?\n\nOur lab measures them often. Each one is around 2-4 µm.\n"
    assert _found(page, "EXO101") == []


def test_a_question_in_the_text_names_what_they_stands_for():
    page = ("The facial has landed! So what are exosomes? They're tiny packages that cells release. "
            "Each one is roughly 2-5 microns across.\n")
    (f,) = _found(page, "EXO101")
    assert _span(page, f) == "2-5 microns"
    # the question names something else: nothing to resolve
    assert _found("Why do clinics love these? They're cheap. Each one is 2-5 microns.\n", "EXO101") == []


def test_an_object_pronoun_does_not_bind_a_size_to_the_sentence_before():
    page = ("Exosomes are very small. The bigger particles in our gel measure 0.3–5 µm, which lets them "
            "reach the deeper skin.\n")
    assert _found(page, "EXO101", "text") == []


# -- a generic product noun in a list item stands for the product the page's title names --------------
def test_a_bullet_on_a_product_page_is_about_the_titled_product():
    page = ("<html><head><title>Lumina Exosome Ampoule 30 ml</title></head><body>"
            "<ul><li>Vegan and FDA-approved formula</li></ul></body></html>")
    (f,) = [x for x in lint_text(page, "html", path="p.html", select=["EXO301"]) if x.rule == "EXO301"]
    assert page[f.start.offset:f.end.offset] == "FDA-approved formula"
    (rel,) = f.related
    assert page[rel.start.offset:rel.end.offset] == "Exosome"


def test_a_markdown_heading_names_the_product_when_there_is_no_title():
    page = "# Exosome recovery serum\n\n- FDA-cleared serum for daily use\n- Fragrance free\n"
    assert [_span(page, f) for f in _found(page, "EXO301")] == ["FDA-cleared serum"]


@pytest.mark.parametrize("page", [
    # the title names no exosome product
    "# Vitamin C serum\n\n- FDA-approved formula\n",
    # not a list item: a paragraph names its own subject, or means something else
    "# Exosome recovery serum\n\nOur numbing cream is an FDA-approved formula.\n",
])
def test_no_page_product_claim(page):
    assert _found(page, "EXO301") == []


# -- a definite description ("Every lot", "This serum") stands for the subject of the sentence before ---
def test_every_lot_is_the_exosomes_of_the_sentence_before():
    page = "Our exosomes come from a partner lab in Ohio. Every lot has been approved by the FDA.\n"
    assert [_span(page, f) for f in _found(page, "EXO301")] == ["Every lot has been approved by the FDA"]


@pytest.mark.parametrize("page", [
    # the sentence before is about another product: the lot is that product's
    "Our botulinum toxin comes from a US maker. Every vial is approved by the FDA.\n",
    # no sentence before in the paragraph, and no question: nothing to stand for
    "Every lot has been approved by the FDA.\n",
])
def test_a_description_without_an_exosome_antecedent_is_no_claim(page):
    assert _found(page, "EXO301") == []


def test_the_chain_passes_sentences_that_start_with_a_description_too():
    page = "Our exosomes come from a lab in Ohio. Every lot is tested twice. Each vial is approved by the FDA.\n"
    assert [_span(page, f) for f in _found(page, "EXO301")] == ["Each vial is approved by the FDA"]
