"""exolint.kinds.prefix: the literal prefixes read from a pattern, and the candidate scan that must
find exactly what a full `finditer` finds."""
import random

import pytest
import regex
from exolint.plugins.text import parse

from exolint.kinds import candidates
from exolint.kinds.prefix import literal_prefixes, required_terms, required_words
from exolint.kinds.scan import finditer
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import load_ruleset


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(?:because|since|given\s+that)\s+x", {" because", " since", " given "}),
    (r"(?<![\p{L}\p{N}_])(?:absolutely[^\S\n]+safe)(?![\p{L}\p{N}_])", {" absolutely "}),
    (r"\b(?:we\s+are|I\s+am)", {" we ", " i "}),
    (r"(?:ab)?cd", {"ab", "cd"}),
    (r"ab+c", {"a"}),            # "abbc" must still be found: the prefix stops before a repeat
    (r"colou?r", {"colo"}),
    (r"x{2}yz", {"x"}),
    (r"(?i)foo|(?-i:Bar)", {"foo", "bar"}),
    (r"(?>foo|bar)baz(?=(?>\.{2,}))", {"foo", "bar"}),  # atomic groups read as plain ones
    (r"(?P<n>foo|bar)|(?<m>baz)x", {"foo", "bar", "baz"}),  # named groups read as plain ones
    (r"\|[^\S\n]*(?:best\s+)?facial", {"|"}),  # a separator is a one-character prefix
    (r"\bbest|%\s+off", {" best", "%"}),
    (r"(?:\()?abc", {"(", "abc"}),
    # a back reference may match any text, or none: it ends a prefix, as a repeat does
    (r"(?P<n>ab|cd)x(?P=n)", {"ab", "cd"}),
])
def test_prefixes_every_match_must_start_with(pattern, expected):
    assert literal_prefixes(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    r"\w+", r"[ab]c", r"(?:x|)", r"(?P<n>a?)(?P=n)", r"(?P=n)x", r"\x41", r"(?x) a b", r"a|\d", r"\Gab",
    r"(?r)ab", r"ab{e<=1}", r"\b\|x", r"\b(?:a|\|x)",  # a word boundary before punctuation: unreadable
])
def test_unreadable_or_unbounded_patterns_are_scanned_in_full(pattern):
    assert literal_prefixes(pattern) is None


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(?:as|we\s+are)\s+(?:an?\s+)?(?:experts?|specialists?|authorit(?:y|ies))\s+in",
     {"expert", "specialist", "authorit"}),
    (r"(?:abc|)def", {"def"}),            # an optional branch is not required
    (r"(?:abcd|xy)efg", {"efg"}),         # the set whose shortest word is longest
    (r"colou?rful", {"colo"}),            # a run stops at an optional letter
    (r"foo|(?-i:Barbaz)", {"foo", "barbaz"}),
    (r"(?:safe){2}ty", {"safe"}),
])
def test_required_words_every_match_must_contain(pattern, expected):
    assert required_words(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    r"ab+c",            # "ab" is too short to be worth a look
    r"x(?=abcdef)",     # a lookahead is not part of the match
    r"\w+", r"(?:abc)?de", r"abc|\d+", r"(?x) abc",
])
def test_no_required_words(pattern):
    assert required_words(pattern) is None


@pytest.mark.parametrize("pattern, expected", [
    # each alternative keeps its own sets: "expert" alone, or "risk"/"danger" and "side" and "effects"
    (r"\b(?:as|we\s+are)\s+experts?\s+in|\bno\s+(?:risk|danger)\s+of\s+side\s+effects",
     [[{"expert"}], [{"risk", "danger"}, {"side"}, {"effects"}]]),
    # a wrapper group stands for its alternatives; zero-width items around it are skipped
    (r"(?<![\p{L}\p{N}_])(?:(?:miracle\s+cure)|(?:fountain\s+of\s+youth))(?![\p{L}\p{N}_])",
     [[{"miracle"}, {"cure"}], [{"fountain"}, {"youth"}]]),
    # a group of several alternatives gives one set: one word from each, the longest that is not
    # too common ("cells", not "from" or "own")
    (r"(?:from\s+your\s+own\s+cells|autologous)\s+so\s+safe", [[{"cells", "autologous"}, {"safe"}]]),
    # optional parts, short words and common words rule out nothing and are left out
    (r"(?:very\s+)?low\s+risk\s+of\s+the\s+harm", [[{"low"}, {"risk"}, {"harm"}]]),
])
def test_required_terms_per_alternative(pattern, expected):
    got = required_terms(pattern)
    assert got is not None  # the sets of a term are a conjunction: their order does not matter
    assert [set(term) for term in got] == [{frozenset(c) for c in term} for term in expected]


def test_required_terms_keep_the_three_likeliest_absent_sets_of_an_alternative():
    (term,) = required_terms(r"\bvery\s+mild\s+redness\s+after\s+microneedling\s+sessions") or ()
    assert set(term) == {frozenset(["microneedling"]), frozenset(["sessions"]), frozenset(["redness"])}


