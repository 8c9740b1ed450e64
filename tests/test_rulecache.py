"""The on-disk rule-set cache: same rules as a fresh load, a new key whenever its inputs change."""
from __future__ import annotations

import datetime as _dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exolint import rulecache
from exolint.engine import Engine
from exolint.plugins.text import parse
from exolint.registry import get_registry
from exolint.rule import CompileContext
from exolint.ruleset import RuleLoadError
from rule_files import pattern_rule

TODAY = _dt.date(2026, 11, 22)


def write_rule(d: Path, phrase: str = "spa miracle", name: str = "EXO970-test.yaml") -> Path:
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.write_text(pattern_rule("EXO970", "test-spa-miracle", phrase), encoding="utf-8")
    return p


def load(rules: Path, cache: Path | None, *, builtin: bool = False, today: _dt.date = TODAY, timeout: float = 1.0):
    ctx = CompileContext(today=today, regex_timeout=timeout)
    return rulecache.load_ruleset_cached(get_registry(), [rules], builtin=builtin, ctx=ctx, cache_dir=cache)


def test_warm_load_gives_the_same_rules_and_findings(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = rulecache.load_ruleset_cached(get_registry(), (), ctx=CompileContext(today=TODAY), cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    warm = rulecache.load_ruleset_cached(get_registry(), (), ctx=CompileContext(today=TODAY), cache_dir=cache)
    assert warm is not cold
    assert [c.rule for c in warm] == [c.rule for c in cold]
    assert [c.triggers for c in warm] == [c.triggers for c in cold]
    doc = parse("Our exosome facial is absolutely safe and FDA-approved; 97% see results. Studies show it.",
                "a.txt")
    assert [f.to_json() for f in Engine(warm).lint(doc).findings] == \
           [f.to_json() for f in Engine(cold).lint(doc).findings]


def test_key_changes_with_every_input(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    write_rule(rules)
    reg = get_registry()

    def key(**kw) -> str:
        args = {"builtin": False, "today": TODAY, "regex_timeout": 1.0}
        args.update(kw)
        return rulecache.ruleset_key(reg, [rules], **args)

    base = key()
    assert key() == base
    assert key(today=TODAY + _dt.timedelta(days=1)) != base
    assert key(regex_timeout=2.0) != base
    assert key(builtin=True) != base
    write_rule(rules, "spa wonder")
    changed = key()
    assert changed != base
    write_rule(rules, "spa wonder", name="EXO971-other.yaml")
    assert key() != changed
    (rules / "facts").mkdir()
    before = key()
    (rules / "facts" / "sizes.yaml").write_text("facts: []\n", encoding="utf-8")
    assert key() != before


def test_edited_rule_file_is_not_served_stale(tmp_path: Path) -> None:
    rules, cache = tmp_path / "rules", tmp_path / "cache"
    write_rule(rules, "spa miracle")
    doc = parse("A spa miracle and a spa wonder.", "a.txt")
    first = load(rules, cache)
    assert [f.matched for f in Engine(first).lint(doc).findings] == ["spa miracle"]
    write_rule(rules, "spa wonder")
    second = load(rules, cache)
    assert [f.matched for f in Engine(second).lint(doc).findings] == ["spa wonder"]


def test_corrupt_entry_falls_back_to_a_fresh_load(tmp_path: Path) -> None:
    rules, cache = tmp_path / "rules", tmp_path / "cache"
    write_rule(rules)
    load(rules, cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    rs = load(rules, cache)
    assert [c.rule.id for c in rs] == ["EXO970"]
    assert entry.read_bytes() != b"not a pickle"  # rewritten


def test_rule_errors_are_raised_and_never_cached(tmp_path: Path) -> None:
    rules, cache = tmp_path / "rules", tmp_path / "cache"
    rules.mkdir()
    (rules / "EXO972-bad.yaml").write_text("id: EXO972\nkind: pattern\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleLoadError):
            load(rules, cache)
    assert not list(cache.glob("*.pickle"))


def test_unpicklable_rule_set_is_simply_not_cached(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "x.pickle"
    rulecache._write(target, {"f": lambda: None})
    assert not target.exists()


def test_default_dir_is_per_user_and_can_be_moved_or_disabled(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.delenv("EXOLINT_RULE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rulecache.default_dir() == tmp_path / "exolint" / "rules"
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert rulecache.default_dir() == tmp_path / "elsewhere"
    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", "")
    assert rulecache.default_dir() is None


def test_warm_start_does_not_import_jsonschema(tmp_path: Path) -> None:
    """jsonschema costs ~60 ms to import; a warm start only unpickles."""
    code = textwrap.dedent(f"""
        import datetime, sys
        from pathlib import Path
        from exolint import rulecache
        from exolint.registry import get_registry
        from exolint.rule import CompileContext
        rs = rulecache.load_ruleset_cached(get_registry(), (), ctx=CompileContext(today=datetime.date(2026, 11, 22)),
                                           cache_dir=Path({str(tmp_path)!r}))
        print(len(rs), "jsonschema" in sys.modules)
        """)
    env = {**os.environ, "EXOLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    n_cold, imported_cold = cold.stdout.split()
    n_warm, imported_warm = warm.stdout.split()
    assert n_cold == n_warm and int(n_warm) > 0
    assert imported_cold == "True" and imported_warm == "False"
