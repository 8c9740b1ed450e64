"""The built wheel really ships `rules/` and `plugins/`: install it into a fresh virtualenv and lint."""
import json

import pytest

pytestmark = pytest.mark.slow


def test_installed_wheel_lints_markdown_and_html(fresh_venv, tmp_path):
    fresh_venv.pip_install("exolint")
    md = tmp_path / "page.md"
    md.write_text("# Offer\n\nOur peel is **absolutely safe** for everyone.\n", encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text("<html><body><p>The cream is absolutely&nbsp;safe.</p></body></html>\n", encoding="utf-8")
    r = fresh_venv.run(fresh_venv.bin / "exolint", "check", "--format", "json", "--select", "EXO401", md, html,
                       cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    found = {(f["path"].rsplit("/", 1)[-1], f["start"]["line"], f["start"]["column"], f["rule"])
             for f in json.loads(r.stdout)["findings"]}
    assert found == {("page.md", 3, 15, "EXO401"), ("page.html", 1, 29, "EXO401")}
    r = fresh_venv.run(fresh_venv.bin / "exolint", "test-rules", cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    r = fresh_venv.run(fresh_venv.python, "-c",
                       "import exolint, exolint.plugins.markdown, exolint.rules; print(exolint.__version__)",
                       cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip()
