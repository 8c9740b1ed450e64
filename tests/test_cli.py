"""The command line: exit codes, the JSON contract, stdin, bad files next to good ones."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from exolint import __version__
from exolint.cli import main

BAD = "Our new peel is absolutely safe for every skin type.\n"
GOOD = "Every treatment carries some risk; ask about bruising and infection.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output.strip() == f"exolint {__version__}"


def test_exit_codes(pages):
    assert run("check", "--select", "EXO401", pages / "good.txt").exit_code == 0
    r = run("check", "--select", "EXO401", pages / "bad.txt")
    assert r.exit_code == 1
    assert f"{pages / 'bad.txt'}:1:17: EXO401 [error]" in r.output
    assert run("check", "--select", "EXO401", "--exit-zero", pages / "bad.txt").exit_code == 0
    assert run("check", "--select", "EXO401", "--fail-on", "error", pages / "bad.txt").exit_code == 1
    assert run("check", "--format", "nope", pages / "bad.txt").exit_code == 2
    assert run("check", pages / "missing.txt").exit_code == 2
    assert run("check").exit_code == 2


def test_fail_on_threshold_above_the_findings(pages, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        "id: TST900\nname: note\nkind: pattern\ncategory: other\nseverity: info\nmessage: m\n"
        "description: d\npatterns: [peel]\nexamples:\n  bad: ['a «peel»', 'the «peel»']\n  good: [a, b]\n",
        encoding="utf-8")
    r = run("check", "--no-builtin-rules", "--rules", rules, "--fail-on", "warning", pages / "bad.txt")
    assert r.exit_code == 0 and "TST900" in r.output


def test_json_contract(pages):
    r = run("check", "--select", "EXO401", "--format", "json", pages / "bad.txt", pages / "good.txt")
    data = json.loads(r.output)
    assert data["version"] == 1 and data["tool"] == {"name": "exolint", "version": __version__}
    (f,) = data["findings"]
    assert f["path"] == str(pages / "bad.txt")
    assert f["rule"] == "EXO401" and f["category"] == "absolute-safety-claim" and f["severity"] == "error"
    assert f["start"] == {"line": 1, "column": 17, "offset": 16}
    assert f["end"] == {"line": 1, "column": 32, "offset": 31}
    assert f["related"] == [] and f["fix"] is None
    assert data["errors"] == []


def test_directory_walk_paths_are_joined_under_the_argument(pages):
    (pages / ".hidden").mkdir()
    (pages / ".hidden" / "x.txt").write_text(BAD, encoding="utf-8")
    (pages / "node_modules").mkdir()
    (pages / "node_modules" / "y.txt").write_text(BAD, encoding="utf-8")
    (pages / "ignored.txt").write_text(BAD, encoding="utf-8")
    (pages / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (pages / "notes.py").write_text("x = 'absolutely safe'\n", encoding="utf-8")
    r = run("check", "--select", "EXO401", "--format", "json", pages)
    assert [f["path"] for f in json.loads(r.output)["findings"]] == [str(pages / "bad.txt")]


def test_stdin_with_filename():
    r = run("check", "--select", "EXO401", "--stdin-filename", "page.md", "-", input="# T\n\nIt is absolutely safe.\n")
    assert r.exit_code == 1 and "page.md:3:7: EXO401" in r.output


def test_undecodable_file_is_an_error_and_the_others_are_still_linted(pages):
    (pages / "latin1.txt").write_bytes("Caf\xe9 peel, absolutely safe.\n".encode("latin-1"))
    r = subprocess.run([sys.executable, "-m", "exolint", "check", "--select", "EXO401", "--format", "json",
                        str(pages / "latin1.txt"), str(pages / "bad.txt")], capture_output=True, text=True)
    assert r.returncode == 2
    data = json.loads(r.stdout)
    assert [f["path"] for f in data["findings"]] == [str(pages / "bad.txt")]
    (err,) = data["errors"]
    assert err["path"] == str(pages / "latin1.txt") and "--encoding" in err["message"]
    assert "Traceback" not in r.stderr and "--encoding" in r.stderr
    r = subprocess.run([sys.executable, "-m", "exolint", "check", "--select", "EXO401", "--encoding", "latin-1",
                        str(pages / "latin1.txt")], capture_output=True, text=True)
    assert r.returncode == 1 and "latin1.txt:1:12: EXO401" in r.stdout


def test_binary_file_is_skipped_with_a_notice(pages):
    (pages / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = subprocess.run([sys.executable, "-m", "exolint", "check", "--select", "EXO401", str(pages / "image.txt"),
                        str(pages / "good.txt")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "binary file skipped" in r.stderr


def test_malformed_rule_file_exits_2_with_positions(tmp_path, pages):
    rules = tmp_path / "badrules"
    rules.mkdir()
    (rules / "x.yaml").write_text("id: BAD1\nname: X Y\nkind: pattern\nseverity: eror\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "exolint", "check", "--rules", str(rules), str(pages / "good.txt")],
                       capture_output=True, text=True)
    assert r.returncode == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith(str(rules / "x.yaml"))]
    assert any(":1:5: id:" in ln for ln in lines) and any(":4:11: severity:" in ln for ln in lines)
    assert any("'category' is a required property" in ln for ln in lines)
    assert "Traceback" not in r.stderr


def test_rules_explain_and_test_rules():
    r = run("rules")
    assert r.exit_code == 0 and "EXO401" in r.output
    r = run("explain", "EXO401")
    assert r.exit_code == 0 and "Why it matters" in r.output and "«" in r.output
    assert run("explain", "absolute-safety-claim").exit_code == 0
    assert run("explain", "NOPE999").exit_code == 2
    r = run("explain", "pattern")
    assert r.exit_code == 0 and "exceptions" in r.output
    r = run("test-rules")
    assert r.exit_code == 0, r.output


def test_github_format_annotates_a_pull_requests_files_first(tmp_path, pull_request_repo, monkeypatch):
    old = "".join(f"Note {i}. {BAD}\n" for i in range(11))  # eleven errors, one more than GitHub shows
    repo, head = pull_request_repo({"archive.txt": old}, {"offer.txt": BAD}, {"other.txt": GOOD})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"head": {"sha": head}}}), encoding="utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))

    def annotated(event_name: str) -> list[str]:
        monkeypatch.setenv("GITHUB_EVENT_NAME", event_name)
        r = run("check", "--no-cache", "--select", "EXO401", "--format", "github", ".")
        assert r.exit_code == 1, r.output
        return [line.split(",")[0] for line in r.output.splitlines() if line.startswith("::error ")]

    assert annotated("pull_request") == ["::error file=offer.txt"] + ["::error file=archive.txt"] * 9
    assert annotated("push") == ["::error file=archive.txt"] * 10  # file order: the new page is cut off
