"""The logic of the GitHub Action (`action.yml` only installs exolint and runs this module).

Kept in Python so pytest covers it and `action.yml` stays a thin, injection-free shell: every input
arrives in an `EXOLINT_ACTION_*` environment variable, never spliced into a script.

One lint pass: exolint writes SARIF (to `sarif-file`, or a temporary file), and this module reads it
back to print the chosen format (annotations by default), append the job summary, and set the
`findings` output. So annotations, summary and the uploaded SARIF always agree, and a large site is
linted once. The exit status is exolint's: 0 clean, 1 findings at or above `fail-on`, 2 errors.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Mapping
from urllib.parse import unquote, urlparse

from .. import __version__
from ..finding import FileError, Finding, Fix, Position, Related, Replacement
from ..reporters import ReportOptions, RunSummary
from .changed import preferred_files

#: options the Action sets itself; passing them in `args` would break the SARIF pass
RESERVED = ("--format", "--output-file", "-o")
SEVERITY = {"error": "error", "warning": "warning", "note": "info", "none": "info"}


class ActionError(Exception):
    """A bad input: reported as a workflow error, exit status 2."""


@dataclass
class Inputs:
    paths: list[str]
    args: list[str]
    format: str = "github"
    sarif_file: str = ""
    fail_on: str = ""


def read_inputs(env: Mapping[str, str]) -> Inputs:
    """Inputs from the step's environment; `paths` and `args` split like a shell would (quotes work)."""
    try:
        paths = shlex.split(env.get("EXOLINT_ACTION_PATHS", "") or ".")
        args = shlex.split(env.get("EXOLINT_ACTION_ARGS", ""))
    except ValueError as exc:
        raise ActionError(f"cannot split the paths or args input: {exc}") from None
    for a in args:
        if a in RESERVED or a.startswith(("--format=", "--output-file=")) or (a.startswith("-o") and a != "-o"):
            raise ActionError(f"the args input may not contain {a!r}: use the format and sarif-file inputs")
    fail_on = env.get("EXOLINT_ACTION_FAIL_ON", "").strip()
    if fail_on not in ("", "error", "warning", "info"):
        raise ActionError(f"fail-on must be error, warning or info, not {fail_on!r}")
    fmt = env.get("EXOLINT_ACTION_FORMAT", "").strip() or "github"
    return Inputs(paths=paths or ["."], args=args, format=fmt,
                  sarif_file=env.get("EXOLINT_ACTION_SARIF_FILE", "").strip(), fail_on=fail_on)


def command(inputs: Inputs, sarif_path: str, python: str = sys.executable) -> list[str]:
    cmd = [python, "-m", "exolint", "check", "--format", "sarif", "--output-file", sarif_path]
    if inputs.fail_on:
        cmd += ["--fail-on", inputs.fail_on]
    return cmd + inputs.args + ["--", *inputs.paths]


def _path(uri: str) -> str:
    if uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return unquote(uri)


def _pos(region: Mapping, end: bool = False) -> Position:
    offset = region.get("charOffset", 0) + (region.get("charLength", 0) if end else 0)
    if end:
        return Position(region.get("endLine", region["startLine"]), region.get("endColumn", 1), offset)
    return Position(region["startLine"], region.get("startColumn", 1), offset)


def finding_from_result(res: Mapping, rules: list[Mapping]) -> Finding:
    """Rebuild a Finding from a result exolint's own SARIF reporter wrote (positions are code points)."""
    phys = res["locations"][0]["physicalLocation"]
    reg = phys.get("region", {"startLine": 1})
    props = res.get("properties", {})
    idx = res.get("ruleIndex")
    rule = rules[idx] if isinstance(idx, int) and 0 <= idx < len(rules) else {}
    related = tuple(Related(r.get("message", {}).get("text", ""), _pos(r["physicalLocation"]["region"]),
                            _pos(r["physicalLocation"]["region"], end=True)) for r in res.get("relatedLocations", ()))
    fix = None
    for fx in res.get("fixes", ())[:1]:
        reps = tuple(Replacement(r["deletedRegion"]["charOffset"],
                                 r["deletedRegion"]["charOffset"] + r["deletedRegion"].get("charLength", 0),
                                 r.get("insertedContent", {}).get("text", ""))
                     for ch in fx.get("artifactChanges", ()) for r in ch.get("replacements", ()))
        fix = Fix(reps, safe=fx.get("description", {}).get("text", "").startswith("Safe"))
    return Finding(
        path=_path(phys["artifactLocation"]["uri"]), rule=res.get("ruleId", ""),
        name=props.get("ruleName") or rule.get("name", ""), category=props.get("category", "other"),
        severity=props.get("severity") or SEVERITY.get(res.get("level", "warning"), "warning"),
        message=res["message"]["text"], start=_pos(reg), end=_pos(reg, end=True), related=related, fix=fix)


