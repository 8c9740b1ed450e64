"""The result cache: identical findings, real hits, and never a stale result after a change."""
from __future__ import annotations

import datetime as _dt
import json
import os
import time
from pathlib import Path

import pytest

from exolint import cache as cache_mod
from exolint.cache import ResultCache, filter_key, finding_from_json, finding_to_json
from exolint.config import Settings
from exolint.engine import Engine
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleSet, load_ruleset
from exolint.runner import Plan, Resolver, collect_targets, run
from rule_files import pattern_rule

TODAY = _dt.date(2026, 11, 22)
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
    (d / "EXO980-test.yaml").write_text(pattern_rule("EXO980", "test-glow-promise", phrase), encoding="utf-8")
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


def _index_files(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "index").glob("*.json"))


@pytest.mark.parametrize("damage", [
    b"",  # empty
    b"\xff\xfe not json",
    b'{"format": 2, "key": "x", "entries": {',  # truncated
    b"[1, 2, 3]",
    b'{"format": 2, "entries": {}}',  # no key
    b"[" * 100_000 + b"]" * 100_000,  # deeper than the parser's recursion limit
])
def test_corrupt_index_is_ignored_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    [index] = _index_files(tmp_path / "cache")
    index.write_bytes(damage)
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert (cache.hits, cache.misses) == (0, len(PAGES))
    cache = ResultCache(tmp_path / "cache")  # rebuilt by the run before
    assert lint(root, rs, cache) == plain
    assert cache.hits == len(PAGES)


_ROW = '["EXO980","test-glow-promise","other","warning","m",{},1,1,1,1,1,[],null,"",""]'


@pytest.mark.parametrize("damage", [
    lambda e: 7,
    lambda e: e[:2],
    lambda e: [*e[:3], "[" + _ROW.format('"1"') + "]", e[4]],  # a position that is a string
    lambda e: [*e[:3], "[" + _ROW.format("true") + "]", e[4]],  # a bool is not a line number
    lambda e: [*e[:3], "[" + _ROW.format(1), e[4]],  # truncated rows
    lambda e: [*e[:3], "[[1, 2, 3]]", e[4]],
    lambda e: [*e[:3], [["EXO980"]], e[4]],  # rows that are not text
    lambda e: [*e[:4], "a notice that is a string"],
    lambda e: [*e[:4], [1]],
])
def test_malformed_entries_are_misses(tmp_path: Path, damage) -> None:
    """Valid JSON, wrong shapes (a damaged or hand-edited index): a miss, never a traceback."""
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    [index] = _index_files(tmp_path / "cache")
    data = json.loads(index.read_text(encoding="utf-8"))
    data["entries"] = {k: damage(e) for k, e in data["entries"].items()}
    index.write_text(json.dumps(data), encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain  # never a traceback, never a wrong finding
    assert cache.hits == 0 and cache.misses == len(PAGES)
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert cache.hits == len(PAGES)


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
    assert (tmp_path / ".exolint_cache" / "index").is_dir()
    r3 = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "elsewhere")])
    assert (tmp_path / "elsewhere" / "index").is_dir()
    r4 = CliRunner().invoke(main, args)  # warm
    assert r1.exit_code == r2.exit_code == r3.exit_code == r4.exit_code == 1, r1.output
    assert r1.stdout == r2.stdout == r3.stdout == r4.stdout


# -- when the stat signature may stand in for the content hash ----------------------------------------
@pytest.fixture
def trusted(monkeypatch):
    """Record stat signatures even for files written a moment ago (the tests' files are all new)."""
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    monkeypatch.setattr(cache_mod, "TRUST_STAT", True)


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and set mtime back: size and mtime stay the same."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    time.sleep(0.05)  # past the file system's timestamp tick, as any real later edit is
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def test_unchanged_files_are_not_hashed_when_the_signature_matches(tmp_path: Path, trusted) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert (cache.hits, cache.hashed) == (len(PAGES), 0)


