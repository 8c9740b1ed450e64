"""The `claim` kind: agent + predicate + object, polarity, aliases, passive voice, look-alike letters."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.facts import load_facts
from exolint.kinds import claim
from exolint.kinds.claim_polarity import polarity
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet, RuleSpecError

PACK = Path(claim.__file__).resolve().parents[2] / "rules"
OBJECTS = ["exosome", "exosomes", "extracellular vesicles", "exosome-based"]
MESSAGE = "'{claim}' conflicts with {source} ({source_date}): {statement}, as of {as_of}."


def ctx(today=dt.date(2026, 11, 22)) -> CompileContext:
    facts, errors = load_facts([PACK], today)
    assert errors == []
    return CompileContext(facts=facts, today=today, regex_timeout=0.5)


def make(c: CompileContext | None = None, **options):
    options.setdefault("objects", OBJECTS)
    options.setdefault("predicates", ["approved", "cleared", "licensed", "authorised"])
    options.setdefault("fact", "fda-exosome-approval")
    rule = Rule(id="TST301", name="t", kind="claim", category="regulator-approval-misstatement",
                severity="error", message=options.pop("message", MESSAGE), description="d", path=Path("t.yaml"),
                options=options, raw=dict(options))
    return claim.compile(rule, c or ctx())


def fda():
    return make(agents=["FDA", "US"])


def spans(compiled, text):
    doc = parse(text, "x.txt")
    return [text[f.start.offset:f.end.offset] for f in Engine(RuleSet([compiled])).lint(doc).findings]


# -- finding claims -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,span", [
    ("Buy our FDA-approved exosome serum today.", "FDA-approved exosome serum"),
    ("Our exosomes are approved by the FDA.", "exosomes are approved by the FDA"),
    ("The FDA has approved several exosome-based treatments.", "FDA has approved several exosome-based treatments"),
    ("Exosome therapy was cleared by the U.S. Food and Drug Administration in 2021.",
     "Exosome therapy was cleared by the U.S. Food and Drug Administration"),
    ("Our exosome injections are FDA licensed and safe.", "exosome injections are FDA licensed"),
    ("The Food and Drug Administration approved exosomes for hair loss.",
     "Food and Drug Administration approved exosomes"),
])
def test_active_passive_and_aliases(text, span):
    assert spans(fda(), text) == [span]


@pytest.mark.parametrize("text,span", [
    # a time phrase after the agent is not a noun the predicate describes
    ("Our exosome serum was approved by the FDA last year.", "exosome serum was approved by the FDA"),
    ("Our exosomes were approved by the FDA earlier this year.", "exosomes were approved by the FDA"),
    ("Our exosome serum was approved by the FDA recently.", "exosome serum was approved by the FDA"),
    # "win" and "gain" hold an approval as "won" and "gained" do
    ("Our exosome booster wins FDA approval.", "exosome booster wins FDA approval"),
])
def test_time_phrases_and_winning_an_approval(text, span):
    assert spans(fda(), text) == [span]


def test_message_names_source_date_and_as_of():
    doc = parse("Our FDA-approved exosome serum works.", "x.txt")
    (f,) = Engine(RuleSet([fda()])).lint(doc).findings
    assert f.message == ("'FDA-approved exosome serum' conflicts with FDA Public Safety Notification on "
                         "Exosome Products (2019-12-06): there are no FDA-approved exosome products, as of 2026-11-22.")


def test_homoglyph_folded_claim_is_caught():
    text = "Our FDA-аpprоvеd exosome serum works."  # Cyrillic а, о, е
    assert spans(fda(), text) == ["FDA-аpprоvеd exosome serum"]


def test_lowercase_us_is_not_the_united_states():
    assert spans(fda(), "Contact us about approved exosome kits.") == []


def test_other_agent_is_not_this_rules_claim():
    assert spans(fda(), "The MHRA has approved exosome treatments.") == []
    mhra = make(agents=["MHRA", "UK"], fact="mhra-exosome-authorisation")
    assert spans(mhra, "The MHRA has approved exosome treatments.") == ["MHRA has approved exosome treatments"]
    assert spans(mhra, "Our UK-licensed exosome injections.") == ["UK-licensed exosome injections"]


def test_no_object_no_claim():
    assert spans(fda(), "Our FDA-approved microneedling pen is gentle.") == []
    assert spans(fda(), "We apply exosomes after using the FDA-cleared microneedling pen.") == []


def test_an_object_after_the_comma_that_ends_a_perfect_tense_verb_is_not_its_object():
    assert spans(fda(), "Unlike fillers that the FDA has approved, exosome serums are unlicensed.") == []
    assert spans(fda(), "Unlike fillers that have been approved by the FDA, exosome serums are not.") == []
    # an adjective before a comma still describes the noun after it
    assert spans(fda(), "Try our FDA-approved, exosome-rich serum.") == ["FDA-approved, exosome"]
    assert spans(fda(), "The FDA has approved our exosome serum, and patients love it.") == [
        "FDA has approved our exosome serum"]


def test_an_exosome_free_product_is_no_exosome_object():
    assert spans(fda(), "The FDA approved the use of exosome-free serums.") == []
    assert spans(fda(), "The FDA approved the use of exosome serums.") == ["FDA approved the use of exosome serums"]


def test_long_sentence_keeps_span_tight():
    text = ("After years of research and many happy patients in our three clinics across the region, we are "
            "proud to say that our exosomes are FDA-approved, which sets us apart from competitors.")
    (s,) = spans(fda(), text)
    assert s == "exosomes are FDA-approved"


# -- polarity -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The FDA has not approved any exosome product.",
    "There are currently no FDA-approved exosome products.",
    "No exosome products are approved by the FDA.",
    "Exosome products sold without FDA approval are illegal.",
    "Exosomes are not yet FDA-approved.",
    "The FDA hasn't approved exosomes.",
    "Exosome injections cannot be legally FDA approved as cosmetics.",
    "None of these exosome products has been approved by the FDA.",
    "The FDA has yet to approve an exosome therapy.",
])
def test_negation(text):
    assert spans(fda(), text) == []


@pytest.mark.parametrize("text", [
    "Exosome products must be approved by the FDA before sale.",
    "Exosome products intended to treat disease require FDA approval.",
    "Exosome therapies may be approved by the FDA in future.",
    "The company plans to seek FDA approval for its exosome product.",
    "Ask your doctor whether the exosomes they use are FDA-approved.",
    "If exosomes were FDA-approved, insurers would cover them.",
    "Exosomes will need FDA clearance before they can be sold.",
])
def test_modality(text):
    assert spans(fda(), text) == []


@pytest.mark.parametrize("text", [
    "Some clinics claim their exosomes are FDA-approved.",
    "Beware of sellers who say exosome serums are FDA approved.",
    "Exosomes marketed as FDA-approved should be reported.",
    "It is a myth that the FDA approved exosome facials.",
    # reported speech and fact checks
    'One clinic\'s website told visitors that its vials were "FDA-approved exosomes from a certified US lab".',
    "Another seller wrote that the serum held \u201cexosomes approved by the FDA\u201d.",
    '# Fact check: "Exosomes are FDA approved"',
    "We fact-checked the claim that the FDA approved exosome facials.",
    # only the predicate is quoted, in a list of quoted words
    'If a clinic tells you its exosome treatment is "FDA approved", "MHRA approved" or "guaranteed", be careful.',
    'A video in the group chat called the exosome facial "FDA approved and needle-free".',
])
def test_attribution(text):
    assert spans(fda(), text) == []


@pytest.mark.parametrize("text,span", [
    ('Dr Lee says "our exosomes are FDA-approved".', "exosomes are FDA-approved"),
    ('Sarah, 34, says: "These FDA-approved exosomes changed my skin!"', "FDA-approved exosomes"),
    ('We were told the vials are "FDA-approved exosomes".', "FDA-approved exosomes"),
    ('Our "FDA-approved exosomes" are made in a US lab.', "FDA-approved exosomes"),
    ('Our nurses tell patients our exosomes are "FDA approved".', 'exosomes are "FDA approved'),
    ("Exosomes are FDA approved, said Dr Lee.", "Exosomes are FDA approved"),
])
def test_quotations_in_the_first_person_or_unquoted_reports_are_asserted(text, span):
    assert spans(fda(), text) == [span]


@pytest.mark.parametrize("text", ["Is this exosome serum FDA-approved?", "Are exosomes approved by the FDA?"])
def test_questions(text):
    assert spans(fda(), text) == []


def test_a_comma_ends_a_cues_reach():
    assert spans(fda(), "Our serum, which may help, contains FDA-approved exosomes.") == ["FDA-approved exosomes"]
    assert spans(fda(), "No downtime, no needles: our FDA-approved exosome facial.") == ["FDA-approved exosome facial"]


def test_not_only_is_asserted():
    assert spans(fda(), "Our exosomes are not only FDA-approved but also vegan.") == [
        "exosomes are not only FDA-approved"]


def test_polarity_function_direct():
    t = "The FDA has not approved exosomes."
    assert polarity(t, (0, len(t)), (0, len(t)), (4, 33), (16, 24)) == "negated"
    t = "The FDA approved exosomes."
    assert polarity(t, (0, len(t)), (0, len(t)), (4, 25), (8, 16)) == "asserted"


@pytest.mark.parametrize("text,found", [
    # what others believe, said by the page, is not the page's claim
    ("Of those, 34% believed exosome products were FDA approved.", []),
    ("Many patients assume the exosome serum is FDA-approved.", []),
    # the page's own belief still is
    ("We believe our exosomes are FDA-approved.", ["exosomes are FDA-approved"]),
])
def test_a_belief_of_others_is_attributed(text, found):
    assert spans(fda(), text) == found


def test_clauses_are_judged_apart():
    text = "The FDA has not approved exosome serums, but the MHRA approved exosome creams."
    mhra = make(agents=["MHRA"], fact="mhra-exosome-authorisation")
    assert spans(fda(), text) == []
    assert spans(mhra, text) == ["MHRA approved exosome creams"]


# -- unattributed, classification, requires -----------------------------------------------------------
def unattributed():
    return make(unattributed=True, fact="no-approved-exosome-sources", max_words=4)


def test_unattributed_approval():
    assert spans(unattributed(), "We use only approved sources of exosomes.") == ["approved sources of exosomes"]
    assert spans(unattributed(), "An exosome treatment has been approved for hair loss.") == [
        "exosome treatment has been approved"]
    assert spans(unattributed(), "The FDA approved exosomes.") == []  # named agent: the FDA rule's job
    assert spans(unattributed(), "Unapproved exosome products are risky.") == []


def test_classification_needs_the_class():
    c = make(agents=["EMA", "EU"], unattributed=True, fact="eu-ev-not-medical-device",
             predicates=["classified", "recognised"], **{"as": ["medical device", "medical devices"]})
    assert spans(c, "The EMA has recognized exosomes as medical devices.") == [
        "EMA has recognized exosomes as medical devices"]
    assert spans(c, "Exosomes are classified as a medical device.") == ["Exosomes are classified as a medical device"]
    assert spans(c, "Exosomes are classified as medicinal products in the EU.") == []
    assert spans(c, "Exosomes are not classified as medical devices.") == []


def test_requires_context():
    c = make(agents=["FDA"], predicates=["registered"], fact="fda-registration-not-approval",
             requires=[r"\bsafe\b", r"approv\w*"])
    assert spans(c, "Our exosome serum is FDA-registered, so it is safe.") == ["exosome serum is FDA-registered"]
    assert spans(c, "Our exosome serum is FDA-registered as a cosmetic.") == []


def test_cosing_listing():
    c = make(agents=["CosIng"], fact="cosing-not-positive-list", objects=["ingredient", "ingredients"],
             object_nouns=[])
    assert spans(c, "Every ingredient here is CosIng-approved.") == ["ingredient here is CosIng-approved"]
    assert spans(c, "CosIng is not a list of approved ingredients.") == []


# -- compile ------------------------------------------------------------------------------------------
def test_unknown_agent_is_a_spec_error():
    with pytest.raises(RuleSpecError) as exc:
        make(agents=["FDX"])
    assert exc.value.path == ("agents", 0)


def test_inline_agents_and_predicate_phrases():
    c = make(agents={"Board": ["Skin Board"]}, predicates=["given the green light"])
    assert spans(c, "The Skin Board has given the green light to exosome facials.") == [
        "Skin Board has given the green light to exosome facials"]
    assert c.triggers == ("given",)  # the longest word of the phrase (first of equals)


def test_needs_agent_or_unattributed():
    with pytest.raises(RuleSpecError):
        make()


def test_triggers_are_predicate_stems():
    assert set(fda().triggers) == {"approv", "clear", "licen", "authori"}


def test_holds_true_reports_denials():
    c = make(agents=["FDA"], polarity=["negated"])
    assert spans(c, "The FDA has not approved exosomes.") == ["FDA has not approved exosomes"]


# -- the cheap pre-checks (claim_gate, claim_scan) change no finding -----------------------------------
_GATE_WORDS = ["The", "FDA", "EMA", "EU", "European Medicines Agency", "U.S. Food and Drug Administration", "has",
               "approved", "FDA-approved", "classified", "as", "a", "medical", "device", "our", "exosome", "exosomes",
               "serum", "not", "is", "by", "the", "US", "us", "ſ", ",", ".", ";", "\n\n",
               "exosomes are classified as a medical device", "approved exosome serum", "the EMA has approved"]


def _ungated(compiled):
    import dataclasses
    return dataclasses.replace(compiled, agent_words=None, as_words=None, agent_starts=None, object_starts=None)


@pytest.mark.parametrize("build", [
    fda,
    lambda: make(agents=["EMA", "EU"]),
    lambda: make(agents=["EMA", "EU"], unattributed=True, predicates=["classified", "approved"],
                 **{"as": ["medical device", "class III device"]}, fact="eu-ev-not-medical-device"),
    lambda: make(unattributed=True, max_words=4, fact="no-approved-exosome-sources"),
])
def test_pre_checks_change_no_finding(build):
    gated = build()
    assert gated.agent_starts is not None or gated.unattributed
    plain = _ungated(gated)
    rnd = random.Random(17)
    found = 0
    for _ in range(400):
        text = " ".join(rnd.choice(_GATE_WORDS) for _ in range(rnd.randint(3, 30)))
        a = [(f.start.offset, f.end.offset, f.message)
             for f in Engine(RuleSet([gated])).lint(parse(text, "x.txt")).findings]
        b = [(f.start.offset, f.end.offset, f.message)
             for f in Engine(RuleSet([plain])).lint(parse(text, "x.txt")).findings]
        assert a == b, text
        found += len(a)
    assert found  # the texts do hold claims of each rule


def test_a_page_without_the_agent_is_skipped_whole():
    ema = make(agents=["EMA", "EU"])
    assert ema._may_hold(parse("The FDA approved exosomes.", "x.txt")) is False
    assert ema._may_hold(parse("The EMA approved exosomes.", "x.txt")) is True
    assert spans(ema, "The EMA approved exosomes.") == ["EMA approved exosomes"]


# -- an adjective predicate before a noun ---------------------------------------------------------------
@pytest.mark.parametrize("text,found", [
    # the noun after the predicate is another thing: no claim about the exosomes
    ("Exosome serum is applied after the FDA-approved microneedling device.", []),
    ("Our exosome facial follows an FDA-cleared laser session.", []),
    # a copula and an article before it: the noun is what the exosomes are said to be
    ("These exosomes are an FDA-approved choice for thinning hair.", ["exosomes are an FDA-approved"]),
    ("Exosome boosters remain the FDA-cleared option for scars.", ["Exosome boosters remain the FDA-cleared"]),
    # a conjunction after the agent starts a new part of the sentence, not a noun the predicate describes
    ("Our exosomes are approved by the FDA before they reach our rooms.", ["exosomes are approved by the FDA"]),
])
def test_predicate_before_a_noun(text, found):
    assert spans(fda(), text) == found


def test_an_unattributed_rule_is_not_blocked_by_its_own_agent_far_away():
    """Another body in the clause makes a claim that body's; the rule's own agent does not, even
    when it stands too far from the predicate to be the claim's agent."""
    c = make(agents=["UK"], unattributed=True, predicates=["CE marked"], fact="eu-ev-not-medical-device")
    text = "Our exosomes are CE marked and made to meet the very highest standards in the UK."
    assert spans(c, text) == ["exosomes are CE marked"]
    assert spans(c, "Our exosomes are CE marked and made to the very highest standards the FDA has.") == []
