"""`claim_gate`: the words every agent, object or classification match holds, and where they occur,
must never report "absent" where the pattern could match."""
from __future__ import annotations

import random

from exolint.plugins.text import parse

from exolint.kinds.claim_gate import Words, phrase_words
from exolint.kinds.claim_vocab import agent_pattern

NAMES = {"FDA": ["FDA", "U.S. FDA", "US Food and Drug Administration", "America"],
         "EU": ["EU", "European Union", "Europe"]}
PIECES = ["FDA", "fda", "U.S.", "US", "us", "food", "and", "drug", "Administration", "ADMINISTRATION", "america",
          "EU", "eu", "europe", "European", "union", "ſ", "İ", "K", "the", "serum", ",", ".", "\n\n", " ", "  "]


def test_longest_word_per_phrase_and_capitals_matched_as_written():
    words = phrase_words([n for names in NAMES.values() for n in names], exact_capitals=True)
    assert words == Words(("europe", "america", "administration"), ("EU", "FDA", "U.S."))
    # "European" holds "europe", "USFDA" holds "FDA": the shorter word finds both
    assert phrase_words(["Europe", "European Union"]).lower == ("europe",)
    assert phrase_words(["FDA", "USFDA"], exact_capitals=True).exact == ("FDA",)


def test_nothing_to_rely_on():
    assert phrase_words([" "]) is None
    assert phrase_words([]) is None
    assert phrase_words(["Zürich"]) is None  # a non-ASCII word matched case-insensitively
    assert phrase_words(["ZÜRICH"], exact_capitals=True) == Words((), ("ZÜRICH",))  # matched as written


def test_within_and_anywhere_never_miss_a_match():
    pattern = agent_pattern(NAMES)
    words = phrase_words([n for names in NAMES.values() for n in names], exact_capitals=True)
    rng = random.Random(7)
    pages_with_agents = 0
    for _ in range(600):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        doc = parse(text, "x.txt")
        t = doc.match_text
        found = list(pattern.finditer(t))
        if found:
            pages_with_agents += 1
            assert words.anywhere(doc) is not False, text
        for _ in range(3):
            a, b = sorted(rng.randint(0, len(t)) for _ in range(2))
            if any(a <= m.start() and m.end() <= b for m in pattern.finditer(t, a, b)):
                assert words.within(doc, a, b) is not False, (text, a, b)
    assert pages_with_agents > 100  # the comparison saw agents, not only empty pages


def test_within_agrees_on_short_and_long_ranges():
    # a long range is answered from the words' positions in the page, a short one by a direct search
    text = ("word " * 1500) + "the FDA " + ("word " * 1500)
    doc = parse(text, "x.txt")
    words = phrase_words(["FDA"], exact_capitals=True)
    at = doc.match_text.index("FDA")
    assert words.within(doc, 0, len(doc.match_text)) is True
    assert words.within(doc, at - 10, at + 10) is True
    assert words.within(doc, 0, at) is False
    assert words.within(doc, at + 1, len(doc.match_text)) is False


def test_pages_that_lower_casing_would_change_cannot_be_told():
    doc = parse("Approved in Europe by the EU. ſ", "x.txt")  # ſ matches "s" only under case folding
    words = phrase_words(["Europe"])
    assert words.anywhere(doc) is None
    assert words.within(doc, 0, len(doc.match_text)) is None
    # words matched as written need no lower-casing
    assert phrase_words(["EU"], exact_capitals=True).within(doc, 0, len(doc.match_text)) is True
