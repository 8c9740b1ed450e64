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


# -- once: page-level properties --------------------------------------------------------------------------
def test_once_reports_the_first_match_with_later_ones_as_related():
    c = make(patterns=["miracle cream"], once=True)
    text = "A miracle cream. Buy the miracle cream.\n\nOur miracle cream again."
    fs = Engine(RuleSet([c])).lint(parse(text, "x.txt")).findings
    assert len(fs) == 1
    assert fs[0].start.offset == text.index("miracle cream")
    assert [text[r.start.offset:r.end.offset] for r in fs[0].related] == ["miracle cream", "miracle cream"]
    assert [r.start.offset for r in fs[0].related] == [text.index("miracle cream", 5), text.rindex("miracle cream")]
    assert all(r.message == "also here" for r in fs[0].related)


def test_once_with_a_single_match_has_no_related():
    c = make(patterns=["miracle cream"], once=True)
    fs = Engine(RuleSet([c])).lint(parse("A miracle cream.", "x.txt")).findings
    assert len(fs) == 1 and fs[0].related == ()


def test_once_skips_excepted_matches_before_choosing_the_first():
    c = make(patterns=["miracle cream"], exceptions=[r"\bno\b"], once=True)
    text = "There is no miracle cream. Try our miracle cream. A miracle cream!"
    fs = Engine(RuleSet([c])).lint(parse(text, "x.txt")).findings
    assert len(fs) == 1
    assert fs[0].start.offset == text.index("our miracle cream") + 4
    assert len(fs[0].related) == 1


def test_without_once_every_match_is_a_finding():
    c = make(patterns=["miracle cream"])
    assert spans(c, "A miracle cream. Our miracle cream.") == ["miracle cream", "miracle cream"]


def test_once_with_no_match_reports_nothing():
    assert spans(make(patterns=["miracle cream"], once=True), "A plain moisturiser.") == []


def test_module_docstring_compiles_without_deprecation_warning():
    import warnings

    src = Path(pattern.__file__).read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(src, pattern.__file__, "exec")


# -- question: claims an FAQ splits between a question and its answer ------------------------------------
FAQ = ("RISKS?\n\nNone at all.\n\nPRICE?\n\nNone at all for the first visit.\n\n"
       "Is there any risk?\n\nNone at all, we think.\n\nNone at all.\n")


def test_question_limits_matches_to_answers_of_matching_questions():
    c = make(regex=[r"(?<![^\n])none\s+at\s+all\b"], question=[r"\brisks?\b"])
    found = Engine(RuleSet([c])).lint(parse(FAQ, "faq.txt")).findings
    # the first answer; not the price answer, and not the last block (no question before it)
    assert [f.start.offset for f in found] == [FAQ.index("None at all."), FAQ.index("None at all, we")]


def test_question_answers_still_honour_exceptions_and_scope():
    c = make(regex=[r"(?<![^\n])none\s+at\s+all\b"], question=[r"\brisks?\b"], exceptions=[r"\bwe\s+think\b"])
    assert spans(c, FAQ) == ["None at all"]
    assert spans(make(regex=[r"none"], question=[r"risk"], scope=frozenset({"heading"})), FAQ) == []


def test_invalid_question_regex_names_its_key():
    from exolint.ruleset import RuleSpecError

    with pytest.raises(RuleSpecError) as info:
        make(regex=["none"], question=["(risk"])
    assert info.value.path == ("question", 0)


# -- list_items: bullets that leave out the product the page's title names ----------------------------
def _md_spans(compiled, text):
    from exolint.plugins.markdown import parse as parse_markdown

    doc = parse_markdown(text, "x.md")
    return [text[f.start.offset:f.end.offset] for f in Engine(RuleSet([compiled])).lint(doc).findings]


def _with_list_items(**options):
    return make(regex=[r"\bmiracle\b"], list_items={"title": r"\bexosomes?\b", "regex": [r"\bregrows\s+hair\b"]},
                **options)


def test_list_item_patterns_run_under_a_matching_title():
    page = "# Exosome hair serum\n\n- Regrows hair in weeks\n- A miracle\n\nIt regrows hair, they say.\n"
    # the list pattern in the list item, the ordinary pattern anywhere; not the list pattern in prose
    assert _md_spans(_with_list_items(), page) == ["Regrows hair", "miracle"]


def test_list_item_patterns_need_the_title():
    assert _md_spans(_with_list_items(), "# Hair serum\n\n- Regrows hair in weeks\n") == []


def test_list_item_patterns_honour_exceptions():
    c = _with_list_items(exceptions=[r"\bnot\b"])
    assert _md_spans(c, "# Exosome hair serum\n\n- Does not regrow hair; regrows hair? not\n") == []


def test_an_invalid_list_item_regex_names_its_key():
    from exolint.ruleset import RuleSpecError

    with pytest.raises(RuleSpecError) as info:
        make(regex=["x"], list_items={"title": "exosome", "regex": ["(oops"]})
    assert info.value.path == ("list_items", "regex", 0)


def test_a_cited_title_in_the_reference_list_is_not_a_claim():
    text = ("Exosomes cure nothing yet.\n\nReferences\n\n"
            "1. Smith J, Okafor N. Exosomes cure alopecia: a pilot. J Hair Res. 2021;3:4-9.\n")
    c = make(patterns=["exosomes cure"])
    assert spans(c, text) == ["Exosomes cure"]  # the page's own sentence, not the cited title
    # a rule that checks reported text (look-alikes, stuffing) reads titles too
    rule = make(patterns=["exosomes cure"]).rule
    checked = pattern.compile(Rule(**{**rule.__dict__, "reported_quotes": "check"}),
                              CompileContext(regex_timeout=0.5))
    assert spans(checked, text) == ["Exosomes cure", "Exosomes cure"]
