"""`json`: the versioned contract other tools and our tests rely on (see docs/json-output.md).

    {"version": 1, "tool": {"name": "exolint", "version": "..."}, "findings": [...], "errors": [...]}

Findings are written as they arrive, so memory stays flat on large runs.
"""
from __future__ import annotations

import json
from typing import IO

from ..finding import Finding
from . import ReportOptions, RunSummary

JSON_VERSION = 1


class Reporter:
    #: this output never shows source lines, so a cached run need not read unchanged files
    needs_source = False

    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.first = True
        head = {"version": JSON_VERSION, "tool": {"name": "exolint", "version": options.version}}
        stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "findings": [')

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        for f in findings:
            self.stream.write(("\n  " if self.first else ",\n  ") + json.dumps(f.to_json(), ensure_ascii=False))
            self.first = False

    def finish(self, summary: RunSummary) -> None:
        errors = json.dumps([e.to_json() for e in summary.errors], ensure_ascii=False)
        self.stream.write(("\n" if not self.first else "") + '], "errors": ' + errors + "}\n")
