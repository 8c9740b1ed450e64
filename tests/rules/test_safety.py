"""EXO403 on clinic and health-service prose: risk argued away from a product's origin is flagged,
honest statements of risk are not."""
from __future__ import annotations

import pytest

from exolint.api import lint_text

SAFETY = ["EXO401", "EXO403", "EXO421", "EXO422", "EXO423"]


def found(text: str, select=SAFETY) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start.offset:f.end.offset]) for f in lint_text(text, select=select)]


@pytest.mark.parametrize("text,span", [
    ("Since the exosomes are derived from your own cells, there is minimal risk of allergic reactions.",
     "Since the exosomes are derived from your own cells, there is minimal risk of allergic reactions"),
    ("There is little chance of rejection because the vesicles come from the patient's own blood.",
     "little chance of rejection because the vesicles come from the patient's own blood"),
    ("As the serum is completely natural, there's negligible risk of side effects.",
     "As the serum is completely natural, there's negligible risk of side effects"),
    ("The exosomes are taken from your own plasma, so there is virtually no risk of an immune reaction.",
     "taken from your own plasma, so there is virtually no risk of an immune reaction"),
])
def test_risk_minimised_on_origin_is_flagged(text, span):
    assert ("EXO403", span) in found(text)


@pytest.mark.parametrize("text", [
    "There is a small risk of infection.",
    "Side effects are usually mild but can include redness, swelling and bruising.",
    "Products made from human cells can carry a risk of infection and allergic reaction.",
    "Because the cells come from your own body, rejection is less likely, but infection can still happen.",
    "As with any injection, there is a risk of bleeding, bruising and infection.",
    "Natural products can still cause allergic reactions; there is no guarantee of safety.",
    "The idea that there is no risk of reactions because exosomes are natural is a myth.",
    "Exosome products sold to clinics are usually not derived from the patient's own cells.",
])
def test_honest_risk_statements_are_clean(text):
    assert [r for r, _ in found(text) if r == "EXO403"] == []
