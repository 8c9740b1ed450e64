"""Settings defaults and selection precedence that configuration files rely on."""
from __future__ import annotations

from dataclasses import dataclass

from exolint.config import DEFAULT_EXCLUDE, Settings, is_selected


@dataclass(frozen=True)
class R:
    id: str
    name: str
    category: str = "other"
    aliases: tuple[str, ...] = ()


def test_default_excludes_cover_plain_text_files_pre_commit_passes():
    s = Settings()
    for name in ("LICENSE", "AUTHORS", "CHANGELOG.md"):
        assert any(name == g or name.startswith(g.rstrip("*").rstrip(".")) for g in s.exclude), name
    assert s.exclude == DEFAULT_EXCLUDE


def test_to_json_uses_config_key_names():
    d = Settings(select=("EXO1",), require_suppression_reason=True).to_json()
    assert d["select"] == ["EXO1"] and d["require-suppression-reason"] is True
    assert "config-file" in d and d["config-file"] is None


def test_specific_ignore_beats_broad_select_and_vice_versa():
    r = R("EXO101", "unsupported-percentage")
    assert not is_selected(r, ("EXO1",), (), ("EXO101",))
    assert is_selected(r, ("EXO101",), (), ("EXO1",))
    assert is_selected(r, (), ("unsupported-percentage",), ())


def test_equal_specificity_ignore_wins():
    r = R("EXO901", "unused-suppression")
    assert not is_selected(r, ("EXO901",), (), ("EXO901",))
    assert not is_selected(r, (), (), ("ALL",))
