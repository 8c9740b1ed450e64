"""The `conflict` kind: two statements that cannot both be true, reported on the later (or the
`second`) statement with the other as a related location."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.kinds import conflict
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet, RuleSpecError, compile_rule_file

RULES = Path(__file__).resolve().parents[2] / "rules"


def builtin(rule_id: str):
    return compile_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")))


def findings(rule_id: str, text: str):
    return Engine(RuleSet([builtin(rule_id)])).lint(parse(text, "x.txt")).findings


def spans(rule_id: str, text: str) -> list[str]:
    return [text[f.start.offset:f.end.offset] for f in findings(rule_id, text)]


def make(**options):
    window = options.pop("window", "document")
    rule = Rule(id="TST506", name="t", kind="conflict", category="contradiction", severity="warning",
                message="'{match}' vs '{other}'", description="d", path=Path("t.yaml"), options=options,
                raw=dict(options), window=window)
    return conflict.compile(rule, CompileContext())


def hits(c, text):
    doc = parse(text, "x.txt")
    return doc, list(c.check(doc))


# -- the kind -------------------------------------------------------------------------------------------
def test_order_first_then_second_reports_later_statement_with_related_earlier():
    c = make(first={"patterns": ["is banned"]}, second={"patterns": ["we recommend it"]})
    doc, hs = hits(c, "Product X is banned.\n\nStill, we recommend it.")
    assert [doc.text[h.start:h.end] for h in hs] == ["we recommend it"]
    (rs, re_, msg) = hs[0].related[0]
    assert doc.text[rs:re_] == "is banned" and "stated here" in msg
    assert "is banned" in hs[0].message


def test_reverse_order_is_not_a_conflict_when_order_is_fixed():
    c = make(first={"patterns": ["is banned"]}, second={"patterns": ["we recommend it"]})
    assert hits(c, "We recommend it. Later the law changed and it is banned.")[1] == []


def test_order_any_reports_second_side_and_nearest_first():
    c = make(first={"patterns": ["needle"]}, second={"patterns": ["painless"]}, order="any")
    doc, hs = hits(c, "It is painless. Far below. Much later. A needle is used.\n\nA needle again.")
    assert [doc.text[h.start:h.end] for h in hs] == ["painless"]
    assert hs[0].related[0][0] == doc.text.index("needle")


def test_window_limits_the_pair():
    c = make(first={"patterns": ["is banned"]}, second={"patterns": ["we recommend it"]}, window="paragraph")
    assert hits(c, "It is banned.\n\nWe recommend it.")[1] == []
    assert len(hits(c, "It is banned. We recommend it.")[1]) == 1


def test_side_exceptions_cancel_a_statement_in_its_sentence():
    c = make(first={"patterns": ["is banned"], "exceptions": [r"\bnot\b"]}, second={"patterns": ["recommend"]})
    assert hits(c, "It is not the case that it is banned. We recommend it.")[1] == []


def test_topic_must_be_in_both_sentences():
    c = make(first={"patterns": ["is banned"]}, second={"patterns": ["recommend"]}, topic=[r"inject\w*"])
    assert hits(c, "Injecting it is banned. We recommend the cream.")[1] == []
    assert len(hits(c, "Injecting it is banned. We recommend injections.")[1]) == 1


def test_apart_leaves_same_sentence_pairs_alone():
    c = make(first={"patterns": ["needle"]}, second={"patterns": ["painless"]}, order="any", apart=True)
    assert hits(c, "A needle is painless.")[1] == []
    assert len(hits(c, "A needle is used. It is painless.")[1]) == 1


def test_sides_need_patterns():
    with pytest.raises(RuleSpecError):
        make(first={}, second={"patterns": ["x"]})


def test_triggers_come_from_second_side_phrases():
    c = make(first={"patterns": ["is banned"]}, second={"patterns": ["we recommend it"]})
    assert c.triggers == ("recommend",)


# -- EXO402 non-invasive said of an injected treatment ----------------------------------------------------
def test_non_invasive_elsewhere_on_an_injection_page():
    text = ("The product is injected into the dermis with a fine needle.\n\n"
            "It is a non-invasive way to refresh the face.")
    fs = findings("EXO402", text)
    assert [text[f.start.offset:f.end.offset] for f in fs] == ["non-invasive"]
    assert text[fs[0].related[0].start.offset:fs[0].related[0].end.offset] == "needle"  # the nearest


@pytest.mark.parametrize("text", [
    "The product is injected with a fine needle.\n\nThe procedure is minimally invasive.",
    "The product is injected with a fine needle.\n\nIt is a non-surgical treatment.",
    "We inject the serum.\n\nOther non-invasive or minimally invasive treatments, such as chemical peels, "
    "microdermabrasion or laser therapy, suit some people.",
    "Our facial is non-invasive.\n\nUnlike injections, nothing breaks the skin.",
    "Our facial is non-invasive.\n\nThere are no needles involved.",
])
def test_non_invasive_must_not_flag(text):
    assert spans("EXO402", text) == []


def test_same_sentence_case_is_left_to_the_sentence_rule():
    assert spans("EXO402", "This non-invasive treatment uses fine needles.") == []


# -- EXO506 unlawful then recommended --------------------------------------------------------------------
def test_unlawful_then_recommended():
    text = ("Right now these serums cannot be legally injected in the UK.\n\n"
            "Even so, I can say that exosome injections are a safe and effective option.")
    fs = findings("EXO506", text)
    assert [text[f.start.offset:f.end.offset] for f in fs] == ["a safe and effective option"]
    assert fs[0].related[0].start.line == 1


@pytest.mark.parametrize("text", [
    "Injections cannot be legally given here, so we do not recommend injections.",
    "Exosome injections are illegal in the UK. Microneedling is a safe and effective alternative to injections.",
    "I recommend injections. Later the law changed and injections cannot be legally given.",
])
def test_unlawful_then_recommended_must_not_flag(text):
    assert spans("EXO506", text) == []


def test_json_output_carries_related_location(tmp_path):
    from click.testing import CliRunner

    from exolint.cli import main

    text = ("The product is injected into the dermis with a fine needle.\n\n"
            "It is a non-invasive way to refresh the face.\n")
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--format", "json", "--select", "EXO402", "--no-cache", str(page)])
    data = json.loads(res.output)
    (f,) = data["findings"]
    assert f["rule"] == "EXO402" and f["category"] == "invasive-mislabel"
    assert f["start"]["line"] == 3
    (r,) = f["related"]
    assert r["start"]["line"] == 1 and text[r["start"]["offset"]:r["end"]["offset"]] == "needle"


def test_once_reports_the_first_second_statement_with_the_others_related():
    c = make(first={"patterns": ["book now"]}, second={"patterns": ["we inject it"]}, order="any", once=True)
    doc, hs = hits(c, "Book now.\n\nFirst we inject it here.\n\nThen we inject it there.")
    assert len(hs) == 1
    assert doc.text[hs[0].start:hs[0].end] == "we inject it"
    related = [(doc.text[a:b], m) for a, b, m in hs[0].related]
    assert related[0][0] == "Book now" and "stated here" in related[0][1]
    assert related[1] == ("we inject it", "also here") and hs[0].start < hs[0].related[1][0]
    c = make(first={"patterns": ["book now"]}, second={"patterns": ["we inject it"]}, order="any")
    assert len(hits(c, "Book now.\n\nFirst we inject it here.\n\nThen we inject it there.")[1]) == 2


def _nearest_by_definition(c, doc, s, e):
    """Every first-side match that may pair with (s, e), the nearest by start (earlier on a tie):
    the definition `_nearest_first` must agree with, written the slow way."""
    firsts = c._matches(doc, c.first)
    wa, wb = doc.window(s, e, c.rule.window)
    cands = [f for f in firsts if wa <= f[0] and f[1] <= wb and not (f[0] < e and s < f[1])]
    if c.order == "first-then-second":
        cands = [f for f in cands if f[1] <= s]
    if c.apart:
        sa, sb = doc.window(s, e, "sentence")
        cands = [f for f in cands if not (sa <= f[0] and f[1] <= sb)]
    return min(cands, key=lambda f: (abs(f[0] - s), f[0])) if cands else None


@pytest.mark.parametrize("order, apart, window", [
    ("any", False, "document"), ("first-then-second", False, "document"), ("any", True, "paragraph"),
    ("first-then-second", True, "section"), ("any", False, "sentence"),
])
@pytest.mark.parametrize("lazy", [False, True])
def test_nearest_first_walk_equals_the_definition(order, apart, window, lazy):
    """Also when the first side's exceptions and topic are judged during the walk (`lazy`, as
    `_hits` does) instead of before it."""
    import random

    rnd = random.Random(11)
    c = make(first={"patterns": ["we offer", "book now"], "exceptions": [r"\bnot\b"]},
             second={"patterns": ["injected", "drip"]}, topic=[r"\b(?:skin|drip)\b"],
             order=order, apart=apart, window=window)
    words = ["we offer", "book now", "injected", "drip", "the", "skin.", "A", "glow", "not", "\n\n", "## Head\n\n"]
    paired = judged = 0
    for _ in range(200):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 80)))
        doc = parse(text, "x.md" if "##" in text else "x.txt")
        if lazy:
            firsts = c._candidates(doc, c.first)
            asked: set[int] = set()

            def stands(i, firsts=firsts, doc=doc, asked=asked):
                asked.add(i)
                return c._stands(doc, c.first, firsts[i])
        else:
            firsts, stands = c._matches(doc, c.first), None
        starts = [a for a, _ in firsts]
        for s, e in c._matches(doc, c.second):
            got = c._nearest_first(doc, firsts, starts, s, e, stands)
            assert got == _nearest_by_definition(c, doc, s, e)
            paired += got is not None
        if lazy:
            judged += len(asked) < len(firsts)
    assert paired > 10  # the walk was compared on real pairs, not only on misses
    assert not lazy or judged > 10  # and the lazy walk left first-side matches unjudged


def test_hits_judge_only_the_first_side_matches_next_to_a_second_side_match(monkeypatch):
    c = make(first={"patterns": ["we offer"], "exceptions": [r"\bnot\b"]}, second={"patterns": ["drip"]},
             order="any")
    text = " ".join(["We offer peels."] * 50 + ["We do not offer a drip."] + ["We offer masks."] * 50)
    judged = []
    stands = conflict.ConflictRule._stands
    monkeypatch.setattr(conflict.ConflictRule, "_stands",
                        lambda self, doc, side, m: judged.append(side is self.first) or stands(self, doc, side, m))
    doc, hs = hits(c, text)
    assert [doc.text[h.start:h.end] for h in hs] == ["drip"]
    assert hs[0].related[0][0] == text.index("We offer masks")  # the nearest standing one, after it
    assert 0 < judged.count(True) <= 3  # not all 100