def test_edit_keeping_size_and_mtime_is_caught(tmp_path: Path, trusted) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    # c.txt has no finding: only the signature (its ctime) can tell that it changed
    _same_size_edit(root / "c.txt", "Opening hours", "glow promise!")
    _same_size_edit(root / "a.md", "glow promise", "glow premise")
    cache = ResultCache(tmp_path / "cache")
    out = lint(root, rs, cache)
    assert out == lint(root, rs, None)
    found = {p: [f["matched"] for f in fs] for p, fs, _, _ in out}
    assert found[str(root / "c.txt")] == ["glow promise"]
    assert found[str(root / "a.md")] == []
    assert (cache.hits, cache.misses, cache.hashed) == (len(PAGES) - 2, 2, 2)


def test_touched_but_unchanged_file_is_hashed_once_then_trusted(tmp_path: Path, trusted) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    os.utime(root / "c.txt", ns=(1_000_000_000, 1_000_000_000))
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert (cache.hits, cache.hashed) == (len(PAGES), 1)
    cache = ResultCache(tmp_path / "cache")  # the new signature was recorded
    assert lint(root, rs, cache) == plain
    assert (cache.hits, cache.hashed) == (len(PAGES), 0)


def test_recently_changed_files_are_always_hashed(tmp_path: Path, monkeypatch) -> None:
    """A file written less than RACY_NS before its stat could change again within the same
    timestamp tick, keeping its signature: no signature is recorded for it, so it is hashed."""
    monkeypatch.setattr(cache_mod, "RACY_NS", 3600 * 10**9)
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    [index] = _index_files(tmp_path / "cache")
    assert all(e[0] is None for e in json.loads(index.read_text(encoding="utf-8"))["entries"].values())
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == plain
    assert (cache.hits, cache.hashed) == (len(PAGES), len(PAGES))


def test_without_trusted_stat_every_file_is_hashed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    monkeypatch.setattr(cache_mod, "TRUST_STAT", False)  # Windows: st_ctime is the creation time
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    _same_size_edit(root / "c.txt", "Opening hours", "glow promise!")
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == lint(root, rs, None)
    assert (cache.misses, cache.hashed) == (1, len(PAGES))


