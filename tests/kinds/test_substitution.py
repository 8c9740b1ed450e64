"""The `substitution` kind: wrong -> right with fixes."""
from pathlib import Path

from exolint.engine import Engine
from exolint.fixes import apply_fixes
from exolint.kinds import substitution
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet


def make(**options):
    rule = Rule(id="TST002", name="t", kind="substitution", category="wrong-law-name", severity="error",
                message="'{match}' should be '{replacement}'", description="d", path=Path("t.yaml"),
                options=options, raw=dict(options))
    return substitution.compile(rule, CompileContext())


def run(c, text):
    return Engine(RuleSet([c])).lint(parse(text, "x.txt")).findings


def test_swap_reports_and_fixes():
    c = make(swap={"Medicinal Products Regulations 2012": "Human Medicines Regulations 2012",
                   "Food and Drug Association": "Food and Drug Administration"})
    text = "Under the Medicinal Products Regulations 2012 and the Food and Drug Association rules."
    fs = run(c, text)
    assert [f.message for f in fs] == [
        "'Medicinal Products Regulations 2012' should be 'Human Medicines Regulations 2012'",
        "'Food and Drug Association' should be 'Food and Drug Administration'"]
    assert all(f.fix and f.fix.safe for f in fs)
    fixed = apply_fixes(text, fs)
    assert fixed == "Under the Human Medicines Regulations 2012 and the Food and Drug Administration rules."
    assert run(c, fixed) == []


def test_unsafe_and_no_fix():
    assert run(make(swap={"cure": "treatment"}, fix="unsafe"), "A cure.")[0].fix.safe is False
    assert run(make(swap={"cure": "treatment"}, fix="none"), "A cure.")[0].fix is None


def test_regex_keys_with_groups():
    c = make(swap={r"Medicines? Regulations (?:of )?2012": "Human Medicines Regulations 2012"}, regex=True)
    found = run(c, "The Medicine Regulations 2012 apply.")
    assert [f.message.split("'")[1] for f in found] == ["Medicine Regulations 2012"]


def test_correct_term_is_not_flagged_even_if_it_contains_the_wrong_one():
    c = make(swap={"Regulations 2012": "Human Medicines Regulations 2012"}, ignorecase=False)
    assert run(c, "The Human Medicines Regulations 2012 apply.") == []
    assert len(run(c, "The Medicinal Products Regulations 2012 apply.")) == 1
