from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from exolint.finding import FileError, Finding, Fix, Position, Related, Replacement
from exolint.reporters import ReportOptions, RunSummary
from exolint.reporters.sarif import FINGERPRINT_KEY, Reporter, artifact_uri
from exolint.rule import Rule

SCHEMA = Path(os.environ.get("EXOLINT_SARIF_SCHEMA",
                             Path(__file__).resolve().parents[2].parent / "shared/schemas/sarif-schema-2.1.0.json"))


def _rule(rid: str, name: str, severity: str, **kw) -> Rule:
    return Rule(id=rid, name=name, kind="pattern", category=kw.pop("category", "absolute-safety-claim"),
                severity=severity, message="m", path=Path(f"rules/{rid}.yaml"),
                description=kw.pop("description", "No procedure is free of risk. Saying so misleads patients."),
                **kw)


RULES = [
    _rule("EXO401", "absolute-safety-claim", "error", as_of="2026-11-22", references=(
        {"title": "CAP Code 12.1", "url": "https://www.asa.org.uk/codes-and-rulings.html", "date": "2026-11-22"},)),
    _rule("EXO301", "fda-approval-claim", "warning", category="regulator-approval-misstatement",
          jurisdiction=("us",), aliases=("fda-approved",)),
    _rule("EXO502", "keyword-stuffing", "info", category="keyword-stuffing"),
]


def _finding(path: str, rule: Rule, start: tuple[int, int, int], end: tuple[int, int, int], *,
             matched: str = "absolutely safe", context: str = "our peel is absolutely safe for all", **kw) -> Finding:
    return Finding(path=path, rule=rule.id, name=rule.name, category=rule.category, severity=rule.severity,
                   message=f"{rule.name} here", start=Position(*start), end=Position(*end),
                   matched=matched, context=context, **kw)


def _report(files: dict[str, list[Finding]], errors: list[FileError] | None = None, version: str = "0.1.0") -> dict:
    out = io.StringIO()
    rep = Reporter(out, ReportOptions(rules=RULES, version=version))
    for path, fs in files.items():
        rep.file(path, fs, "")
    rep.finish(RunSummary(files=len(files), findings=sum(map(len, files.values())), errors=errors or []))
    return json.loads(out.getvalue())


def _sample() -> dict:
    fix = Fix((Replacement(12, 27, "generally well tolerated"),), safe=False)
    return _report({
        "docs/a.md": [
            _finding("docs/a.md", RULES[0], (2, 12, 12), (2, 27, 27), fix=fix,
                     related=(Related("said again here", Position(5, 1, 90), Position(5, 16, 105)),)),
            _finding("docs/a.md", RULES[0], (9, 1, 200), (9, 16, 215)),  # same words, same context
        ],
        "./site/b 2.html": [_finding("./site/b 2.html", RULES[1], (1, 3, 2), (1, 20, 19), matched="fda approved")],
        "notes.txt": [_finding("notes.txt", RULES[2], (3, 1, 40), (4, 5, 70), matched="exosome exosome")],
    }, [FileError("bad.md", "cannot decode as utf-8"), FileError("docs/a.md", "regex timed out", rule="EXO301")])


def test_validates_against_the_official_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SCHEMA} (set EXOLINT_SARIF_SCHEMA)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for doc in (_sample(), _report({}), _report({"a.md": []}, version="")):
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_driver_and_rules() -> None:
    doc = _sample()
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "exolint" and driver["semanticVersion"] == "0.1.0" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["EXO401", "EXO301", "EXO502"]
    r0, r1, r2 = driver["rules"]
    assert r0["name"] == "absolute-safety-claim"
    assert r0["shortDescription"]["text"] == "No procedure is free of risk."
    assert r0["fullDescription"]["text"] == "No procedure is free of risk. Saying so misleads patients."
    assert "[CAP Code 12.1](https://www.asa.org.uk/codes-and-rulings.html)" in r0["help"]["markdown"]
    assert "Facts as of 2026-11-22." in r0["help"]["text"]
    assert r0["helpUri"] == "https://www.asa.org.uk/codes-and-rulings.html"
    assert "helpUri" not in r2  # no source: no help link invented
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == ["error", "warning", "note"]
    assert r0["properties"]["tags"] == ["absolute-safety-claim"]
    assert r1["properties"]["tags"] == ["regulator-approval-misstatement", "jurisdiction:us"]
    assert r1["deprecatedNames"] == ["fda-approved"]