def test_a_file_with_findings_is_checked_against_its_hash_even_on_a_signature_match(tmp_path: Path, trusted) -> None:
    """Defence in depth: if a same-tick write kept the signature, a file with findings (read for
    the report anyway) is still caught by its hash."""
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    _same_size_edit(root / "a.md", "glow promise", "glow premise")
    [index] = _index_files(tmp_path / "cache")
    data = json.loads(index.read_text(encoding="utf-8"))
    st = (root / "a.md").stat()
    data["entries"][str(root / "a.md")][0] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
    index.write_text(json.dumps(data), encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == lint(root, rs, None)
    assert cache.misses == 1


def test_version_code_and_plugin_changes_invalidate(tmp_path: Path, monkeypatch) -> None:
    import exolint.cachekey as cachekey
    import exolint.registry as registry_mod

    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    plain = lint(root, rs, ResultCache(tmp_path / "cache"))
    for target, name, value in ((cachekey, "__version__", "99.0"),
                                (cachekey, "code_signature", lambda: "edited"),
                                (registry_mod, "plugin_versions", lambda reg: {"some-plugin": "2.0"})):
        with monkeypatch.context() as m:
            m.setattr(target, name, value)
            cache = ResultCache(tmp_path / "cache")
            assert lint(root, rs, cache) == plain
            assert cache.hits == 0, name
    cache = ResultCache(tmp_path / "cache")
    lint(root, rs, cache)
    assert cache.hits == len(PAGES)


def test_entry_of_a_file_that_now_fails_is_dropped(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    lint(root, rs, ResultCache(tmp_path / "cache"))
    (root / "a.md").write_bytes(b"caf\xe9 glow promise \xff\xfe\n")
    cache = ResultCache(tmp_path / "cache")
    out = dict((p, e) for p, _, e, _ in lint(root, rs, cache))
    assert out[str(root / "a.md")]
    [index] = _index_files(tmp_path / "cache")
    assert str(root / "a.md") not in json.loads(index.read_text(encoding="utf-8"))["entries"]


# -- concurrent runs ---------------------------------------------------------------------------------
def test_concurrent_runs_keep_each_others_entries(tmp_path: Path) -> None:
    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    registry = get_registry()
    targets, _ = collect_targets([str(root)], registry)
    plan = Plan(Settings(), Engine(rs))
    first, second = ResultCache(tmp_path / "cache"), ResultCache(tmp_path / "cache")
    slow = run(targets[:2], Resolver(plan), registry, cache=second)
    next(slow)  # `second` has loaded the (empty) index ...
    list(run(targets[2:], Resolver(plan), registry, cache=first))  # ... `first` writes its entries ...
    list(slow)  # ... and `second` writes after it, over what is on disk now
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == lint(root, rs, None)
    assert cache.hits == len(PAGES)


def _hammer(root: str, rules: str, cache_dir: str, seed: int) -> None:
    import random

    rs = ruleset(Path(rules))
    for _ in range(5):
        lint(Path(root), rs, ResultCache(cache_dir))
        random.seed(seed)


def test_parallel_writers_never_leave_a_broken_index(tmp_path: Path) -> None:
    import multiprocessing

    root, rules = site(tmp_path), rules_dir(tmp_path)
    for i in range(20):
        (root / f"p{i}.md").write_text(f"Page {i}: a glow promise.\n", encoding="utf-8")
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    procs = [ctx.Process(target=_hammer, args=(str(root), str(rules), str(tmp_path / "cache"), i)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    [index] = _index_files(tmp_path / "cache")
    assert json.loads(index.read_text(encoding="utf-8"))["format"] == cache_mod.FORMAT
    assert not list((tmp_path / "cache").rglob(".tmp-*"))
    rs = ruleset(rules)
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache) == lint(root, rs, None)
    assert cache.hits == len(PAGES) + 20


def test_warm_run_starts_no_process_pool(tmp_path: Path, monkeypatch) -> None:
    from exolint import parallel

    root, rs = site(tmp_path), ruleset(rules_dir(tmp_path))
    for i in range(30):
        (root / f"more{i:02d}.md").write_text(f"Page {i}: a glow promise.\n", encoding="utf-8")
    plain = lint(root, rs, None)
    assert lint(root, rs, ResultCache(tmp_path / "cache"), jobs=2) == plain

    def no_pool(*a, **k):
        raise AssertionError("every file is a hit: no pool expected")

    monkeypatch.setattr(parallel, "_run_pool", no_pool)
    assert lint(root, rs, ResultCache(tmp_path / "cache"), jobs=2) == plain
    (root / "more05.md").write_text("Now without the phrase.\n", encoding="utf-8")  # one miss: linted here
    cache = ResultCache(tmp_path / "cache")
    assert lint(root, rs, cache, jobs=2) == lint(root, rs, None)
    assert cache.misses == 1


@pytest.mark.parametrize("fmt", ["concise", "full", "json", "sarif", "github"])
def test_cold_and_warm_output_are_byte_identical(tmp_path: Path, monkeypatch, fmt: str) -> None:
    from click.testing import CliRunner

    from exolint.cli import main

    root = site(tmp_path)
    for i in range(20):  # enough files for a pool on the cold run
        (root / f"more{i:02d}.md").write_text(f"Page {i}: absolutely safe, {i}% better.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", str(tmp_path / "rulecache"))
    outs = []
    for extra in (["--no-cache"], ["-j", "2"], ["-j", "2"], ["-j", "1"]):  # plain, cold, warm, warm
        r = CliRunner().invoke(main, ["check", "--format", fmt, "--cache-dir", str(tmp_path / "c"), *extra,
                                      str(root)])
        assert r.exit_code == 1, r.output
        outs.append(r.stdout_bytes)
    assert outs[0] == outs[1] == outs[2] == outs[3]
