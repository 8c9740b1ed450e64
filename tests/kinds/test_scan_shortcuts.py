"""Speed shortcuts of the `evidence` and `density` kinds (`claims.anchors`, `requires`, the marker
scan, pairwise shingling) must give exactly what the full scans give."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from exolint.kinds import citations, density, evidence
from exolint.kinds.shingles import _words, duplicate_groups
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSpecError

CLAIMS = [r"\b(?:increas|boost)\w*\s+(?:\w+\s+){0,3}?by\s+\d+\s?%"]


def _evidence(**options) -> evidence.EvidenceRule:
    rule = Rule(id="TST201", name="t", kind="evidence", category="other", severity="warning", message="{match}",
                description="d", path=Path("t.yaml"), options=options, raw=dict(options))
    return evidence.compile(rule, CompileContext())


def _claims(rule: evidence.EvidenceRule, text: str) -> list[str]:
    return [text[h.start:h.end] for h in rule.check(parse(text, "x.txt"))]


PAGE = ("Our serum boosts collagen by 30% in weeks.\n\nNothing to see in this paragraph.\n\n"
        "It also increased hydration by 12%, say clients.\n\nBOOSTS GLOW BY 5 % TOO.")


def test_anchored_rule_finds_what_the_unanchored_rule_finds():
    plain = _evidence(mode="unsupported-claim", claims={"regex": CLAIMS})
    anchored = _evidence(mode="unsupported-claim", claims={"regex": CLAIMS, "anchors": ["%"]})
    expected = ["boosts collagen by 30%", "increased hydration by 12%", "BOOSTS GLOW BY 5 %"]
    assert _claims(plain, PAGE) == expected
    assert _claims(anchored, PAGE) == expected


def test_anchors_only_limit_the_search_to_lines_that_hold_one():
    # an anchor that the claims do not contain hides them: anchors are a promise the rule makes
    wrong = _evidence(mode="unsupported-claim", claims={"regex": CLAIMS, "anchors": ["collagen"]})
    assert _claims(wrong, PAGE) == ["boosts collagen by 30%"]


def test_long_s_page_falls_back_to_the_full_search():
    # "ſ" matches "s" only under case folding; lower-casing would hide it from an anchor
    rule = _evidence(mode="vague-citation", claims={"patterns": ["studies show"]})
    assert _claims(rule, "Many ſtudies show it.") == ["ſtudies show"]
    assert rule.anchors  # phrases get their own longest word as anchor


def test_bad_anchor_regex_names_its_key():
    with pytest.raises(RuleSpecError) as exc:
        _evidence(mode="unsupported-claim", claims={"regex": CLAIMS, "anchors": ["("]})
    assert exc.value.path == ("claims", "anchors", 0)


def test_marker_scan_equals_finditer():
    rng = random.Random(7)
    pieces = ["word", " ", "(1)", "[2, 3]", "¹²", ".", ",", "(see 4)", "\n\n", "x(5)", "; (6):", "and (7)", "’ (8)"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        doc = parse(text, "x.txt")
        a, b = sorted(rng.sample(range(len(text) + 1), 2)) if len(text) > 1 else (0, len(text))
        want = [m.span() for m in citations.MARKER.finditer(doc.match_text, a, b)]
        got = []
        last = a
        for p in citations._marker_starts(doc.match_text, a, b):
            m = citations.MARKER.match(doc.match_text, p, b) if p >= last else None
            if m:
                got.append(m.span())
                last = m.end()
        assert got == want, text


def test_words_fast_path_equals_regex_tokens():
    word = regex.compile(r"[\p{L}\p{N}]+")
    for text in ["Plain ASCII, with-dashes_and_underscores 42x.", "It’s £5 — “quoted” · ok", "Café İstanbul ſ",
                 "", "   "]:
        assert _words(text) == [w.lower() for w in word.findall(text)]


def _reference_groups(text, paragraphs, min_words, threshold):
    """The plain algorithm: every pair sharing a shingle held by at most 50 paragraphs is compared."""
    sets = {}
    for i, (a, b) in enumerate(paragraphs):
        words = _words(text[a:b])
        if len(words) >= min_words:
            sets[i] = {tuple(words[k:k + 5]) for k in range(len(words) - 4)}
    index = {}
    for i, sh in sets.items():
        for h in sh:
            index.setdefault(h, []).append(i)
    groups = {i: {i} for i in sets}
    for members in index.values():
        if 2 <= len(members) <= 50:
            for x in members:
                for y in members:
                    sa, sb = sets[x], sets[y]
                    if x < y and len(sa & sb) / len(sa | sb) >= threshold and groups[x] is not groups[y]:
                        merged = groups[x] | groups[y]
                        for k in merged:
                            groups[k] = merged
    out = {min(g): sorted(g) for g in groups.values() if len(g) > 1}
    return [out[k] for k in sorted(out)]


@pytest.mark.parametrize("copies", [1, 20])  # 20 x 4 paragraphs: over MAX_SHARED, the inverted index is used
def test_shingling_equals_the_plain_algorithm(copies):
    rng = random.Random(copies)
    vocab = [f"w{i}" for i in range(12)]
    paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(15, 40))) for _ in range(4)]
    paras += [paras[0].replace("w1 ", "zz ", 1), paras[1] + " tail words here"]
    paras = paras * copies
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    for threshold in (0.5, 0.7, 0.9, 1.0):
        assert duplicate_groups(text, spans, 20, threshold) == _reference_groups(text, spans, 20, threshold)


def _density(**options) -> density.DensityRule:
    rule = Rule(id="TST501", name="t", kind="density", category="other", severity="warning",
                message="{match} x{count}", description="d", path=Path("t.yaml"), options=options, raw=dict(options))
    return density.compile(rule, CompileContext())


LINKS = "Peels near Elmbridge, Kent\n\nFillers near Oxted, Surrey\n\nBotox in Reigate, Surrey\n\nAbout us"


@pytest.mark.parametrize("requires", [None, r"\s(?:near|in)\s+(?-i:\p{Lu})"])
def test_link_list_with_and_without_requires(requires):
    item = r"(?P<topic>(?-i:\p{Lu}\p{L}+))\s+(?:near|in)\s+(?P<place>(?-i:\p{Lu}\p{L}+))"
    opts = {"mode": "link-list", "item": item} | ({"requires": requires} if requires else {})
    hits = list(_density(**opts).check(parse(LINKS, "x.txt")))
    assert [LINKS[h.start:h.end] for h in hits] == ["Peels near Elmbridge"]
    assert len(hits[0].related) == 2


def test_requires_that_never_matches_skips_the_page():
    item = r"(?P<topic>(?-i:\p{Lu}\p{L}+))\s+(?:near|in)\s+(?P<place>(?-i:\p{Lu}\p{L}+))"
    rule = _density(mode="link-list", item=item, requires="zzz")
    assert list(rule.check(parse(LINKS, "x.txt"))) == []
