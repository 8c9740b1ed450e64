"""Which files a pull request changes, told from the checkout the workflow made.

GitHub shows only 10 annotations per level, so on a site with old findings the ones a pull request
brings could be crowded out; the github reporter puts findings in these files first
(`ReportOptions.preferred`). The answer comes from git alone, with no token or network: on a
`pull_request` event, `actions/checkout` checks out GitHub's merge commit of the pull request,
whose first parent is the base branch and whose second is the pull request's head, so the change
is the diff between the merge commit and its first parent. That needs both parents in the clone
(`fetch-depth: 2`); the default shallow clone of depth 1 has none, and then the order stays as it
was. A checkout of anything else (a push, `pull_request_target`, another ref) has no such commit.
"""
from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Mapping

PULL_REQUEST_EVENTS = ("pull_request",)


class NotAPullRequestMerge(Exception):
    """The checkout is not one whose change can be told; the message says why, for the log."""


def _git(cwd: str, *args: str) -> str:
    try:
        # paths as the file system spells them (git prints them raw with -z), undecodable bytes kept
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, encoding="utf-8",
                              errors="surrogateescape", timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NotAPullRequestMerge(f"git could not run: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        raise NotAPullRequestMerge(f"git {args[0]} failed: {said[-1] if said else f'exit status {done.returncode}'}")
    return done.stdout


def head_sha(env: Mapping[str, str]) -> str | None:
    """The pull request's head commit from the event payload, or None when this is no pull request."""
    if env.get("GITHUB_EVENT_NAME") not in PULL_REQUEST_EVENTS or not env.get("GITHUB_EVENT_PATH"):
        return None
    try:
        with open(env["GITHUB_EVENT_PATH"], encoding="utf-8") as fh:
            sha = json.load(fh)["pull_request"]["head"]["sha"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) else None


def changed_files(head: str, cwd: str = ".") -> frozenset[str]:
    """Real absolute paths of the files added or modified by the pull request whose head commit
    is `head` (deleted ones have no findings). Raises `NotAPullRequestMerge` when the checkout
    cannot tell."""
    top = _git(cwd, "rev-parse", "--show-toplevel").strip()
    if _git(cwd, "rev-parse", "HEAD").strip() == head:
        raise NotAPullRequestMerge("the pull request's head is checked out, not GitHub's merge commit")
    try:
        second = _git(cwd, "rev-parse", "--verify", "--quiet", "HEAD^2").strip()
    except NotAPullRequestMerge:
        raise NotAPullRequestMerge("the checkout has no merge commit with both parents "
                                   "(actions/checkout with fetch-depth: 2 gives it)") from None
    if second != head:
        raise NotAPullRequestMerge("the checked-out commit is not the pull request's merge commit")
    names = _git(cwd, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "HEAD^1", "HEAD")
    return frozenset(os.path.realpath(os.path.join(top, n)) for n in names.split("\0") if n)


def preferred_files(env: Mapping[str, str], say: Callable[[str], object]) -> frozenset[str]:
    """The files whose findings the github reporter annotates first: those the pull request
    changes; none outside a pull request, or when the checkout cannot tell (then `say` why)."""
    head = head_sha(env)
    if head is None:
        return frozenset()
    try:
        return changed_files(head)
    except NotAPullRequestMerge as exc:
        say(f"exolint: annotations are not ordered by the files this pull request changes: {exc}\n")
        return frozenset()


__all__ = ["NotAPullRequestMerge", "changed_files", "head_sha", "preferred_files"]
