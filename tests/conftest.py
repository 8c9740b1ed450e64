"""Shared fixtures: the hypothesis profile, a wheelhouse built once per run, fresh virtualenvs."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests must stay green on a slow, loaded 2-core CI machine: no deadlines there.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> Path:
    """Wheels of exolint and all its dependencies, built once per test run.

    Tests that install into fresh virtualenvs (the wheel test, the third-party plugin test,
    pre-commit) install from here with --no-index, so the suite does not download the same
    packages again and again.
    """
    env_dir = os.environ.get("EXOLINT_TEST_WHEELHOUSE")
    if env_dir and any(Path(env_dir).glob("exolint-*.whl")):
        return Path(env_dir)
    out = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                    "-w", str(out), str(ROOT)], check=True)
    # setuptools and wheel, so local source packages (test plugins) can build offline too
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                    "-w", str(out), "setuptools>=68", "wheel"], check=True)
    return out


@pytest.fixture
def fresh_venv(tmp_path, wheelhouse):
    """A new virtualenv with a `pip_install(*args)` that installs only from the wheelhouse."""

    class Venv:
        def __init__(self, path: Path) -> None:
            venv.EnvBuilder(with_pip=True).create(path)
            self.path = path
            self.bin = path / ("Scripts" if os.name == "nt" else "bin")
            self.python = self.bin / "python"

        def pip_install(self, *args: str) -> None:
            subprocess.run([str(self.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                            "--no-index", "--find-links", str(wheelhouse), *args], check=True)

        def run(self, *args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
            e = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
            e.update(env or {})
            return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=e)

    return Venv(tmp_path / "venv")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=exolint tests", "-c", "user.email=tests@example.invalid",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _commit(repo: Path, files: dict[str, str | None], message: str) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            _git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _git(repo, "add", name)
    _git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def pull_request_repo(tmp_path: Path):
    """Make a git repository shaped like GitHub's pull-request merge: `make(base, change, later)`
    commits `base` on main, `change` on a branch (None deletes a file), `later` on main after the
    branch left, then merges the branch with a merge commit. Returns (repo, the branch's head sha),
    HEAD at the merge commit, whose first parent is main and second the pull request's head."""
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def make(base: dict[str, str], change: dict[str, str | None], later: dict[str, str]) -> tuple[Path, str]:
        repo = tmp_path / "repo"
        repo.mkdir()
        _git(repo, "init", "-q")
        _commit(repo, base, "base")
        _git(repo, "checkout", "-q", "-b", "pr")
        _commit(repo, change, "the pull request")
        head = _git(repo, "rev-parse", "HEAD")
        _git(repo, "checkout", "-q", "main")
        if later:
            _commit(repo, later, "main moves on")
        _git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request", "pr")
        return repo, head

    return make
