"""`claim_scan`: predicate matches found from literal prefixes equal the pattern's own `finditer`."""
from __future__ import annotations

import random

import pytest
import regex
from exolint.plugins.text import parse

from exolint.kinds.claim_scan import predicate_matches
from exolint.kinds.claim_vocab import predicate_pattern, predicate_prefixes

NAMES = [["approved", "cleared", "licensed", "authorised", "endorsed"], ["registered", "listed"],
         ["classified", "designated", "recognised", "regulated", "certified"], ["approved", "market leader"]]
WORDS = ["approved", "APPROVAL", "unapproved", "FDA-approved", "cleared", "clearance", "licence", "licensed",
         "Authorized", "registry", "listing", "lists", "Market  leader", "market leaders", "classified",
         "ſ", "İ", "K", "the", "exosomes", ",", ".", "-", " "]


def both(names, text):
    body, _ = predicate_pattern(names, [])
    pattern = regex.compile(body, regex.I | regex.V0)
    prefixes = predicate_prefixes(names, [])
    doc = parse(text, "x.txt")
    t = doc.match_text
    slow = [m.span() for m in pattern.finditer(t, 0, len(t))]
    fast = [m.span() for m in predicate_matches(pattern, prefixes, doc, 0, len(t), 1.0)]
    return slow, fast


@pytest.mark.parametrize("names", NAMES)
def test_same_matches_as_finditer(names):
    rnd = random.Random(3)
    for _ in range(500):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 25)))
        slow, fast = both(names, text)
        assert fast == slow, text


def test_long_s_falls_back_to_the_full_scan():
    # "ſ" matches "s" case-insensitively but does not lower-case to it
    slow, fast = both(["registered", "listed"], "It is liſted with the FDA.")
    assert fast == slow and len(slow) == 1


def test_no_prefixes_for_regexes_or_empty_phrases():
    assert predicate_prefixes(["approved"], [r"okay\w*"]) is None
    assert predicate_prefixes([" "], []) is None
    assert predicate_prefixes(["approved", "Market leader"], []) == ("approv", "market")
