"""The `--timings` report: where a run's time went, so a slow rule is found without a profiler.

Times are CPU-side wall clock per stage (`parse`, `prefilter`, `filters`, `cache`), per rule kind
and per rule, summed over all files and, in parallel runs, over all workers (so they can add up
to more than the run's wall time). `setup` is the once-per-run part before the first file:
configuration, finding the files, loading (or, with a cold rule cache, compiling) the rules; in
a parallel run the workers wait for it, so it bounds what more processes can gain.
"""
from __future__ import annotations

from typing import Iterable

from .engine import Timings


def format_timings(t: Timings, *, wall: float, jobs: int = 1, files: int = 0, top: int = 10,
                   names: dict[str, str] | None = None) -> str:
    names = names or {}
    rules_total = sum(t.rules.values())
    lines = [f"exolint: timings: {files} file(s) in {wall:.3f} s wall on {jobs} process(es); "
             "seconds below are summed over processes"]
    stages = dict(t.stages)
    stages["rules"] = rules_total
    lines.append("  stages:  " + _row(sorted(stages.items(), key=lambda kv: -kv[1])))
    if t.kinds:
        lines.append("  kinds:   " + _row(sorted(t.kinds.items(), key=lambda kv: -kv[1])))
    if t.rules:
        lines.append(f"  slowest rules (of {len(t.rules)} that ran):")
        for rid, sec in sorted(t.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
            share = 100 * sec / rules_total if rules_total else 0.0
            lines.append(f"    {sec:8.3f} s {share:5.1f}%  {rid}  {names.get(rid, '')}".rstrip())
    return "\n".join(lines)


def _row(items: Iterable[tuple[str, float]]) -> str:
    return "  ".join(f"{k} {v:.3f}" for k, v in items)
