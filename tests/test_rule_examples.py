"""Every built-in rule's embedded examples, one test per rule (`pytest -k EXO301` runs one rule's).

A bad example must give exactly its marked spans (and its `fixed` text), a good one no finding: the
examples are the rules' tests and their documentation at once.
"""
from __future__ import annotations

import pytest

from exolint.api import load_rules
from exolint.engine import Engine
from exolint.registry import get_registry
from exolint.selftest import check_rule

RULESET = load_rules()
BUILTIN = [c for c in RULESET if c.rule.pack == "exolint"]


def test_the_builtin_pack_is_loaded():
    assert len(BUILTIN) >= 40


@pytest.mark.parametrize("compiled", BUILTIN, ids=lambda c: c.rule.id)
def test_rule_examples(compiled):
    failures = check_rule(compiled, get_registry(), RULESET)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("compiled", BUILTIN, ids=lambda c: c.rule.id)
def test_good_examples_are_quiet_under_the_whole_pack(compiled):
    """A good example is an honest sentence: no built-in rule may report it, except the rules it
    names in `also` (an example that shows another rule's fault on purpose)."""
    engine = Engine(RULESET)
    registry = get_registry()
    loud = []
    for ex in compiled.rule.good:
        doc = registry.formats[ex.format].parse(ex.text, f"example.{ex.format}", {})
        others = sorted({f.rule for f in engine.lint(doc).findings} - {compiled.rule.id} - set(ex.also))
        if others:
            loud.append(f"{ex.text[:80]!r}: {', '.join(others)}")
    assert not loud, "\n".join(loud)
