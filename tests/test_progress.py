"""The progress counter: only for a person at a terminal, never in CI logs or pipes."""
from __future__ import annotations

import io

from exolint.progress import MIN_FILES, Progress, wanted


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_written_when_stderr_is_not_a_tty(monkeypatch):
    for v in ("CI", "GITHUB_ACTIONS", "EXOLINT_NO_PROGRESS"):
        monkeypatch.delenv(v, raising=False)
    stream = io.StringIO()
    with Progress(500, stream) as p:
        for i in range(500):
            p.advance(f"page{i}.md")
    assert stream.getvalue() == ""


def test_nothing_is_written_in_ci_even_on_a_tty(monkeypatch):
    monkeypatch.setenv("CI", "true")
    stream = Tty()
    with Progress(500, stream) as p:
        p.advance("a.md")
    assert stream.getvalue() == "" and not wanted(stream, 500)


def test_a_terminal_gets_a_counter_that_is_wiped_at_the_end(monkeypatch):
    for v in ("CI", "GITHUB_ACTIONS", "EXOLINT_NO_PROGRESS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL"):
        monkeypatch.delenv(v, raising=False)
    stream = Tty()
    p = Progress(MIN_FILES, stream)
    p.advance("a.md")
    assert "\r[1/%d] a.md" % MIN_FILES in stream.getvalue()
    p.close()
    assert stream.getvalue().endswith("\r")


def test_short_runs_show_nothing(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert not wanted(Tty(), MIN_FILES - 1)
