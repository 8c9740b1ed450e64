"""Baselines: old findings stay accepted when the page is edited elsewhere; new ones fail."""
from __future__ import annotations

import json

import pytest

from exolint.baseline import Baseline, BaselineError, fingerprint, write_baseline
from exolint.engine import Engine
from exolint.registry import get_registry
from exolint.ruleset import load_ruleset


@pytest.fixture(scope="module")
def engine():
    return Engine(load_ruleset(get_registry()).filter(lambda r: r.id == "EXO401"))


def findings(engine, text, path):
    doc = get_registry().formats["markdown"].parse(text, path, {})
    return doc, engine.lint(doc).findings


PAGE = "# Peels\n\nOur peel is absolutely safe for every skin.\n"


def test_fingerprint_ignores_the_line_number(engine):
    _, a = findings(engine, PAGE, "p.md")
    _, b = findings(engine, "# Intro\n\nA new paragraph on top.\n\n" + PAGE, "p.md")
    assert a[0].start.line != b[0].start.line
    assert fingerprint(a[0]) == fingerprint(b[0])


def test_old_findings_are_hidden_and_new_ones_reported(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, old = findings(engine, PAGE, "site/p.md")
    n = write_baseline(tmp_path / "baseline.json", old)
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert n == 1 and data["version"] == 1 and list(data["files"]) == ["site/p.md"]
    bl = Baseline.load(tmp_path / "baseline.json")
    edited = "Opening note.\n\n" + PAGE + "\nLasers are completely safe too.\n"
    doc, now = findings(engine, edited, "site/p.md")
    kept = bl(doc, now)
    assert [f.matched for f in kept] == ["completely safe"]
    # paths are compared relative to the baseline's folder, however they were given
    doc2, now2 = findings(engine, edited, str(tmp_path / "site" / "p.md"))
    assert [f.matched for f in bl(doc2, now2)] == ["completely safe"]


def test_a_second_copy_of_an_accepted_claim_is_new(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, old = findings(engine, PAGE, "p.md")
    write_baseline(tmp_path / "b.json", old)
    doc, now = findings(engine, PAGE + "\n" + PAGE, "p.md")
    kept = Baseline.load(tmp_path / "b.json")(doc, now)
    assert len(now) == 2 and len(kept) == 1 and kept[0].start.offset == now[1].start.offset


def test_other_files_are_untouched(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, old = findings(engine, PAGE, "a.md")
    write_baseline(tmp_path / "b.json", old)
    doc, now = findings(engine, PAGE, "b.md")
    assert Baseline.load(tmp_path / "b.json")(doc, now) == now


def test_bad_baselines_are_errors(tmp_path):
    (tmp_path / "v9.json").write_text('{"version": 9, "files": {}}')
    with pytest.raises(BaselineError, match="version 1"):
        Baseline.load(tmp_path / "v9.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(BaselineError, match="broken.json:1:2"):
        Baseline.load(tmp_path / "broken.json")
    with pytest.raises(BaselineError, match="cannot read"):
        Baseline.load(tmp_path / "missing.json")
