from __future__ import annotations

import io
import re

import pytest

from exolint.finding import FileError, Finding, Position
from exolint.reporters import ReportOptions, RunSummary
from exolint.reporters.github import Reporter, annotation, annotation_path, escape_data, escape_property, md_cell

SEV_RULE = {"error": "EXO301", "warning": "EXO201", "info": "EXO502"}
COMMAND = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def _f(severity: str, line: int, path: str = "docs/a.md", message: str = "claim without a source") -> Finding:
    return Finding(path=path, rule=SEV_RULE[severity], name=f"{severity}-rule", category="other",
                   severity=severity, message=message, start=Position(line, 3, line * 100),
                   end=Position(line, 9, line * 100 + 6))


def _run(findings_by_file: dict[str, list[Finding]], errors: list[FileError] | None = None) -> list[str]:
    out = io.StringIO()
    rep = Reporter(out, ReportOptions(version="0.1.0"))
    for path, fs in findings_by_file.items():
        rep.file(path, fs, None)
    rep.finish(RunSummary(files=len(findings_by_file), findings=sum(map(len, findings_by_file.values())),
                          errors=errors or []))
    return out.getvalue().splitlines()


def _commands(lines: list[str]) -> list[tuple[str, dict[str, str], str]]:
    cmds = []
    for line in lines:
        m = COMMAND.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
            cmds.append((m.group(1), props, m.group(3)))
    return cmds


def test_escaping_matches_actions_toolkit() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotation_fields_and_escapes() -> None:
    f = Finding(path="docs/odd,name:1.md", rule="EXO101", name="unsourced-percentage", category="other",
                severity="warning", message="'97%' has no source,\nsee: the study", start=Position(4, 7, 50),
                end=Position(4, 10, 53))
    line = annotation(f)
    assert line == ("::warning file=docs/odd%2Cname%3A1.md,line=4,col=7,endLine=4,endColumn=10,"
                    "title=EXO101 unsourced-percentage::'97%25' has no source,%0Asee: the study\n")


def test_multiline_span_drops_columns() -> None:
    f = Finding(path="a.md", rule="EXO101", name="n", category="other", severity="info", message="m",
                start=Position(2, 5, 10), end=Position(3, 2, 30))
    kind, props, _ = _commands([annotation(f).rstrip("\n")])[0]
    assert kind == "notice"
    assert props == {"file": "a.md", "line": "2", "endLine": "3", "title": "EXO101 n"}


def test_severity_levels_and_most_severe_first() -> None:
    lines = _run({"a.md": [_f("info", 1), _f("warning", 2), _f("error", 3)]})
    cmds = _commands(lines)
    assert [c[0] for c in cmds] == ["error", "warning", "notice"]
    assert cmds[0][1]["line"] == "3" and cmds[0][1]["title"] == "EXO301 error-rule"
    # every finding is also in the log as a plain line, inside a group
    assert lines[0] == "::group::exolint findings"
    assert "docs/a.md:1:3: EXO502 [info] claim without a source" in lines
    assert "::endgroup::" in lines
    assert lines[-1] == "Found 3 problems in 1 file."


def test_at_most_ten_per_level_then_a_count() -> None:
    findings = [_f("error", i) for i in range(1, 16)] + [_f("warning", i) for i in range(20, 23)] \
        + [_f("info", i) for i in range(30, 42)]
    lines = _run({"docs/a.md": findings[:20], "docs/b.md": findings[20:]})
    cmds = _commands(lines)
    by_level = {k: [c for c in cmds if c[0] == k] for k in ("error", "warning", "notice")}
    assert len(by_level["error"]) == 10
    assert [c[1]["line"] for c in by_level["error"]] == [str(i) for i in range(1, 11)]  # in file order
    assert len(by_level["warning"]) == 3
    # nine finding notices plus the count, so GitHub's limit of ten keeps the count visible
    assert len(by_level["notice"]) == 10
    last = by_level["notice"][-1]
    assert last[1] == {"title": "exolint"}
    shown = 10 + 3 + 9
    assert last[2].startswith(f"{len(findings) - shown} more problem(s) not shown")
    # errors before warnings before notices
    kinds = [c[0] for c in cmds]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    # all findings still in the log
    assert sum(1 for line in lines if re.match(r"docs/[ab]\.md:\d+:3: EXO", line)) == len(findings)


