"""Linting many files on several processes, with output in exactly the order of `-j1`.

Workers are forked, so they inherit the resolver, its plans and their compiled engines: nothing is
pickled on the way in but a file's index, and a plan that the resolver builds lazily is built at
most once per worker. Results come back through `Pool.imap`, which yields them in input order as
soon as each is ready, so the reporter streams and memory stays bounded by the few results in
flight. Small runs stay in one process: forking and shipping results costs more than it saves.
Where `fork` does not exist (Windows) runs are serial.

With a result cache, the main process first decides which files are unchanged (a stat per file,
see `exolint.cache`), and only the others are linted, in parallel when there are enough of them:
a warm run of an unchanged site starts no processes at all. The cache's index is written once,
by the main process, when the run ends.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Generator, Iterator, Sequence

from .cache import Entry, ResultCache, lint_miss
from .registry import Registry
from .runner import FileResult, Plan, Resolver, Target, lint_target, shown

if TYPE_CHECKING:
    from .engine import Timings

#: below this many files (to lint, not served from the cache) a run stays in one process
MIN_PARALLEL_FILES = 16
#: the most files a worker takes at once (results without page text are a few hundred bytes)
CHUNK = 64
#: ... when results carry the text of pages with findings, for a reporter that shows source lines
CHUNK_WITH_SOURCE = 16


def default_jobs() -> int:
    """The CPUs this process may run on (a container's or taskset's limit), not the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    import multiprocessing  # only when a pool may be needed: a warm run does not pay for the import

    return "fork" in multiprocessing.get_all_start_methods()


def run_many(targets: Sequence[Target], resolver: Resolver, registry: Registry, timings: Timings | None = None,
             *, jobs: int = 1, cache: ResultCache | None = None,
             min_parallel: int = MIN_PARALLEL_FILES, keep_source: bool = True) -> Iterator[FileResult]:
    """Results for `targets` in their order, on up to `jobs` processes, through `cache` if given.

    Results carry the file's text only where `runner.shown` keeps it (findings, and a reporter
    that shows source lines): shipping every page's text from the workers to the main process
    was most of what a parallel run pickled."""
    targets = list(targets)
    if cache is not None:
        yield from _run_cached(targets, resolver, registry, timings, jobs, cache, min_parallel, keep_source)
        return
    if _parallel(targets, jobs, min_parallel):
        yield from (res for res, _ in _run_pool(targets, None, resolver, registry, timings, jobs, keep_source))
        return
    for t in targets:
        plan = resolver.plan_for(t)
        yield shown(lint_target(t, plan.engine, registry, plan.settings, plan.filters, timings), keep_source)


def _parallel(targets: Sequence[Target], jobs: int, min_parallel: int) -> bool:
    return (min(jobs, len(targets)) > 1 and len(targets) >= min_parallel
            and all(t.path is not None for t in targets)  # stdin is read by this process only
            and _can_fork())


def _run_cached(targets: list[Target], resolver: Resolver, registry: Registry, timings: Timings | None,
                jobs: int, cache: ResultCache, min_parallel: int, keep_source: bool) -> Iterator[FileResult]:
    import time

    plans = [resolver.plan_for(t) for t in targets]
    t0 = time.perf_counter()
    entries: list[Entry | None] = [cache.probe(t, p, registry) for t, p in zip(targets, plans, strict=True)]
    if timings is not None:
        timings.stages["cache"] += time.perf_counter() - t0
    todo = [i for i, e in enumerate(entries) if e is None]
    linted: Generator[tuple[FileResult, Entry | None], None, None] | None = None
    try:
        if _parallel([targets[i] for i in todo], jobs, min_parallel):
            linted = _run_pool(
                [targets[i] for i in todo], [plans[i] for i in todo], resolver, registry, timings, jobs, keep_source)
        else:
            linted = (_lint_one(targets[i], plans[i], registry, timings) for i in todo)
        for t, plan, entry in zip(targets, plans, entries, strict=True):
            res = cache.hit_result(t, plan, entry) if entry is not None else None
            if res is None:
                if entry is None:
                    res, new = next(linted)
                else:  # a hit whose entry turned out unusable: lint it here
                    cache.hits -= 1
                    cache.misses += 1
                    res, new = _lint_one(t, plan, registry, timings)
                cache.store(t, plan, new, registry)
            yield shown(res, keep_source)
    finally:
        if linted is not None:
            linted.close()  # ends the pool when the consumer stops early
        cache.save()


def _lint_one(t: Target, plan: Plan, registry: Registry, timings: Timings | None) -> tuple[FileResult, Entry | None]:
    res, entry = lint_miss(t, plan, registry, timings)
    res.document = None
    return res, entry


# What forked workers inherit; set only while a pool is alive.
_STATE: tuple | None = None


def _work(i: int) -> tuple[FileResult, Entry | None, dict | None]:
    assert _STATE is not None
    targets, plans, resolver, registry, want_timings, keep_source = _STATE
    t = targets[i]
    if want_timings:
        from .engine import Timings
    timings = Timings() if want_timings else None
    plan = plans[i] if plans is not None else resolver.plan_for(t)
    if plans is not None:
        res, entry = _lint_one(t, plan, registry, timings)
    else:
        res, entry = lint_target(t, plan.engine, registry, plan.settings, plan.filters, timings), None
    return shown(res, keep_source), entry, (_timings_dict(timings) if timings is not None else None)


def _timings_dict(t: Timings) -> dict[str, dict[str, float]]:
    return {"stages": dict(t.stages), "rules": dict(t.rules), "kinds": dict(t.kinds)}


def _merge(into: Timings, d: dict[str, dict[str, float]]) -> None:
    for name, src in d.items():
        dst = getattr(into, name)
        for k, v in src.items():
            dst[k] += v


def _run_pool(targets: list[Target], plans: list[Plan] | None, resolver: Resolver, registry: Registry,
              timings: Timings | None, jobs: int,
              keep_source: bool) -> Generator[tuple[FileResult, Entry | None], None, None]:
    """(result, cache entry) per target in order; `plans` given: entries are made (a cached run)."""
    import multiprocessing

    global _STATE
    jobs = min(jobs, len(targets))
    ctx: Any = multiprocessing.get_context("fork")
    # chunks amortise the round trips (each wakes the main process's result thread, which competes
    # with the workers for the CPUs: 64 files a chunk ran -j2 about 4% faster than 16 on the
    # benchmark corpus); at least 8 chunks a worker, so the last ones still spread over workers.
    # A worker holds a chunk's results until it is done: where they carry page text (`full`),
    # chunks stay small so that memory still follows the largest files, not their number
    chunksize = max(1, min(CHUNK if not keep_source else CHUNK_WITH_SOURCE, len(targets) // (jobs * 8)))
    _STATE = (targets, plans, resolver, registry, timings is not None, keep_source)
    try:
        with ctx.Pool(jobs) as pool:
            for res, entry, tdict in pool.imap(_work, range(len(targets)), chunksize):
                if tdict is not None and timings is not None:
                    _merge(timings, tdict)
                yield res, entry
    finally:
        _STATE = None
