"""Applying fixes to a text: non-overlapping replacements, applied back to front."""
from __future__ import annotations

from typing import Iterable

from .finding import Finding


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> str:
    reps = []
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        reps.extend(f.fix.replacements)
    reps.sort(key=lambda r: (r.start, r.end))
    kept, last_end = [], -1
    for r in reps:
        if r.start >= last_end:  # overlapping fixes: the first wins, the rest wait for the next run
            kept.append(r)
            last_end = r.end
    for r in reversed(kept):
        text = text[:r.start] + r.text + text[r.end:]
    return text
