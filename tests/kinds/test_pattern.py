"""The `pattern` kind: phrases, regexes, word boundaries, exceptions, scopes, runaway regexes."""
from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.kinds import pattern
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet


def make(**options):
    rule = Rule(id="TST001", name="t", kind="pattern", category="other", severity="warning",
                message=options.pop("message", "found '{match}'"), description="d", path=Path("t.yaml"),
                options=options, raw=dict(options), window=options.pop("window", "sentence"),
                scope=options.pop("scope", None))
    return pattern.compile(rule, CompileContext(regex_timeout=options.pop("timeout", 0.5)))


def spans(compiled, text):
    doc = parse(text, "x.txt")
    return [text[f.start.offset:f.end.offset] for f in Engine(RuleSet([compiled])).lint(doc).findings]


def test_phrases_match_whole_words_case_insensitively():
    c = make(patterns=["no risk"])
    assert spans(c, "There is No Risk at all.") == ["No Risk"]
    assert spans(c, "There is no riskier choice.") == []


def test_phrase_matches_across_a_line_break_inside_a_paragraph():
    c = make(patterns=["absolutely safe"])
    assert spans(c, "It is absolutely\nsafe for you.\n\nOther.") == ["absolutely\nsafe"]


def test_phrase_does_not_match_across_paragraphs():
    c = make(patterns=["absolutely safe"])
    assert spans(c, "It is absolutely\n\nsafe for you.") == []


def test_regex_and_message_placeholder():
    c = make(regex=[r"\b100\s?% safe\b"], message="claims '{match}'")
    doc = parse("Our serum is 100 % safe.", "x.txt")
    (f,) = Engine(RuleSet([c])).lint(doc).findings
    assert f.message == "claims '100 % safe'"


def test_word_boundary_off_matches_inside_words():
    assert spans(make(patterns=["safe"], word_boundary=False), "unsafe") == ["safe"]
    assert spans(make(patterns=["safe"]), "unsafe") == []


def test_exception_in_the_same_window_cancels_the_match():
    c = make(patterns=["safe"], exceptions=[r"\bnot\b"])
    assert spans(c, "It is not safe. It is safe.") == ["safe"]


def test_scope_selection():
    c = make(patterns=["miracle"], scope=frozenset({"heading"}))
    assert spans(c, "# A miracle\n\nA miracle in the body.") == ["miracle"]


def test_triggers_are_derived_from_phrases():
    assert set(make(patterns=["absolutely safe", "risk-free"]).triggers) == {"absolutely", "risk"}
    assert make(regex=["x+"]).triggers == ()


def test_lookalike_letters_are_matched_through_the_fold():
    c = make(patterns=["approved"])
    text = "It is \u0430ppr\u043ev\u0435d by nobody."
    assert spans(c, text) == ["\u0430ppr\u043ev\u0435d"]


def test_runaway_regex_is_stopped_and_reported_as_a_rule_error():
    c = make(regex=[r"(a|aa)+$"], timeout=0.2)
    doc = parse("a" * 40 + "!", "x.txt")
    res = Engine(RuleSet([c])).lint(doc)
    assert res.findings == []
    (err,) = res.errors
    assert err.rule == "TST001" and "was stopped" in err.message


@pytest.mark.parametrize("bad", [["(x"], ["a{2,1}"]])
def test_invalid_regex_raises_a_spec_error(bad):
    from exolint.ruleset import RuleSpecError

    with pytest.raises(RuleSpecError) as info:
        make(regex=bad)
    assert info.value.path[0] == "regex"
