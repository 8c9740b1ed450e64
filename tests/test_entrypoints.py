"""The stored list of `exolint` entry points is never stale: installing, upgrading, editing or
removing a distribution on `sys.path` is seen on the next run, and it matches importlib.metadata."""
from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points

import pytest

from exolint import entrypoints
from exolint.entrypoints import exolint_entry_points, installed_state


def _install(site, dist: str, version: str, eps: dict[str, str]) -> None:
    info = site / f"{dist}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    lines = "".join(f"{k} = {v}\n" for k, v in eps.items())
    (info / "entry_points.txt").write_text(f"[exolint]\n{lines}", encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A private site folder first on sys.path, with a plugin module to load."""
    d = tmp_path / "site"
    d.mkdir()
    (d / "demo_ep_plugin.py").write_text("class Hooks:\n    class Inner:\n        pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(d))
    importlib.invalidate_caches()
    yield d
    sys.modules.pop("demo_ep_plugin", None)


def _names(eps) -> list[tuple[str, str]]:
    return [(e.name, e.value) for e in eps]


def _ours(site_dir) -> list[tuple[str, str]]:
    """What importlib.metadata finds (after clearing its directory-listing memo)."""
    importlib.invalidate_caches()
    return [(e.name, e.value) for e in entry_points(group="exolint")]


def test_stored_list_follows_installs_upgrades_edits_and_removals(site, tmp_path):
    cache = tmp_path / "cache"
    assert _names(exolint_entry_points(cache)) == _ours(site)
    _install(site, "demo_a", "1.0", {"demo": "demo_ep_plugin:Hooks"})
    got = exolint_entry_points(cache)
    assert ("demo", "demo_ep_plugin:Hooks") in _names(got) and _names(got) == _ours(site)
    assert [e.dist.name for e in got if e.name == "demo"] == ["demo_a"]
    # served from the stored list: the same answer without scanning
    stored = entrypoints._read(entrypoints._store_path(cache), installed_state())
    assert stored is not None and _names(stored) == _names(got)

    # an upgrade replaces the dist-info folder (the version is in its name)
    import shutil

    shutil.rmtree(site / "demo_a-1.0.dist-info")
    _install(site, "demo_a", "2.0", {"demo": "demo_ep_plugin:Hooks.Inner"})
    got = exolint_entry_points(cache)
    assert ("demo", "demo_ep_plugin:Hooks.Inner") in _names(got) and _names(got) == _ours(site)
    assert [e.dist.version for e in got if e.name == "demo"] == ["2.0"]

    # an in-place rewrite of entry_points.txt (an editable reinstall), same size, newer mtime
    f = site / "demo_a-2.0.dist-info" / "entry_points.txt"
    f.write_text("[exolint]\ndemx = demo_ep_plugin:Hooks.Inner\n", encoding="utf-8")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    got = exolint_entry_points(cache)
    assert ("demx", "demo_ep_plugin:Hooks.Inner") in _names(got) and _names(got) == _ours(site)

    shutil.rmtree(site / "demo_a-2.0.dist-info")
    got = exolint_entry_points(cache)
    assert all(n not in ("demo", "demx") for n, _ in _names(got)) and _names(got) == _ours(site)


def test_load_walks_module_and_attributes(site, tmp_path):
    _install(site, "demo_b", "1.0", {"b": "demo_ep_plugin:Hooks.Inner [extra]", "m": "demo_ep_plugin"})
    cache = tmp_path / "cache"
    for _ in range(2):  # scanned, then stored
        got = {e.name: e for e in exolint_entry_points(cache)}
        mod = importlib.import_module("demo_ep_plugin")
        assert got["b"].load() is mod.Hooks.Inner
        assert got["m"].load() is mod


def test_corrupt_or_foreign_store_is_rescanned(site, tmp_path):
    cache = tmp_path / "cache"
    _install(site, "demo_c", "1.0", {"c": "demo_ep_plugin:Hooks"})
    exolint_entry_points(cache)
    path = entrypoints._store_path(cache)
    for bad in ('{"format": 1, "state": "%s", "entry_points": [[1, 2, 3, 4]]}' % installed_state(),
                "not json", '{"format": 99}'):
        path.write_text(bad, encoding="utf-8")
        assert _names(exolint_entry_points(cache)) == _ours(site)


def test_no_cache_dir_or_a_distribution_finding_hook_always_scans(site, tmp_path, monkeypatch):
    _install(site, "demo_d", "1.0", {"d": "demo_ep_plugin:Hooks"})
    assert _names(exolint_entry_points(None)) == _ours(site)
    assert not (tmp_path / "cache").exists()

    class Finder:
        @staticmethod
        def find_spec(*args, **kwargs):
            return None

        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert installed_state() is None
    assert _names(exolint_entry_points(tmp_path / "cache")) == _ours(site)
    assert not (tmp_path / "cache").exists()
