"""The rule loader: schema validation with file:line:col, duplicate keys, unknown kinds, user dirs."""
import textwrap

import pytest

from exolint.registry import get_registry
from exolint.ruleset import RuleLoadError, load_ruleset

GOOD = """\
id: TST101
name: miracle-word
kind: pattern
category: other
severity: warning
message: "'{match}' oversells."
description: Miracle language oversells any treatment.
patterns: [miracle cure]
examples:
  bad: ["A «miracle cure» for wrinkles.", "The «Miracle Cure» is here."]
  good: ["No cure exists.", "A cure for nothing."]
"""


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def load(tmp_path):
    return load_ruleset(get_registry(), [tmp_path], builtin=False)


def test_user_directory_rule_loads_and_compiles(tmp_path):
    write(tmp_path, "TST101.yaml", GOOD)
    rs = load(tmp_path)
    assert [c.rule.id for c in rs] == ["TST101"]
    assert rs.by_id["TST101"].rule.pack == "user"


def test_all_schema_errors_of_a_file_are_reported_with_positions(tmp_path):
    bad = GOOD.replace("severity: warning", "severity: eror").replace('message: "\'{match}\' oversells."', "message: 3")
    bad = bad.replace("name: miracle-word", "name: Miracle Word")
    write(tmp_path, "bad.yaml", bad)
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    msgs = [str(e) for e in info.value.errors]
    assert len(msgs) == 3, msgs
    path = str(tmp_path / "bad.yaml")
    assert any(m.startswith(f"{path}:5:11: severity:") and "eror" in m for m in msgs), msgs
    assert any(m.startswith(f"{path}:6:10: message:") for m in msgs), msgs
    assert any(m.startswith(f"{path}:2:7: name:") for m in msgs), msgs


def test_unknown_kind_names_the_known_kinds(tmp_path):
    write(tmp_path, "k.yaml", GOOD.replace("kind: pattern", "kind: patern"))
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    (err,) = info.value.errors
    assert (err.line, err.column) == (3, 7)
    assert "unknown rule kind 'patern'" in err.message and "pattern" in err.message and "substitution" in err.message


def test_duplicate_keys_are_rejected(tmp_path):
    write(tmp_path, "d.yaml", GOOD + "severity: error\n")
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    (err,) = info.value.errors
    assert "duplicate key 'severity'" in err.message and err.line == 12


def test_yaml_syntax_error_has_a_position(tmp_path):
    write(tmp_path, "s.yaml", "id: [unclosed\nname: x\n")
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    assert info.value.errors[0].line >= 1 and "s.yaml" in info.value.errors[0].path


def test_unknown_key_is_named(tmp_path):
    write(tmp_path, "u.yaml", GOOD + "swap: {a: b}\n")
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    assert any("unknown key 'swap'" in e.message and e.line == 12 for e in info.value.errors)


def test_invalid_regex_is_reported_at_the_pattern(tmp_path):
    text = GOOD.replace("patterns: [miracle cure]", "regex:\n  - 'ok'\n  - '(unclosed'")
    write(tmp_path, "r.yaml", text)
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    (err,) = info.value.errors
    assert err.line == 10 and "regex/1" in err.message and "invalid regular expression" in err.message


def test_examples_need_markers_and_two_of_each(tmp_path):
    write(tmp_path, "e.yaml", GOOD.replace('"A «miracle cure» for wrinkles."', '"A miracle cure for wrinkles."'))
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    assert "must mark the expected span" in info.value.errors[0].message
    write(tmp_path, "e.yaml", GOOD.replace(', "A cure for nothing."', ""))
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    assert "examples/good" in info.value.errors[0].message


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.replace("miracle-word", "miracle-two"))
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    assert "TST101 is already used" in info.value.errors[0].message


def test_missing_directory_is_an_error(tmp_path):
    with pytest.raises(RuleLoadError):
        load_ruleset(get_registry(), [tmp_path / "nope"], builtin=False)


def test_a_bad_item_of_a_rule_list_is_reported_at_its_own_line(tmp_path):
    write(tmp_path, "q.yaml", """\
        id: TST102
        name: tiny-vesicle
        kind: quantity
        category: implausible-size
        severity: warning
        message: "'{match}' is implausible."
        description: Sizes outside the range.
        checks: [plausibility]
        plausible:
          - {min: 30, max: 150, unit: nm}
          - {min: 900, max: 100, unit: nm}
        examples:
          bad: ["Vesicles of «5 nm» each.", "About «9000 nm»."]
          good: ["About 100 nm.", "Sizes of 40 nm."]
        """)
    with pytest.raises(RuleLoadError) as info:
        load(tmp_path)
    (err,) = info.value.errors
    assert "min <= max" in err.message and err.line == 11
