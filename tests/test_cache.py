"""The result cache: identical findings, real hits, and never a stale result after a change."""
from __future__ import annotations

import datetime as _dt
import json
import textwrap
from pathlib import Path

import pytest

from exolint.cache import ResultCache, filter_key, finding_from_json, finding_to_json
from exolint.config import Settings
from exolint.engine import Engine
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, load_ruleset
from exolint.runner import Plan, Resolver, collect_targets, run

TODAY = _dt.date(2026, 11, 22)
RULE = textwrap.dedent("""\
    id: EXO980
    name: test-glow-promise
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
PAGES = {
    "a.md": "# Glow\n\nOur glow promise is absolutely safe and FDA-approved.\n",
    "b.md": "# Prices\n\nA glow guarantee for 97% of clients. Exosomes are 10,000-200,000 nm.\n",
    "c.txt": "Opening hours are nine to six.\n",
    "sub/d.md": "Completely safe, no side effects: the glow promise again.\n",
}


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name, text in PAGES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def rules_dir(tmp_path: Path, phrase: str = "glow promise") -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "EXO980-test.yaml").write_text(RULE.format(phrase=phrase), encoding="utf-8")
    return d


def ruleset(rules: Path | None) -> RuleSet:
    dirs = [rules] if rules else []
    return load_ruleset(get_registry(), dirs, builtin=rules is None, ctx=CompileContext(today=TODAY))


def lint(root: Path, rs: RuleSet, cache: ResultCache | None, settings: Settings | None = None,
         filters=(), jobs: int = 1) -> list:
    registry = get_registry()
    targets, errors = collect_targets([str(root)], registry)
    assert not errors
    plan = Plan(settings or Settings(), Engine(rs), tuple(filters))
    return [(r.path, [finding_to_json(f) for f in r.findings], [e.message for e in r.errors], r.notices)
            for r in run(targets, Resolver(plan), registry, jobs=jobs, cache=cache)]


def test_warm_run_gives_identical_findings_without_linting(tmp_path: Path, monkeypatch) -> None:
    root, rs = site(tmp_path), ruleset(None)
    plain = lint(root, rs, None)
    assert sum(len(f) for _, f, _, _ in plain) >= 3
    cold_cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cold_cache) == plain
    assert (cold_cache.hits, cold_cache.misses) == (0, len(PAGES))

    def boom(*a, **k):
        raise AssertionError("a warm run must not lint")

    monkeypatch.setattr(Engine, "lint", boom)
    warm_cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, warm_cache) == plain
    assert warm_cache.hits == len(PAGES)
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()


def test_changed_file_is_linted_again(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    (root / "c.txt").write_text("Now with a glow promise.\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    out = dict((p, f) for p, f, _, _ in lint(root, rs, cache))
    assert [f["matched"] for f in out[str(root / "c.txt")]] == ["glow promise"]
    assert (cache.hits, cache.misses) == (len(PAGES) - 1, 1)


def test_changed_rule_file_invalidates(tmp_path: Path) -> None:
    root = site(tmp_path)
    before = lint(root, ruleset(rules_dir(tmp_path, "glow promise")), ResultCache(tmp_path / "cache"))
    assert any(f for _, f, _, _ in before)
    rs = ruleset(rules_dir(tmp_path, "glow guarantee"))
    cache = ResultCache(tmp_path / "cache")
    after = lint(root, rs, cache)
    assert cache.hits == 0
    assert after == lint(root, rs, None)
    assert [f["matched"] for _, fs, _, _ in after for f in fs] == ["glow guarantee"]


def test_changed_setting_invalidates(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    cache = ResultCache(tmp_path / "cache")
    lint(root, rs, cache, Settings(max_file_size=10))  # every file is now over the limit
    assert cache.hits == 0
    # output-only settings share entries
    cache = ResultCache(tmp_path / "cache")
    lint(root, rs, cache, Settings(format="json", fail_on="error"))
    assert cache.hits == len(PAGES)


def test_rule_selection_invalidates(tmp_path: Path) -> None:
    from exolint.api import select_rules

    root, rs = site(tmp_path), ruleset(None)
    full = lint(root, rs, ResultCache(tmp_path / "cache"))
    fewer = select_rules(rs, Settings(ignore=("EXO4",)))
    cache = ResultCache(tmp_path / "cache")
    out = lint(root, fewer, cache)
    assert cache.hits == 0
    assert out == lint(root, fewer, None) != full


def test_errors_are_not_cached(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    (root / "bad.md").write_bytes(b"caf\xe9 glow promise \xff\xfe\n")
    first = lint(root, rs, ResultCache(tmp_path / "cache"))
    cache = ResultCache(tmp_path / "cache")
    second = lint(root, rs, cache)
    assert first == second
    bad = [e for p, _, e, _ in second if p.endswith("bad.md")]
    assert bad and bad[0], "an undecodable file is an error"
    assert cache.misses == 1 and cache.hits == len(PAGES)


def test_corrupt_entries_are_misses(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    for p in (tmp_path / "cache" / "results").rglob("*.json"):
        p.write_text('{"format": 1, "findings": [{"rule": 1}]', encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert cache.hits == 0


def test_same_content_at_two_paths_keeps_each_path(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    (root / "copy.md").write_text(PAGES["a.md"], encoding="utf-8")
    lint(root, rs, ResultCache(tmp_path / "cache"))
    out = lint(root, rs, ResultCache(tmp_path / "cache"))
    paths = {p for p, fs, _, _ in out if fs}
    assert str(root / "copy.md") in paths and str(root / "a.md") in paths


def test_parallel_workers_share_the_cache(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(None)
    for i in range(30):
        (root / f"more{i:02d}.md").write_text(f"Page {i}: absolutely safe, {i}% better.\n", encoding="utf-8")
    plain = lint(root, rs, None)
    assert lint(root, rs, ResultCache(tmp_path / "cache"), jobs=2) == plain
    assert not list((tmp_path / "cache").rglob(".tmp-*"))
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert cache.hits == len(plain)


def _drop_nothing(doc, findings):
    return findings


class _Keyed:
    cache_key = "v1"

    def __call__(self, doc, findings):
        return findings


class _Stateful:
    def __init__(self, accepted: set[str]) -> None:
        self.accepted = accepted

    def __call__(self, doc, findings):
        return [f for f in findings if f.rule not in self.accepted]


def test_filter_keys() -> None:
    assert filter_key(_drop_nothing) == f"{__name__}._drop_nothing"
    assert filter_key(_Keyed()) == "v1"
    a, b = filter_key(_Stateful({"EXO401"})), filter_key(_Stateful({"EXO402"}))
    assert a and b and a != b
    x = 1
    assert filter_key(lambda doc, fs: fs[:x]) is None  # a closure: state we can't see


def test_stateful_filter_change_invalidates(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(None)
    lint(root, rs, ResultCache(tmp_path / "cache"), filters=[_Stateful(set())])
    cache = ResultCache(tmp_path / "cache")
    out = lint(root, rs, cache, filters=[_Stateful({"EXO401"})])
    assert cache.hits == 0
    assert out == lint(root, rs, None, filters=[_Stateful({"EXO401"})])


def test_finding_json_round_trip(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(None)
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    for r in run(targets, Resolver(Plan(Settings(), Engine(rs))), registry):
        for f in r.findings:
            g = finding_from_json(f.path, json.loads(json.dumps(finding_to_json(f))))
            assert g == f and (g.matched, g.context) == (f.matched, f.context)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cli_no_cache_and_cache_dir(tmp_path: Path, monkeypatch, jobs: int) -> None:
    from click.testing import CliRunner

    from exolint.cli import main

    root = site(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", str(tmp_path / "rulecache"))
    args = ["check", "--format", "json", "-j", str(jobs), str(root)]
    r1 = CliRunner().invoke(main, [*args, "--no-cache"])
    assert not (tmp_path / ".exolint_cache").exists()
    r2 = CliRunner().invoke(main, args)
    assert (tmp_path / ".exolint_cache" / "results").is_dir()
    r3 = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "elsewhere")])
    assert (tmp_path / "elsewhere" / "results").is_dir()
    r4 = CliRunner().invoke(main, args)  # warm
    assert r1.exit_code == r2.exit_code == r3.exit_code == r4.exit_code == 1, r1.output
    assert r1.stdout == r2.stdout == r3.stdout == r4.stdout
