"""Noun predicates ("approval", "licence") are claims only when something asserts them."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exolint.kinds.claim_predication import asserts, is_noun

sys.path.insert(0, str(Path(__file__).parent))
from test_claim import fda, make, spans, unattributed  # noqa: E402


def mhra():
    return make(agents=["MHRA", "UK"], fact="mhra-exosome-authorisation")


@pytest.mark.parametrize("text", [
    "Open questions include regulatory approval for exosome therapy in several countries.",
    "- Regulatory approval for exosome products across markets",
    "Challenges: approval of exosome treatments, funding and standardisation.",
    "The path to FDA approval for exosome therapies is long.",
    "Exosome approval pending.",
    "The clinic is seeking MHRA approval for its exosome serum.",
    "FDA approval of exosome products would change the market.",
    "The FDA approval process for exosome drugs takes years.",
    "Approval for exosome treatments was not granted.",
    # regulator / health-service style
    "Marketing authorisation of exosome medicines is handled by the MHRA.",
    "The MHRA explains what a licence for an exosome medicine would involve.",
    # the first to get it, hoped for
    "We hope our exosome serum will be the first to receive MHRA approval.",
    "Which exosome product will be the first to receive FDA approval?",
])
def test_a_noun_that_only_names_approval_is_not_a_claim(text):
    assert spans(fda(), text) == []
    assert spans(unattributed(), text) == []
    assert spans(mhra(), text) == []


@pytest.mark.parametrize("rule,text,span", [
    (fda, "Our exosome serum has FDA approval.", "exosome serum has FDA approval"),
    (fda, "The exosome booster received FDA clearance in 2021.", "exosome booster received FDA clearance"),
    (fda, "FDA approval for our exosome facial was granted last year.", "FDA approval for our exosome facial"),
    (fda, "The FDA's approval of exosome injections means you are in safe hands.",
     "FDA's approval of exosome injections"),
    (mhra, "Our exosome treatments come with full MHRA authorisation.",
     "exosome treatments come with full MHRA authorisation"),
    (mhra, "The exosome facial holds a UK licence.", "exosome facial holds a UK licence"),
    (unattributed, "Our exosome treatments are fully approved.", "exosome treatments are fully approved"),
    (unattributed, "The only approved exosome source is plant-based.", "approved exosome source"),
    # the first (or one of the first) to get it: it happened
    (mhra, "It is the first exosome protocol to receive MHRA approval.",
     "exosome protocol to receive MHRA approval"),
    (fda, "Our exosome serum was one of the first to gain FDA clearance.",
     "exosome serum was one of the first to gain FDA clearance"),
])
def test_asserted_nouns_verbs_and_participles_are_claims(rule, text, span):
    assert spans(rule(), text) == [span]


def test_mention_polarity_can_be_reported_on_request():
    c = make(agents=["FDA"], polarity=["mention"])
    assert spans(c, "The path to FDA approval for exosome therapies is long.") == ["FDA approval for exosome therapies"]
    assert spans(c, "Our exosome serum has FDA approval.") == []


def test_is_noun_and_asserts_direct():
    assert is_noun("approval") and is_noun("Licences") and is_noun("registration")
    assert not is_noun("approved") and not is_noun("approves") and not is_noun("licensed")
    t = "Our serum has approval."
    assert asserts(t, (0, len(t)), (14, 22), None)
    t = "The route to approval."
    assert not asserts(t, (0, len(t)), (13, 21), None)
    t = "Approved by the FDA."
    assert asserts(t, (0, len(t)), (0, 8), (16, 19))
