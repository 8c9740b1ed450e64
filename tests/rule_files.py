"""A throwaway pattern rule as YAML, for tests that need a rule file of their own to edit, cache
or load (one template, so a change to the rule format is made once)."""
from __future__ import annotations

import textwrap

_TEMPLATE = textwrap.dedent("""\
    id: {rule_id}
    name: {name}
    kind: pattern
    category: other
    severity: warning
    message: "'{{match}}' is a test finding"
    description: A rule that exists only for this test.
    patterns: [{phrase}]
    examples:
      bad: ["a «{phrase}» b", "«{phrase}»"]
      good: ["nothing here", "still nothing"]
    """)


def pattern_rule(rule_id: str, name: str, phrase: str) -> str:
    return _TEMPLATE.format(rule_id=rule_id, name=name, phrase=phrase)
