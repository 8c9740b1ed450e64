"""The `evidence` kind: efficacy figures need a specific source nearby; vague citations, incomplete
reference entries and dangling citation numbers are reported."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from exolint.plugins.text import parse

from exolint.engine import Engine
from exolint.kinds import citation_complete, citation_entries, evidence
from exolint.registry import get_registry
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet, RuleSpecError, compile_rule_file

RULES = Path(__file__).resolve().parents[2] / "rules"
GOOD_REF = "Berg T, Sato K. Vesicles and dermal repair in adults. Skin Res. 2019;7:44-50."


def builtin(rule_id: str):
    return compile_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")))


def spans(rule_id: str, text: str) -> list[str]:
    doc = parse(text, "x.txt")
    return [text[f.start.offset:f.end.offset] for f in Engine(RuleSet([builtin(rule_id)])).lint(doc).findings]


# -- EXO201 efficacy percentages --------------------------------------------------------------------------
def test_unsourced_percentage_is_reported_on_the_claim_words():
    text = "Our serum increased collagen production by 28% in a month."
    assert spans("EXO201", text) == ["increased collagen production by 28%"]


@pytest.mark.parametrize("text,want", [
    ("A 2019 trial by Moreau found 35% more regrowth than placebo.", []),
    ("Moreau and colleagues (2019) found 35% more regrowth than placebo.", []),
    ("Moreau and co-workers, 2019, found 35% more regrowth than placebo.", []),
    # colleagues without a year, or a year without an author, name no paper
    ("Dr Moreau and colleagues found 35% more regrowth than placebo.", ["35% more"]),
    ("A 2019 trial found 35% more regrowth than placebo.", ["35% more"]),
])
def test_an_author_with_colleagues_and_a_year_is_a_source(text, want):
    assert spans("EXO201", text) == want


def test_chained_figures_are_one_claim():
    text = "It boosted elastin by 40% and reduced redness by 12% within weeks."
    assert spans("EXO201", text) == ["boosted elastin by 40% and reduced redness by 12%"]


@pytest.mark.parametrize("source", [
    "(Smith et al., 2021)", "(Okafor, 2020)", "as Lee and Park 2019 report", "Smith (2021) reports this",
    "doi:10.1111/jocd.12345", "https://doi.org/10.1000/xyz", "PMID: 31234567", "in trial NCT01234567",
    "see https://pubmed.ncbi.nlm.nih.gov/31234567/",
])
def test_specific_sources_support_the_claim(source):
    assert spans("EXO201", f"The cream improved hydration by 15% {source}.") == []


@pytest.mark.parametrize("source, found", [
    ("as Zhang et al. reported", []),                                  # named in the sentence: a lead
    ("(Zhang et al.)", ["improved hydration by 15%"]),                 # undated in brackets: no paper
    ("(Zhang et al., Journal of Cosmetic Dermatology)", ["improved hydration by 15%"]),
    ("(Zhang et al., J Cosmet Dermatol 2021)", []),
])
def test_an_et_al_citation_in_brackets_needs_its_year_nearby(source, found):
    assert spans("EXO201", f"The cream improved hydration by 15% {source}.") == found


def test_a_year_just_before_completes_an_et_al_citation():
    text = "A 2013 trial in Australia (Hughes et al., Annals of Internal Medicine) found 24% less skin ageing."
    assert spans("EXO201", text) == []


@pytest.mark.parametrize("source, found", [
    ("(Zhang et al.)", ["improved hydration by 15%"]),
])
def test_an_undated_et_al_citation_in_brackets_is_no_source(source, found):
    assert spans("EXO201", f"The cream improved hydration by 15% {source}.") == found


def test_numbered_reference_resolving_to_complete_entry_supports():
    text = f"Wrinkle depth fell by 20% [1].\n\nReferences\n\n[1] {GOOD_REF}"
    assert spans("EXO201", text) == []


def test_numbered_reference_to_journal_only_entry_does_not_support():
    text = "Wrinkle depth fell by 20% (1).\n\n(1) Journal of Skin Care, 2019"
    assert spans("EXO201", text) == ["fell by 20%"]


def test_year_or_journal_alone_is_not_a_source():
    assert spans("EXO201", "In 2019 the peel reduced wrinkles by 30%.") == ["reduced wrinkles by 30%"]
    text = "A study in the British Journal of Skin (2020) showed it boosts firmness by 22%."
    assert spans("EXO201", text) == ["boosts firmness by 22%"]


@pytest.mark.parametrize("text", [
    "Get 20% off all peels this week.",
    "Save 15% when you book three sessions.",
    "Save up to 25% on facials.",
    "Up to 30% of adults have acne at some point.",
    "Our products are 100% natural.",
    "The aesthetics market grew by 9% last year, an industry survey found.",
    "Prices reduced by 10% for returning clients.",
])
def test_not_efficacy_claims(text):
    assert spans("EXO201", text) == []


def test_percentage_inside_a_reference_entry_is_not_a_claim():
    text = ("Hydration improved [1].\n\nReferences\n\n"
            "[1] Berg T, Sato K. Serum improved hydration by 30% in adults. Skin Res. 2019;7:44-50.")
    assert spans("EXO201", text) == []


def test_paragraph_window_source_at_paragraph_end():
    text = "It lifted cheeks by 12% in eight weeks. Patients were pleased (Meyer et al., 2022)."
    assert spans("EXO201", text) == []
    text2 = "It lifted cheeks by 12% in eight weeks.\n\nPatients were pleased (Meyer et al., 2022)."
    assert spans("EXO201", text2) == ["lifted cheeks by 12%"]


@pytest.mark.parametrize("text,want", [
    ("It gives 10 times more collagen than creams.", ["10 times more collagen"]),
    ("Results are 3x faster than laser.", ["3x faster"]),
    ("It delivers 10,000 times more growth factors.", ["10,000 times more growth factors"]),
    ("Use it 3 times a day.", []),
    ("Healing was 2 times faster (Ito et al., 2020).", []),
])
def test_multipliers(text, want):
    assert spans("EXO202", text) == want


# -- EXO203/EXO204 vague citations ------------------------------------------------------------------------
def test_journal_only_citation():
    text = "A recent study published in the Journal of Dermal Science and Therapy found improvement."
    assert spans("EXO203", text) == ["A recent study published in the Journal of Dermal Science and Therapy"]


def test_journal_citation_with_authors_or_doi_is_fine():
    assert spans("EXO203", "A study published in the Journal of Skin (Ruiz et al., 2021) found this.") == []
    assert spans("EXO203", "A study published in Skin Research (doi:10.1000/abc.1) found this.") == []


def test_journal_citation_with_incomplete_numbered_reference_is_still_vague():
    text = "A study published in the Journal of Skin found this (2).\n\n(2) Journal of Skin, 2020"
    assert spans("EXO203", text) == ["A study published in the Journal of Skin"]


@pytest.mark.parametrize("text,want", [
    ("Studies have shown that it works.", ["Studies have shown"]),
    ("Research shows clear benefits.", ["Research shows"]),
    ("Clinical trials have shown it is safe.", ["Clinical trials have shown"]),
    ("According to dermatologists, it is the best.", ["According to dermatologists"]),
    ("It has been shown to be safe in clinical trials.", ["has been shown to be safe in clinical trials"]),
    ("Studies have shown modest effects (Klein et al., 2019).", []),
    ("More studies are needed.", []),
])
def test_vague_appeals(text, want):
    assert spans("EXO204", text) == want


# -- EXO205/EXO206 reference lists ------------------------------------------------------------------------
def test_reference_entry_without_authors_is_reported():
    text = "It helps (1).\n\n(1) Journal of Facial Care, 2018"
    assert spans("EXO205", text) == ["Journal of Facial Care, 2018"]


def test_inline_reference_list_is_one_finding_with_related_items():
    text = "Body.\n\nReferences: Skin Journal; Agency guidance on serums; " + GOOD_REF.replace(";", ",")
    c = builtin("EXO205")
    doc = parse(text, "x.txt")
    hits = list(c.check(doc))
    assert len(hits) == 1
    assert doc.text[hits[0].start:hits[0].end] == "Skin Journal"
    assert [doc.text[a:b] for a, b, _ in hits[0].related] == ["Agency guidance on serums"]


@pytest.mark.parametrize("entry,complete", [
    (GOOD_REF, True),
    ("Osei A, Brandt L. Exosomes in wound healing. doi:10.1000/jrm.2021.0310", True),
    ("PMID: 31234567", True),
    ('Nakamura H. "Exosome therapy for ageing skin". Skin Res 2020.', True),
    ("Journal of Investigative Skin Science, 2019", False),
    ("British Journal of Skin, 2020", False),
    ("Human Tissue Act 2004", True),  # a statute is found by its title and year
    ("Regulation (EC) No 1223/2009 on cosmetic products, Annex II", True),
    ("21 CFR 1271.3 and 1271.10", True),
    ("FDA, Public Safety Notification on Exosome Products, 6 December 2019", True),
    ("MHRA guidance on advanced therapies", False),
    ("Smith J, 2019.", False),
])
def test_entry_completeness(entry, complete):
    assert citation_complete.is_complete(entry) is complete


def test_numbered_steps_are_not_reference_entries():
    assert spans("EXO205", "1. Cleanse the face.\n\n2. Apply the serum.") == []


def test_markdown_reference_list_items_are_numbered_in_order():
    reg = get_registry()
    doc = reg.formats["markdown"].parse(
        f"Claim [2].\n\n## References\n\n1. {GOOD_REF}\n2. Annals of Beauty, 2020\n", "x.md", {})
    idx = citation_entries.reference_index(doc)
    assert sorted(idx.by_number) == [1, 2]
    assert idx.by_number[1].complete and not idx.by_number[2].complete


@pytest.mark.parametrize("text,want", [
    (f"It works (3).\n\n(1) {GOOD_REF}", ["(3)"]),
    (f"It works [1, 4].\n\n[1] {GOOD_REF}", ["[1, 4]"]),
    ("It works¹.", ["¹"]),
    (f"It works (1).\n\n(1) {GOOD_REF}", []),
    (f"It works [1-2].\n\n[1] {GOOD_REF}\n\n[2] {GOOD_REF}", []),
    ("Bring: (1) a towel, (2) sunscreen.", []),
    ("See figure (2) for details.", []),
    ("Cytotherapy 2020;22(9):482-485.", []),  # volume(issue):pages, not a marker
])
def test_citation_markers(text, want):
    assert spans("EXO206", text) == want


def test_marker_message_names_missing_numbers():
    doc = parse(f"It works [1, 4].\n\n[1] {GOOD_REF}", "x.txt")
    hits = list(builtin("EXO206").check(doc))
    assert "points to reference 4," in hits[0].message


# -- compile errors ----------------------------------------------------------------------------------------
def _rule(**options) -> Rule:
    return Rule(id="TST201", name="t", kind="evidence", category="other", severity="warning", message="{match}",
                description="d", path=Path("t.yaml"), options=options, raw=dict(options))


def test_claim_modes_need_claims():
    with pytest.raises(RuleSpecError):
        evidence.compile(_rule(mode="unsupported-claim"), CompileContext())


def test_bad_regex_names_its_key():
    with pytest.raises(RuleSpecError) as exc:
        evidence.compile(_rule(mode="vague-citation", claims={"patterns": ["x"]}, exceptions=["(unclosed"]),
                         CompileContext())
    assert exc.value.path == ("exceptions", 0)


def test_custom_evidence_regex():
    c = evidence.compile(_rule(mode="unsupported-claim", claims={"regex": [r"\d+%"]},
                               evidence={"regex": [r"\bdata on file\b"]}), CompileContext())
    doc = parse("Firmer by 20% (data on file).", "x.txt")
    assert list(c.check(doc)) == []
    doc = parse("Firmer by 20%.", "x.txt")
    assert [doc.text[h.start:h.end] for h in c.check(doc)] == ["20%"]


def test_span_is_clipped_to_200_characters():
    c = evidence.compile(_rule(mode="vague-citation", claims={"regex": [r"studies\s[\w\s]+"]}), CompileContext())
    doc = parse("studies " + "word " * 80 + ".", "x.txt")
    (h,) = list(c.check(doc))
    assert h.end - h.start <= 200


# -- incomplete-marker mode and the link builtin ------------------------------------------------------------
def _incomplete(**extra):
    return evidence.compile(_rule(mode="incomplete-marker", **extra), CompileContext())


def test_claim_citing_only_an_incomplete_entry_is_reported_with_the_entry_related():
    text = "Peels are gentle. Redness fades in a day (2).\n\n(1) " + GOOD_REF + "\n\n(2) Skin Digest, 2015"
    doc = parse(text, "x.txt")
    (h,) = list(_incomplete().check(doc))
    assert doc.text[h.start:h.end] == "Redness fades in a day (2)"
    assert [doc.text[a:b] for a, b, _ in h.related] == ["Skin Digest, 2015"]
    assert "reference 2" in h.related[0][2]


@pytest.mark.parametrize("text", [
    f"Redness fades in a day (1).\n\n(1) {GOOD_REF}",                       # complete entry
    "Redness fades in a day (3).\n\n(1) Skin Digest, 2015",               # missing: EXO206's finding
    f"Redness fades [1, 2].\n\n[1] Skin Digest, 2015\n\n[2] {GOOD_REF}",  # one complete entry is a source
    "Bring (1) a towel and (2) sunscreen.",                               # not citations
])
def test_incomplete_marker_not_reported(text):
    assert list(_incomplete().check(parse(text, "x.txt"))) == []


def test_incomplete_marker_exceptions_apply_to_the_clause():
    text = "A study published in Skin Digest found less redness (2).\n\n(2) Skin Digest, 2015"
    assert list(_incomplete(exceptions=[r"\bpublished\s+in\b"]).check(parse(text, "x.txt"))) == []
    assert len(list(_incomplete().check(parse(text, "x.txt")))) == 1


def test_link_counts_as_evidence_only_when_listed():
    html = '<p>According to <a href="https://example.org/g">the agency guidance</a>, it is allowed.</p>'
    doc = get_registry().formats["html"].parse(html, "x.html", {})
    claims = {"regex": [r"according\s+to"]}
    # paragraph window: the sentence splitter currently ends a sentence at an inline link's edge
    with_link = evidence.compile(replace(_rule(mode="vague-citation", claims=claims, evidence={"builtin": ["link"]}),
                                         window="paragraph"), CompileContext())
    default = evidence.compile(replace(_rule(mode="vague-citation", claims=claims), window="paragraph"),
                               CompileContext())
    assert list(with_link.check(doc)) == []
    assert len(list(default.check(doc))) == 1
