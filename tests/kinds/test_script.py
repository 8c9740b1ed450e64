"""The `script` kind and the confusables fold: Cyrillic/Greek look-alikes inside Latin words are
reported per run of words with a safe fix; Russian text and Greek scientific symbols are not."""
from __future__ import annotations

from pathlib import Path

import pytest

from exolint.confusables import fold_mixed_script, lookalike_table, lookalike_words
from exolint.engine import Engine
from exolint.fixes import apply_fixes
from exolint.plugins.text import parse
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, compile_rule_file, load_rule_file

RULES = Path(__file__).resolve().parents[2] / "rules"
CYR_A, CYR_E, CYR_O, CYR_I, CYR_C = "\u0430", "\u0435", "\u043e", "\u0456", "\u0441"
GR_O, GR_T, GR_P = "\u03bf", "\u03a4", "\u03a1"


def builtin(rule_id: str):
    return compile_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")))


def lint(rule_id: str, text: str):
    return Engine(RuleSet([builtin(rule_id)])).lint(parse(text, "x.txt")).findings


def spans(rule_id: str, text: str) -> list[str]:
    return [text[f.start.offset:f.end.offset] for f in lint(rule_id, text)]


# -- the fold --------------------------------------------------------------------------------------------
def test_table_comes_from_confusables_data_and_keeps_case():
    t = lookalike_table()
    assert t[CYR_A] == "a" and t[CYR_O] == "o" and t[CYR_C] == "c"
    assert t["\u0406"] == "I"  # Cyrillic capital І is a capital I, not the "l" prototype
    assert t["\u0399"] == "I"  # Greek capital iota likewise
    assert all(len(v) == 1 and v.isascii() for v in t.values())


def test_fold_keeps_length_and_folds_mixed_words():
    text = f"Ex{CYR_O}s{CYR_O}m{CYR_E} therapy"
    folded = fold_mixed_script(text)
    assert folded == "Exosome therapy" and len(folded) == len(text)


@pytest.mark.parametrize("text", [
    "TGF-β and NF-κB", "α-SMA staining", "β-catenin", "IL-1β levels", "5 μg per ml", "10 µm pores",
    "IFN-γ rose", "TGFα was high", "the α and β chains",
])
def test_greek_scientific_symbols_are_not_folded(text):
    assert fold_mixed_script(text) == text
    assert list(lookalike_words(text)) == []


def test_whole_cyrillic_words_are_not_folded():
    text = "Врач сказал: это опасно. The doctor said it was risky."
    assert fold_mixed_script(text) == text


def test_lone_cyrillic_letter_between_english_words_is_folded():
    assert fold_mixed_script(f"book {CYR_A} slot {CYR_I}n time") == "book a slot in time"


# -- the rule --------------------------------------------------------------------------------------------
def test_adjacent_affected_words_are_one_finding_with_safe_fix():
    text = f"The MHRA has {CYR_A}ppr{CYR_O}v{CYR_E}d th{CYR_E} use of it."
    fs = lint("EXO504", text)
    assert [text[f.start.offset:f.end.offset] for f in fs] == [f"{CYR_A}ppr{CYR_O}v{CYR_E}d th{CYR_E}"]
    assert fs[0].fix is not None and fs[0].fix.safe
    assert apply_fixes(text, fs, unsafe=False) == "The MHRA has approved the use of it."
    assert "approved the" in fs[0].message


def test_unaffected_word_between_splits_runs():
    text = f"As {CYR_A}n expert {CYR_I}n th{CYR_E} field."
    assert spans("EXO504", text) == [f"{CYR_A}n", f"{CYR_I}n th{CYR_E}"]


def test_runs_do_not_cross_sentences():
    text = f"It is g{CYR_O}{CYR_O}d. V{CYR_E}ry good."
    assert spans("EXO504", text) == [f"g{CYR_O}{CYR_O}d", f"V{CYR_E}ry"]


@pytest.mark.parametrize("text", [
    "Плохая кожа. Ничего не помогает.",
    "TGF-β, NF-κB, α-SMA, β-catenin, IL-1β and 5 μg were studied.",
    "Plain ASCII only.",
    "Café crème is French, not a look-alike.",
])
def test_must_not_flag(text):
    assert spans("EXO504", text) == []
    assert spans("EXO505", text) == []