def test_results() -> None:
    results = _sample()["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["EXO401", "EXO401", "EXO301", "EXO502"]
    assert [r["ruleIndex"] for r in results] == [0, 0, 1, 2]
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    first = results[0]
    assert first["message"] == {"text": "absolute-safety-claim here"}
    loc = first["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "docs/a.md"}, "region": {
        "startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 27, "charOffset": 12, "charLength": 15}}
    rel = first["relatedLocations"][0]
    assert rel["message"]["text"] == "said again here"
    assert rel["physicalLocation"]["region"]["startLine"] == 5
    change = first["fixes"][0]["artifactChanges"][0]
    assert change["replacements"] == [{"deletedRegion": {"charOffset": 12, "charLength": 15},
                                       "insertedContent": {"text": "generally well tolerated"}}]
    assert "fixes" not in results[1]
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/b%202.html"
    assert results[3]["locations"][0]["physicalLocation"]["region"]["endLine"] == 4
    assert first["properties"]["category"] == "absolute-safety-claim"


def test_fingerprints_are_stable_and_distinct() -> None:
    a, b = _sample(), _sample()
    fps = [r["partialFingerprints"][FINGERPRINT_KEY] for r in a["runs"][0]["results"]]
    assert fps == [r["partialFingerprints"][FINGERPRINT_KEY] for r in b["runs"][0]["results"]]
    assert len(set(fps)) == len(fps)
    # the same words in the same context: one identity plus an occurrence number
    assert fps[0].rsplit(":", 1)[0] == fps[1].rsplit(":", 1)[0]
    assert (fps[0][-2:], fps[1][-2:]) == (":1", ":2")
    # the baseline's identity, so baselines and code-scanning alerts agree
    from exolint.baseline import fingerprint

    assert fps[0] == fingerprint(_finding("docs/a.md", RULES[0], (2, 12, 12), (2, 27, 27))) + ":1"
    # a line shift does not change the identity
    moved = _report({"docs/a.md": [_finding("docs/a.md", RULES[0], (40, 12, 900), (40, 27, 915))]})
    assert moved["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY] == fps[0]


def test_errors_become_notifications() -> None:
    inv = _sample()["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "cannot decode as utf-8"
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.md"
    assert notes[1]["associatedRule"] == {"id": "EXO301"}
    assert inv["properties"]["filesLinted"] == 3
    assert _report({"a.md": []})["runs"][0]["invocations"][0] == {
        "executionSuccessful": True, "toolExecutionNotifications": [],
        "properties": {"filesLinted": 1, "fixed": 0}}


def test_empty_run_is_valid_json() -> None:
    doc = _report({})
    assert doc["runs"][0]["results"] == []
    assert "semanticVersion" not in _report({}, version="dev")["runs"][0]["tool"]["driver"]


def test_artifact_uri(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("./docs/a.md") == "docs/a.md"
    assert artifact_uri(str(tmp_path / "docs" / "ä b.md")) == "docs/%C3%A4%20b.md"
    outside = tmp_path.parent / "elsewhere.md"
    assert artifact_uri(str(outside)) == outside.as_uri()


def test_real_run_with_builtin_rules_validates(tmp_path: Path) -> None:
    """Every built-in rule's descriptor, and real results, through the CLI."""
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SCHEMA} (set EXOLINT_SARIF_SCHEMA)")
    import subprocess
    import sys

    import jsonschema

    page = tmp_path / "page.md"
    page.write_text("# Peel 😀\n\nOur peel is absolutely safe and has no side effects.\n", encoding="utf-8")
    out = tmp_path / "r.sarif"
    proc = subprocess.run([sys.executable, "-m", "exolint", "check", "--format", "sarif", "-o", str(out),
                           str(page)], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "EXOLINT_TODAY": "2026-11-22"})
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).iter_errors(doc))
    assert not errors, errors[0].message
    run = doc["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) > 1
    first = next(r for r in run["results"] if r["ruleId"] == "EXO401")
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "page.md"
    # code points: "# Peel 😀\n\n" is 10 of them (the emoji is one, not two UTF-16 units)
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 13
    assert first["locations"][0]["physicalLocation"]["region"]["charOffset"] == 10 + 12
