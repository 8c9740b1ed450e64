"""Every built-in rule's embedded examples, one test per rule (`pytest -k EXO301` runs one rule's).

A bad example must give exactly its marked spans (and its `fixed` text), a good one no finding: the
examples are the rules' tests and their documentation at once.
"""
from __future__ import annotations

import pytest

from exolint.api import load_rules
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