def test_greek_rule_finds_greek_in_headings_not_cyrillic():
    text = f"# {GR_T}he {GR_P}ower of Peels\n\nSome t{CYR_E}xt."
    assert spans("EXO505", text) == [f"{GR_T}he {GR_P}ower"]
    assert spans("EXO504", text) == [f"t{CYR_E}xt"]


def test_word_with_a_letter_without_latin_lookalike_is_foreign():
    # "ж" has no Latin look-alike, so the word is Cyrillic, not a disguise
    assert spans("EXO504", f"the word ж{CYR_A}r is Russian") == []


def test_mixed_only_option_skips_lone_letters():
    reg = get_registry()
    path = next(RULES.rglob("EXO504-*.yaml"))
    rules, _, _ = load_rule_file(path, reg)
    from dataclasses import replace

    rule = replace(rules[0], options={**rules[0].options, "mixed_only": True})
    c = reg.kinds["script"].compile(rule, CompileContext())
    doc = parse(f"Book {CYR_A} slot in cl{CYR_I}nic.", "x.txt")
    got = [doc.text[h.start:h.end] for h in c.check(doc)]
    assert got == [f"cl{CYR_I}nic"]


# -- document-level aggregation ---------------------------------------------------------------------------
def _sentences(n: int) -> str:
    """n sentences, each with one disguised word, so n runs."""
    return " ".join(f"W{CYR_E} help {i}." for i in range(n))


def _compiled(rule_id: str, **options):
    from dataclasses import replace

    reg = get_registry()
    rules, _, _ = load_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")), reg)
    rule = replace(rules[0], options={**rules[0].options, **options})
    return reg.kinds["script"].compile(rule, CompileContext())


def test_runs_up_to_the_threshold_stay_separate_findings():
    text = _sentences(5)
    fs = lint("EXO504", text)
    assert len(fs) == 5 and all(not f.related for f in fs)


def test_more_runs_than_the_threshold_give_one_finding_with_related_and_one_fix():
    text = _sentences(9)
    fs = lint("EXO504", text)
    assert len(fs) == 1
    f = fs[0]
    assert text[f.start.offset:f.end.offset] == f"W{CYR_E}"  # the first run
    assert len(f.related) == 8
    assert all(r.message == "look-alike letters here too" for r in f.related)
    assert [text[r.start.offset:r.end.offset] for r in f.related] == [f"W{CYR_E}"] * 8
    assert f.related[0].start.offset > f.start.offset
    assert "9 places" in f.message and "9 letters" in f.message
    assert f.fix is not None and f.fix.safe and len(f.fix.replacements) == 9
    assert apply_fixes(text, fs, unsafe=False) == " ".join(f"We help {i}." for i in range(9))


def test_aggregate_threshold_is_a_rule_option_and_null_disables_it():
    doc = parse(_sentences(4), "x.txt")
    assert len(list(_compiled("EXO504", aggregate_above=2).check(doc))) == 1
    doc = parse(_sentences(12), "x.txt")
    assert len(list(_compiled("EXO504", aggregate_above=None).check(doc))) == 12


def test_aggregate_without_its_own_message_extends_the_rule_message():
    from dataclasses import replace

    c = replace(_compiled("EXO504", aggregate_above=1), aggregate_message=None)
    hits = list(c.check(parse(_sentences(3), "x.txt")))
    assert len(hits) == 1 and "3 places in this document" in hits[0].message


@pytest.mark.parametrize("bad", [0, -3, "5", True, 2.5])
def test_bad_aggregate_threshold_is_a_rule_error(bad):
    from exolint.ruleset import RuleSpecError

    with pytest.raises(RuleSpecError):
        _compiled("EXO504", aggregate_above=bad)


def test_greek_and_cyrillic_rules_aggregate_independently():
    text = _sentences(7) + f" {GR_T}he end."
    assert len(lint("EXO504", text)) == 1
    assert spans("EXO505", text) == [f"{GR_T}he"]