@pytest.mark.parametrize("pattern", [
    r"\bno\s+risk|\w+\s+is",     # the second alternative has no word every match contains
    r"(?:the|an?)\s+(?:of|in)",      # only short or common words
    r"(?x) risk",                   # not understood
])
def test_no_required_terms(pattern):
    assert required_terms(pattern) is None


def test_terms_gate_skips_a_page_only_when_no_alternative_can_match():
    pattern = regex.compile(r"\b(?:as|we\s+are)\s+experts?\s+in|\bno\s+(?:risk|danger)\s+of\s+side\s+effects",
                            regex.I)
    # "risk" and "side" occur, but no alternative has a word of each of its sets: nothing can match
    skipped = parse("Every treatment has some risk.\n\nSide notes follow.", "x.txt")
    assert candidates.Candidates.holds_terms(skipped, required_terms(pattern.pattern)) is False
    page = parse("There is no danger of side effects, says one page.", "x.txt")
    assert candidates.Candidates.holds_terms(page, required_terms(pattern.pattern)) is True
    assert [m.group() for m in finditer(pattern, page, None, 1.0)] == ["no danger of side effects"]
    # a page whose lower-cased text cannot be used cannot tell ("ſ" matches "s" only when folded)
    odd = parse("No danger of ſide effects.", "x.txt")
    assert candidates.Candidates.holds_terms(odd, required_terms(pattern.pattern)) is None
    assert [m.group() for m in finditer(pattern, odd, None, 1.0)] == ["No danger of ſide effects"]


def test_case_odd_characters_are_all_those_lower_does_not_fold_to_ascii():
    """Every character an ignore-case pattern matches as an ASCII letter or digit, but that
    `str.lower()` does not turn into it: such a page must be scanned in full."""
    chars = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    ascii_alnum = regex.compile(r"[a-z0-9]", regex.IGNORECASE | regex.V0)
    odd = {c for c in ascii_alnum.findall(chars) if len(c.lower()) != 1 or not (c.lower().isascii())}
    assert odd == set(candidates.CASE_ODD)


def _texts() -> list[str]:
    """Rule examples, then the same words shuffled with odd separators and cases, so that matches,
    near misses and word edges ("non-invasive", "(as", "I\u00a0am", "ſafe") all occur."""
    rules = load_ruleset(get_registry(), [], ctx=CompileContext()).rules
    texts = [ex.text for c in rules for ex in (c.rule.bad + c.rule.good)]
    words = " ".join(texts).split()
    rnd = random.Random(7)
    seps = [" ", "  ", "-", "\u00a0", "\n\n", ", ", "(", "'", "_", "ſ", "İ"]
    for _ in range(300):
        n = rnd.randint(3, 40)
        parts = []
        for _ in range(n):
            w = rnd.choice(words)
            w = w.upper() if rnd.random() < 0.1 else w
            parts.append(w + rnd.choice(seps))
        texts.append("".join(parts))
    return texts


def test_candidate_scan_finds_exactly_what_a_full_scan_finds():
    """Trying patterns only at their literal prefixes, and only on pages holding a required word
    and, for some alternative, a word of each of its required sets, gives exactly the matches of a
    full scan (for every pattern of the built-in rules)."""
    rules = load_ruleset(get_registry(), [], ctx=CompileContext()).rules
    patterns = []
    for c in rules:
        for obj in (c, getattr(c, "first", None), getattr(c, "second", None)):
            p = getattr(obj, "pattern", None)
            if isinstance(p, regex.Pattern) and (literal_prefixes(p.pattern) is not None
                                                 or required_words(p.pattern) is not None
                                                 or required_terms(p.pattern) is not None):
                patterns.append(p)
    assert len(patterns) > 20
    total = 0
    for text in _texts():
        doc = parse(text, "x.txt")
        mt = doc.match_text
        for p in patterns:
            fast = [m.span() for m in finditer(p, doc, None, 1.0)]
            full = [m.span() for m in p.finditer(mt, 0, len(mt)) if "\n" not in m.group()]
            assert fast == full, (p.pattern[:80], text)
            total += len(full)
    assert total > 100  # the comparison saw real matches, not only empty lists


def test_page_gates_never_hide_a_finding(monkeypatch):
    """Every built-in rule finds the same on every text with the page gates of `scan.may_match`
    (required words and terms, also used by the evidence kind's claims and the claim kind's `as`
    classification) as with the gates switched off."""
    from exolint.kinds import claim, evidence, scan

    rules = load_ruleset(get_registry(), [], ctx=CompileContext()).rules
    docs = [parse(text, "x.txt") for text in _texts()]

    def hits() -> list:
        return [(c.rule.id, i, h.start, h.end, h.message) for i, doc in enumerate(docs) for c in rules
                for h in c.check(doc)]

    gated = hits()
    for module in (scan, claim, evidence):
        monkeypatch.setattr(module, "may_match", lambda pattern, doc: True)
    docs = [parse(text, "x.txt") for text in _texts()]  # no page analyses kept from the gated run
    assert hits() == gated
    assert len({h[0] for h in gated}) > 30  # most rules found something: the texts exercise them
