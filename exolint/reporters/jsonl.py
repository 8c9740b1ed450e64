"""`jsonl`: one JSON object per line, for `jq`, log shippers and tools that read a stream.

Every line is a complete object with a `type`:

- `{"type": "finding", ...}`: the keys of a finding in the `json` format (path, rule, name, category,
  severity, message, start, end, related, fix), written as soon as its file is done;
- `{"type": "error", "path": ..., "message": ..., "rule"?: ...}`: a file that could not be read or a
  rule that failed, written at the end of the run, after all findings.

There is no header or trailer line, so a consumer can read the stream line by line and stop anywhere;
the schema version is the `json` format's (`JSON_VERSION`) and changes with it.
"""
from __future__ import annotations

import json
from typing import IO

from ..finding import Finding
from . import ReportOptions, RunSummary


def _line(kind: str, body: dict) -> str:
    return json.dumps({"type": kind, **body}, ensure_ascii=False) + "\n"


class Reporter:
    #: this output never shows source lines, so a cached run need not read unchanged files
    needs_source = False

    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        for f in findings:
            self.stream.write(_line("finding", f.to_json()))
        if findings:
            self.stream.flush()

    def finish(self, summary: RunSummary) -> None:
        for e in summary.errors:
            self.stream.write(_line("error", e.to_json()))
        self.stream.flush()
