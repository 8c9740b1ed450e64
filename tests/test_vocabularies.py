"""exolint.vocabularies: word lists a pack's fact base defines once and rules name with `$name`."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from exolint.api import lint_text
from exolint.facts import load_facts
from exolint.registry import get_registry
from exolint.ruleset import RuleLoadError, load_ruleset

FACTS = """\
vocabularies:
  hype-words: [miracle cure, wonder serum]
"""

RULE = """\
id: TST001
name: hype
kind: pattern
category: other
severity: warning
message: "'{match}' is hype"
description: A test rule that reads a shared list.
patterns: [$hype-words, elixir of life]
examples:
  bad: ["A «wonder serum» for all.", "The «elixir of life» in a jar."]
  good: ["A serum for dry skin.", "Sunscreen every day."]
"""


def pack(tmp_path: Path, rule: str = RULE, facts: str = FACTS) -> Path:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "vocab.yaml").write_text(textwrap.dedent(facts), encoding="utf-8")
    (tmp_path / "TST001.yaml").write_text(textwrap.dedent(rule), encoding="utf-8")
    return tmp_path


def test_a_named_vocabulary_is_read_in_place_of_its_name(tmp_path):
    rs = load_ruleset(get_registry(), [pack(tmp_path)], builtin=False)
    (compiled,) = list(rs)
    assert compiled.rule.options["patterns"] == ["miracle cure", "wonder serum", "elixir of life"]
    found = lint_text("Try our wonder serum, a miracle cure, the elixir of life.", rules=rs)
    assert [f.matched for f in found] == ["wonder serum", "miracle cure", "elixir of life"]


def test_an_unknown_vocabulary_is_an_error_at_its_item(tmp_path):
    with pytest.raises(RuleLoadError) as exc:
        load_ruleset(get_registry(), [pack(tmp_path, RULE.replace("$hype-words", "$hype-word"))], builtin=False)
    (err,) = exc.value.errors
    assert err.path.endswith("TST001.yaml")
    assert (err.line, err.column) == (8, 12)  # the "$" of the item
    assert "unknown vocabulary '$hype-word' (known: hype-words)" in err.message


def test_an_item_that_only_starts_with_a_dollar_is_itself(tmp_path):
    rule = RULE.replace("patterns: [$hype-words, elixir of life]",
                        "regex: ['\\$5 off', '^\\$']")
    rule = rule.replace('bad: ["A «wonder serum» for all.", "The «elixir of life» in a jar."]',
                        'bad: ["«$5 off» today", "Now «$5 off»."]')
    rs = load_ruleset(get_registry(), [pack(tmp_path, rule)], builtin=False)
    assert [f.matched for f in lint_text("Save $5 off today.", rules=rs)] == ["$5 off"]


@pytest.mark.parametrize("facts, message, line", [
    ("vocabularies:\n  Hype: [a]\n", "vocabulary Hype: a name is lower-case letters, digits and '-'", 2),
    ("vocabularies:\n  hype: []\n", "vocabulary hype: must be a non-empty list of strings", 2),
    ("vocabularies:\n  hype: [a, 3]\n", "vocabulary hype: must be a non-empty list of strings", 2),
    ("vocabularies: [a, b]\n", "vocabularies must be a mapping of name -> list of strings", 1),
])
def test_bad_vocabularies_are_errors_with_their_position(tmp_path, facts, message, line):
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "v.yaml").write_text(facts, encoding="utf-8")
    _, errors = load_facts([tmp_path], dt.date(2026, 11, 22))
    assert [(e.message, e.line) for e in errors] == [(message, line)]


def test_a_vocabulary_defined_twice_is_an_error(tmp_path):
    (tmp_path / "facts").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "facts" / name).write_text(FACTS, encoding="utf-8")
    _, errors = load_facts([tmp_path], dt.date(2026, 11, 22))
    assert [(Path(e.path).name, e.message) for e in errors] == [
        ("b.yaml", "vocabulary hype-words is already defined in another fact file")]


def test_the_size_rules_share_their_lists():
    """EXO101-EXO103 name the same vocabularies, so widening one list widens all three."""
    rs = load_ruleset(get_registry())
    lists = {rid: rs.by_id[rid].rule.options for rid in ("EXO101", "EXO102", "EXO103")}
    assert lists["EXO101"]["other_subjects"] == lists["EXO102"]["other_subjects"] == lists["EXO103"]["other_subjects"]
    assert "red blood cells" in lists["EXO101"]["other_subjects"]
    assert set(lists["EXO101"]["subjects"]) < set(lists["EXO103"]["subjects"])
