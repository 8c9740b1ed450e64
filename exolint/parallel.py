"""Linting many files on several processes, with output in exactly the order of `-j1`.

Workers are forked, so they inherit the resolver, its plans and their compiled engines: nothing is
pickled on the way in but a file's index, and a plan that the resolver builds lazily is built at
most once per worker. Results come back through `Pool.imap`, which yields them in input order as
soon as each is ready, so the reporter streams and memory stays bounded by the few results in
flight. Small runs stay in one process: forking and shipping results costs more than it saves.
Where `fork` does not exist (Windows) runs are serial.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Iterator, Sequence

from .cache import ResultCache, lint_cached
from .engine import Timings
from .registry import Registry
from .runner import FileResult, Resolver, Target

#: below this many files a run stays in one process
MIN_PARALLEL_FILES = 16


def default_jobs() -> int:
    """The CPUs this process may run on (a container's or taskset's limit), not the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_many(targets: Sequence[Target], resolver: Resolver, registry: Registry, timings: Timings | None = None,
             *, jobs: int = 1, cache: ResultCache | None = None,
             min_parallel: int = MIN_PARALLEL_FILES) -> Iterator[FileResult]:
    """Results for `targets` in their order, on up to `jobs` processes, through `cache` if given."""
    targets = list(targets)
    jobs = min(jobs, len(targets))
    parallel = (jobs > 1 and len(targets) >= min_parallel and "fork" in multiprocessing.get_all_start_methods()
                and all(t.path is not None for t in targets))  # stdin is read by this process only
    if not parallel:
        for t in targets:
            res = lint_cached(t, resolver.plan_for(t), registry, cache, timings)
            res.document = None
            yield res
        return
    yield from _run_pool(targets, resolver, registry, timings, jobs, cache)


# What forked workers inherit; set only while a pool is alive.
_STATE: tuple | None = None


def _work(i: int) -> tuple[FileResult, dict | None]:
    assert _STATE is not None
    targets, resolver, registry, cache, want_timings = _STATE
    t = targets[i]
    timings = Timings() if want_timings else None
    res = lint_cached(t, resolver.plan_for(t), registry, cache, timings)
    res.document = None
    return res, (_timings_dict(timings) if timings is not None else None)


def _timings_dict(t: Timings) -> dict[str, dict[str, float]]:
    return {"stages": dict(t.stages), "rules": dict(t.rules), "kinds": dict(t.kinds)}


def _merge(into: Timings, d: dict[str, dict[str, float]]) -> None:
    for name, src in d.items():
        dst = getattr(into, name)
        for k, v in src.items():
            dst[k] += v


def _run_pool(targets: list[Target], resolver: Resolver, registry: Registry, timings: Timings | None,
              jobs: int, cache: ResultCache | None) -> Iterator[FileResult]:
    global _STATE
    ctx: Any = multiprocessing.get_context("fork")
    # chunks amortise the round trips; small enough that the last chunks still spread over workers
    chunksize = max(1, min(16, len(targets) // (jobs * 8)))
    _STATE = (targets, resolver, registry, cache, timings is not None)
    try:
        with ctx.Pool(jobs) as pool:
            for res, tdict in pool.imap(_work, range(len(targets)), chunksize):
                if tdict is not None and timings is not None:
                    _merge(timings, tdict)
                yield res
    finally:
        _STATE = None
