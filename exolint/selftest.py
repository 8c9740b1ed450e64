"""Running a rule's embedded examples: every `bad` text must give exactly the marked spans (and the
`fixed` text when one is given), every `good` text no finding. `exolint test-rules` and the test
suite both run this."""
from __future__ import annotations

from dataclasses import dataclass

from .engine import Engine
from .fixes import apply_fixes
from .registry import Registry
from .rule import CompiledRule, Example
from .ruleset import RuleSet


@dataclass
class ExampleFailure:
    rule: str
    path: str
    kind: str  # "bad" or "good"
    index: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule} {self.kind} example {self.index + 1}: {self.message}\n    {self.text!r}"


def run_example(c: CompiledRule, ex: Example, registry: Registry, ruleset: RuleSet):
    fmt = registry.formats.get(ex.format) or registry.formats["text"]
    doc = fmt.parse(ex.text, "<example>", {})
    engine = Engine(RuleSet([c], ruleset.context))
    res = engine.lint(doc)
    post = getattr(c, "example_filter", None)  # rules reported by a filter (EXO901), not the engine
    if post is not None:
        res.findings = post(doc, res.findings)
    return res


def check_rule(c: CompiledRule, registry: Registry, ruleset: RuleSet) -> list[ExampleFailure]:
    out: list[ExampleFailure] = []
    r = c.rule
    for kind, examples in (("bad", r.bad), ("good", r.good)):
        for i, ex in enumerate(examples):
            res = run_example(c, ex, registry, ruleset)
            if res.errors:
                out.append(ExampleFailure(r.id, str(r.path), kind, i, ex.text,
                                          "; ".join(e.message for e in res.errors)))
                continue
            got = sorted((f.start.offset, f.end.offset) for f in res.findings)
            want = sorted(ex.spans)
            if got != want:
                show = lambda spans: [ex.text[a:b] for a, b in spans]  # noqa: E731, B023  (called in this iteration)
                out.append(ExampleFailure(r.id, str(r.path), kind, i, ex.text,
                                          f"expected {show(want)} at {want}, got {show(got)} at {got}"))
                continue
            if ex.fixed is not None:
                fixed = apply_fixes(ex.text, res.findings, unsafe=True)
                if fixed != ex.fixed:
                    out.append(ExampleFailure(r.id, str(r.path), kind, i, ex.text,
                                              f"fix gives {fixed!r}, expected {ex.fixed!r}"))
    return out


def check_ruleset(ruleset: RuleSet, registry: Registry) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for c in ruleset:
        failures += check_rule(c, registry, ruleset)
    return failures
