"""`exolint.kinds.evidence_search`: the claim search of the `evidence` kind tries its alternation only
where a part can start and only in anchored lines; these tests prove it finds exactly what
`finditer` over the same lines finds."""
from __future__ import annotations

import random
import re

import pytest
import regex
from exolint.plugins.text import parse

from exolint.kinds.evidence_search import (
    StartPlan,
    anchor_lines,
    claim_matches,
    literal,
    lowered,
    trie_regex,
    walk,
)
from exolint.kinds.scan import bounded, compile_pattern, phrase_to_regex

_PIECES = ["Our", "serum", "boosts", "boost", "collagen", "by", "30%", " ", " ", "  ", ",", ".", "\n\n", "up to",
           "12 %", "٣٠%", "\U00011f53x", "a", "and", "a hundred", "ten", "12x", "increased", "INCREASED", "hydration",
           "3x", "times", "more", "rebooster", "studies", "show",
           "studies have shown", "research", "(1)", "’", "é", "2.5", "percent", "fewer", "93%", "of users saw"]

ALTERNATIONS = [
    # parts with literal prefixes and parts without (a digit first), as the shipped claims mix them
    [r"(?:\b(?:increas|boost)\w*\s+(?:\w+\s+){0,3}?by\s+\d+\s?%)", r"(?:\b\d+(?:[.,]\d+)?\s?%\s+(?:more|fewer)\b)",
     r"(?:\bup\s+to\s+\d+\s?%)"],
    # phrases, as compile_alternation bounds them
    [bounded(phrase_to_regex(p)) for p in ["studies show", "studies have shown", "research"]],
    # a prefix that may start inside a word (no \b): every position must be a candidate
    [r"(?:boost\w*)", r"(?:ost\s+\w+)"],
    # a part that can match the empty string: the walk must hand over to finditer
    [r"(?:\bboost)", r"(?:x?)"],
    # one part with prefixes, the others searched together
    [r"(?:\d+\s?x)", r"(?:\bstudies\s+show)", r"(?:[A-Z]\w+\s+studies)"],
    # a part that starts with a digit or a word beside one with prefixes (one followed by whitespace)
    [r"(?:\b(?:\d+(?:[.,]\d+)*|ten|a\s+hundred)\s*(?:x|times)\s+more)", r"(?:\ba\s+\d+x)"],
    # a digit inside a prefix: the prefix stops before it; a prefix followed by whitespace
    [r"(?:\bup\s+to\s+\d+\s?%)", r"(?:12\d*x)", r"(?:\bstudies\s+show)"],
]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))


@pytest.mark.parametrize("parts", ALTERNATIONS)
def test_walk_finds_what_finditer_finds(parts):
    pattern = compile_pattern("|".join(parts), ignorecase=True)
    plan = StartPlan.build(pattern, parts)
    assert plan is not None
    rng = random.Random(11)
    for _ in range(400):
        text = _text(rng)
        low = text.lower()
        a, b = sorted(rng.sample(range(len(text) + 1), 2)) if len(text) > 1 else (0, len(text))
        want = [m.span() for m in pattern.finditer(text, a, b)]
        assert [m.span() for m in walk(pattern, plan, plan.starter, text, low, a, b, 1.0)] == want, text


def test_parts_whose_required_words_a_page_lacks_are_not_tried_and_nothing_is_lost():
    # "a landmark study proved" starts with "a" but needs "landmark"; "studies show" is never skipped
    parts = [r"(?:\ba\s+landmark\s+study\s+proved)", r"(?:\bstudies\s+show)", r"(?:\d+\s?x)"]
    pattern = compile_pattern("|".join(parts), ignorecase=True)
    plan = StartPlan.build(pattern, parts)
    assert plan is not None and len(plan.gated) == 2  # "studies" and "show" are required words too
    without = parse("A study, a trial and a review: studies show 3x more.", "x.txt")
    starter = plan.starter_for(without)
    assert starter is not None and starter.pattern != plan.starter.pattern  # "a" is not looked for here
    with_it = parse("A landmark study proved it, and studies show more.", "x.txt")
    assert plan.starter_for(with_it) is plan.starter
    rng = random.Random(3)
    pieces = ["a", "A", "landmark", "study", "proved", "studies", "show", "3x", " ", "  ", ".", "\n\n"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + " " for _ in range(rng.randint(0, 14)))
        doc = parse(text, "x.txt")
        mt = doc.match_text
        want = [m.span() for m in pattern.finditer(mt) if "\n" not in m.group()]
        got = [m.span() for m in claim_matches(pattern, plan, (), doc, [(0, len(mt))], 1.0)]
        assert got == want, text


