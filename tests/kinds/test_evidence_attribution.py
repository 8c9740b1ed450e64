"""The shipped evidence rules about attribution (EXO207-EXO210): guidance cited without identification,
results credited to an institution, claims citing incomplete entries, and "the evidence supports"
conclusions. Each has must-not-flag sentences in the style of regulator and health-service pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, load_rule_file

RULES = Path(__file__).resolve().parents[2] / "rules"
GOOD_REF = "Berg T, Sato K. Vesicles and dermal repair in adults. Skin Res. 2019;7:44-50."


def builtin(rule_id: str):
    reg = get_registry()
    rules, errors, _ = load_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")), reg)
    assert not errors, errors
    return reg.kinds[rules[0].kind].compile(rules[0], CompileContext())


def spans(rule_id: str, text: str, fmt: str = "text") -> list[str]:
    doc = get_registry().formats[fmt].parse(text, "x." + {"text": "txt", "markdown": "md"}.get(fmt, fmt), {})
    return [text[f.start.offset:f.end.offset] for f in Engine(RuleSet([builtin(rule_id)])).lint(doc).findings]


# -- EXO207 guidance cited without title, date or link ------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("According to the EMA's guidance on cell therapies, the drip is a cosmetic.",
     ["According to the EMA's guidance on cell therapies"]),
    ("According to the American Academy of Aesthetics recommendations, two sessions suffice.",
     ["According to the American Academy of Aesthetics recommendations"]),
    ("The FDA guidelines state that the product is exempt.", ["The FDA guidelines state"]),
    ("The Care Quality Commission's guidance on facials says no licence is needed.",
     ["The Care Quality Commission's guidance on facials says"]),
])
def test_unidentified_guidance(text, want):
    assert spans("EXO207", text) == want


@pytest.mark.parametrize("text", [
    "NICE guideline NG12 recommends urgent referral for a suspicious mole.",
    "According to the FDA's guidance of November 2017, most of these products need approval.",
    "In line with NICE guidelines, your GP will review your medicines every year.",
    "Read our guidance on advertising cosmetic injectables before you publish.",
    "This guidance explains what the law requires of clinics.",
    "The MHRA published guidance on borderline products in 2020.",
    "UK guidelines recommend that adults do 150 minutes of moderate activity a week.",
    "According to his guidance, the wound should be kept dry.",
    'According to the MHRA guidance "Borderline products: how to tell if your product is a medicine", claims decide.',
])
def test_unidentified_guidance_must_not_flag(text):
    assert spans("EXO207", text) == []


def test_guidance_named_by_a_link_is_identified():
    html = ('<p>According to the <a href="https://www.gov.uk/example">MHRA\'s guidance on borderline products</a>, '
            'a product that claims to treat disease is a medicine.</p>')
    assert spans("EXO207", html, "html") == []
    md = "According to the [WHO advice on injections](https://example.org/who), use a new needle each time."
    assert spans("EXO207", md, "markdown") == []


# -- EXO208 results credited to an institution ----------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("The University of Westbrook has conducted research into scalp boosters, showing their effectiveness.",
     ["The University of Westbrook has conducted research into scalp boosters, showing their effectiveness"]),
    ("Research at Kingsmead Institute has demonstrated that the mask reverses ageing.",
     ["Research at Kingsmead Institute has demonstrated"]),
])
def test_institutional_research_claims(text, want):
    assert spans("EXO208", text) == want


@pytest.mark.parametrize("text", [
    "Researchers at the University of Westbrook are recruiting volunteers for an eczema trial.",
    "The University Hospital has carried out research on infection control, demonstrating its commitment to safety.",
    "Research at St Mary's Hospital has shown that the drug extends survival (Patel et al., 2019).",
    "The hospital has conducted more than 500 procedures this year.",
    "Studies at the University of Westbrook have not yet shown any benefit of the treatment.",
])
def test_institutional_research_must_not_flag(text):
    assert spans("EXO208", text) == []


# -- EXO209 claims that cite an incomplete entry -------------------------------------------------------------
def test_claim_citing_incomplete_entry():
    text = "Microneedling with the serum thickens skin (3).\n\n(1) " + GOOD_REF + "\n\n(3) Dermal Digest, 2018"
    assert spans("EXO209", text) == ["Microneedling with the serum thickens skin (3)"]


@pytest.mark.parametrize("text", [
    "Products placed on the market must be notified (1).\n\n(1) Regulation (EC) No 1223/2009 on cosmetic products",
    "Human tissue for transplant must come from a licensed establishment (2).\n\n(2) Human Tissue Act 2004",
    f"Redness fades within a day (1).\n\n(1) {GOOD_REF}",
    "Wash your hands (1) before and (2) after changing the dressing.",
    "A study published in Dermal Digest found thicker skin (3).\n\n(3) Dermal Digest, 2018",  # EXO203's finding
])
def test_citing_incomplete_entry_must_not_flag(text):
    assert spans("EXO209", text) == []


# -- EXO210 "the evidence supports" without a citation --------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("Clinical research strongly supports the efficacy of our hair drip.",
     ["Clinical research strongly supports the efficacy of"]),
    ("The booster has been proven effective in thousands of clients.", ["has been proven effective"]),
    ("Our range is backed by science.", ["backed by science"]),
])
def test_unsupported_evidence_conclusions(text, want):
    assert spans("EXO210", text) == want


@pytest.mark.parametrize("text", [
    "There is no evidence that exosome products are safe or effective.",
    "Current evidence does not support the use of these products outside clinical trials.",
    "No scientific evidence supports the claims that these creams reverse ageing.",
    "Limited evidence supports the effectiveness of laser treatment for rosacea.",
    "More evidence is needed before these treatments can be recommended.",
    "The vaccine has been proven effective in large trials (Polack et al., 2020).",
    "No cosmetic product has been proven to be effective at regrowing hair.",
    "Be cautious of treatments that claim to be backed by science but name no study.",
    "Evidence supports the effectiveness of sunscreen in preventing skin cancer [1].\n\n[1] " + GOOD_REF,
    "Ask the clinic what evidence supports the effectiveness of the treatment.",
])
def test_unsupported_evidence_conclusion_must_not_flag(text):
    assert spans("EXO210", text) == []
