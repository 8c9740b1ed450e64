"""`suppression`: exolint's checks of its own suppression comments (EXO901, unused suppressions).

    kind: suppression

A suppression is only known to be unused once every other rule has run on the page, so a rule
of this kind finds nothing by itself: the suppression filter (`exolint.suppress`), which runs
after the engine, reports for it, with its id, name, category and configured severity. Select or
ignore the rule as any other to switch the check on or off. In a rule's own examples only that
rule runs, so every suppression in an example that names another rule counts as unused.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..document import Document
from ..finding import Finding
from ..rule import CompileContext, Hit, Rule

SCHEMA: dict = {"properties": {}}


@dataclass
class SuppressionRule:
    rule: Rule
    #: never fires in the engine; a trigger nobody writes keeps the prefilter from running it
    triggers: tuple[str, ...] = ("\x00exolint-suppression",)

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()

    def example_filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """What the rule reports when it runs alone (for `exolint test-rules`)."""
        from ..suppress import SuppressionFilter

        return SuppressionFilter([self.rule], [self.rule.id], self.rule)(doc, findings)


def compile(rule: Rule, ctx: CompileContext) -> SuppressionRule:
    return SuppressionRule(rule)
