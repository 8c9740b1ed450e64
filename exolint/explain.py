"""The text of `exolint explain`: a rule's why, its sources and its examples (Ruff's `ruff rule`)."""
from __future__ import annotations

import textwrap

from .registry import KindSpec
from .rule import Example, Rule


def _example(ex: Example) -> str:
    out, last = [], 0
    for a, b in ex.spans:
        out += [ex.text[last:a], "«", ex.text[a:b], "»"]
        last = b
    out.append(ex.text[last:])
    return "".join(out)


def explain_rule(r: Rule) -> str:
    lines = [f"{r.id} {r.name}", "",
             f"Category: {r.category}    Severity: {r.severity}    Kind: {r.kind}"]
    if r.jurisdiction:
        lines.append(f"Jurisdiction: {', '.join(r.jurisdiction)}")
    if r.as_of:
        lines.append(f"As of: {r.as_of}")
    if r.aliases:
        lines.append(f"Aliases: {', '.join(r.aliases)}")
    lines += ["", "Why it matters", *textwrap.wrap(" ".join(r.description.split()), 88)]
    if r.references:
        lines += ["", "References"]
        for ref in r.references:
            bits = [ref.get("title", "")]
            if ref.get("date"):
                bits.append(str(ref["date"]))
            if ref.get("url"):
                bits.append(ref["url"])
            lines.append("  - " + ", ".join(bits))
    lines += ["", "Flagged («marked»)"] + [f"  - {_example(e)}" for e in r.bad]
    lines += ["", "Not flagged"] + [f"  - {e.text}" for e in r.good]
    lines += ["", "Findings are not legal advice."]
    return "\n".join(lines)


def explain_kind(spec: KindSpec) -> str:
    return f"rule kind {spec.name!r} (from {spec.plugin})\n\n{textwrap.dedent(spec.doc).strip()}"
