"""`concise`: one line per finding, `path:line:col: RULE [severity] message`, for terminals and editors."""
from __future__ import annotations

from typing import IO

from ..finding import Finding
from . import ReportOptions, RunSummary, write_statistics


class Reporter:
    #: this output never shows source lines, so a cached run need not read unchanged files
    needs_source = False

    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        w = self.stream.write
        for f in findings:
            w(f"{f.path}:{f.start.line}:{f.start.column}: {f.rule} [{f.severity}] {f.message}\n")

    def finish(self, summary: RunSummary) -> None:
        if self.options.statistics:
            write_statistics(self.stream, summary, self.options.rules)
        n = summary.findings
        if n:
            self.stream.write(f"Found {n} problem{'s' if n != 1 else ''} in "
                              f"{summary.files} file{'s' if summary.files != 1 else ''}.\n")
