"""Fixes: choosing non-overlapping ones, re-encoding like the original, writing atomically."""
from __future__ import annotations

import codecs
import os
import stat

import pytest

from exolint.finding import Finding, Fix, Position, Replacement
from exolint.fixes import (FileChangedError, FixError, apply_fixes, atomic_write, encode_like, select_fixes,
                           unified_diff)


def finding(start, end, text, safe=True, rule="EXO401"):
    p = Position(1, start + 1, start)
    return Finding("a.md", rule, "x", "other", "error", "m", p, Position(1, end + 1, end),
                   fix=Fix((Replacement(start, end, text),), safe=safe))


def test_overlapping_fixes_wait_and_unsafe_needs_opt_in():
    text = "abcdefgh"
    fs = [finding(0, 3, "X"), finding(2, 5, "Y"), finding(6, 8, "Z", safe=False)]
    reps, fixed = select_fixes(fs)
    assert [f.fix.replacements[0].text for f in fixed] == ["X"]
    assert apply_fixes(text, fs) == "Xdefgh"
    assert apply_fixes(text, fs, unsafe=True) == "XdefZ"


def test_encode_like_keeps_bom_and_codec():
    old, new = "café\r\nline\r\n", "cafe\r\nline\r\n"
    raw = codecs.BOM_UTF8 + old.encode("utf-8")
    assert encode_like(new, raw, old) == codecs.BOM_UTF8 + new.encode("utf-8")
    raw16 = codecs.BOM_UTF16_LE + old.encode("utf-16-le")
    assert encode_like(new, raw16, old) == codecs.BOM_UTF16_LE + new.encode("utf-16-le")
    latin = old.encode("latin-1")
    assert encode_like(new, latin, old, fallback="latin-1") == new.encode("latin-1")
    with pytest.raises(FixError, match="encoding"):
        encode_like(new, latin, old)  # no configured encoding reproduces the bytes: refuse
    with pytest.raises(FixError, match="cannot be written"):
        encode_like("ß → x", "ß".encode("latin-1"), "ß", fallback="latin-1")


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".exolint-tmp")]


def test_atomic_write_keeps_mode(tmp_path):
    p = tmp_path / "page.md"
    p.write_bytes(b"old")
    os.chmod(p, 0o640)
    atomic_write(p, b"new", expected=b"old")
    assert p.read_bytes() == b"new" and stat.S_IMODE(p.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["os.replace", "os.fsync"])
def test_a_failed_write_leaves_the_file_intact_and_no_temporary(tmp_path, monkeypatch, where):
    p = tmp_path / "page.md"
    p.write_bytes(b"original bytes")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(where, boom)
    with pytest.raises(OSError, match="No space"):
        atomic_write(p, b"new bytes that never land", expected=b"original bytes")
    monkeypatch.undo()
    assert p.read_bytes() == b"original bytes"
    assert leftovers(tmp_path) == []


def test_a_file_changed_after_reading_is_not_overwritten(tmp_path):
    p = tmp_path / "page.md"
    p.write_bytes(b"someone else's edit")
    with pytest.raises(FileChangedError):
        atomic_write(p, b"fixed", expected=b"what exolint read")
    assert p.read_bytes() == b"someone else's edit" and leftovers(tmp_path) == []


def test_unified_diff_has_git_prefixes():
    d = unified_diff("docs/a.md", "one\ntwo\n", "one\n")
    assert d.startswith("--- a/docs/a.md\n+++ b/docs/a.md\n") and "-two\n" in d


# -- the fix loop, through the real runner ------------------------------------------------------------
@pytest.fixture
def plan():
    pytest.importorskip("exolint.decode", reason="exolint/decode.py has not landed yet")
    from exolint.registry import get_registry
    from exolint.resolve import ConfigResolver
    from exolint.ruleset import load_ruleset

    rs = load_ruleset(get_registry())
    return ConfigResolver(get_registry(), rs, {"select": ("EXO401", "EXO901")})


def target(p):
    from exolint.runner import Target

    return Target(str(p), p, True)


PAGE = ("Intro.\r\n\r\n<!-- exolint-disable-next-line EXO401 -->\r\nA calm sentence.\r\n\r\n"
        "<!-- exolint-disable EXO401, EXO9999 -- quoted -->\r\nIt is absolutely safe.\r\n")


def test_fix_file_is_idempotent_and_keeps_bom_and_crlf(tmp_path, plan):
    from exolint.fixrun import fix_file
    from exolint.registry import get_registry

    p = tmp_path / "page.md"
    p.write_bytes(codecs.BOM_UTF8 + PAGE.encode("utf-8"))
    t = target(p)
    out = fix_file(t, plan.plan_for(t), get_registry())
    assert out.fixed == 2 and out.result.findings == []
    data = p.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].decode() == ("Intro.\r\n\r\nA calm sentence.\r\n\r\n"
                                 "<!-- exolint-disable EXO401 -- quoted -->\r\nIt is absolutely safe.\r\n")
    again = fix_file(t, plan.plan_for(t), get_registry())
    assert again.fixed == 0 and again.diff == "" and p.read_bytes() == data


def test_diff_mode_does_not_write(tmp_path, plan):
    from exolint.fixrun import fix_file
    from exolint.registry import get_registry

    p = tmp_path / "page.md"
    p.write_text(PAGE, newline="")
    t = target(p)
    out = fix_file(t, plan.plan_for(t), get_registry(), write=False)
    assert out.fixed == 2 and "-<!-- exolint-disable-next-line EXO401 -->" in out.diff
    assert p.read_bytes().decode() == PAGE


def test_fix_skips_a_file_edited_meanwhile(tmp_path, plan, monkeypatch):
    import exolint.fixrun as fixrun
    from exolint.registry import get_registry

    p = tmp_path / "page.md"
    p.write_text(PAGE, newline="")
    real = fixrun.lint_target

    def lint_then_edit(*a, **k):
        r = real(*a, **k)
        p.write_text("edited by a person\n")
        return r

    monkeypatch.setattr(fixrun, "lint_target", lint_then_edit)
    t = target(p)
    out = fixrun.fix_file(t, plan.plan_for(t), get_registry())
    assert out.fixed == 0 and any("changed on disk" in n for n in out.result.notices)
    assert p.read_text() == "edited by a person\n" and leftovers(tmp_path) == []
