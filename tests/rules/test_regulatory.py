"""The regulatory pack on regulator and health-service prose: approval named but not claimed,
the EMA's real role for medical devices, and the misstatements it must still find."""
from __future__ import annotations

import pytest

from exolint.api import lint_text

REGULATORY = ["EXO301", "EXO302", "EXO303", "EXO304", "EXO305", "EXO306", "EXO307", "EXO308", "EXO309"]


def found(text: str, select=REGULATORY) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start.offset:f.end.offset]) for f in lint_text(text, select=select)]


@pytest.mark.parametrize("text", [
    # approval named as a topic, a goal or a process
    "Barriers to wider use:\n\n- Regulatory approval for exosome treatments in different countries\n\n"
    "- Manufacturing at scale",
    "Developers of exosome therapies are seeking approval for their products in the EU.",
    "The route to MHRA authorisation for an exosome medicine starts with clinical trials.",
    "Exosome products with approval pending cannot be marketed.",
    "The FDA's approval process for biological products, including exosome products, is described on its website.",
    # the EMA and medical devices, said correctly
    "In the EU, medical devices are assessed by notified bodies, and the EMA evaluates medicines.",
    "The EMA evaluates medicines for human and veterinary use.",
    "The EMA is consulted on drug-device combinations and on medicines with an integral device.",
    "The EMA does not certify medical devices; national competent authorities oversee the market.",
    "Notified bodies issue CE certificates for medical devices under the Medical Device Regulation.",
    "EMA hosts the expert panels that advise on certain high-risk medical devices.",
])
def test_regulator_style_text_is_clean(text):
    assert found(text) == []


@pytest.mark.parametrize("text,rule,span", [
    ("Our exosome serum has MHRA approval.", "EXO302", "exosome serum has MHRA approval"),
    ("In Europe the EMA regulates medical devices, including our exosome applicator.", "EXO309",
     "EMA regulates medical devices"),
    ("Each kit ships as an EMA-approved medical device.", "EXO309", "EMA-approved medical device"),
    ("The European Medicines Agency has issued guidance on exosome gels as medical devices.", "EXO309",
     "European Medicines Agency has issued guidance on exosome gels as medical devices"),
])
def test_misstatements_are_found(text, rule, span):
    assert (rule, span) in found(text)
