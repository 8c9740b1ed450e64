"""Finding, reading and validating configuration files, and laying options over them."""
from __future__ import annotations

from pathlib import Path

import pytest

from exolint.configfile import ConfigError, ConfigFinder, load_config, settings_for


def write(p: Path, text: str) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_nearest_file_wins_without_merging(tmp_path):
    write(tmp_path / ".exolint.yaml", "select: [EXO1]\nfail-on: warning\n")
    sub = write(tmp_path / "blog" / ".exolint.yml", "ignore: [EXO101]\n")
    finder = ConfigFinder()
    assert finder.find(tmp_path / "blog" / "deep") == sub
    assert finder.find(tmp_path) == tmp_path / ".exolint.yaml"
    s = settings_for(finder.load(sub), {})
    assert s.ignore == ("EXO101",) and s.select == () and s.fail_on == "info"  # nothing inherited


def test_pyproject_counts_only_with_a_tool_exolint_table(tmp_path):
    write(tmp_path / ".exolint.yaml", "select: [EXO4]\n")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")
    b = write(tmp_path / "b" / "pyproject.toml", "[tool.exolint]\nselect = ['EXO2']\n")
    finder = ConfigFinder()
    assert finder.find(tmp_path / "a") == tmp_path / ".exolint.yaml"
    assert finder.find(tmp_path / "b") == b
    assert settings_for(finder.load(b), {}).select == ("EXO2",)


def test_extends_pulls_in_a_shared_file_relative_to_the_extending_one(tmp_path):
    (tmp_path / "shared" / "myrules").mkdir(parents=True)
    write(tmp_path / "shared" / "base.yaml", "rules: [myrules]\nselect: [EXO1]\nfail-on: error\n")
    site = write(tmp_path / "site" / ".exolint.yaml", "extends: ../shared/base.yaml\nselect: [EXO4]\n")
    cfg = load_config(site)
    s = settings_for(cfg, {})
    assert s.select == ("EXO4",) and s.fail_on == "error"
    assert s.rules == (str((tmp_path / "shared" / "myrules").resolve()),)


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="circular"):
        load_config(tmp_path / "a.yaml")


def test_yaml_errors_have_file_line_and_column(tmp_path):
    p = write(tmp_path / ".exolint.yaml",
              "select: [EXO1]\nselct: [EXO2]\nseverity:\n  EXO101: fatal\nencoding: klingon\n")
    with pytest.raises(ConfigError) as ei:
        load_config(p)
    msgs = [str(e) for e in ei.value.errors]
    assert any(m.startswith(f"{p}:2:1: selct: unknown key 'selct'") for m in msgs), msgs
    assert any(m.startswith(f"{p}:4:11: severity/EXO101: 'fatal' is not one of") for m in msgs), msgs
    assert any(m.startswith(f"{p}:5:11: encoding: unknown encoding 'klingon'") for m in msgs), msgs


def test_yaml_syntax_error_and_duplicate_key(tmp_path):
    p = write(tmp_path / ".exolint.yaml", "select: [EXO1]\nselect: [EXO2]\n")
    with pytest.raises(ConfigError) as ei:
        load_config(p)
    assert "duplicate key 'select'" in str(ei.value) and f"{p}:2:" in str(ei.value)


def test_pyproject_errors_point_at_the_key_line(tmp_path):
    p = write(tmp_path / "pyproject.toml",
              "[project]\nname = 'x'\n\n[tool.exolint]\nselect = ['EXO1']\nfail-on = 'sometimes'\n")
    with pytest.raises(ConfigError) as ei:
        load_config(p)
    assert str(ei.value.errors[0]).startswith(f"{p}:6:1: fail-on:")


def test_command_line_overrides_and_extends(tmp_path):
    cfg = load_config(write(tmp_path / ".exolint.yaml",
                            "select: [EXO1]\nignore: [EXO102]\nformat: full\n"
                            "per-file-ignores:\n  'faq/*.md': [EXO2]\n"))
    s = settings_for(cfg, {"select": ("EXO4",), "ignore": ("EXO103",), "format": None, "encoding": "latin-1"})
    assert s.select == ("EXO4",)  # replaces
    assert s.ignore == ("EXO102", "EXO103")  # adds
    assert s.format == "full" and s.encoding == "latin-1"
    assert s.per_file_ignores == {"faq/*.md": ("EXO2",)}
    assert s.config_file == str(tmp_path / ".exolint.yaml")


def test_empty_file_is_an_empty_configuration(tmp_path):
    s = settings_for(load_config(write(tmp_path / ".exolint.yaml", "")), {})
    assert s.select == () and "LICENSE" in s.exclude
