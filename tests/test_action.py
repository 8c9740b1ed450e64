"""The GitHub Action: its schema, its `run:` steps executed with bash, and exolint.ci.github_action."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from exolint.ci import github_action as ga
from exolint.finding import FileError, Finding, Fix, Position, Related, Replacement
from exolint.reporters import ReportOptions, RunSummary
from exolint.reporters.sarif import Reporter as SarifReporter

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
RULES = {
    "ACME101-miracle-cure.yaml": ("ACME101", "miracle-cure", "error", "miracle cure", "no cure is a miracle"),
    "ACME201-clinically-proven.yaml": ("ACME201", "clinically-proven", "warning", "clinically proven",
                                       "proven in which trial"),
    "ACME301-glow-boost.yaml": ("ACME301", "glow-boost", "info", "glow boost", "a boost of glow"),
}


def _write_rules(folder: Path) -> Path:
    """Three custom rules, one per severity, so these tests do not depend on the built-in packs."""
    folder.mkdir(parents=True, exist_ok=True)
    for fname, (rid, name, sev, phrase, good) in RULES.items():
        (folder / fname).write_text(textwrap.dedent(f"""\
            id: {rid}
            name: {name}
            kind: pattern
            category: other
            severity: {sev}
            message: "'{{match}}' is a test claim."
            description: A test rule that flags the phrase '{phrase}'.
            patterns:
              - {phrase}
            examples:
              bad:
                - "Try our «{phrase}» today."
                - "The «{phrase}» works."
              good:
                - "Nothing to see here."
                - "We never said {good}."
            """), encoding="utf-8")
    return folder


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "bad.md").write_text(
        "# Offer\n\nOur miracle cure works.\n\nIt is clinically proven, with a glow boost 😀 too.\n", encoding="utf-8")
    (site / "docs" / "good.md").write_text("# About\n\nAsk us about risks and evidence.\n", encoding="utf-8")
    _write_rules(tmp_path / "rules")
    return site


def _base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "EXOLINT_", "RUNNER_"))}
    (tmp_path / "runner").mkdir(exist_ok=True)
    env.update({"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
                "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "RUNNER_TEMP": str(tmp_path / "runner"),
                "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_OS": "Linux", "EXOLINT_TODAY": "2026-11-22"})
    return env


def run_action(tmp_path: Path, cwd: Path, inputs: dict[str, str], python: str | None = sys.executable,
               extra_env: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    """Run action.yml's steps as the runner would (bash -eo pipefail, inputs only through env).

    With `python` given, the install step is skipped and its output is that interpreter."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update(inputs)
    env = {**_base_env(tmp_path), **(extra_env or {})}
    step_outputs: dict[str, dict[str, str]] = {}
    rc, out = 0, ""

    def expand(value: str) -> str:
        def sub(m: re.Match) -> str:
            expr = m.group(1).strip()
            if expr.startswith("inputs."):
                return values[expr[len("inputs."):]]
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
            assert step, f"unexpected expression {expr!r}"
            return step_outputs.get(step.group(1), {}).get(step.group(2), "")
        return re.sub(r"\$\{\{(.*?)\}\}", sub, str(value))

    for step in action["runs"]["steps"]:
        assert "uses" not in step
        assert "${{" not in step["run"], "inputs must reach scripts through env, never by interpolation"
        if step.get("id") == "install" and python:
            step_outputs["install"] = {"python": python}
            continue
        out_file = tmp_path / f"output-{step['id']}.txt"
        out_file.write_text("", encoding="utf-8")
        step_env = {**env, "GITHUB_OUTPUT": str(out_file), **{k: expand(v) for k, v in step.get("env", {}).items()}}
        assert step["shell"] == "bash"
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd,
                              env=step_env, capture_output=True, text=True, timeout=600)
        out += proc.stdout
        step_outputs[step["id"]] = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if line)
        rc = proc.returncode
        if rc:
            out += proc.stderr
            break
    outputs = {k: expand(v["value"]) for k, v in action["outputs"].items()}
    return rc, out, outputs


# -- (a) the action's own definition -------------------------------------------------------------
def _check_jsonschema() -> str:
    exe = Path(sys.executable).with_name("check-jsonschema")
    found = str(exe) if exe.exists() else shutil.which("check-jsonschema")
    if not found:
        pytest.skip("check-jsonschema is not installed (pip install exolint[test])")
    return found


