"""A progress counter on stderr for long runs, only for a person watching a terminal.

CI logs and piped output never get it: carriage-return redraws turn into hundreds of lines there.
"""
from __future__ import annotations

import os
import sys
import time
from typing import IO

#: runs with fewer files finish before a counter would help
MIN_FILES = 20
_CI_VARS = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")


def wanted(stream: IO[str] | None = None, total: int = MIN_FILES) -> bool:
    """Whether to draw: a terminal, not CI, not switched off, and enough files to be worth it."""
    stream = stream if stream is not None else sys.stderr
    if total < MIN_FILES or os.environ.get("EXOLINT_NO_PROGRESS"):
        return False
    if any(os.environ.get(v) for v in _CI_VARS):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """`[n/total] path` redrawn in place at most ten times a second; `close` wipes the line."""

    def __init__(self, total: int, stream: IO[str] | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = wanted(self.stream, total) if enabled is None else enabled
        self.done = 0
        self._last = 0.0
        self._width = 0

    def advance(self, path: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        text = f"[{self.done}/{self.total}] {path}"[:78]
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
