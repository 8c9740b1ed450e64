"""The shared lower-cased text: one copy per document, equal to `str.lower` even when made in blocks."""
from __future__ import annotations

from exolint.plugins.text import parse

from exolint import document
from exolint.kinds.candidates import lower_text


def test_block_lowering_equals_str_lower(monkeypatch):
    monkeypatch.setattr(document, "_LOWER_CHUNK", 16)  # many blocks, cut inside Greek words' lines
    text = "\n".join(["ΟΔΟΣ ΚΑΙ ΣΑΣ Σ", "Ünïcode İstanbul ſ ẞ", "ΤΕΛΟΣ.", "plain ASCII line"] * 5) + "\nΣ"
    doc = parse(text, "t.txt", {})
    assert doc.lower_text == doc.match_text.lower()


def test_one_lowered_copy_per_document():
    doc = parse("Clinics say the FDA APPROVED it.\n\nΣΑΣ again.", "t.txt", {})
    low = lower_text(doc)
    assert low == doc.match_text.lower()
    assert lower_text(doc) is low