def read_sarif(path: str) -> tuple[Iterator[tuple[str, list[Finding]]], RunSummary]:
    """Findings grouped by file (in the order exolint wrote them) and the run's summary."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    run = doc["runs"][0]
    rules = run["tool"]["driver"].get("rules", [])
    findings = [finding_from_result(r, rules) for r in run.get("results", [])]
    inv = (run.get("invocations") or [{}])[0]
    errors = []
    for n in inv.get("toolExecutionNotifications", ()):
        locs = n.get("locations") or [{}]
        uri = locs[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
        errors.append(FileError(_path(uri), n["message"]["text"], n.get("associatedRule", {}).get("id")))
    summary = RunSummary(files=inv.get("properties", {}).get("filesLinted", 0), findings=len(findings),
                         errors=errors)
    for f in findings:
        summary.by_rule[f.rule] = summary.by_rule.get(f.rule, 0) + 1

    def groups() -> Iterator[tuple[str, list[Finding]]]:
        batch: list[Finding] = []
        for f in findings:
            if batch and batch[-1].path != f.path:
                yield batch[0].path, batch
                batch = []
            batch.append(f)
        if batch:
            yield batch[0].path, batch

    return groups(), summary


def check_format(fmt: str) -> None:
    """Fail before linting when the format input names no output format (or SARIF, which has its own input)."""
    from ..registry import get_registry

    names = sorted(n for n in get_registry().reporters if n != "sarif")
    if fmt == "sarif":
        raise ActionError("format: sarif is not shown in the log; use the sarif-file input to write SARIF")
    if fmt not in names:
        raise ActionError(f"unknown format {fmt!r}; choose from {', '.join(names)}")


def report(groups: Iterator[tuple[str, list[Finding]]], summary: RunSummary, fmt: str, stream: IO[str],
           env: Mapping[str, str], preferred: frozenset[str] = frozenset()) -> int:
    """Print the findings in `fmt` and append the job summary; return the number of findings."""
    from ..registry import get_registry
    from ..reporters.github import StepSummary

    registry = get_registry()
    check_format(fmt)
    reporter = registry.reporters[fmt].factory(stream, ReportOptions(version=__version__, preferred=preferred))
    # the github reporter writes the job summary itself; for other formats write it here
    extra = StepSummary(env["GITHUB_STEP_SUMMARY"]) if fmt != "github" and env.get("GITHUB_STEP_SUMMARY") else None
    for path, findings in groups:
        source = None
        if fmt == "full" and os.path.isfile(path):
            source = Path(path).read_text(encoding="utf-8", errors="replace")
        reporter.file(path, findings, source)
        if extra is not None:
            extra.add(findings)
    reporter.finish(summary)
    if extra is not None:
        extra.finish(summary.files, summary.errors)
    return summary.findings


def set_outputs(env: Mapping[str, str], **outputs: object) -> None:
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as fh:
        for k, v in outputs.items():
            fh.write(f"{k}={v}\n")


def main(env: Mapping[str, str] | None = None, stream: IO[str] | None = None) -> int:
    env = os.environ if env is None else env
    stream = stream or sys.stdout
    try:
        inputs = read_inputs(env)
        check_format(inputs.format)
    except ActionError as exc:
        stream.write(f"::error title=exolint::{exc}\n")
        return 2
    tmp_dir = None
    sarif = inputs.sarif_file
    if not sarif:
        tmp_dir = tempfile.TemporaryDirectory(dir=env.get("RUNNER_TEMP") or None)
        sarif = os.path.join(tmp_dir.name, "exolint.sarif")
    else:
        if os.path.dirname(sarif):
            os.makedirs(os.path.dirname(sarif), exist_ok=True)
        if os.path.isfile(sarif):
            os.remove(sarif)  # a report left from an earlier run must not pass for this one
    try:
        stream.flush()
        rc = subprocess.run(command(inputs, sarif), env={**os.environ, **env}).returncode
        try:
            groups, summary = read_sarif(sarif)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            # no report or a truncated one: exolint crashed or refused its arguments (it said why on stderr)
            stream.write(f"::error title=exolint::exolint stopped before writing a complete report "
                         f"(exit status {rc}; {type(exc).__name__})\n")
            set_outputs(env, findings=0)
            return 2
        preferred = preferred_files(env, stream.write) if inputs.format == "github" else frozenset()
        n = report(groups, summary, inputs.format, stream, env, preferred)
        set_outputs(env, findings=n, **({"sarif-file": inputs.sarif_file} if inputs.sarif_file else {}))
        return rc
    finally:
        if tmp_dir is not None:
            tmp_dir.cleanup()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
