"""`github`: GitHub Actions workflow commands, so findings show up as annotations on the pull request.

GitHub keeps only 10 annotations of each level (error, warning, notice) per step and drops the rest
silently. So every finding is printed as a plain log line as it arrives (inside a collapsible group),
and at the end the most severe ones become annotations: at most 10 per level, errors first, plus one
notice with the number left out. Within a level, findings in the `preferred` files (those a pull
request changes, where `exolint.ci.changed` can tell) come first: a reviewer sees the problems the
change brings before old ones elsewhere on the site. Only those are kept in memory, so a large run stays
small.

When `GITHUB_STEP_SUMMARY` is set, every finding also goes into a Markdown table appended to the job
summary, written row by row (capped below GitHub's 1 MiB limit, with a count of rows left out).
"""
from __future__ import annotations

import os
import re
from typing import IO

from ..finding import FileError, Finding
from . import ReportOptions, RunSummary, write_statistics

#: annotations GitHub shows per level and step (actions/toolkit docs/problem-matchers.md)
MAX_PER_LEVEL = 10
#: GitHub rejects a step summary over 1 MiB; leave room for the heading and the totals
SUMMARY_LIMIT = 1_000_000
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as `@actions/core` escapeData does (a raw newline ends the command)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value; `:` and `,` would otherwise end the value (`@actions/core` escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str) -> str:
    """GitHub places an annotation by its repository-relative path; make absolute paths in the checkout relative."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return path
        if not rel.startswith(".."):
            path = rel
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def annotation(f: Finding) -> str:
    """The workflow command for one finding, e.g. `::error file=a.md,line=3,col=5,...::message`."""
    props = {
        "file": annotation_path(f.path), "line": f.start.line, "col": f.start.column,
        "endLine": f.end.line, "endColumn": f.end.column, "title": f"{f.rule} {f.name}",
    }
    if f.end.line != f.start.line:
        # GitHub ignores columns on multi-line annotations; say only what it uses
        del props["col"], props["endColumn"]
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{LEVELS.get(f.severity, 'warning')} {head}::{escape_data(f.message)}\n"


def error_annotation(e: FileError) -> str:
    title = f"exolint: rule {e.rule} failed" if e.rule else "exolint could not lint this file"
    return (f"::error file={escape_property(annotation_path(e.path))},title={escape_property(title)}"
            f"::{escape_data(e.message)}\n")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def md_cell(text: str) -> str:
    """Text from the linted page, made inert in a Markdown table cell (no markup, links or HTML)."""
    text = " ".join(text.split()).replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", text)


class StepSummary:
    """The job-summary table, appended row by row to the file GitHub names in `GITHUB_STEP_SUMMARY`."""

    def __init__(self, path: str, title: str = "exolint") -> None:
        self.path = path
        self.title = title
        self.size = 0
        self.rows = 0
        self.omitted = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.files_with_findings = 0
        self._stream: IO[str] | None = None

    def _write(self, text: str) -> None:
        if self._stream is None:
            self._stream = open(self.path, "a", encoding="utf-8")
        self._stream.write(text)
        self.size += len(text.encode("utf-8"))

    def add(self, findings: list[Finding]) -> None:
        if findings:
            self.files_with_findings += 1
        for f in findings:
            self.counts[f.severity] = self.counts.get(f.severity, 0) + 1
            row = (f"| {f.severity} | {md_cell(f.rule)} {md_cell(f.name)} | "
                   f"{md_cell(f'{f.path}:{f.start.line}:{f.start.column}')} | {md_cell(f.message)} |\n")
            if self.size + len(row.encode("utf-8")) > SUMMARY_LIMIT:
                self.omitted += 1
                continue
            if self.rows == 0:
                self._write(f"## {self.title}\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
            self._write(row)
            self.rows += 1

    def finish(self, files: int, errors: list[FileError]) -> None:
        total = sum(self.counts.values())
        if self.rows == 0:
            self._write(f"## {self.title}\n\n")
        else:
            self._write("\n")
        if self.omitted:
            self._write(f"{self.omitted} more finding(s) not listed: GitHub limits a job summary to 1 MiB. "
                        "See the log or the SARIF report.\n\n")
        if total:
            parts = ", ".join(f"{n} {sev}" for sev, n in self.counts.items() if n)
            self._write(f"**{total} problem{'s' if total != 1 else ''}** ({parts}) in "
                        f"{self.files_with_findings} of {files} file(s).\n")
        else:
            self._write(f"No problems found in {files} file(s).\n")
        if errors:
            self._write("\n**Could not lint:**\n\n")
            for e in errors:
                who = f" (rule {md_cell(e.rule)})" if e.rule else ""
                self._write(f"- {md_cell(e.path)}{who}: {md_cell(e.message)}\n")
        self._write("\n")
        if self._stream is not None:
            self._stream.close()
            self._stream = None


class Reporter:
    #: this output never shows source lines, so a cached run need not read unchanged files
    needs_source = False

    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        # per level, the first findings in preferred files and the first in the others
        self.kept: dict[str, tuple[list[Finding], list[Finding]]] = {}
        self.total = 0
        self.grouped = False
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        self.summary = StepSummary(path) if path else None

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        w = self.stream.write
        preferred = self.options.preferred
        side = 0 if preferred and os.path.realpath(path) in preferred else 1
        for f in findings:
            if not self.grouped:
                w("::group::exolint findings\n")
                self.grouped = True
            w(f"{f.path}:{f.start.line}:{f.start.column}: {f.rule} [{f.severity}] {f.message}\n")
            kept = self.kept.setdefault(f.severity, ([], []))[side]
            if len(kept) < MAX_PER_LEVEL:
                kept.append(f)
            self.total += 1
        if self.summary is not None:
            self.summary.add(findings)

    def finish(self, summary: RunSummary) -> None:
        w = self.stream.write
        if self.grouped:
            w("::endgroup::\n")
        if self.options.statistics:
            write_statistics(self.stream, summary, self.options.rules)
        lines = [error_annotation(e) for e in summary.errors[:MAX_PER_LEVEL]]
        budget = {"error": MAX_PER_LEVEL - len(lines), "warning": MAX_PER_LEVEL, "info": MAX_PER_LEVEL}
        kept = {sev: first + rest for sev, (first, rest) in self.kept.items()}
        shown = sum(min(len(kept.get(s, [])), budget[s]) for s in budget) + len(lines)
        hidden = self.total + len(summary.errors) - shown
        if hidden:
            # the count itself is a notice: keep room for it among the 10 notices
            budget["info"] -= 1
        for sev in ("error", "warning", "info"):
            lines += [annotation(f) for f in kept.get(sev, [])[:max(0, budget[sev])]]
        hidden = self.total + len(summary.errors) - len(lines)
        for line in lines:
            w(line)
        if hidden:
            w(f"::notice title=exolint::{hidden} more problem(s) not shown as annotations "
              f"(GitHub shows at most {MAX_PER_LEVEL} per level); see the log above or the job summary.\n")
        if self.summary is not None:
            self.summary.finish(summary.files, summary.errors)
        if self.total:
            w(f"Found {self.total} problem{'s' if self.total != 1 else ''} in {summary.files} "
              f"file{'s' if summary.files != 1 else ''}.\n")
