"""EXO333: injecting or infusing exosomes presented as the way a clinic's treatment is given.
Regulator, news and health-service prose that describes or warns about such use stays clean."""
from __future__ import annotations

import pytest

from exolint.api import lint_text

ADVERTISING = ["EXO330", "EXO331", "EXO332", "EXO333"]


def found(text: str, select=ADVERTISING) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start.offset:f.end.offset]) for f in lint_text(text, select=select)]


@pytest.mark.parametrize("text,span", [
    ("Welcome to our clinic.\n\nThe treatment involves injecting exosomes into the skin with a fine needle.",
     "treatment involves injecting exosomes"),
    ("We offer tailored plans.\n\nThe usual ways to give exosome therapy include intravenous infusion and injection.",
     "usual ways to give exosome therapy include intravenous"),
    ("Exosomes are injected directly into the treatment area. Book a consultation today.",
     "Exosomes are injected"),
    ("Contact us to find out more.\n\nDuring the session we inject exosomes along the hairline.",
     "we inject exosomes"),
])
def test_injection_as_the_offered_method_is_flagged(text, span):
    assert ("EXO333", span) in found(text)


@pytest.mark.parametrize("text", [
    # regulator / health-service / news voices, even with a contact line
    "Exosome injections are not licensed in the UK. Contact us if you have been offered one.",
    "Some clinics offer IV exosome drips, which the regulator has not approved. Call us on the number below.",
    "Do not have exosomes injected. Book an appointment with your GP if you have a reaction.",
    "The MHRA says exosomes injected into the skin are unlicensed medicines. Contact the MHRA press office.",
    "Reporters found salons where exosomes are injected into the face without a licence. We offer this report free.",
    # no provider voice on the page
    "The procedure involves injecting exosomes into the skin, according to the clinics we surveyed.",
    "Intravenous infusion is used to deliver exosomes in some early studies.",
    # research
    "In mice, exosomes were injected intravenously. Our team summarises new papers each month.",
])
def test_descriptions_and_warnings_are_clean(text):
    assert [r for r, _ in found(text) if r == "EXO333"] == []
