"""A third-party plugin distribution, installed for real into a fresh virtualenv, adds a format,
a rule kind and a rule pack through the `exolint` entry-point group."""
import json
import shutil
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "thirdparty" / "exolint-demo-plugin"

pytestmark = pytest.mark.slow


@pytest.fixture
def plugin_venv(fresh_venv, tmp_path):
    src = tmp_path / "plugin-src"
    shutil.copytree(PLUGIN, src)
    fresh_venv.pip_install("exolint")
    fresh_venv.pip_install(str(src))
    return fresh_venv


def test_plugin_adds_format_kind_and_pack(plugin_venv, tmp_path):
    f = tmp_path / "page.claims"
    f.write_text("; a comment line WHICH IS NOT PROSE\nOur SERUM is new.\nNothing loud here.\n", encoding="utf-8")
    r = plugin_venv.run(plugin_venv.bin / "exolint", "check", "--format", "json", f)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert [(x["rule"], x["start"]["line"], x["start"]["column"]) for x in data["findings"]] == [("DEM001", 2, 5)]
    r = plugin_venv.run(plugin_venv.bin / "exolint", "rules")
    assert "DEM001" in r.stdout
    r = plugin_venv.run(plugin_venv.bin / "exolint", "explain", "shout")
    assert "min_length" in r.stdout
    r = plugin_venv.run(plugin_venv.bin / "exolint", "test-rules")
    assert r.returncode == 0, r.stdout + r.stderr


def test_autoload_can_be_turned_off(plugin_venv, tmp_path):
    r = plugin_venv.run(plugin_venv.bin / "exolint", "rules", env={"EXOLINT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert r.returncode == 0 and "DEM001" not in r.stdout


def test_plugin_that_fails_at_import_gives_a_named_warning(fresh_venv, tmp_path):
    src = tmp_path / "broken"
    shutil.copytree(PLUGIN, src)
    init = src / "exolint_demo" / "__init__.py"
    init.write_text("raise RuntimeError('demo plugin is broken')\n", encoding="utf-8")
    fresh_venv.pip_install("exolint")
    fresh_venv.pip_install(str(src))
    page = tmp_path / "ok.txt"
    page.write_text("A plain sentence.\n", encoding="utf-8")
    r = fresh_venv.run(fresh_venv.bin / "exolint", "check", page)
    assert r.returncode == 0, r.stderr
    assert "plugin 'demo'" in r.stderr and "exolint-demo-plugin 0.3.0" in r.stderr
    assert "demo plugin is broken" in r.stderr