def test_plan_is_none_without_prefixes_or_when_parts_do_not_make_the_pattern():
    parts = [r"(?:\d+\s?x)"]
    assert StartPlan.build(compile_pattern(parts[0], ignorecase=True), parts) is None
    parts = [r"(?:\bboost)", r"(?:\bup)"]
    assert StartPlan.build(compile_pattern(r"(?:\bboost)", ignorecase=True), parts) is None
    assert StartPlan.build(compile_pattern(r"(?i)(?:\bboost)", ignorecase=True), [r"(?i)(?:\bboost)"]) is None


def test_claim_matches_equals_a_plain_search_of_the_anchored_lines():
    parts = ALTERNATIONS[0]
    pattern = compile_pattern("|".join(parts), ignorecase=True)
    plan = StartPlan.build(pattern, parts)
    anchors = (compile_pattern("%", ignorecase=False),)
    rng = random.Random(5)
    for _ in range(200):
        doc = parse(_text(rng), "x.txt")
        ranges = [(0, len(doc.text))]
        slow = list(claim_matches(pattern, None, anchors, doc, ranges, 1.0))
        fast = list(claim_matches(pattern, plan, anchors, doc, ranges, 1.0))
        assert [m.span() for m in fast] == [m.span() for m in slow]


@pytest.mark.parametrize("pattern,want", [
    ("%", "%"), ("cent", "cent"), (r"\×", "×"), (r"per\ cent", "per cent"), ("x(?!\\p{L})", None),
    (r"\d", None), ("a.b", None), ("", None), ("studies", "studies"), (r"\(", "("),
])
def test_literal(pattern, want):
    assert literal(pattern) == want


def test_literal_anchor_lines_equal_regex_anchor_lines():
    rng = random.Random(3)
    for _ in range(200):
        doc = parse(_text(rng), "x.txt")
        fast = anchor_lines(doc, (compile_pattern("%", ignorecase=False), compile_pattern("times", ignorecase=False)))
        doc.memo.clear()
        slow = anchor_lines(doc, (compile_pattern("%|(?:)(?!)", ignorecase=False),
                                  compile_pattern("t(?:imes)", ignorecase=False)))
        assert fast == slow


def test_trie_regex_wants_whitespace_after_a_word_written_with_a_trailing_space():
    rx = re.compile(trie_regex({"a ", "according", "up "}))
    assert [m.start() for m in rx.finditer("and a, a\tb according up; upper up")] == [4, 7, 11, 21, 31]


def test_trie_regex_finds_every_word_at_every_word_start():
    words = {"rais", "raise", "r", "boost", "brighten", "up", "b"}
    rx = re.compile(trie_regex(words))
    assert all(rx.fullmatch(w) for w in words)
    assert not rx.fullmatch("bo") and not rx.fullmatch("raises")
    text = "raise a boost; up b brighten rais"
    assert [m.start() for m in rx.finditer(text)] == [m.start() for m in re.finditer(
        r"\b(?=raise|rais|r|boost|brighten|up|b)", text)]


def test_pages_that_lower_casing_would_change_are_searched_in_full():
    assert lowered(parse("ſtudies show", "x.txt")) is None
    assert lowered(parse("İstanbul studies", "x.txt")) is None
    assert lowered(parse("Studies show 30 % more", "x.txt")) == "studies show 30 % more"
    doc = parse("Many ſtudies show it.", "x.txt")
    parts = [bounded(phrase_to_regex("studies show"))]
    pattern = compile_pattern(parts[0], ignorecase=True)
    got = claim_matches(pattern, StartPlan.build(pattern, parts), (regex.compile("studies"),), doc,
                        [(0, len(doc.text))], 1.0)
    assert [m.group() for m in got] == ["ſtudies show"]
