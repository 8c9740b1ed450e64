"""The bundled example pages: what the README's first command shows, and --fix on them."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from exolint.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_readme_command_reports_exact_positions_in_every_format():
    r = CliRunner().invoke(main, ["check", "--no-cache", str(EXAMPLES)])
    assert r.exit_code == 1  # the README says so: the example has findings
    lines = [ln for ln in r.output.splitlines() if ": EXO" in ln]
    for ext in ("txt", "md", "html"):
        mine = [ln for ln in lines if f"clinic-page.{ext}:" in ln]
        assert len(mine) >= 8, (ext, mine)
    # the same claim, located exactly in each format
    for _ext, where in (("txt", "clinic-page.txt:5:5: EXO301"), ("md", "clinic-page.md:13:7: EXO301"),
                       ("html", "clinic-page.html:13:13: EXO301")):
        assert any(where in ln for ln in lines), where


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_twice_changes_nothing_the_second_time(tmp_path, unsafe):
    pages = tmp_path / "examples"
    shutil.copytree(EXAMPLES, pages)
    args = ["check", "--no-cache", "--fix", *(["--unsafe-fixes"] if unsafe else []), str(pages)]
    before = {p.name: p.read_bytes() for p in pages.iterdir()}
    CliRunner().invoke(main, args)
    once = {p.name: p.read_bytes() for p in pages.iterdir()}
    assert once != before
    assert "Human Medicines Regulations 2012" in (pages / "clinic-page.md").read_text(encoding="utf-8")
    CliRunner().invoke(main, args)
    twice = {p.name: p.read_bytes() for p in pages.iterdir()}
    assert twice == once
    assert sorted(p.name for p in pages.iterdir()) == sorted(before)  # no temporary files left