def test_findings_in_preferred_files_are_annotated_first(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    old = [_f("warning", i, path="docs/old.md") for i in range(1, 13)]
    new = [_f("warning", 7, path="docs/new.md"), _f("info", 2, path="docs/new.md")]
    preferred = frozenset({str(tmp_path / "docs" / "new.md")})
    for opts, expect_new in ((ReportOptions(), False), (ReportOptions(preferred=preferred), True)):
        out = io.StringIO()
        rep = Reporter(out, opts)
        rep.file("docs/old.md", old, None)
        rep.file("docs/new.md", new, None)
        rep.finish(RunSummary(files=2, findings=14))
        cmds = _commands(out.getvalue().splitlines())
        warnings = [c[1]["file"] + ":" + c[1]["line"] for c in cmds if c[0] == "warning"]
        assert len(warnings) == 10
        if expect_new:
            # the changed file's warning first, then the old file's in order; the budget is unchanged
            assert warnings == ["docs/new.md:7"] + [f"docs/old.md:{i}" for i in range(1, 10)]
        else:
            assert warnings == [f"docs/old.md:{i}" for i in range(1, 11)]
        notices = [c for c in cmds if c[0] == "notice"]
        assert notices[0][1]["file"] == "docs/new.md"
        assert notices[-1][2].startswith(f"{14 - 11} more problem(s)")
        # the log still lists every finding in file order
        assert [ln for ln in out.getvalue().splitlines() if ln.startswith("docs/")][:1] == [
            "docs/old.md:1:3: EXO201 [warning] claim without a source"]


def test_file_errors_are_annotated_first() -> None:
    errors = [FileError("bad.md", "cannot decode as utf-8"), FileError("c.md", "timed out", rule="EXO101")]
    cmds = _commands(_run({"a.md": [_f("error", 1)]}, errors))
    assert cmds[0] == ("error", {"file": "bad.md", "title": "exolint could not lint this file"},
                       "cannot decode as utf-8")
    assert cmds[1][1]["title"] == "exolint%3A rule EXO101 failed"
    assert cmds[2][1]["title"] == "EXO301 error-rule"


def test_clean_run_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert _run({"a.md": []}) == []


def test_step_summary_lists_every_finding(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = [_f("error", i) for i in range(1, 14)] + [_f("info", 20, message="a | b <script>*x*")]
    _run({"docs/a.md": findings, "docs/b.md": []}, [FileError("z.md", "no such file or directory")])
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## exolint\n")  # appended, not overwritten
    rows = [line for line in text.splitlines() if line.startswith("| error") or line.startswith("| info")]
    assert len(rows) == 14  # every finding, not just the annotated ten
    assert rows[0] == "| error | EXO301 error-rule | docs/a.md:1:3 | claim without a source |"
    assert rows[-1] == r"| info | EXO502 info-rule | docs/a.md:20:3 | a \| b \<script\>\*x\* |"
    assert "**14 problems** (13 error, 1 info) in 1 of 2 file(s)." in text
    assert "- z.md: no such file or directory" in text


def test_step_summary_when_clean(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _run({"a.md": [], "b.md": []})
    assert summary.read_text(encoding="utf-8") == "## exolint\n\nNo problems found in 2 file(s).\n\n"


def test_step_summary_is_capped(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import exolint.reporters.github as gh

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setattr(gh, "SUMMARY_LIMIT", 1000)
    _run({"a.md": [_f("warning", i) for i in range(1, 50)]})
    text = summary.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| warning")]
    assert 0 < len(rows) < 49
    assert f"{49 - len(rows)} more finding(s) not listed" in text
    assert "**49 problems** (49 warning)" in text


def test_md_cell_neutralises_markup() -> None:
    assert md_cell("[click](http://x) `code`\nnext & more") == r"\[click\](http://x) \`code\` next &amp; more"


def test_annotation_paths_are_repository_relative(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert annotation_path(str(tmp_path / "docs" / "a.md")) == "docs/a.md"
    assert annotation_path("./docs/a.md") == "docs/a.md"
    outside = str(tmp_path.parent / "x.md")
    assert annotation_path(outside) == outside
