from __future__ import annotations

import io
import json

from exolint.finding import FileError, Finding, Fix, Position, Related, Replacement
from exolint.reporters import ReportOptions, RunSummary
from exolint.reporters.jsonl import Reporter


def _finding(path: str, line: int, rule: str = "EXO401", fix: Fix | None = None) -> Finding:
    return Finding(path=path, rule=rule, name="absolute-safety-claim", category="absolute-safety-claim",
                   severity="error", message="'risk-free' promises a treatment without risk",
                   start=Position(line, 5, 40), end=Position(line, 14, 49),
                   related=(Related("also here", Position(line + 2, 1, 80), Position(line + 2, 4, 83)),), fix=fix)


def test_one_object_per_line_then_errors() -> None:
    out = io.StringIO()
    rep = Reporter(out, ReportOptions(version="0.1.0"))
    fix = Fix((Replacement(40, 49, "low-risk"),), safe=False)
    rep.file("a.md", [_finding("a.md", 3, fix=fix), _finding("a.md", 7)], "src")
    rep.file("b.md", [], "src")
    rep.file("c.txt", [_finding("c.txt", 1, rule="EXO101")], "src")
    rep.finish(RunSummary(files=3, findings=3, errors=[FileError("d.md", "cannot decode as utf-8"),
                                                       FileError("e.md", "timed out", rule="EXO205")]))
    lines = out.getvalue().splitlines()
    assert len(lines) == 5
    objs = [json.loads(line) for line in lines]
    assert [o["type"] for o in objs] == ["finding", "finding", "finding", "error", "error"]
    first = objs[0]
    # the same keys as a finding in the json format, plus the type
    assert {k: v for k, v in first.items() if k != "type"} == _finding("a.md", 3, fix=fix).to_json()
    assert first["fix"] == {"safe": False, "replacements": [{"start": 40, "end": 49, "text": "low-risk"}]}
    assert first["related"][0]["start"] == {"line": 5, "column": 1, "offset": 80}
    assert [o["path"] for o in objs] == ["a.md", "a.md", "c.txt", "d.md", "e.md"]
    assert objs[3] == {"type": "error", "path": "d.md", "message": "cannot decode as utf-8"}
    assert objs[4]["rule"] == "EXO205"


def test_clean_run_writes_nothing() -> None:
    out = io.StringIO()
    rep = Reporter(out, ReportOptions(statistics=True))
    rep.file("a.md", [], "")
    rep.finish(RunSummary(files=1))
    assert out.getvalue() == ""


def test_non_ascii_kept_readable() -> None:
    out = io.StringIO()
    rep = Reporter(out, ReportOptions())
    f = Finding(path="ü.md", rule="EXO501", name="homoglyph", category="homoglyph", severity="warning",
                message="'ехо' mixes Cyrillic letters", start=Position(1, 1, 0), end=Position(1, 4, 3))
    rep.file("ü.md", [f], "ехо")
    rep.finish(RunSummary(files=1, findings=1))
    assert "ехо" in out.getvalue() and "ü.md" in out.getvalue()
    assert json.loads(out.getvalue())["message"] == "'ехо' mixes Cyrillic letters"