def test_action_yml_matches_the_github_actions_schema(tmp_path: Path) -> None:
    exe = _check_jsonschema()
    proc = subprocess.run([exe, "--builtin-schema", "vendor.github-actions", str(ACTION)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the check is real: a composite run step without a shell is rejected
    broken = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    del broken["runs"]["steps"][1]["shell"]
    bad = tmp_path / "action.yml"
    bad.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert subprocess.run([exe, "--builtin-schema", "vendor.github-actions", str(bad)],
                          capture_output=True, text=True).returncode == 1


def test_action_yml_conventions() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "format", "sarif-file", "fail-on"}
    assert action["inputs"]["paths"]["default"] == "." and action["inputs"]["format"]["default"] == "github"
    assert "findings" in action["outputs"]
    install = action["runs"]["steps"][0]["run"]
    assert 'venv="$RUNNER_TEMP/' in install and 'python3 -m venv "$venv"' in install
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in install
    run_env = action["runs"]["steps"][1]["env"]
    assert {f"EXOLINT_ACTION_{k.upper().replace('-', '_')}" for k in action["inputs"]} <= set(run_env)


# -- (b) the steps, run with bash ----------------------------------------------------------------
def test_action_steps_annotate_summarise_and_write_sarif(tmp_path: Path) -> None:
    site = _site(tmp_path)
    rc, out, outputs = run_action(tmp_path, site, {
        "paths": "docs", "args": f"--no-builtin-rules --rules {tmp_path / 'rules'}",
        "sarif-file": "reports/exolint.sarif"})
    assert rc == 1, out  # findings fail the step by default
    lines = out.splitlines()
    assert "::error file=docs/bad.md,line=3,col=5,endLine=3,endColumn=17,title=ACME101 miracle-cure::" \
           "'miracle cure' is a test claim." in lines
    assert any(line.startswith("::warning file=docs/bad.md,line=5,col=7,") for line in lines)
    assert any(line.startswith("::notice file=docs/bad.md,line=5,") and "ACME301 glow-boost" in line
               for line in lines)
    assert outputs == {"findings": "3", "sarif-file": "reports/exolint.sarif"}
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| error | ACME101 miracle-cure | docs/bad.md:3:5 |" in summary
    assert "**3 problems** (1 error, 1 warning, 1 info) in 1 of 2 file(s)." in summary
    sarif = json.loads((site / "reports" / "exolint.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["ACME101", "ACME201", "ACME301"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"docs/bad.md"}
    # the emoji comes after the spans, the columns are code points either way
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 5
    assert list((tmp_path / "runner").iterdir()) == []  # nothing left in RUNNER_TEMP


def test_action_steps_fail_on_and_clean_run(tmp_path: Path) -> None:
    site = _site(tmp_path)
    args = f"--no-builtin-rules --rules {tmp_path / 'rules'}"
    rc, out, outputs = run_action(tmp_path, site, {"paths": "docs", "args": args, "fail-on": "error"})
    assert rc == 1 and outputs["findings"] == "3"
    (site / "docs" / "bad.md").write_text("Clinically proven, they say.\n", encoding="utf-8")
    rc, out, outputs = run_action(tmp_path, site, {"paths": "docs", "args": args, "fail-on": "error"})
    assert rc == 0, out  # only a warning left, below fail-on
    assert outputs["findings"] == "1" and outputs["sarif-file"] == ""
    rc, out, outputs = run_action(tmp_path, site, {"paths": "docs/good.md", "args": args})
    assert rc == 0 and outputs["findings"] == "0"
    assert "No problems found in 1 file(s)." in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_action_steps_annotate_the_pull_requests_files_first(tmp_path: Path, pull_request_repo) -> None:
    # eleven errors on an old page would fill GitHub's ten annotations before the new page's one
    old = "# Archive\n\n" + "".join(f"Post {i}: our miracle cure works.\n\n" for i in range(11))
    repo, head = pull_request_repo({"docs/archive.md": old}, {"docs/offer.md": "# Offer\n\nA miracle cure!\n"}, {})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"head": {"sha": head}}}), encoding="utf-8")
    inputs = {"paths": "docs", "args": f"--no-builtin-rules --rules {_write_rules(tmp_path / 'rules')}"}

    def errors(name: str) -> tuple[list[str], str]:
        rc, out, outputs = run_action(tmp_path, repo, inputs, extra_env={
            "GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(event)})
        assert rc == 1 and outputs["findings"] == "12", out
        return [ln.split(",")[0] for ln in out.splitlines() if ln.startswith("::error ")], out

    files, _ = errors("pull_request")
    assert len(files) == 10
    assert files[0] == "::error file=docs/offer.md" and files.count("::error file=docs/offer.md") == 1
    files, out = errors("push")  # not a pull request: the order of the files, the new page left out
    assert files == ["::error file=docs/archive.md"] * 10
    assert "not ordered by the files" not in out


def test_action_steps_say_when_the_checkout_cannot_tell_the_change(tmp_path: Path) -> None:
    site = _site(tmp_path)  # not a git repository
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"head": {"sha": "f" * 40}}}), encoding="utf-8")
    rc, out, outputs = run_action(tmp_path, site, {"paths": "docs",
                                                   "args": f"--no-builtin-rules --rules {tmp_path / 'rules'}"},
                                  extra_env={"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event)})
    assert rc == 1 and outputs["findings"] == "3"  # the run itself goes on
    assert "exolint: annotations are not ordered by the files this pull request changes: " in out


def test_action_steps_reject_reserved_args(tmp_path: Path) -> None:
    site = _site(tmp_path)
    rc, out, _ = run_action(tmp_path, site, {"args": "--format json"})
    assert rc == 2
    assert "::error title=exolint::the args input may not contain '--format'" in out


@pytest.mark.slow
def test_action_install_step_in_a_fresh_venv(tmp_path: Path, wheelhouse: Path) -> None:
    """The whole action, install step included: a venv from python3 and `pip install $GITHUB_ACTION_PATH`.

    pip installs from the session wheelhouse (tests/conftest.py) with no index."""
    if not shutil.which("python3"):
        pytest.skip("no python3 on PATH")
    site = _site(tmp_path)
    # pip builds in the source folder: give it a copy, not this checkout
    action_path = tmp_path / "action"
    shutil.copytree(ROOT, action_path, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".exolint_cache", ".hypothesis", "build", "dist"))
    rc, out, outputs = run_action(tmp_path, site, {
        "paths": "docs", "args": f"--no-builtin-rules --rules {tmp_path / 'rules'} --exit-zero"}, python=None,
        extra_env={"PIP_FIND_LINKS": str(wheelhouse), "PIP_NO_INDEX": "1", "GITHUB_ACTION_PATH": str(action_path)})
    assert rc == 0, out
    assert outputs["findings"] == "3"
    assert "title=ACME101 miracle-cure" in out


# -- (c) exolint.ci.github_action ----------------------------------------------------------------
def test_read_inputs_splits_like_a_shell() -> None:
    inputs = ga.read_inputs({"EXOLINT_ACTION_PATHS": "docs 'my pages'\nREADME.md",
                             "EXOLINT_ACTION_ARGS": "--select EXO3 --jurisdiction us",
                             "EXOLINT_ACTION_FAIL_ON": "warning", "EXOLINT_ACTION_SARIF_FILE": " out.sarif "})
    assert inputs.paths == ["docs", "my pages", "README.md"]
    assert inputs.args == ["--select", "EXO3", "--jurisdiction", "us"]
    assert (inputs.format, inputs.sarif_file, inputs.fail_on) == ("github", "out.sarif", "warning")
    assert ga.read_inputs({}).paths == ["."]
    cmd = ga.command(inputs, "/tmp/x.sarif", python="py")
    assert cmd == ["py", "-m", "exolint", "check", "--format", "sarif", "--output-file", "/tmp/x.sarif",
                   "--fail-on", "warning", "--select", "EXO3", "--jurisdiction", "us", "--",
                   "docs", "my pages", "README.md"]


@pytest.mark.parametrize("args", ["--format json", "--format=json", "-o x", "-ox", "--output-file=x"])
def test_read_inputs_rejects_reserved_args(args: str) -> None:
    with pytest.raises(ga.ActionError):
        ga.read_inputs({"EXOLINT_ACTION_ARGS": args})


@pytest.mark.parametrize("env", [{"EXOLINT_ACTION_FAIL_ON": "fatal"}, {"EXOLINT_ACTION_ARGS": "'unclosed"}])
def test_read_inputs_rejects_bad_values(env: dict[str, str]) -> None:
    with pytest.raises(ga.ActionError):
        ga.read_inputs(env)


def _sample_findings() -> list[Finding]:
    def f(path: str, rule: str, sev: str, line: int, **kw) -> Finding:
        return Finding(path=path, rule=rule, name=f"{rule.lower()}-name", category="vague-citation", severity=sev,
                       message=f"{rule}: needs a source", start=Position(line, 2, line * 10),
                       end=Position(line, 8, line * 10 + 6), **kw)
    return [
        f("docs/a b.md", "EXO201", "warning", 3, related=(Related("first said here", Position(1, 1, 0),
                                                                     Position(1, 5, 4)),),
          fix=Fix((Replacement(30, 36, "a study"),), safe=True)),
        f("docs/a b.md", "EXO101", "error", 4, fix=Fix((Replacement(40, 46, ""),), safe=False)),
        f("c.txt", "EXO502", "info", 1),
    ]


def _write_sarif(path: Path, findings: list[Finding], errors: list[FileError] = ()) -> None:
    out = io.StringIO()
    rep = SarifReporter(out, ReportOptions(version="0.1.0"))
    for p in dict.fromkeys(f.path for f in findings):
        rep.file(p, [f for f in findings if f.path == p], None)
    rep.finish(RunSummary(files=4, findings=len(findings), errors=list(errors)))
    path.write_text(out.getvalue(), encoding="utf-8")


def test_sarif_round_trip_gives_back_the_findings(tmp_path: Path) -> None:
    findings = _sample_findings()
    _write_sarif(tmp_path / "r.sarif", findings, [FileError("x.md", "cannot decode", rule=None)])
    groups, summary = ga.read_sarif(str(tmp_path / "r.sarif"))
    got = list(groups)
    assert [p for p, _ in got] == ["docs/a b.md", "c.txt"]
    assert [f for _, fs in got for f in fs] == findings  # every field, offsets and fixes included
    assert summary.files == 4 and summary.findings == 3 and summary.by_rule == {"EXO201": 1, "EXO101": 1,
                                                                                 "EXO502": 1}
    assert summary.errors == [FileError("x.md", "cannot decode")]


def _fake_exolint(monkeypatch: pytest.MonkeyPatch, findings: list[Finding], rc: int, calls: list) -> None:
    """Stand in for the exolint subprocess: write the SARIF it would write and return its status."""
    def run(cmd, env=None, **kw):
        calls.append(cmd)
        _write_sarif(Path(cmd[cmd.index("--output-file") + 1]), findings)
        return subprocess.CompletedProcess(cmd, rc)
    monkeypatch.setattr(ga.subprocess, "run", run)


def test_main_outputs_annotations_and_summary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = _base_env(tmp_path)
    for k in list(os.environ):
        if k.startswith(("GITHUB_", "EXOLINT_", "RUNNER_")):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("EXOLINT_ACTION_PATHS", "docs c.txt")
    monkeypatch.setenv("EXOLINT_ACTION_SARIF_FILE", str(tmp_path / "out" / "exolint.sarif"))
    calls: list = []
    _fake_exolint(monkeypatch, _sample_findings(), 1, calls)
    out = io.StringIO()
    assert ga.main(stream=out) == 1
    assert calls[0][-3:] == ["--", "docs", "c.txt"]
    text = out.getvalue()
    assert text.index("::error file=docs/a b.md,line=4") < text.index("::warning file=docs/a b.md,line=3") \
        < text.index("::notice file=c.txt,line=1")
    assert (tmp_path / "output.txt").read_text() == f"findings=3\nsarif-file={tmp_path / 'out' / 'exolint.sarif'}\n"
    assert "**3 problems** (1 error, 1 warning, 1 info) in 2 of 4 file(s)." in (tmp_path / "summary.md").read_text()
    assert (tmp_path / "out" / "exolint.sarif").is_file()


def test_main_other_format_still_summarises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for k, v in _base_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("EXOLINT_ACTION_FORMAT", "concise")
    monkeypatch.delenv("EXOLINT_ACTION_SARIF_FILE", raising=False)
    _fake_exolint(monkeypatch, _sample_findings(), 1, [])
    out = io.StringIO()
    assert ga.main(stream=out) == 1
    assert "docs/a b.md:4:2: EXO101 [error] EXO101: needs a source" in out.getvalue()
    assert "::" not in out.getvalue()
    assert "| error | EXO101 exo101-name | docs/a b.md:4:2 |" in (tmp_path / "summary.md").read_text()
    assert list((tmp_path / "runner").iterdir()) == []  # the temporary SARIF is gone


def test_main_rejects_unknown_format_before_linting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for k, v in _base_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    calls: list = []
    _fake_exolint(monkeypatch, [], 0, calls)
    for fmt in ("xml", "sarif"):
        monkeypatch.setenv("EXOLINT_ACTION_FORMAT", fmt)
        out = io.StringIO()
        assert ga.main(stream=out) == 2
        assert out.getvalue().startswith("::error title=exolint::")
    assert calls == []


def test_main_when_exolint_stops_early(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for k, v in _base_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(ga.subprocess, "run", lambda cmd, **kw: subprocess.CompletedProcess(cmd, 2))
    out = io.StringIO()
    assert ga.main(stream=out) == 2
    assert "exolint stopped before writing a complete report (exit status 2; FileNotFoundError)" in out.getvalue()
    assert (tmp_path / "output.txt").read_text() == "findings=0\n"


def test_main_when_exolint_crashes_mid_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A traceback exits 1, like findings; a truncated report must still make the step an error."""
    for k, v in _base_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("EXOLINT_ACTION_SARIF_FILE", str(tmp_path / "r.sarif"))

    def run(cmd, **kw):
        Path(cmd[cmd.index("--output-file") + 1]).write_text('{"version": "2.1.0", "runs": [{"results": [',
                                                              encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 1)
    monkeypatch.setattr(ga.subprocess, "run", run)
    out = io.StringIO()
    assert ga.main(stream=out) == 2
    assert "(exit status 1; JSONDecodeError)" in out.getvalue()
