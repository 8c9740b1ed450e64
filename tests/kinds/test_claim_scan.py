"""`claim_scan`: predicate matches found from literal prefixes equal the pattern's own `finditer`."""
from __future__ import annotations

import random

import pytest
import regex
from exolint.plugins.text import parse

from exolint.kinds.claim_scan import phrase_starts, predicate_matches
from exolint.kinds.claim_vocab import agent_pattern, object_pattern, predicate_pattern, predicate_prefixes

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


# -- agents and objects: matches tried where a phrase's first word occurs ---------------------------
AGENTS = {"FDA": ["FDA", "U.S. FDA", "US Food and Drug Administration", "America"],
          "UK": ["UK", "United Kingdom", "MHRA"]}
OBJECTS = ["exosome", "exosomes", "exosome-based", "extracellular vesicles", "EVs"]
AGENT_WORDS = ["FDA", "fda", "U.S.", "US", "us", "Food", "and", "Drug", "Administration", "america", "UK", "uk",
               "United", "kingdom", "MHRA", "exosome", "EXOSOMES", "exosome-based", "extracellular", "vesicles",
               "evs", "EVs", "serum", "ſ", "İ", ",", ".", "-", " ", "  ", "\n\n"]


def _same(pattern, starts, text):
    doc = parse(text, "x.txt")
    t = doc.match_text
    rnd = random.Random(len(text))
    ranges = [(0, len(t))] + [tuple(sorted(rnd.randint(0, len(t)) for _ in range(2))) for _ in range(3)]
    for a, b in ranges:
        slow = [m.span() for m in pattern.finditer(t, a, b)]
        fast = [m.span() for m in predicate_matches(pattern, starts[0], doc, a, b, 1.0, starts[1])]
        assert fast == slow, (text, a, b)


def test_agent_and_object_matches_equal_finditer():
    agents = agent_pattern(AGENTS)
    agent_starts = phrase_starts([n for names in AGENTS.values() for n in names], exact_capitals=True)
    assert agent_starts == (("america", "united", "us"), ("FDA", "MHRA", "U.S.", "UK"))
    objects = object_pattern(OBJECTS, [], ["serum"])
    object_starts = phrase_starts(OBJECTS)
    assert object_starts == (("evs", "exosome", "extracellular"), ())
    rnd = random.Random(5)
    for _ in range(400):
        text = " ".join(rnd.choice(AGENT_WORDS) for _ in range(rnd.randint(1, 25)))
        _same(agents, agent_starts, text)
        _same(objects, object_starts, text)


def test_long_ranges_use_the_pages_word_positions():
    # past a clause's length the words' positions in the page are looked up instead of searched
    agents = agent_pattern(AGENTS)
    starts = phrase_starts([n for names in AGENTS.values() for n in names], exact_capitals=True)
    _same(agents, starts, ("filler " * 400) + "the US Food and Drug Administration and the FDA " + ("filler " * 400))


def test_no_starts_for_empty_or_non_ascii_phrases():
    assert phrase_starts(["exosome", " "]) is None
    assert phrase_starts(["Zürich"]) is None
    assert phrase_starts(["ZÜRICH"], exact_capitals=True) == ((), ("ZÜRICH",))
