"""Parallel runs: the same results in the same order as -j1, workers really used, limits kept."""
from __future__ import annotations

import datetime as _dt
import io
import os
import re
from pathlib import Path

import pytest

from exolint import parallel
from exolint.config import Settings
from exolint.engine import Engine, Timings
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, load_ruleset
from exolint.runner import Plan, Resolver, Target, collect_targets, run

TODAY = _dt.date(2026, 11, 22)
SNIPPETS = [
    "Our exosome facial is absolutely safe.",
    "{n}% of clients see results after one session.",
    "Exosomes measure 10,000-200,000 nm.",
    "Opening hours are nine to six; parking is behind the building.",
    "The FDA has approved exosome therapy for hair loss.",
    "A non-invasive injection with no downtime.",
    "Studies show exosomes reverse ageing.",
]


@pytest.fixture(scope="module")
def rs() -> RuleSet:
    return load_ruleset(get_registry(), ctx=CompileContext(today=TODAY))


def make_site(root: Path, n: int = 60, large: bool = True) -> Path:
    for i in range(n):
        body = " ".join(SNIPPETS[(i + k) % len(SNIPPETS)].format(n=50 + i) for k in range(i % 4 + 1))
        ext = (".md", ".txt", ".md")[i % 3]
        p = root / f"d{i % 5}" / f"page{i:03d}{ext}"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"# Page {i}\n\n{body}\n" if ext == ".md" else body + "\n", encoding="utf-8")
    # a large file early in the order: a worker is still busy with it while later files finish
    if large:
        (root / "d0" / "aaa-large.md").write_text("Absolutely safe and FDA-approved exosomes.\n\n" * 1500,
                                                   encoding="utf-8")
    return root


def results(root: Path, rs: RuleSet, jobs: int, timings: Timings | None = None, filters=()) -> list:
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    plan = Plan(Settings(), Engine(rs), tuple(filters))
    return [(r.path, [f.to_json() for f in r.findings], [e.to_json() for e in r.errors], r.notices, r.source)
            for r in parallel.run_many(targets, Resolver(plan), registry, timings, jobs=jobs, min_parallel=2)]


def test_jobs_give_identical_results_in_input_order(tmp_path: Path, rs: RuleSet) -> None:
    root = make_site(tmp_path / "site")
    one = results(root, rs, 1)
    two = results(root, rs, 2)
    three = results(root, rs, 3)
    assert one == two == three
    registry = get_registry()
    assert [p for p, *_ in one] == [t.display for t in collect_targets([str(root)], registry)[0]]
    assert sum(len(f) for _, f, *_ in one) > 50


def test_workers_are_separate_processes(tmp_path: Path, rs: RuleSet) -> None:
    root = make_site(tmp_path / "site", 40, large=False)
    pids = tmp_path / "pids"

    def record_pid(doc, findings):  # a closure: fine without a cache, forked workers inherit it
        with open(pids, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return findings

    results(root, rs, 2, filters=[record_pid])
    seen = set(pids.read_text().split())
    assert str(os.getpid()) not in seen
    assert len(seen) == 2


def test_worker_timings_are_merged(tmp_path: Path, rs: RuleSet) -> None:
    root = make_site(tmp_path / "site", 40, large=False)
    t = Timings()
    results(root, rs, 2, t)
    assert t.stages["parse"] > 0 and t.stages["prefilter"] > 0
    assert t.rules and t.kinds
    assert abs(sum(t.rules.values()) - sum(t.kinds.values())) < 1e-6


def test_small_runs_and_stdin_stay_in_this_process(tmp_path: Path, rs: RuleSet, monkeypatch) -> None:
    def no_pool(*a, **k):
        raise AssertionError("no pool expected")

    monkeypatch.setattr(parallel, "_run_pool", no_pool)
    root = make_site(tmp_path / "site", 5, large=False)
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    plan = Plan(Settings(), Engine(rs))
    assert len(list(parallel.run_many(targets, Resolver(plan), registry, jobs=4))) == len(targets)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Absolutely safe.\n")))
    many = targets * 10 + [Target("page.txt", None, True)]
    out = list(parallel.run_many(many, Resolver(plan), registry, jobs=4, min_parallel=2))
    assert out[-1].path == "page.txt" and [f.rule for f in out[-1].findings]


def test_default_jobs_follows_cpu_affinity(monkeypatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert parallel.default_jobs() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert parallel.default_jobs() == 3


def test_file_over_the_size_limit_is_refused_and_the_run_goes_on(tmp_path: Path, rs: RuleSet) -> None:
    root = make_site(tmp_path / "site", 20)
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    plan = Plan(Settings(max_file_size=50_000), Engine(rs))
    for jobs in (1, 2):
        out = list(run(targets, Resolver(plan), registry, jobs=jobs))
        big = [r for r in out if r.path.endswith("aaa-large.md")]
        assert len(big) == 1 and not big[0].findings
        assert "size limit" in big[0].errors[0].message and "50,000" in big[0].errors[0].message
        assert sum(len(r.findings) for r in out if r is not big[0]) > 10


def test_cli_jobs_output_is_identical(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from exolint.cli import main

    root = make_site(tmp_path / "site", 40, large=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", "")
    outs = []
    for j in ("1", "2"):
        r = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "-j", j, str(root)])
        assert r.exit_code == 1, r.output
        outs.append(r.stdout)
    assert outs[0] == outs[1]
    r = CliRunner().invoke(main, ["check", "--no-cache", "--timings", "-j", "2", str(root)])
    assert "slowest rules" in r.stderr and "prefilter" in r.stderr
    setup = float(re.search(r"  setup ([\d.]+)", r.stderr).group(1))  # the serial part, in this process
    assert 0 < setup < float(re.search(r"file\(s\) in ([\d.]+) s wall", r.stderr).group(1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_carry_the_source_only_where_a_reporter_can_show_it(tmp_path: Path, rs: RuleSet, jobs: int) -> None:
    root = make_site(tmp_path / "site")
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    plan = Plan(Settings(), Engine(rs))
    for keep in (True, False):
        got = list(parallel.run_many(targets, Resolver(plan), registry, jobs=jobs, min_parallel=2, keep_source=keep))
        with_findings = [r for r in got if r.findings]
        assert with_findings and len(with_findings) < len(got)  # the site has both kinds of file
        for r in got:
            assert r.document is None
            if keep and r.findings:
                assert r.source == Path(r.path).read_text(encoding="utf-8")
            else:
                assert r.source is None
