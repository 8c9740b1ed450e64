"""Lazy plans: a run served from the result cache compiles no rule, yet never reports a stale result."""
from __future__ import annotations

import datetime as _dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from exolint.cli import main
from exolint.registry import get_registry
from exolint.resolve import ConfigResolver
from exolint.rule import CompileContext
from exolint.rulecache import RuleSource
from exolint.runner import collect_targets
from rule_files import pattern_rule

TODAY = _dt.date(2026, 11, 22)


def make_site(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "a.md").write_text("# Shine\n\nOur shine pledge is absolutely safe.\n", encoding="utf-8")
    (root / "b.txt").write_text("A bright offer: the shine pledge, 97% of clients.\n", encoding="utf-8")
    (root / "sub" / "c.md").write_text("Completely safe, the shine pledge, bright offer.\n", encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = pattern_rule("EXO981", "test-shine-pledge", "shine pledge")
    (rules / "EXO981-test.yaml").write_text(rule, encoding="utf-8")
    return root, rules


@pytest.fixture
def env(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", str(tmp_path / "rulecache"))
    monkeypatch.setenv("EXOLINT_TODAY", TODAY.isoformat())
    return tmp_path


def check(tmp_path: Path, *args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["check", "--cache-dir", str(tmp_path / "cache"), "-j", "1", *args])
    return r.exit_code, r.stdout


def test_lazy_plans_follow_rule_setting_and_config_changes(env: Path) -> None:
    tmp_path = env
    root, rules = make_site(tmp_path)
    args = ["--rules", str(rules), str(root)]

    def same_as_uncached() -> str:
        cold = check(tmp_path, *args)
        warm = check(tmp_path, *args)
        plain = check(tmp_path, "--no-cache", *args)
        assert cold == warm == plain
        return plain[1]

    first = same_as_uncached()
    assert "EXO981" in first
    rule = pattern_rule("EXO981", "test-shine-pledge", "bright offer")
    (rules / "EXO981-test.yaml").write_text(rule, encoding="utf-8")
    changed = same_as_uncached()
    assert changed != first and "bright offer" in changed
    (root / ".exolint.yaml").write_text("ignore: [EXO981]\n", encoding="utf-8")
    assert "EXO981" not in same_as_uncached()
    (root / ".exolint.yaml").write_text("per-file-ignores:\n  'sub/*': [EXO981]\n", encoding="utf-8")
    out = same_as_uncached()
    assert "b.txt" in out and "EXO981" in out and not any("c.md" in ln and "EXO981" in ln for ln in out.splitlines())
    (root / ".exolint.yaml").write_text("severity: {EXO981: error}\n", encoding="utf-8")
    assert same_as_uncached() != out


def test_a_bad_rule_option_still_stops_the_run_before_any_output(env: Path) -> None:
    tmp_path = env
    root, rules = make_site(tmp_path)
    assert check(tmp_path, "--rules", str(rules), str(root))[0] == 1  # cache and rule cache warm
    (root / ".exolint.yaml").write_text("rule-options: {EXO981: {patterns: 7}}\n", encoding="utf-8")
    code, out = check(tmp_path, "--rules", str(rules), str(root))
    assert code == 2 and out == ""


def test_warm_cli_run_compiles_no_rules(tmp_path: Path) -> None:
    root, rules = make_site(tmp_path)
    code = textwrap.dedent(f"""
        import sys
        from exolint.cli import main
        try:
            main(["check", "-j", "1", "--cache-dir", {str(tmp_path / "cache")!r}, "--rules", {str(rules)!r},
                  {str(root)!r}])
        except SystemExit:
            pass
        print("loaded:", "exolint.engine" in sys.modules, "exolint.kinds.pattern" in sys.modules)
        """)
    env = {**os.environ, "EXOLINT_RULE_CACHE_DIR": str(tmp_path / "rc"), "EXOLINT_DISABLE_PLUGIN_AUTOLOAD": "1",
           "EXOLINT_TODAY": TODAY.isoformat()}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                           check=False)
            for _ in range(3)]
    assert runs[0].stdout.endswith("loaded: True True\n")
    assert runs[2].stdout.endswith("loaded: False False\n")
    assert runs[1].stdout == runs[2].stdout  # the second run is already warm
    assert runs[0].stdout.replace("True True", "False False") == runs[2].stdout
    assert runs[0].stderr == runs[2].stderr
    (root / "a.md").write_text("A new shine pledge page.\n", encoding="utf-8")  # one miss: rules compiled
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                           check=False)
    assert again.stdout.endswith("loaded: True True\n") and "a.md" in again.stdout


def test_rule_source_knows_the_warnings_without_loading(tmp_path: Path) -> None:
    _, rules = make_site(tmp_path)

    def source() -> RuleSource:  # a fresh context each: loading fills in its fact base
        return RuleSource(get_registry(), [rules], builtin=False, ctx=CompileContext(today=TODAY),
                          cache_dir=tmp_path / "rc")

    first = source()
    assert first.key is not None and first.warnings() is None  # nothing known before a load
    rs = first.load()
    second = source()
    assert second.key == first.key
    assert second.warnings() == list(rs.context.warnings) and not second.loaded
    uncached = RuleSource(get_registry(), [rules], builtin=False, ctx=CompileContext(today=TODAY), cache_dir=None)
    assert uncached.key is None


def test_a_configuration_with_its_own_rule_directory_builds_plans_eagerly(tmp_path: Path) -> None:
    root, rules = make_site(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    ctx = CompileContext(today=TODAY)
    src = RuleSource(get_registry(), [rules], builtin=False, ctx=ctx, cache_dir=tmp_path / "rc")
    targets, _ = collect_targets([str(root)], get_registry())

    def plans(cwd: Path) -> list:
        resolver = ConfigResolver(get_registry(), src, {}, base_dirs=[str(rules)], cwd=cwd)
        return [resolver.plan_for(t) for t in resolver.prepare(targets)]

    assert not any(p.built for p in plans(tmp_path)) and all(p.key for p in plans(tmp_path))
    (root / "sub" / ".exolint.yaml").write_text(f"rules: [{str(other)!r}]\n", encoding="utf-8")
    assert all(p.built and p.key is None for p in plans(tmp_path))
