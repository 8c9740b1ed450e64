"""exolint.ci.changed on real git checkouts shaped like the ones actions/checkout makes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exolint.ci.changed import NotAPullRequestMerge, changed_files, head_sha, preferred_files

BASE = {"docs/kept.md": "# Kept\n\nUnchanged page.\n", "docs/edited.md": "# Edited\n\nFirst wording.\n",
        "docs/gone.md": "# Gone\n\nA page the pull request deletes.\n"}
CHANGE = {"docs/edited.md": "# Edited\n\nSecond wording.\n", "docs/new page.md": "# New\n\nAdded.\n",
          "docs/gone.md": None}
LATER = {"docs/main-only.md": "# Main\n\nCommitted on main while the pull request was open.\n"}


def _event(tmp_path: Path, sha: str, name: str = "pull_request") -> dict[str, str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"pull_request": {"head": {"sha": sha}}}), encoding="utf-8")
    return {"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(path)}


def _clone(repo: Path, dest: Path, depth: int) -> Path:
    # file:// so that --depth is honoured (a plain local path clones everything)
    subprocess.run(["git", "clone", "-q", f"--depth={depth}", f"file://{repo}", str(dest)], check=True,
                   capture_output=True)
    return dest


def test_the_pull_requests_added_and_modified_files(tmp_path: Path, pull_request_repo) -> None:
    repo, head = pull_request_repo(BASE, CHANGE, LATER)
    got = changed_files(head, cwd=str(repo))
    # not the deleted page, not the page main gained meanwhile, not the unchanged one
    assert got == {os.path.realpath(repo / "docs" / n) for n in ("edited.md", "new page.md")}


def test_from_a_subfolder_paths_are_still_absolute(tmp_path: Path, pull_request_repo) -> None:
    repo, head = pull_request_repo(BASE, CHANGE, {})
    got = changed_files(head, cwd=str(repo / "docs"))
    assert os.path.realpath(repo / "docs" / "edited.md") in got and len(got) == 2


def test_depth_two_clone_is_enough_depth_one_is_not(tmp_path: Path, pull_request_repo) -> None:
    repo, head = pull_request_repo(BASE, CHANGE, LATER)
    deep = _clone(repo, tmp_path / "depth2", 2)
    assert changed_files(head, cwd=str(deep)) == {
        os.path.realpath(deep / "docs" / n) for n in ("edited.md", "new page.md")}
    shallow = _clone(repo, tmp_path / "depth1", 1)
    with pytest.raises(NotAPullRequestMerge, match="fetch-depth: 2"):
        changed_files(head, cwd=str(shallow))


def test_other_checkouts_are_refused(tmp_path: Path, pull_request_repo) -> None:
    repo, head = pull_request_repo(BASE, CHANGE, LATER)
    with pytest.raises(NotAPullRequestMerge, match="not the pull request's merge commit"):
        changed_files("f" * 40, cwd=str(repo))
    subprocess.run(["git", "checkout", "-q", head], cwd=repo, check=True)  # `ref: head sha` in the workflow
    with pytest.raises(NotAPullRequestMerge, match="the pull request's head is checked out"):
        changed_files(head, cwd=str(repo))
    with pytest.raises(NotAPullRequestMerge, match="git rev-parse failed: .*not a git repository"):
        changed_files(head, cwd=str(tmp_path))  # not a repository at all


def test_preferred_files_says_why_not_only_on_a_pull_request(tmp_path: Path, pull_request_repo,
                                                            monkeypatch) -> None:
    repo, head = pull_request_repo(BASE, CHANGE, {})
    monkeypatch.chdir(repo)
    said: list[str] = []
    assert preferred_files(_event(tmp_path, head), said.append) == {
        os.path.realpath(repo / "docs" / n) for n in ("edited.md", "new page.md")}
    assert preferred_files(_event(tmp_path, head, name="push"), said.append) == frozenset()
    assert said == []  # outside a pull request there is nothing to explain
    assert preferred_files(_event(tmp_path, "f" * 40), said.append) == frozenset()
    assert len(said) == 1 and "not the pull request's merge commit" in said[0]


def test_head_sha_reads_the_event_payload(tmp_path: Path) -> None:
    assert head_sha(_event(tmp_path, "a" * 40)) == "a" * 40
    assert head_sha(_event(tmp_path, "a" * 40, name="pull_request_target")) is None
    assert head_sha({"GITHUB_EVENT_NAME": "pull_request"}) is None
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert head_sha({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(tmp_path / "broken.json")}) is None


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="needs file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8(tmp_path: Path, pull_request_repo) -> None:
    name = os.fsdecode(b"docs/caf\xe9.md")  # Latin-1 bytes, kept as surrogates
    repo, head = pull_request_repo(BASE, {name: "# Caf\n\nAdded.\n"}, {})
    assert changed_files(head, cwd=str(repo)) == {os.path.realpath(repo / name)}
