"""`full`: each finding with its source line, an underline of the span, related locations and the fix."""
from __future__ import annotations

from typing import IO

from ..finding import Finding
from . import ReportOptions, RunSummary, write_statistics


def _line_text(lines: list[str], n: int) -> str:
    return lines[n - 1] if 0 < n <= len(lines) else ""


class Reporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        lines = source.splitlines() if source is not None else []
        w = self.stream.write
        for f in findings:
            w(f"{f.path}:{f.start.line}:{f.start.column}: {f.rule} [{f.severity}] {f.message}\n")
            line = _line_text(lines, f.start.line)
            if line:
                end_col = f.end.column if f.end.line == f.start.line else len(line) + 1
                width = max(1, end_col - f.start.column)
                w(f"  {f.start.line:>5} | {line}\n")
                w(f"        | {' ' * (f.start.column - 1)}{'^' * width}\n")
            for r in f.related:
                w(f"  related: {f.path}:{r.start.line}:{r.start.column}: {r.message}\n")
            if f.fix:
                kind = "safe fix" if f.fix.safe else "unsafe fix"
                for rep in f.fix.replacements:
                    w(f"  {kind}: replace with {rep.text!r}\n")
            w(f"  help: exolint explain {f.rule}\n\n")

    def finish(self, summary: RunSummary) -> None:
        if self.options.statistics:
            write_statistics(self.stream, summary, self.options.rules)
        if summary.findings:
            self.stream.write(f"Found {summary.findings} problem(s) in {summary.files} file(s).\n")
