"""The Aho-Corasick prefilter only saves time: findings are identical with and without it."""
from __future__ import annotations

import datetime as _dt

import pytest

from exolint.engine import Engine, Prefilter
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, load_ruleset, parse_rule

TODAY = _dt.date(2026, 11, 22)

# Varied pages written for this test: clean, defective, mixed formats, look-alike letters.
PAGES = [
    ("text", "Our exosome facial is absolutely safe and FDA-approved. 97% of clients see results."),
    ("text", "Exosomes are 10,000-200,000 nm across, according to our clinic. Studies show they reverse ageing."),
    ("text", "Exosomes are small vesicles, about 30-150 nm across (Théry et al., J Extracell Vesicles, 2018)."),
    ("text", "The FDA has not approved any exosome product. There are currently no FDA-approved exosome products."),
    ("text", "A non-invasive injection with no downtime. Completely risk-free, guaranteed results!"),
    ("text", "Our \u0435\u0445\u043esome therapy is the best in Leeds. Clinically proven to work."),
    ("text", "Opening hours are nine to six. Parking is behind the building. Gift vouchers last a year."),
    ("text", "Exosomes are 30150 nm particles. Plan for 46 weeks between sessions."),
    ("markdown", "# Exosome hair treatment\n\nUp to 85% more hair growth [1].\n\n"
                 "| Treatment | Price |\n|---|---|\n| Exosome facial | £300 |\n\n"
                 "## References\n\n1. Nakamura (2020). *Dermatol Surg*.\n"),
    ("markdown", "---\ntitle: FDA approved exosomes\n---\n\n# Prices\n\n- Exosome injections, £250\n"
                 "- A miracle cure for hair loss\n\n<!-- exolint-disable EXO401 -->\nAbsolutely safe.\n"),
    ("markdown", ("Best exosome facial London. Exosome facial London prices. Cheap exosome facial London.\n\n" * 4)
     + "Exosome facial London is great. " * 5),
    ("html", "<html lang=en><head><title>Exosome serum</title><meta name=description content='FDA-cleared "
             "exosomes, 100% safe'></head><body><h1>Exosomes</h1><p>Exosomes measure 40-100 mm. "
             "Research proves they regrow hair in 30 days.</p><p>Human exosomes in a cosmetic serum.</p>"
             "</body></html>"),
]


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    """Whatever built-in rules exist now (the pack grows in parallel with this test)."""
    return load_ruleset(get_registry(), ctx=CompileContext(today=TODAY))


def _docs(ruleset: RuleSet):
    registry = get_registry()
    pages = list(PAGES)
    for c in ruleset:  # every rule's own examples: the cases its author knew about
        for ex in (*c.rule.bad, *c.rule.good):
            pages.append((ex.format, ex.text))
    for i, (fmt, text) in enumerate(pages):
        if fmt in registry.formats:
            yield registry.formats[fmt].parse(text, f"page{i}.{fmt}", {})


def _json(findings) -> list:
    return [(f.to_json(), f.matched, f.context) for f in findings]


def test_findings_identical_with_and_without_prefilter(ruleset: RuleSet) -> None:
    assert len(ruleset) > 0
    on, off = Engine(ruleset), Engine(ruleset, prefilter=False)
    total = 0
    for doc in _docs(ruleset):
        a, b = on.lint(doc), off.lint(doc)
        assert _json(a.findings) == _json(b.findings), doc.path
        assert a.errors == b.errors, doc.path
        total += len(a.findings)
    assert total > 10  # the corpus does exercise the rules


def test_prefilter_skips_rules_whose_triggers_are_absent(ruleset: RuleSet) -> None:
    pf = Prefilter(list(ruleset.rules))
    triggered = [c for c in ruleset if getattr(c, "triggers", ())]
    assert triggered, "the built-in pack should give its rules trigger words"
    from exolint.plugins.text import parse

    active = pf.active(parse("Opening hours are nine to six; parking is behind the building.", "a.txt"))
    assert len(active) < len(ruleset)
    assert {c.rule.id for c in pf.always} <= {c.rule.id for c in active}


def _rule(rid: str, phrase: str, *, as_regex: bool = False):
    """A pattern rule; a regex-only one has no trigger words, so it always runs."""
    data = {"id": rid, "name": f"test-{rid.lower()}", "kind": "pattern", "category": "other",
            "severity": "warning", "message": "found {match}", "description": "a test rule",
            ("regex" if as_regex else "patterns"): [phrase],
            "examples": {"bad": [f"a «{phrase}» b", f"«{phrase}»"], "good": ["x", "y"]}}
    from pathlib import Path

    registry = get_registry()
    rule, errors = parse_rule(data, None, Path(f"{rid}.yaml"), registry)
    assert not errors, errors
    return registry.kinds["pattern"].compile(rule, CompileContext(today=TODAY))


def test_prefilter_sees_folded_lookalikes_and_always_runs_untriggered_rules() -> None:
    exo = _rule("EXO990", "exosome therapy")
    always = _rule("EXO991", "opening hours", as_regex=True)
    assert "therapy" in exo.triggers or "exosome" in exo.triggers
    assert always.triggers == ()
    engine = Engine(RuleSet([exo, always], CompileContext(today=TODAY)))
    from exolint.plugins.text import parse

    clean = parse("Opening hours are nine to six.", "a.txt")
    assert [c.rule.id for c in engine.prefilter.active(clean)] == ["EXO991"]
    # Cyrillic е, х, о in "exosome": the prefilter runs on the folded text, like the rules
    spoofed = parse("Book \u0435\u0445\u043esome therapy now.", "b.txt")
    assert "EXO990" in [c.rule.id for c in engine.prefilter.active(spoofed)]
    assert [f.rule for f in engine.lint(spoofed).findings] == ["EXO990"]


def test_prefilter_sees_triggers_across_scan_pieces(monkeypatch):
    """A trigger that straddles two pieces of the word-index pass is still seen."""
    from exolint import wordindex
    from exolint.api import load_rules
    from exolint.plugins.text import parse

    rs = load_rules()
    pf = Prefilter(list(rs.rules))
    text = ("filler words " * 40) + "absolutely safe" + (" more filler" * 40)
    whole = {c.rule.id for c in pf.active(parse(text, "a.txt"))}
    for chunk in (7, 16, 33):
        monkeypatch.setattr(wordindex, "_CHUNK", chunk)
        assert {c.rule.id for c in pf.active(parse(text, "a.txt"))} == whole
    assert "EXO401" in whole
