"""`exolint.kinds.citation_complete`: whether a reference entry lets a reader find its source."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from exolint.kinds import citation_complete as cc


@pytest.mark.parametrize("entry", [
    # issuer, title and a full date, in either order
    "FDA, Public Safety Notification on Exosome Products, December 6, 2019.",
    "FDA. Public Safety Notification on Exosome Products. 6 December 2019.",
    "FDA, Consumer Alert on Regenerative Medicine Products, July 22 2020",
    # a web address without its scheme, an Act whose name holds brackets, a code's numbered section
    "Medicines regulator. Finasteride: a reminder about side effects. Drug Safety Update, May 2024. gov.uk/dsu",
    "Botulinum Toxin and Cosmetic Fillers (Children) Act 2021.",
    "Committee of Advertising Practice. UK Code of Non-broadcast Advertising (CAP Code), section 12: Medicines.",
    # a regulator's or public body's own notice, by its title and year
    "U.S. Food and Drug Administration. Public Safety Notification on Exosome Products. December 2019.",
    "National Institute for Health and Care Excellence. Platelet-rich plasma injections for knee osteoarthritis. "
    "Interventional procedures guidance IPG637. 2019.",
    # correspondence cited as such
    "Email correspondence with the MHRA press office, April 2025.",
    # an issuer's own document, by its number
    "Hartwell Skin Clinic. Complications audit 2025, internal document HSC-AUD-2025-03. Available on request.",
    "Northvale Dermatology Service. Minoxidil persistence audit, ND-AUD-2025-07 (internal document).",
])
def test_what_lets_a_reader_find_an_entry_without_authors(entry):
    assert cc.is_complete(entry)


@pytest.mark.parametrize("entry", [
    "Journal of Facial Care, December 2019",  # a month and year alone
    "Journal of Skin, 2019", "Clinic leaflet, spring edition", "See our website",
    "Internal audit, 2025 (unpublished).", "Hartwell Skin Clinic. Our audit of complications, 2025.",
    "FDA. December 2019.",  # an issuer with no title
    "Email correspondence, 2025.",  # with whom?
])
def test_entries_without_anything_to_find_them_by_stay_incomplete(entry):
    assert not cc.is_complete(entry)


def test_the_document_id_vocabulary_reads_what_entries_read():
    """The evidence rules take an issuer's numbered report as a source through the `document-id`
    vocabulary; a reference entry is complete by the same codes. The two must not drift apart."""
    pack = Path(cc.__file__).resolve().parents[2] / "rules" / "facts" / "vocabularies.yaml"
    vocabulary = yaml.safe_load(pack.read_text(encoding="utf-8"))["vocabularies"]["document-id"]
    for pattern in vocabulary:
        assert pattern in cc._DOCUMENT_ID.pattern
